"""Every photo goes through one pipeline, whether added alone or in bulk."""

import io
import struct
import zlib

import pytest
from PIL import Image

from articles import images, tasks
from articles.models import GalleryPhoto, Photo
from tests.base import (
    image_bytes,
    image_upload,
    make_gallery,
    run_jobs_and_their_retries,
    stored_files,
)

pytestmark = pytest.mark.django_db

ADD_PHOTO = "/admin/articles/photo/add/"


def png_declaring(width, height):
    """A valid PNG header that promises a huge image, with no pixels behind it."""

    def chunk(kind, data):
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def animated_gif(frames, size=(100, 100)):
    images = [Image.new("RGB", size, (i * 20, 0, 0)) for i in range(frames)]
    buffer = io.BytesIO()
    images[0].save(buffer, "GIF", save_all=True, append_images=images[1:])
    return buffer.getvalue()


def noisy_jpeg(size=(400, 300)):
    buffer = io.BytesIO()
    Image.effect_noise(size, 80).convert("RGB").save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


def jpeg_with_gps():
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x8825] = {1: "N", 2: (31.0, 46.0, 0.0), 3: "E", 4: (35.0, 13.0, 0.0)}
    return image_bytes((120, 80), exif=exif.tobytes())


def jpeg_rotated_by_exif():
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: the camera was turned; rotate 90° clockwise
    return image_bytes((120, 80), exif=exif.tobytes())


REFUSED = {
    "text named .jpg": (
        image_upload("notes.jpg", b"Minutes of the council meeting.\n" * 20),
        "not_an_image",
        "The file is not a JPEG, PNG, WebP or GIF image.",
    ),
    "svg with script": (
        image_upload(
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "image/svg+xml",
        ),
        "not_an_image",
        "The file is not a JPEG, PNG, WebP or GIF image.",
    ),
    "bmp": (
        image_upload("scan.bmp", image_bytes(image_format="BMP"), "image/bmp"),
        "unsupported_format",
        "BMP images are not accepted; use JPEG, PNG, WebP or GIF.",
    ),
    "tiny file declaring 20000x20000": (
        image_upload("bomb.png", png_declaring(20_000, 20_000), "image/png"),
        "too_many_pixels",
        "The image is far larger than the limit of 50 megapixels.",
    ),
    "strip 65500x1": (
        image_upload("strip.png", image_bytes((65_500, 1), "PNG"), "image/png"),
        "too_small",
        "The image is 65500×1 pixels; each side must be at least 32 pixels.",
    ),
    "banner 4000x100": (
        image_upload("banner.jpg", image_bytes((4000, 100))),
        "too_thin",
        "The image is 4000×100 pixels, 40 times as wide as it is high; at most 10 "
        "times is accepted. Crop it and upload it again.",
    ),
    "column 100x4000": (
        image_upload("column.jpg", image_bytes((100, 4000))),
        "too_thin",
        "The image is 100×4000 pixels, 40 times as high as it is wide; at most 10 "
        "times is accepted. Crop it and upload it again.",
    ),
    "jpeg cut in half": (
        image_upload("cut.jpg", noisy_jpeg()[: len(noisy_jpeg()) // 2]),
        "damaged",
        "The image is damaged or incomplete; export it again and re-upload.",
    ),
}


@pytest.fixture(autouse=True, params=["disk", "object store"])
def media_storage(request):
    """Every upload test runs with photos on disk and in an object store."""
    if request.param == "object store":
        request.getfixturevalue("media_in_object_store")


def post_photo(client, upload, **fields):
    upload.seek(0)  # REFUSED's files are sent once for each storage
    data = {"alt_text": "", "caption": "", "credit": "", "image": upload}
    return client.post(ADD_PHOTO, data | fields)


@pytest.mark.parametrize(("upload", "code", "message"), REFUSED.values(), ids=REFUSED)
def test_a_bad_file_is_refused_with_its_reason_and_leaves_nothing(
    client, editor, settings, upload, code, message
):
    client.force_login(editor)

    response = post_photo(client, upload)

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["image"] == [message]
    assert form.has_error("image", code)
    assert Photo.objects.count() == 0
    assert stored_files() == []


def test_an_image_over_the_pixel_budget_is_refused(client, editor, settings):
    settings.PHOTO_MAX_PIXELS = 10_000
    client.force_login(editor)

    response = post_photo(client, image_upload(content=image_bytes((200, 100))))

    assert response.context["adminform"].form.errors["image"] == [
        "The image is 200×100 pixels, 0.0 megapixels in all; the limit is 0.01 "
        "megapixels."
    ]
    assert stored_files() == []


def test_an_animation_counts_the_pixels_of_every_frame(client, editor, settings):
    settings.PHOTO_MAX_PIXELS = 50_000
    client.force_login(editor)

    response = post_photo(
        client, image_upload("loop.gif", animated_gif(10), "image/gif")
    )

    assert response.context["adminform"].form.errors["image"] == [
        "The image is 100×100 pixels in 10 frames, 0.1 megapixels in all; the limit "
        "is 0.05 megapixels."
    ]
    assert Photo.objects.count() == 0


def test_a_file_over_the_size_cap_is_refused(client, editor, settings):
    settings.PHOTO_MAX_UPLOAD_BYTES = 1024
    client.force_login(editor)

    response = post_photo(client, image_upload(content=noisy_jpeg()))

    (message,) = response.context["adminform"].form.errors["image"]
    assert message.startswith("The file is ")
    assert message.endswith("; the limit is 1.0\xa0KB.")
    assert stored_files() == []


def test_a_good_photo_is_stored_with_renditions(client, editor, settings):
    client.force_login(editor)

    response = post_photo(
        client, image_upload(content=image_bytes((1200, 800))), credit="AFP"
    )

    assert response.status_code == 302
    photo = Photo.objects.get()
    assert (photo.width, photo.height) == (1200, 800)
    assert photo.uploaded_by == editor
    assert photo.image.name.startswith("photos/")
    assert photo.image.name.endswith(".jpg")
    # The upload answers before the renditions are made, by the worker.
    assert photo.status == Photo.Status.PROCESSING
    assert stored_files() == [photo.image.name]

    tasks.run_queued_jobs()

    photo.refresh_from_db()
    assert photo.status == Photo.Status.READY
    assert len(stored_files()) == 1 + 2 * 2 * 3
    assert set(stored_files()) == {photo.image.name, *photo.rendition_names()}


def test_the_extension_follows_the_content_not_the_name(client, editor):
    client.force_login(editor)

    post_photo(client, image_upload("holiday.jpg", image_bytes(image_format="PNG")))

    assert Photo.objects.get().image.name.endswith(".png")


@pytest.mark.parametrize(
    ("image_format", "extension"), [("WEBP", "webp"), ("GIF", "gif")]
)
def test_webp_and_gif_are_accepted(client, editor, image_format, extension):
    client.force_login(editor)

    post_photo(client, image_upload("x.bin", image_bytes(image_format=image_format)))

    assert Photo.objects.get().image.name.endswith(f".{extension}")


def test_location_and_camera_data_are_stripped(client, editor):
    client.force_login(editor)

    post_photo(client, image_upload(content=jpeg_with_gps()))

    with Photo.objects.get().image.open("rb") as stored, Image.open(stored) as image:
        assert dict(image.getexif()) == {}
        assert "exif" not in image.info
        assert b"PhoneMaker" not in stored.read()


def test_exif_orientation_is_applied(client, editor):
    client.force_login(editor)

    post_photo(client, image_upload(content=jpeg_rotated_by_exif()))

    photo = Photo.objects.get()
    assert (photo.width, photo.height) == (80, 120)


def test_bulk_upload_keeps_the_good_files_and_names_the_bad_ones(
    client, editor, settings
):
    gallery = make_gallery(photos=1, title="Harbour", slug="harbour")
    existing = len(stored_files())
    client.force_login(editor)

    response = client.post(
        f"/admin/articles/gallery/{gallery.pk}/change/",
        {
            "title": "Harbour",
            "slug": "harbour",
            "description": "",
            "new_photos": [
                image_upload("first.jpg"),
                image_upload("notes.jpg", b"not an image at all"),
                image_upload("second.png", image_bytes(image_format="PNG")),
                image_upload("cut.jpg", noisy_jpeg()[:2000]),
            ],
            "new_photos_credit": "AP",
            "gallery_photos-TOTAL_FORMS": "0",
            "gallery_photos-INITIAL_FORMS": "0",
            "gallery_photos-MIN_NUM_FORMS": "0",
            "gallery_photos-MAX_NUM_FORMS": "1000",
        },
        follow=True,
    )

    messages = [str(m) for m in response.context["messages"]]
    assert (
        "2 photos added; readers see them once they are processed, in a few seconds."
        in messages
    )
    assert (
        "notes.jpg was not added: The file is not a JPEG, PNG, WebP or GIF image."
        in messages
    )
    assert (
        "cut.jpg was not added: The image is damaged or incomplete; export it again "
        "and re-upload." in messages
    )
    entries = GalleryPhoto.objects.filter(gallery=gallery).select_related("photo")
    assert [e.photo.credit for e in entries] == ["Reuters", "AP", "AP"]
    assert len(stored_files()) == existing + 2
    tasks.run_queued_jobs()
    assert len(stored_files()) == existing + 2 * 5


def gallery_upload(client, gallery, files):
    return client.post(
        f"/admin/articles/gallery/{gallery.pk}/change/",
        {
            "title": gallery.title,
            "slug": gallery.slug,
            "description": "",
            "new_photos": files,
            "new_photos_credit": "AP",
            "gallery_photos-TOTAL_FORMS": "0",
            "gallery_photos-INITIAL_FORMS": "0",
            "gallery_photos-MIN_NUM_FORMS": "0",
            "gallery_photos-MAX_NUM_FORMS": "1000",
        },
        follow=True,
    )


def test_a_photo_whose_renditions_fail_is_marked_and_leaves_no_renditions(
    client, editor, settings, monkeypatch
):
    gallery = make_gallery(photos=0, title="Harbour", slug="harbour")
    make_renditions = images.render_renditions
    stems = []

    def failing_halfway_through_the_second(file, stem, *args):
        stems.append(stem)
        renditions = make_renditions(file, stem, *args)
        if stem != stems[0]:  # the second photo, at each try
            yield next(renditions)
            yield next(renditions)
            raise OSError("decoder error -2")
        yield from renditions

    monkeypatch.setattr(images, "render_renditions", failing_halfway_through_the_second)
    client.force_login(editor)
    gallery_upload(
        client, gallery, [image_upload("first.jpg"), image_upload("second.jpg")]
    )

    run_jobs_and_their_retries()

    assert len(stems) == 2 + len(tasks.RETRY_AFTER_SECONDS)
    first, second = gallery.photos_in_order()
    assert first.status == Photo.Status.READY
    assert second.status == Photo.Status.FAILED
    # first.jpg and its renditions (64 px wide: one size, WebP and JPEG, cropped
    # and whole); of second.jpg, its file alone, to be processed again or deleted.
    assert sorted(stored_files()) == sorted(
        [first.image.name, *first.rendition_names(), second.image.name]
    )
    assert len(stored_files()) == 1 + 2 * 2 + 1
    response = client.get("/admin/articles/photo/")
    assert b"Could not be processed" in response.content


def test_a_file_that_cannot_be_re_encoded_is_refused_and_spares_the_others(
    client, editor, monkeypatch
):
    gallery = make_gallery(photos=0, title="Harbour", slug="harbour")
    reencode = images._reencode

    def failing_for_the_second(image, frames):
        if gallery.gallery_photos.exists():
            raise OSError("encoder error -2")
        return reencode(image, frames)

    monkeypatch.setattr(images, "_reencode", failing_for_the_second)
    client.force_login(editor)

    response = gallery_upload(
        client, gallery, [image_upload("first.jpg"), image_upload("second.jpg")]
    )

    messages = [str(m) for m in response.context["messages"]]
    assert f"second.jpg was not added: {images.PROCESSING_FAILED}" in messages
    assert gallery.gallery_photos.count() == 1
    assert len(stored_files()) == 1


def test_more_files_than_allowed_get_a_form_error_naming_the_limit(client, editor):
    gallery = make_gallery(photos=0, title="Harbour", slug="harbour")
    client.force_login(editor)

    response = gallery_upload(
        client, gallery, [image_upload(f"photo-{n}.jpg") for n in range(101)]
    )

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["new_photos"] == [
        "At most 100 files can be uploaded at once; you chose 101. Upload them in "
        "several goes."
    ]
    assert not GalleryPhoto.objects.filter(gallery=gallery).exists()
