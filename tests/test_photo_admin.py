import pytest

from articles import tasks
from tests.base import make_gallery, make_photo

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    ["", "?details=missing", "?details=complete", "?credit=AFP", "?q=harbour"],
)
def test_photo_library_lists_thumbnails_with_filters_and_search(client, editor, query):
    make_photo(caption="Harbour at dawn", credit="AFP")
    make_photo(caption="Council chamber", alt_text="")
    client.force_login(editor)

    response = client.get(f"/admin/articles/photo/{query}")

    assert response.status_code == 200
    assert b'class="photo-thumbnail"' in response.content
    assert b"By details for publishing" in response.content
    assert b"By credit" in response.content


def test_photo_library_filters_photos_missing_details(client, editor):
    make_photo(caption="Harbour at dawn")
    make_photo(caption="Council chamber", alt_text="")
    client.force_login(editor)

    response = client.get("/admin/articles/photo/?details=missing")

    captions = [photo.caption for photo in response.context["cl"].result_list]
    assert captions == ["Council chamber"]


def test_photo_library_queries_do_not_grow_with_photos(
    client, editor, django_assert_max_num_queries
):
    for _ in range(30):
        make_photo()
    client.force_login(editor)

    with django_assert_max_num_queries(10):
        client.get("/admin/articles/photo/")


def test_gallery_list_shows_placeholder_and_counts(client, editor):
    make_gallery(photos=3, title="Harbour", slug="harbour")
    client.force_login(editor)

    response = client.get("/admin/articles/gallery/")

    assert b"[gallery:harbour]" in response.content
    assert response.context["cl"].result_list[0].photo_count == 3


def test_gallery_page_in_the_admin_shows_its_photos_in_order(client, editor):
    gallery = make_gallery(photos=3)
    client.force_login(editor)

    response = client.get(f"/admin/articles/gallery/{gallery.pk}/change/")

    assert response.status_code == 200
    assert response.content.count(b'class="photo-thumbnail"') == 3
    assert b'type="file" name="new_photos" accept="image/jpeg,image/png' in (
        response.content
    )
    assert b"multiple" in response.content


def test_editor_changes_a_photo_focal_point_and_renditions_follow(client, editor):
    photo = make_photo(size=(900, 300))
    before = photo.rendition_names()
    client.force_login(editor)

    response = client.post(
        f"/admin/articles/photo/{photo.pk}/change/",
        {
            "alt_text": photo.alt_text,
            "caption": photo.caption,
            "credit": photo.credit,
            "focal_x": "0.9",
            "focal_y": "",
        },
    )

    assert response.status_code == 302
    tasks.run_queued_jobs()
    photo.refresh_from_db()
    assert photo.focal_x == 0.9
    storage = photo.image.storage
    assert all(storage.exists(name) for name in photo.rendition_names())
    assert not any(storage.exists(name) for name in before)


def test_deleting_photos_from_the_library_removes_their_files(
    client, editor, settings, django_capture_on_commit_callbacks
):
    photos = [make_photo(), make_photo()]
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/articles/photo/",
            {
                "action": "delete_selected",
                "_selected_action": [p.pk for p in photos],
                "post": "yes",
            },
        )

    assert [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()] == []


def test_moderator_cannot_open_the_photo_library(client, moderator):
    client.force_login(moderator)

    assert client.get("/admin/articles/photo/").status_code == 403
