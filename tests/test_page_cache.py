"""Reader pages from the cache: fresh after every change, never personal."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from articles.models import Article, Comment, Gallery, GalleryPhoto, Section
from tests.base import (
    make_article,
    make_author,
    make_comment,
    make_gallery,
    make_photo,
    make_section,
    paragraphs,
)

pytestmark = [pytest.mark.caching, pytest.mark.django_db]


@pytest.fixture
def story():
    section = make_section(name="World", slug="world")
    author = make_author(name="Jane Doe", slug="jane-doe")
    gallery = make_gallery(photos=2, slug="summit")
    return make_article(
        headline="Summit opens",
        slug="summit-opens",
        section=section,
        authors=[author],
        tags=["Diplomacy"],
        body=paragraphs("Leaders arrived.", gallery),
    )


def pages(story):
    """Every reader page the story appears on."""
    return [
        "/",
        "/sections/world/",
        "/tags/diplomacy/",
        "/authors/jane-doe/",
        story.get_absolute_url(),
        "/feed.rss",
        "/feed.atom",
        "/sections/world/feed.rss",
        "/sitemap-articles.xml",
        "/news-sitemap.xml",
    ]


def fill_cache(client, paths):
    for path in paths:
        assert client.get(path).status_code == 200


def test_a_cached_page_is_served_without_touching_the_database(
    client, story, django_assert_num_queries
):
    client.get("/")

    with django_assert_num_queries(0):
        response = client.get("/")

    assert b"Summit opens" in response.content


@pytest.mark.parametrize(
    "change",
    [
        "headline",
        "unpublish",
        "action: back to draft",
    ],
)
def test_changing_a_story_refreshes_every_page_it_appears_on(
    client, story, editor, change
):
    fill_cache(client, pages(story))

    if change == "headline":
        story.headline = "Summit opens early"
        story.save()
    elif change == "unpublish":
        story.status = Article.Status.DRAFT
        story.save()
    else:
        Article.objects.filter(pk=story.pk).back_to_draft(editor)

    for path in pages(story):
        response = client.get(path)
        if change == "headline":
            if path != "/sitemap-articles.xml":  # URLs only, no headlines
                assert b"Summit opens early" in response.content, path
        elif path == story.get_absolute_url():
            assert response.status_code == 404
        else:
            assert b"summit-opens" not in response.content, path


def test_publishing_a_story_puts_it_on_every_page(client, story, editor):
    draft = make_article(
        headline="Talks collapse",
        status=Article.Status.DRAFT,
        published_at=None,
        section=story.section,
        authors=[story.bylines.get().author],
        tags=["Diplomacy"],
    )
    fill_cache(client, pages(story))

    Article.objects.filter(pk=draft.pk).publish_now(editor)

    for path in pages(story)[:4] + ["/feed.rss", "/news-sitemap.xml"]:
        assert b"Talks collapse" in client.get(path).content, path


def test_a_scheduled_story_appears_on_cached_pages_when_its_time_comes(client, story):
    goes_live = timezone.now() + timedelta(minutes=2)
    make_article(
        headline="Embargo lifted", published_at=goes_live, section=story.section
    )
    assert b"Embargo lifted" not in client.get("/").content

    with time_machine.travel(goes_live + timedelta(seconds=1)):
        assert b"Embargo lifted" in client.get("/").content
        assert b"Embargo lifted" in client.get("/sections/world/").content


def test_changing_a_photo_refreshes_the_story_and_gallery(client, story):
    gallery_page = story.gallery_photo_url("summit", 1)
    fill_cache(client, [story.get_absolute_url(), gallery_page])
    photo = GalleryPhoto.objects.filter(gallery__slug="summit").first().photo

    photo.caption = "Leaders pose for the family photo."
    photo.save()

    assert b"Leaders pose for the family photo." in client.get(gallery_page).content


def test_adding_a_photo_to_a_gallery_refreshes_the_teaser(client, story):
    fill_cache(client, [story.get_absolute_url()])

    GalleryPhoto.objects.create(
        gallery=Gallery.objects.get(slug="summit"), photo=make_photo(), position=9
    )

    assert b"3</span> View gallery" in client.get(story.get_absolute_url()).content


def test_approving_and_removing_a_comment_refresh_the_pages(client, story, moderator):
    comment = make_comment(story, status=Comment.Status.PENDING, body="Well said.")
    fill_cache(client, pages(story))

    Comment.objects.filter(pk=comment.pk).decide("approved", by=moderator)
    assert b"Well said." in client.get(story.get_absolute_url()).content
    assert b"1 comment</a>" in client.get("/").content

    Comment.objects.filter(pk=comment.pk).decide(
        "rejected", by=moderator, reason="abuse"
    )
    assert b"Well said." not in client.get(story.get_absolute_url()).content
    assert b"1 comment</a>" not in client.get("/sections/world/").content


def test_renaming_a_section_or_author_refreshes_menus_and_bylines(client, story):
    fill_cache(client, pages(story))

    Section.objects.filter(slug="world").update(name="International")
    author = story.bylines.get().author
    author.name = "Jane Doe-Levi"
    author.save()

    home = client.get("/").content.decode()
    assert ">International</a>" in home
    assert "Jane Doe-Levi" in home


def test_editor_changes_in_the_admin_show_at_once(client, story, editor):
    fill_cache(client, pages(story))
    staff = Client()
    staff.force_login(editor)

    response = staff.post(
        "/admin/articles/article/",
        {"action": "back_to_draft", "_selected_action": [story.pk]},
    )

    assert response.status_code == 302
    assert b"Summit opens" not in client.get("/").content


def test_pages_are_kept_compressed_and_served_whole(story, settings):
    from django.core.cache import cache
    from django.test import RequestFactory

    from articles.pagecache.pages import page_key, policy_for

    path = story.get_absolute_url()
    built = Client().get(path)
    served = Client().get(path)

    assert served.content == built.content
    assert served["Content-Length"] == str(len(built.content))
    request = RequestFactory().get(path)
    kept = cache.get(page_key(request, policy_for(settings.ROOT_URLCONF, path)))
    # Three pages (four of a longer story) fit in the room of one.
    assert len(kept.gzipped_content) < len(built.content) / 3


def test_browsers_accepting_gzip_get_the_kept_page_as_it_is(story):
    import gzip

    path = story.get_absolute_url()
    plain = Client().get(path)
    browser = Client(headers={"Accept-Encoding": "gzip, deflate, br, zstd"})

    gzipped = browser.get(path)

    assert gzipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(gzipped.content) == plain.content
    assert gzipped["Content-Length"] == str(len(gzipped.content))
    assert "Content-Encoding" not in Client().get(path)
    # Caches in between keep one copy per encoding, each with its own ETag.
    for response in (gzipped, Client().get(path)):
        assert "Accept-Encoding" in response["Vary"]
    assert gzipped["ETag"] == f"W/{plain['ETag']}"
    again = browser.get(path, headers={"If-None-Match": gzipped["ETag"]})
    assert again.status_code == 304


def form_tokens(client):
    """What comment-form.js fetches when a reader starts writing."""
    response = client.get("/comments/form-tokens/")
    assert response.status_code == 200
    return response.json()


def test_a_cached_story_page_is_the_same_for_every_reader(story):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)

    first_page = first.get(story.get_absolute_url())
    second_page = second.get(story.get_absolute_url())

    assert b'id="comment-form"' in second_page.content
    assert first_page.content == second_page.content
    assert b'name="csrfmiddlewaretoken" value=""' in second_page.content
    assert not first_page.cookies and not second_page.cookies
    assert second_page["Cache-Control"].startswith("public")
    assert "s-maxage" in second_page["Cache-Control"]


def test_the_comment_form_works_for_a_reader_served_a_cached_page(story, settings):
    settings.COMMENT_MIN_SECONDS = 0
    Client().get(story.get_absolute_url())  # fills the cache
    reader = Client(enforce_csrf_checks=True)
    page = reader.get(story.get_absolute_url())
    assert b'data-tokens="/comments/form-tokens/"' in page.content

    response = reader.post(
        story.get_comment_post_url(),
        form_tokens(reader)
        | {
            "author_name": "Dana",
            "author_email": "dana@example.org",
            "body": "Posted from a cached page.",
            "consent": "on",
        },
    )

    assert response.status_code == 302
    assert Comment.objects.get().body == "Posted from a cached page."


def test_a_bot_posting_at_once_from_a_cached_page_is_still_too_fast(story, caplog):
    Client().get(story.get_absolute_url())  # fills the cache
    bot = Client()
    bot.get(story.get_absolute_url())

    response = bot.post(
        story.get_comment_post_url(),
        {
            "started": form_tokens(bot)["started"],
            "author_name": "Bot",
            "author_email": "bot@example.org",
            "body": "Buy now",
            "consent": "on",
        },
    )

    assert response.status_code == 302
    assert Comment.objects.count() == 0
    assert "sent too fast" in caplog.text


def test_form_tokens_are_each_readers_own_and_never_cached(
    story, django_assert_num_queries
):
    first, second = Client(), Client()

    with django_assert_num_queries(0):
        response = first.get("/comments/form-tokens/")

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert response["Content-Type"] == "application/json"
    assert (
        response.json()["csrfmiddlewaretoken"]
        != form_tokens(second)["csrfmiddlewaretoken"]
    )
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
    assert first.cookies["csrftoken"]["httponly"]


def test_a_readers_message_is_never_cached_for_another_reader(story, settings):
    settings.COMMENT_MIN_SECONDS = 0
    poster, other = Client(), Client()
    other.get(story.get_absolute_url())
    poster.get(story.get_absolute_url())
    poster.post(
        story.get_comment_post_url(),
        {
            "started": form_tokens(poster)["started"],
            "author_name": "Dana",
            "author_email": "dana@example.org",
            "body": "First!",
            "consent": "on",
        },
    )

    own = poster.get(story.get_absolute_url())
    theirs = other.get(story.get_absolute_url())

    assert b"will appear once a moderator" in own.content
    assert "no-store" in own["Cache-Control"]
    assert b"will appear once a moderator" not in theirs.content
    assert (
        b"will appear once a moderator"
        not in Client().get(story.get_absolute_url()).content
    )


def test_nothing_is_cached_for_logged_in_staff(
    client, story, editor, django_assert_max_num_queries
):
    staff = Client()
    staff.force_login(editor)

    response = staff.get("/")

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    with django_assert_max_num_queries(8) as queries:
        client.get("/")
    assert len(queries) > 0, "the staff request must not have filled the cache"


def test_public_pages_tell_a_cdn_how_long_to_keep_them(client, story, settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.BROWSER_CACHE_SECONDS = 60

    response = client.get("/")

    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert directives == {
        "public",
        "max-age=60",
        "s-maxage=300",
        "stale-while-revalidate=300",
    }
    assert not response.cookies


@pytest.mark.parametrize("header", ["ETag", "Last-Modified"])
def test_an_unchanged_page_answers_304(client, story, header):
    first = client.get("/sections/world/")
    request_header = {
        "ETag": "HTTP_IF_NONE_MATCH",
        "Last-Modified": "HTTP_IF_MODIFIED_SINCE",
    }[header]

    again = client.get("/sections/world/", **{request_header: first[header]})

    assert again.status_code == 304
    assert again.content == b""


def test_a_changed_page_answers_200_to_its_old_etag(client, story):
    first = client.get("/sections/world/")
    story.headline = "Summit opens early"
    story.save()

    again = client.get("/sections/world/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 200
    assert b"Summit opens early" in again.content


def test_after_a_comment_is_approved_the_story_is_rebuilt_from_its_cached_parts(
    client, story, moderator, django_assert_num_queries
):
    comment = make_comment(story, status=Comment.Status.PENDING, body="Well said.")
    client.get(story.get_absolute_url())

    Comment.objects.filter(pk=comment.pk).decide("approved", by=moderator)

    # Only the comments are read again; the story, its photos and the menu are not.
    with django_assert_num_queries(1):
        response = client.get(story.get_absolute_url())
    assert b"Well said." in response.content
    assert b"Summit opens" in response.content
    assert b"2</span> View gallery" in response.content


def test_replying_and_commenting_each_get_their_own_form(client, story):
    comment = make_comment(story, author_name="Dana")
    url = story.get_absolute_url()
    assert b"Add a comment" in client.get(url).content

    replying = client.get(f"{url}?reply={comment.pk}").content

    assert b"Reply to <bdi>Dana</bdi>" in replying
    assert f'name="parent" value="{comment.pk}"'.encode() in replying
    assert b"Add a comment" in client.get(url).content


def test_comments_close_on_a_cached_story_when_their_time_is_up(
    client, story, settings
):
    # Pages are not kept (they would be, a few minutes, as Redis ignores the
    # travel in time); the parts they are built from are.
    settings.PAGE_CACHE_SECONDS = 0
    url = story.get_absolute_url()
    closes = story.published_at + timedelta(days=settings.COMMENTS_CLOSE_AFTER_DAYS)
    with time_machine.travel(closes - timedelta(minutes=10)):
        assert b"Send comment" in client.get(url).content

    with time_machine.travel(closes + timedelta(minutes=10)):
        response = client.get(url)

    assert b"Comments on this story are closed." in response.content
    assert b"Send comment" not in response.content


def test_a_deployment_serves_nothing_the_previous_release_cached(client, story):
    fill_cache(client, ["/", story.get_absolute_url()])
    # A change the cache is not told of, as a new release's code might show.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE articles_article SET headline = %s WHERE id = %s",
            ["Summit opens late", story.pk],
        )
    assert b"Summit opens late" not in client.get("/").content

    call_command("migrate", verbosity=0)

    assert b"Summit opens late" in client.get("/").content
    assert b"Summit opens late" in client.get(story.get_absolute_url()).content


def test_a_story_card_keeps_each_pages_layout(client, story):
    older = make_article(
        headline="Delegates arrive",
        section=story.section,
        published_at=story.published_at - timedelta(hours=1),
    )
    link = f'<a href="{older.get_absolute_url()}">'
    home = client.get("/").content.decode()
    assert f'<h3 class="article-card__headline">{link}' in home

    section_page = client.get("/sections/world/").content.decode()

    assert f'<h2 class="article-card__headline">{link}' in section_page
    assert "article-card__section" not in section_page


def test_a_page_from_the_cache_keeps_every_security_header(client, story):
    fresh = client.get("/")

    cached = client.get("/")

    for header in [
        "Content-Security-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "Cache-Control",
        "ETag",
        "Content-Length",
    ]:
        assert cached[header] == fresh[header], header


def test_a_cached_page_is_refused_to_a_host_the_site_does_not_serve(client, story):
    assert client.get("/").status_code == 200

    response = client.get("/", HTTP_HOST="evil.example.com")

    assert response.status_code == 400
    assert b"Summit opens" not in response.content


def test_pages_kept_by_a_release_with_other_fields_are_never_read():
    from dataclasses import dataclass, fields, make_dataclass

    from articles.pagecache.dependencies import Stamp
    from articles.pagecache.pages import PAGE_PREFIX, CachedPage, layout

    # A release that adds a field to what it keeps, or renames one.
    added = make_dataclass(
        "CachedPage", [(f.name, f.type) for f in fields(CachedPage)] + [("x", int)]
    )

    @dataclass
    class CachedPageRenamed:
        body: bytes

    CachedPageRenamed.__name__ = "CachedPage"

    assert layout(CachedPage, Stamp) in PAGE_PREFIX
    assert layout(added, Stamp) != layout(CachedPage, Stamp)
    assert layout(CachedPageRenamed, Stamp) != layout(CachedPage, Stamp)
