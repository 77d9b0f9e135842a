import io
from unittest import mock

import pytest
from django.core.management import call_command
from PIL import Image

from articles import images
from tests.base import make_article, make_photo

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("size", "focal", "box"),
    [
        ((3000, 1000), (0.5, 0.5), (750, 0, 2250, 1000)),
        ((3000, 1000), (0.9, 0.5), (1500, 0, 3000, 1000)),
        ((3000, 1000), (0.0, 0.5), (0, 0, 1500, 1000)),
        ((1000, 1500), (0.5, 0.1), (0, 0, 1000, 667)),
        ((1000, 1500), (0.5, 0.5), (0, 416, 1000, 1083)),
        ((1000, 1500), (0.5, 1.0), (0, 833, 1000, 1500)),
    ],
)
def test_crops_keep_the_focal_point_in_view(size, focal, box):
    assert images.crop_box(*size, *focal) == box


def open_rendition(photo, name):
    with photo.image.storage.open(name) as file:
        image = Image.open(io.BytesIO(file.read()))
        image.load()
        return image


def test_renditions_come_in_three_widths_as_webp_and_jpeg():
    photo = make_photo(size=(2400, 1200))

    for kind, height_of in (
        ("crop", lambda w: round(w / 1.5)),
        ("full", lambda w: w // 2),
    ):
        for extension, pillow_format in (("webp", "WEBP"), ("jpg", "JPEG")):
            entries = photo.renditions[kind][extension]
            assert [(w, h) for w, h, _name in entries] == [
                (w, height_of(w)) for w in (480, 960, 1600)
            ]
            for width, height, name in entries:
                image = open_rendition(photo, name)
                assert image.format == pillow_format
                assert image.size == (width, height)


def test_a_small_photo_is_never_enlarged():
    photo = make_photo(size=(600, 400))

    widths = [w for w, _h, _name in photo.renditions["full"]["jpg"]]
    assert widths == [480, 600]


def test_the_focal_point_decides_the_crop():
    buffer = io.BytesIO()
    image = Image.new("RGB", (900, 300), "black")
    image.paste((255, 0, 0), (700, 0, 900, 300))  # red strip on the right
    image.save(buffer, "PNG")
    photo = make_photo(size=(900, 300), focal_x=1.0)
    with photo.image.storage.open(photo.image.name, "wb") as file:
        file.write(buffer.getvalue())

    photo.make_renditions()

    (_w, _h, name), *_ = photo.renditions["crop"]["jpg"]
    cropped = open_rendition(photo, name).convert("RGB")
    assert cropped.getpixel((cropped.width - 5, 10))[0] > 200


def test_reader_pages_never_open_an_original(client):
    photo = make_photo(size=(1200, 800))
    article = make_article(lead_photo=photo)

    with mock.patch.object(Image, "open", side_effect=AssertionError("opened")):
        response = client.get(article.get_absolute_url())
        home = client.get("/")

    assert response.status_code == home.status_code == 200


def run_regenerate(*args):
    out = io.StringIO()
    call_command("regenerate_renditions", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_regenerating_skips_current_renditions_unless_forced():
    make_photo()
    make_photo()

    assert "Created 0, skipped 2, failed 0." in run_regenerate()
    assert "Created 2, skipped 0, failed 0." in run_regenerate("--force")


def test_regenerating_shows_progress_and_counts_failures():
    outdated = make_photo()
    broken = make_photo()
    for photo in (outdated, broken):
        photo.renditions = {}
        photo.save()
    broken.image.storage.delete(broken.image.name)

    output = run_regenerate()

    assert "[###############---------------] 1/2" in output
    assert "2/2" in output
    assert "Created 1, skipped 0, failed 1." in output
    outdated.refresh_from_db()
    assert outdated.has_current_renditions()
