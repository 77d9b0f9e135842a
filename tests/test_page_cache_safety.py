"""
What the page cache keeps is right by construction: keyed by everything a page
depends on, never anything personal, built once when many readers ask at once.
"""

import threading

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client, RequestFactory

from articles.models import Comment
from articles.pagecache import depends_on, invalidate, keys
from articles.pagecache.dependencies import (
    LAST_CHANGE_KEY,
    VERSION_PREFIX,
    building,
    stamp,
    still_fresh,
)
from articles.pagecache.pages import page_key, policy_for
from tests import page_cache_urls
from tests.base import make_article, make_comment, make_section

pytestmark = [pytest.mark.caching, pytest.mark.django_db]


@pytest.fixture
def test_pages(settings):
    settings.ROOT_URLCONF = "tests.page_cache_urls"
    page_cache_urls.calls.clear()
    yield page_cache_urls.calls


@pytest.fixture
def story():
    return make_article(
        headline="Summit opens", slug="summit-opens", section=make_section()
    )


def test_a_reply_value_a_reader_chose_cannot_break_the_form_for_others(
    client, story, settings
):
    settings.COMMENT_MIN_SECONDS = 0
    url = story.get_absolute_url()

    odd = client.get(f"{url}?reply=None")
    page = Client().get(url)

    assert odd.status_code == 200
    assert b'<input type="hidden" name="parent" id="id_parent">' in page.content
    reader = Client()
    reader.get(url)
    tokens = reader.get("/comments/form-tokens/").json()
    response = reader.post(
        story.get_comment_post_url(),
        tokens
        | {
            "author_name": "Dana",
            "author_email": "dana@example.org",
            "body": "Posted after someone asked for ?reply=None.",
            "consent": "on",
            "parent": "",
        },
    )
    assert response.status_code == 302
    assert Comment.objects.get().parent is None


def test_replying_to_a_comment_that_is_not_shown_leads_back_to_the_story(client, story):
    waiting = make_comment(story, status=Comment.Status.PENDING)

    response = client.get(f"{story.get_absolute_url()}?reply={waiting.pk}")

    assert response.status_code == 302
    assert response["Location"] == f"{story.get_absolute_url()}#comment-form"


def test_query_strings_a_page_does_not_read_cannot_fill_the_cache(
    client, test_pages, django_assert_num_queries
):
    client.get("/test/counted/")

    for junk in ["?utm_source=mail", "?x=1", "?x=2&y=3", "?n=abc", "?n=0"]:
        response = client.get(f"/test/counted/{junk}")
        assert response.content == b"ok {} #1"

    assert test_pages == [{}]


def test_a_declared_query_parameter_gets_a_page_of_its_own_and_the_view_sees_only_it(
    client, test_pages
):
    first = client.get("/test/counted/?n=2&utm_source=mail")
    again = client.get("/test/counted/?utm_source=feed&n=2")
    plain = client.get("/test/counted/")

    assert first.content == again.content == b"ok {'n': '2'} #1"
    assert plain.content == b"ok {} #2"
    assert test_pages == [{"n": "2"}, {}]


def test_the_home_page_ignores_a_page_number_it_does_not_read(
    client, story, django_assert_num_queries
):
    client.get("/")

    with django_assert_num_queries(0):
        assert client.get("/?page=7").status_code == 200


def test_a_page_cached_for_one_host_is_not_served_to_another(client, story, settings):
    settings.ALLOWED_HOSTS = ["news.example.com", "www.news.example.com"]

    first = client.get("/feed.rss", HTTP_HOST="news.example.com")
    second = client.get("/feed.rss", HTTP_HOST="www.news.example.com")

    assert b"http://news.example.com/" in first.content
    assert b"http://www.news.example.com/" in second.content
    assert b"http://news.example.com/" not in second.content


def test_a_page_cached_over_http_is_not_served_over_https(client, story, settings):
    client.get("/feed.rss")

    secure = client.get("/feed.rss", secure=True)

    assert b"https://testserver/" in secure.content


def test_a_cached_page_keeps_the_headers_its_view_set(client, story, test_pages):
    for path in ["/sitemap.xml", "/test/with-header/"]:
        fresh = client.get(path)
        cached = client.get(path)

        assert fresh["X-Robots-Tag"] == cached["X-Robots-Tag"], path
        assert fresh["Content-Type"] == cached["Content-Type"], path
    assert len(test_pages) == 1


@pytest.mark.parametrize(
    "path",
    [
        "/test/uses-csrf-token/",
        "/test/sets-cookie/",
        "/test/public-but-sets-cookie/",
        "/test/varies-on-cookie/",
        "/test/private/",
    ],
)
def test_a_personal_answer_is_never_kept_whatever_the_view_did(
    client, test_pages, path
):
    first = Client().get(path)
    second = Client().get(path)

    assert len(test_pages) == 2
    assert "public" not in first["Cache-Control"]
    assert "Surrogate-Key" not in first
    assert first.status_code == second.status_code == 200


def test_pages_carry_the_keys_of_what_they_show_for_a_cdn(client, story):
    response = client.get(story.get_absolute_url())

    story_keys = set(response["Surrogate-Key"].split())
    assert {"all", f"story-{story.pk}", f"comments-{story.pk}", "menu"} <= story_keys
    assert set(response["Cache-Tag"].split(",")) == story_keys
    section = set(client.get(story.section.get_absolute_url())["Surrogate-Key"].split())
    assert {f"section-{story.section_id}", f"story-{story.pk}"} <= section
    assert (
        client.get(story.get_absolute_url())["Surrogate-Key"]
        == (response["Surrogate-Key"])
    )


def test_many_readers_asking_for_a_missing_page_get_it_built_once(test_pages):
    Client().get("/test/counted/")  # notes when the next story goes live
    answers = []

    def read():
        answers.append(Client().get("/test/slow/"))

    readers = [threading.Thread(target=read) for _ in range(4)]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join()

    assert [r.status_code for r in answers] == [200] * 4
    assert len({r.content for r in answers}) == 1
    assert len([call for call in test_pages if call == {}]) == 2  # counted + slow


def test_a_stale_page_is_given_while_another_process_rebuilds_it(test_pages):
    reader = Client()
    first = reader.get("/test/counted/")
    invalidate({keys.ALL})
    request = RequestFactory().get("/test/counted/")
    lock = page_key(request, policy_for("tests.page_cache_urls", "/test/counted/"))
    cache.add(f"{lock}:building", 1)  # another process is at it

    stale = reader.get("/test/counted/")
    cache.delete(f"{lock}:building")
    fresh = reader.get("/test/counted/")

    assert stale.content == first.content == b"ok {} #1"
    assert fresh.content == b"ok {} #2"


def test_a_page_built_while_what_it_shows_changed_is_kept_by_no_one(test_pages):
    first = Client().get("/test/changed-while-built/")
    second = Client().get("/test/changed-while-built/")

    assert len(test_pages) == 2  # not kept here
    assert first["Cache-Control"] == "no-cache"  # nor by a CDN or browser
    assert second.content == b"ok {} #2"


def test_a_page_built_before_a_write_commits_is_stale_once_it_does(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            invalidate(["story-1"])  # an editor's save, not yet committed
            # Another process builds a page from the rows as they were.
            with building() as build:
                depends_on("story-1")
            kept_with = stamp(build)
            assert still_fresh("a page", kept_with, last_change=None)

    assert not still_fresh("a page", kept_with, last_change=None)


def test_a_change_is_not_forgotten_when_the_cache_drops_its_versions(client, story):
    url = story.get_absolute_url()
    cache.clear()  # as a new Redis starts: no version noted yet
    shown = client.get(url)["Surrogate-Key"].split()
    story.headline = "Summit ends early"
    story.save()
    # The cache makes room (file cache culling, Redis eviction), dropping the
    # versions of what the page shows; the page is built again for another
    # address (here HTTPS), which notes versions anew.
    cache.delete_many([LAST_CHANGE_KEY, *(VERSION_PREFIX + key for key in shown)])
    client.get(url, secure=True)

    page = client.get(url).content.decode()

    assert "Summit ends early" in page
    assert "Summit opens" not in page


def test_pages_are_not_kept_when_the_page_cache_is_off(client, test_pages, settings):
    settings.PAGE_CACHE_SECONDS = 0

    client.get("/test/counted/")
    client.get("/test/counted/")

    assert len(test_pages) == 2


def test_a_story_card_counts_the_comments_its_page_shows(client, story):
    shown = make_comment(story, body="Shown on its own.")
    make_comment(story, parent=shown, body="A reply that is shown.")
    refused = make_comment(story, status=Comment.Status.REJECTED)
    make_comment(story, parent=refused, body="A reply to a refused comment.")

    page = client.get(story.get_absolute_url()).content.decode()
    card = client.get(story.section.get_absolute_url()).content.decode()

    assert "A reply to a refused comment." not in page
    assert '<h2 id="comments-title" class="comments__title">\n    2 comments' in page
    assert "2 comments</a>" in card
