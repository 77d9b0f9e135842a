"""Alt text, caption and credit of every photo of a gallery, on one screen."""

import pytest

from tests.base import make_gallery, make_photo

pytestmark = pytest.mark.django_db


def details_url(gallery):
    return f"/admin/articles/gallery/{gallery.pk}/photo-details/"


def form_data(photos, **per_photo):
    data = {
        "form-TOTAL_FORMS": str(len(photos)),
        "form-INITIAL_FORMS": str(len(photos)),
    }
    for number, photo in enumerate(photos):
        data[f"form-{number}-id"] = str(photo.pk)
        for name in ("alt_text", "caption", "credit"):
            data[f"form-{number}-{name}"] = per_photo.get(name, [""] * len(photos))[
                number
            ]
    return data


@pytest.fixture
def photos():
    return [make_photo(alt_text="", credit="", caption=f"Photo {n}") for n in range(3)]


def test_the_screen_lists_every_photo_in_order_with_a_thumbnail(
    client, editor, photos, django_assert_max_num_queries
):
    gallery = make_gallery(photos=[photos[2], photos[0], photos[1]])
    client.force_login(editor)

    with django_assert_max_num_queries(10):
        response = client.get(details_url(gallery))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="photo-thumbnail"') == 3
    positions = [
        html.index(f'value="{photo.pk}"') for photo in (photos[2], photos[0], photos[1])
    ]
    assert positions == sorted(positions)
    assert 'aria-label="Alt text of photo 1"' in html
    assert (
        "Edit photo details"
        in client.get(f"/admin/articles/gallery/{gallery.pk}/change/").content.decode()
    )


def test_editor_fills_in_every_photo_at_once(client, editor, photos):
    gallery = make_gallery(photos=photos)
    client.force_login(editor)

    response = client.post(
        details_url(gallery),
        form_data(
            photos,
            alt_text=["Crowds at the port", "גשר העיר בשקיעה", "The mayor speaks"],
            caption=["Friday morning.", "", "At the town hall."],
            credit=["Reuters", "AP", "AFP"],
        ),
        follow=True,
    )

    assert "Details of 3 photos saved." in [
        str(m) for m in response.context["messages"]
    ]
    for photo, alt in zip(
        photos,
        ["Crowds at the port", "גשר העיר בשקיעה", "The mayor speaks"],
        strict=True,
    ):
        photo.refresh_from_db()
        assert photo.alt_text == alt
    assert photos[0].credit == "Reuters"


def test_a_mistake_saves_nothing_and_says_where(client, editor, photos):
    gallery = make_gallery(photos=photos)
    client.force_login(editor)

    response = client.post(
        details_url(gallery),
        form_data(
            photos,
            alt_text=["Crowds at the port", "x" * 301, "The mayor speaks"],
            credit=["Reuters", "AP", "AFP"],
        ),
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was saved." in html
    assert "Ensure this value has at most 300 characters (it has 301)." in html
    photos[0].refresh_from_db()
    assert photos[0].alt_text == ""


def test_a_moderator_cannot_edit_photo_details(client, moderator, photos):
    gallery = make_gallery(photos=photos)
    client.force_login(moderator)

    assert client.get(details_url(gallery)).status_code == 403
