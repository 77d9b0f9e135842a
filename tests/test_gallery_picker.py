"""An editor picks a gallery to place in a story body from a list, not by its slug."""

import html
import json
import re

import pytest

from articles.admin.stories import GALLERY_PICKER_PAGE_SIZE
from tests.base import make_article, make_gallery, make_photo

pytestmark = pytest.mark.django_db

PICKER = "/admin/articles/article/gallery-picker/"


def picker_rows(response):
    """(title, placeholder or None when it cannot be chosen) of each listed gallery."""
    html = response.content.decode()
    rows = re.findall(
        r'<li class="gallery-picker__item">(.*?)</li>', html, flags=re.DOTALL
    )
    return [
        (
            re.search(r'gallery-picker__title">([^<]*)<', row)[1],
            (m := re.search(r'data-placeholder="([^"]*)"', row)) and m[1],
        )
        for row in rows
    ]


def test_editor_sees_galleries_newest_first_with_cover_slug_and_count(client, editor):
    cover, second = make_photo(), make_photo()
    make_gallery(photos=1, title="Older parade", slug="older-parade")
    make_gallery(photos=[cover, second], title="Harbour fire", slug="harbour-fire")
    client.force_login(editor)

    response = client.get(PICKER)

    assert response.status_code == 200
    assert picker_rows(response) == [
        ("Harbour fire", "[gallery:harbour-fire]"),
        ("Older parade", "[gallery:older-parade]"),
    ]
    assert cover.cropped.src in response.content.decode()
    assert second.cropped.src not in response.content.decode()
    assert b"2 photos" in response.content
    assert b'aria-label="Insert Harbour fire (2 photos)"' in response.content


def test_a_gallery_without_photos_is_shown_but_cannot_be_chosen(client, editor):
    empty = make_gallery(photos=0, title="Still to come", slug="still-to-come")
    client.force_login(editor)

    response = client.get(PICKER)

    assert picker_rows(response) == [("Still to come", None)]
    assert b"No photos yet: a gallery without photos cannot be placed." in (
        response.content
    )
    assert f'href="/admin/articles/gallery/{empty.pk}/change/"' in (
        response.content.decode()
    )


def test_search_finds_galleries_by_title(client, editor):
    make_gallery(photos=1, title="Harbour fire", slug="fire-1")
    make_gallery(photos=1, title="Budget vote", slug="council-1")
    make_gallery(photos=1, title="Fire brigade open day", slug="open-day")
    client.force_login(editor)

    response = client.get(PICKER, {"q": "fire"})

    assert [title for title, _ in picker_rows(response)] == [
        "Fire brigade open day",
        "Harbour fire",
    ]
    assert "2 galleries matching “fire”" in response.content.decode()


def test_the_list_comes_a_page_at_a_time(client, editor):
    for n in range(GALLERY_PICKER_PAGE_SIZE + 1):
        make_gallery(photos=0, title=f"Gallery {n}", slug=f"gallery-page-{n}")
    client.force_login(editor)

    first = client.get(PICKER)
    second = client.get(PICKER, {"page": "2"})

    assert len(picker_rows(first)) == GALLERY_PICKER_PAGE_SIZE
    assert b'data-page="2">Show more galleries' in first.content
    assert picker_rows(second) == [("Gallery 0", None)]
    assert b"Show more galleries" not in second.content


def test_gallery_list_queries_do_not_grow_with_galleries_or_photos(
    client, editor, django_assert_max_num_queries
):
    for _ in range(4):
        make_gallery(photos=3)
    make_gallery(photos=0)
    client.force_login(editor)

    # 1: session; 2: user; 3, 4: the user's and the group's permissions;
    # 5: the count; 6: the galleries with their photo counts; 7: the covers.
    with django_assert_max_num_queries(7):
        response = client.get(PICKER, {"q": "gallery"})

    assert len(picker_rows(response)) == 5
    assert response.content.count(b'class="photo-thumbnail"') == 4


def test_moderator_cannot_read_the_gallery_list(client, moderator):
    make_gallery(photos=1)
    client.force_login(moderator)

    assert client.get(PICKER).status_code == 403


def test_anonymous_visitor_is_sent_to_log_in(client):
    make_gallery(photos=1)

    response = client.get(PICKER)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_body_editor_offers_the_gallery_button(client, editor):
    article = make_article()
    client.force_login(editor)

    response = client.get(f"/admin/articles/article/{article.pk}/change/")

    attribute = re.search(
        r'data-django-prose-editor-configurable="([^"]*)"', response.content.decode()
    )[1]
    config = json.loads(html.unescape(attribute))
    assert config["extensions"]["GalleryPicker"] == {"url": PICKER}
    assert "/static/articles/gallery-picker.js" in config["js_modules"]
    assert b"/static/articles/gallery-picker.css" in response.content
