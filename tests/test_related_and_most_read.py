"""
Related stories under each story, and the stories read most in the last 24 hours,
counted by a beacon each story page sends once loaded.
"""

import logging
import re
import socket
import time
from datetime import timedelta

import pytest
import redis
import time_machine
from django.contrib.auth.models import User
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from playwright.sync_api import expect

from articles import popularity, sharing
from articles.models import Article, ReadCount
from articles.models.reads import KEEP_HOURS
from tests.base import free_port, make_article, make_section

pytestmark = pytest.mark.django_db

READER_BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Safari/537.36"
)
READER_ADDRESS = "203.0.113.77"


@pytest.fixture(autouse=True)
def counts_in_the_database(settings):
    """Reads are counted in the database, unless a test asks for Redis."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    caches["default"].clear()


@pytest.fixture
def reader():
    """A reader's browser, as the beacon sees it: no cookie, a browser's name."""
    return Client(HTTP_USER_AGENT=READER_BROWSER, REMOTE_ADDR=READER_ADDRESS)


@pytest.fixture
def redis_port(settings, start_redis):
    """Reads are counted in a Redis of this test's own."""
    port = free_port()
    start_redis(port)
    settings.CACHES = {
        "default": {
            "BACKEND": "articles.pagecache.backends.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
        }
    }
    return port


@pytest.fixture(params=["database", "redis"])
def backend(request):
    """Each test using it runs once counting in the database, once in Redis."""
    if request.param == "redis":
        request.getfixturevalue("redis_port")
    return request.param


def send_beacon(client, story, **extra):
    return client.post("/read/", {"story": story.pk}, **extra)


def most_read_headlines(now=None):
    return [article.headline for article in Article.objects.most_read(now=now)]


def listed(page, list_id):
    """The headlines of the list `list_id` ("related", "most-read") on a page."""
    html = page.content.decode()
    match = re.search(rf'id="{list_id}-title".*?</aside>', html, re.S)
    if match is None:
        return []
    return re.findall(r'class="story-list__headline"[^>]*>([^<]*)<', match.group())


# Related stories


def test_related_stories_rank_shared_topics_then_section_then_newest(client):
    """A shared topic and the same section count one each; ties go to the newest."""
    world, sport = make_section(name="World"), make_section(name="Sport")
    now = timezone.now()
    story = make_article(
        headline="Talks resume in Solberg", section=world, tags=["Talks", "Valmora"]
    )
    make_article(
        headline="Both topics, other section",
        section=sport,
        tags=["Talks", "Valmora"],
        published_at=now - timedelta(days=9),
    )
    make_article(
        headline="One topic, same section",
        section=world,
        tags=["Valmora"],
        published_at=now - timedelta(days=5),
    )
    make_article(
        headline="One topic, other section, newer",
        section=sport,
        tags=["Talks"],
        published_at=now - timedelta(days=2),
    )
    make_article(
        headline="Same section only, newest",
        section=world,
        published_at=now - timedelta(days=1),
    )
    make_article(headline="Nothing in common", section=sport, tags=["Football"])

    assert [a.headline for a in Article.objects.related_to(story)] == [
        "One topic, same section",
        "Both topics, other section",
        "Same section only, newest",
        "One topic, other section, newer",
    ]
    assert listed(client.get(story.get_absolute_url()), "related") == [
        "One topic, same section",
        "Both topics, other section",
        "Same section only, newest",
        "One topic, other section, newer",
    ]


def test_related_stories_never_list_the_story_or_unpublished_ones(client):
    story = make_article(headline="Budget passes", tags=["Budget"])
    make_article(
        headline="A draft about the budget",
        tags=["Budget"],
        status=Article.Status.DRAFT,
        published_at=None,
    )
    make_article(
        headline="Scheduled budget analysis",
        tags=["Budget"],
        published_at=timezone.now() + timedelta(hours=3),
    )
    make_article(
        headline="In review: budget reaction",
        tags=["Budget"],
        status=Article.Status.IN_REVIEW,
    )
    make_article(headline="Budget explained", tags=["Budget"])

    assert listed(client.get(story.get_absolute_url()), "related") == [
        "Budget explained"
    ]


@pytest.mark.sqlite
def test_migrate_gives_sqlite_the_statistics_to_find_related_stories_by_topic():
    for n in range(200):
        make_article(tags=[f"topic-{n % 50}"])
    story = Article.objects.first()

    call_command("migrate", verbosity=0)

    with CaptureQueriesContext(connection) as queries:
        Article.objects.related_to(story)
    [by_topic] = [q["sql"] for q in queries if "COUNT(" in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + by_topic)
        plan = " ".join(row[-1] for row in cursor.fetchall())
    # By the index of topics and their stories alone, not every tagged story of
    # the site, nor taggit's rows.
    assert "COVERING INDEX articles_taggeditem_topic_story" in plan, plan


def test_a_story_with_nothing_related_shows_no_related_list(client):
    story = make_article(section=make_section())

    response = client.get(story.get_absolute_url())

    assert b"Related stories" not in response.content


def test_related_stories_take_two_small_queries_however_many_topics(
    django_assert_num_queries,
):
    topics = [f"Topic {n}" for n in range(15)]
    for _ in range(10):
        make_article(tags=topics[:5])
    story = Article.objects.get(pk=make_article(tags=topics).pk)

    # the story's topics; the best by shared topics, with their sections. Four
    # stories share more than the section, so the section's newest cannot rank.
    with django_assert_num_queries(2):
        related = list(Article.objects.related_to(story, limit=4))

    assert len(related) == 4


def test_the_sections_newest_fill_a_related_list_topics_leave_short(
    django_assert_num_queries,
):
    world = make_section(name="World")
    story = Article.objects.get(
        pk=make_article(headline="Flood defences", section=world, tags=["Floods"]).pk
    )
    make_article(headline="Flood maps redrawn", section=make_section(), tags=["Floods"])
    for day in range(1, 6):
        make_article(
            headline=f"World story {day} days old",
            section=world,
            published_at=timezone.now() - timedelta(days=day),
        )

    # the story's topics; the best by shared topics; the section's newest
    with django_assert_num_queries(3):
        related = [a.headline for a in Article.objects.related_to(story)]

    # One shared topic and the same section score one each: newest first.
    assert related == [
        "Flood maps redrawn",
        "World story 1 days old",
        "World story 2 days old",
        "World story 3 days old",
    ]


def test_retagging_a_story_puts_it_on_and_takes_it_off_cached_related_lists(client):
    story = make_article(headline="Port strike enters day two", tags=["Port"])
    other = make_article(
        headline="Crane deal signed", section=make_section(), tags=["Cranes"]
    )
    assert listed(client.get(story.get_absolute_url()), "related") == []

    other.tags.add("Port")
    assert listed(client.get(story.get_absolute_url()), "related") == [
        "Crane deal signed"
    ]

    other.tags.remove("Port")
    assert listed(client.get(story.get_absolute_url()), "related") == []


def test_a_related_story_taken_down_leaves_the_cached_page_at_once(client, editor):
    story = make_article(tags=["Heat"])
    related = make_article(headline="Cooling rooms open", tags=["Heat"])
    assert listed(client.get(story.get_absolute_url()), "related") == [
        "Cooling rooms open"
    ]

    Article.objects.filter(pk=related.pk).back_to_draft(editor)

    assert listed(client.get(story.get_absolute_url()), "related") == []


def test_a_related_story_renamed_is_renamed_on_the_cached_page(client):
    story = make_article(tags=["Heat"])
    related = make_article(headline="Cooling rooms open", tags=["Heat"])
    client.get(story.get_absolute_url())

    related.headline = "Cooling rooms open in six hospitals"
    related.save()

    assert listed(client.get(story.get_absolute_url()), "related") == [
        "Cooling rooms open in six hospitals"
    ]


def test_an_unrelated_story_published_leaves_a_cached_story_page_alone(
    client, editor, django_assert_num_queries
):
    story = make_article(tags=["Heat"])
    elsewhere = make_article(
        section=make_section(),
        tags=["Football"],
        status=Article.Status.DRAFT,
        published_at=None,
    )
    client.get(story.get_absolute_url())

    Article.objects.filter(pk=elsewhere.pk).publish_now(editor)

    with django_assert_num_queries(0):
        client.get(story.get_absolute_url())


# The beacon


def test_a_read_is_counted_with_an_empty_answer_and_no_cookie(reader, backend):
    story = make_article(headline="Bridge to close for repairs")

    response = send_beacon(reader, story)

    assert response.status_code == 204
    assert response.cookies == {}
    assert response.content == b""
    assert most_read_headlines() == ["Bridge to close for repairs"]
    assert Article.objects.most_read()[0].reads == 1


def test_the_beacon_takes_a_fixed_number_of_queries(
    reader, django_assert_max_num_queries
):
    story = make_article()
    send_beacon(reader, story)

    # the story is live; its count this hour (an update, or a savepoint, an
    # insert and the pruning of old hours the first time)
    with django_assert_max_num_queries(2):
        assert send_beacon(reader, story).status_code == 204


@pytest.mark.parametrize(
    "user_agent",
    [
        "",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "curl/8.5.0",
        "python-requests/2.32.3",
        "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
    ],
)
def test_programs_are_not_counted(backend, user_agent):
    story = make_article()
    client = Client(HTTP_USER_AGENT=user_agent, REMOTE_ADDR=READER_ADDRESS)

    assert send_beacon(client, story).status_code == 204
    assert most_read_headlines() == []


def test_staff_reading_the_site_are_not_counted(editor):
    story = make_article()
    client = Client(HTTP_USER_AGENT=READER_BROWSER)
    client.force_login(editor)

    assert send_beacon(client, story).status_code == 204
    assert most_read_headlines() == []


def test_a_reader_who_is_not_staff_is_counted(reader):
    story = make_article()
    reader.force_login(User.objects.create_user("dana"))

    assert send_beacon(reader, story).status_code == 204
    assert ReadCount.objects.get().count == 1


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Article.Status.DRAFT, "published_at": None},
        {"status": Article.Status.IN_REVIEW, "published_at": None},
        {"published_at": timezone.now() + timedelta(days=1)},
    ],
    ids=["draft", "in review", "scheduled"],
)
def test_a_story_readers_cannot_see_is_not_counted(reader, fields):
    story = make_article(**fields)

    response = send_beacon(reader, story)

    assert response.status_code == 404
    assert ReadCount.objects.count() == 0


@pytest.mark.parametrize(
    "data",
    [{}, {"story": ""}, {"story": "abc"}, {"story": "-4"}, {"story": "1 OR 1=1"}],
)
def test_a_beacon_without_a_story_number_is_refused_clearly(reader, data):
    response = reader.post("/read/", data)

    assert response.status_code == 400
    assert b"story" in response.content
    assert ReadCount.objects.count() == 0


def test_an_unknown_story_is_not_found(reader):
    assert reader.post("/read/", {"story": "999999"}).status_code == 404


def test_the_beacon_only_takes_posts(reader):
    assert reader.get("/read/", {"story": "1"}).status_code == 405


def test_the_beacon_needs_no_csrf_token(backend):
    story = make_article()
    client = Client(
        enforce_csrf_checks=True,
        HTTP_USER_AGENT=READER_BROWSER,
        REMOTE_ADDR=READER_ADDRESS,
    )

    assert send_beacon(client, story).status_code == 204
    assert len(most_read_headlines()) == 1


def test_reads_past_the_limit_from_one_address_are_not_counted(
    reader, settings, backend
):
    settings.READ_RATE_LIMIT = 3
    story = make_article()

    answers = [send_beacon(reader, story).status_code for _ in range(5)]
    other = Client(HTTP_USER_AGENT=READER_BROWSER, REMOTE_ADDR="198.51.100.9")

    assert answers == [204, 204, 204, 429, 429]
    assert send_beacon(other, story).status_code == 204
    assert Article.objects.most_read()[0].reads == 4


def test_nothing_about_the_reader_is_stored(reader):
    story = make_article()

    send_beacon(reader, story)

    assert list(ReadCount.objects.values("article", "count")) == [
        {"article": story.pk, "count": 1}
    ]
    assert [field.name for field in ReadCount._meta.get_fields()] == [
        "id",
        "article",
        "hour",
        "count",
    ]
    stored = caches["default"]._cache
    assert stored, "the rate limit is counted in the cache"
    for key, value in stored.items():
        assert READER_ADDRESS not in key
        assert READER_ADDRESS.encode() not in value


def test_nothing_about_the_reader_is_stored_in_redis(reader, redis_port):
    story = make_article()

    send_beacon(reader, story)

    client = redis.Redis(port=redis_port)
    keys = client.keys("*")
    assert any(b"reads:" in key for key in keys)
    for key in keys:
        assert READER_ADDRESS.encode() not in key
        if client.type(key) == b"zset":
            assert client.zrange(key, 0, -1, withscores=True) == [
                (str(story.pk).encode(), 1.0)
            ]
        else:
            assert READER_ADDRESS.encode() not in client.get(key)


def test_redis_keeps_an_hour_of_reads_for_a_day_and_an_hour(reader, redis_port):
    send_beacon(reader, make_article())

    client = redis.Redis(port=redis_port)
    (key,) = client.keys("*reads:2*")
    assert 24 * 3600 < client.ttl(key) <= 25 * 3600


# The most-read list


def test_most_read_ranks_the_last_24_hours_only(backend):
    now = timezone.now()
    steady = make_article(headline="Steady reader favourite")
    yesterday = make_article(headline="Yesterday's big story")
    morning = make_article(headline="This morning's story")
    popularity.record_read(steady.pk, at=now, reads=3)
    popularity.record_read(steady.pk, at=now - timedelta(hours=5), reads=2)
    popularity.record_read(yesterday.pk, at=now - timedelta(hours=25), reads=50)
    popularity.record_read(yesterday.pk, at=now, reads=1)
    popularity.record_read(morning.pk, at=now - timedelta(hours=23), reads=4)

    assert most_read_headlines(now=now) == [
        "Steady reader favourite",
        "This morning's story",
        "Yesterday's big story",
    ]
    assert [a.reads for a in Article.objects.most_read(now=now)] == [5, 4, 1]
    # A day later only what was read then counts.
    assert most_read_headlines(now=now + timedelta(hours=24)) == []


def test_most_read_lists_five_live_stories(backend, editor):
    now = timezone.now()
    stories = make_article_batch(7)
    for reads, story in enumerate(stories, start=1):
        popularity.record_read(story.pk, at=now, reads=reads)
    Article.objects.filter(pk=stories[-1].pk).back_to_draft(editor)

    assert most_read_headlines(now=now) == [
        "Read story 5",
        "Read story 4",
        "Read story 3",
        "Read story 2",
        "Read story 1",
    ]


def test_most_read_reads_the_counts_then_the_stories(
    backend, django_assert_num_queries
):
    assert Article.objects.most_read() == []  # nothing read: no story to read
    for reads, story in enumerate(make_article_batch(30), start=1):
        popularity.record_read(story.pk, reads=reads)

    # The database's counts (none with Redis), then the stories they name.
    with django_assert_num_queries(2 if backend == "database" else 1):
        listed = Article.objects.most_read()

    assert [story.headline for story in listed] == [
        f"Read story {n}" for n in range(29, 24, -1)
    ]


def make_article_batch(number):
    return [make_article(headline=f"Read story {n}") for n in range(number)]


def test_database_counts_older_than_two_days_are_deleted(reader):
    old, new = make_article(), make_article()
    popularity.record_read(old.pk, at=timezone.now() - timedelta(hours=KEEP_HOURS + 2))
    popularity.record_read(old.pk, at=timezone.now() - timedelta(hours=30))

    send_beacon(reader, new)

    assert sorted(ReadCount.objects.values_list("article", flat=True)) == sorted(
        [old.pk, new.pk]
    )


def test_the_home_page_and_story_pages_show_the_most_read_list(client, reader):
    first = make_article(headline="Heat warning extended")
    second = make_article(headline="Rail strike called off", section=make_section())
    for _ in range(3):
        send_beacon(reader, first)
    send_beacon(reader, second)

    assert listed(client.get("/"), "most-read") == [
        "Heat warning extended",
        "Rail strike called off",
    ]
    assert listed(client.get(second.get_absolute_url()), "most-read") == [
        "Heat warning extended",
        "Rail strike called off",
    ]


def test_the_most_read_list_is_ranked_again_every_few_minutes(client, reader, settings):
    settings.MOST_READ_SECONDS = 300
    settings.PAGE_CACHE_SECONDS = 300
    first = make_article(headline="Heat warning extended")
    second = make_article(headline="Rail strike called off", section=make_section())
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        send_beacon(reader, first)
        assert listed(client.get("/"), "most-read") == ["Heat warning extended"]
        for _ in range(3):
            send_beacon(reader, second)
        # Served as ranked a moment ago.
        assert listed(client.get("/"), "most-read") == ["Heat warning extended"]

    with time_machine.travel(start + timedelta(seconds=301), tick=False):
        assert listed(client.get("/"), "most-read") == [
            "Rail strike called off",
            "Heat warning extended",
        ]


def test_a_story_taken_down_leaves_the_most_read_list_at_once(client, reader, editor):
    story = make_article(headline="Heat warning extended")
    send_beacon(reader, story)
    assert listed(client.get("/"), "most-read") == ["Heat warning extended"]

    Article.objects.filter(pk=story.pk).back_to_draft(editor)

    assert listed(client.get("/"), "most-read") == []


def test_pages_keep_their_query_counts_with_many_stories_read(
    client, reader, django_assert_max_num_queries
):
    topics = [f"Topic {n}" for n in range(10)]
    sections = [make_section() for _ in range(4)]
    for n in range(20):
        story = make_article(section=sections[n % 4], tags=topics[: n % 10])
        popularity.record_read(story.pk, reads=n + 1)
    story = make_article(section=sections[0], tags=topics)

    # sections' cut-offs, ranked stories, their bylines, menu, most read (counts,
    # stories), …
    with django_assert_max_num_queries(9):
        home = client.get("/")
    # story, tags, bylines, corrections, menu, related (three), comments; most
    # read was ranked for the home page and is kept
    with django_assert_max_num_queries(10):
        page = client.get(story.get_absolute_url())

    assert len(listed(home, "most-read")) == 5
    assert len(listed(page, "most-read")) == 5
    assert len(listed(page, "related")) == 4


def test_a_redis_that_is_down_breaks_neither_the_beacon_nor_the_pages(
    reader, client, settings, caplog
):
    story = make_article(headline="Heat warning extended")
    with socket.socket() as refusing:
        refusing.bind(("127.0.0.1", 0))
        settings.CACHES = {
            "default": {
                "BACKEND": "articles.pagecache.backends.ResilientRedisCache",
                "LOCATION": f"redis://127.0.0.1:{refusing.getsockname()[1]}/0",
            }
        }
        with caplog.at_level(logging.WARNING, logger="newsroom.cache"):
            assert send_beacon(reader, story).status_code == 204
            assert client.get("/").status_code == 200
            assert client.get(story.get_absolute_url()).status_code == 200

    warnings = [r for r in caplog.records if r.name == "newsroom.cache"]
    assert len(warnings) == 1
    assert ReadCount.objects.count() == 0


def test_preview_pages_and_share_links_send_no_beacon(editor, client):
    story = make_article(status=Article.Status.DRAFT, published_at=None)
    shared = Client().get(sharing.share_url(story))
    client.force_login(editor)

    preview = client.get(f"/preview/{story.pk}/")

    for response in (preview, shared):
        assert response.status_code == 200
        assert b"Preview, not published" in response.content
        assert b"read-beacon.js" not in response.content


def test_a_story_page_sends_its_beacon_from_a_deferred_script(client):
    story = make_article()

    response = client.get(story.get_absolute_url())

    assert re.search(
        rb'<script src="/static/articles/read-beacon\.js" data-url="/read/" '
        rb'data-story="%d" defer></script>' % story.pk,
        response.content,
    )


# In a browser


def counted_reads(story):
    return sum(ReadCount.objects.filter(article=story).values_list("count", flat=True))


def wait_for_reads(story, reads, timeout=10):
    """The story's reads once they reach `reads`, or after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while counted_reads(story) < reads and time.monotonic() < deadline:
        time.sleep(0.05)
    return counted_reads(story)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_story_read_in_a_browser_is_counted_cached_page_or_not(browser, live_server):
    story = make_article(headline="Heat warning extended", tags=["Heat"])
    make_article(headline="Cooling rooms open", tags=["Heat"])
    context = browser.new_context(base_url=live_server.url, user_agent=READER_BROWSER)
    page = context.new_page()
    errors = []
    page.on(
        "console",
        lambda message: message.type == "error" and errors.append(message.text),
    )

    # On SQLite the live server shares this connection: wait for the beacon's
    # answer, so none of its queries are counted with the cached page's.
    with page.expect_response(lambda response: response.url.endswith("/read/")):
        page.goto(story.get_absolute_url())
    assert counted_reads(story) == 1
    with CaptureQueriesContext(connection) as queries:
        Client().get(story.get_absolute_url())
    assert len(queries) == 0, "the page is now served from the cache"
    page.goto(story.get_absolute_url())
    assert wait_for_reads(story, 2) == 2

    expect(page.get_by_role("complementary", name="Related stories")).to_contain_text(
        "Cooling rooms open"
    )
    assert context.cookies() == []
    assert errors == []
    context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_story_opened_in_a_background_tab_counts_once_it_is_shown(
    browser, live_server
):
    story = make_article()
    context = browser.new_context(base_url=live_server.url, user_agent=READER_BROWSER)
    page = context.new_page()
    # The page believes it is hidden until the test shows it.
    page.add_init_script(
        "Object.defineProperty(document, 'visibilityState', "
        "{get: () => window.shown ? 'visible' : 'hidden'});"
    )

    page.goto(story.get_absolute_url())
    page.wait_for_load_state("load")
    assert wait_for_reads(story, 1, timeout=1) == 0

    page.evaluate(
        "window.shown = true; document.dispatchEvent(new Event('visibilitychange'))"
    )
    assert wait_for_reads(story, 1) == 1
    context.close()


@pytest.mark.parametrize("number", ["9" * 30, str(2**63), str(2**31)])
def test_a_story_number_beyond_any_story_is_not_found(reader, number):
    assert reader.post("/read/", {"story": number}).status_code == 404
