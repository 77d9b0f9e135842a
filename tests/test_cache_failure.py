"""The cache is an optimisation: with Redis down or silent, the site works on."""

import logging
import os
import signal
import socket
import time

import pytest
from django.core.cache import cache
from django.core.management import call_command

from articles.models import Comment
from tests.base import free_port, make_article, post_comment

pytestmark = pytest.mark.django_db

BACKEND = "articles.pagecache.backends.ResilientRedisCache"


def use_redis_at(settings, port):
    settings.CACHES = {
        "default": {"BACKEND": BACKEND, "LOCATION": f"redis://127.0.0.1:{port}/0"}
    }


@pytest.fixture
def refusing_port():
    """A loopback port that refuses connections at once."""
    with socket.socket() as sock:
        # Bound but not listening: refused, and no other process can take it.
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]


@pytest.fixture
def silent_port():
    """A loopback port that accepts connections and never answers, like a hung Redis."""
    with socket.create_server(("127.0.0.1", 0)) as server:
        yield server.getsockname()[1]


@pytest.fixture(params=["refusing_port", "silent_port"])
def down_port(request):
    """Where a Redis that refuses connections, or one that never answers, would be."""
    return request.getfixturevalue(request.param)


@pytest.fixture
def redis_down(settings, down_port):
    use_redis_at(settings, down_port)


def cache_log(caplog):
    """(level, message) of each line the cache logged."""
    return [
        (record.levelname, record.getMessage())
        for record in caplog.records
        if record.name == "newsroom.cache"
    ]


def test_no_reader_waits_for_a_redis_that_goes_down(client, settings, down_port):
    settings.CACHE_RETRY_SECONDS = 0.5
    story = make_article(headline="Council passes the budget")
    use_redis_at(settings, down_port)
    responses = []
    timings = []

    def read_pages():
        for path in ["/", story.get_absolute_url()] * 5:
            started = time.monotonic()
            responses.append(client.get(path))
            timings.append(time.monotonic() - started)

    read_pages()
    time.sleep(0.5)  # past the retry time: Redis is tried, and fails, again
    read_pages()

    assert [response.status_code for response in responses] == [200] * 20
    assert all(b"Council passes the budget" in r.content for r in responses)
    assert sum(timings) < 3
    assert max(timings) < 1


def test_comments_are_saved_and_not_rate_limited_while_redis_is_down(
    client, redis_down, settings
):
    settings.COMMENT_MIN_SECONDS = 0
    settings.COMMENT_RATE_LIMIT = 1
    story = make_article()

    first = post_comment(client, story, "The bus fare freeze will help families.")
    second = post_comment(client, story, "And the new cycle lanes too.")

    assert first.status_code == second.status_code == 302
    assert Comment.objects.filter(article=story).count() == 2


def test_healthz_names_the_cache_while_redis_is_down(client, redis_down):
    started = time.monotonic()
    response = client.get("/healthz")

    assert time.monotonic() - started < 1
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "cache": "unavailable"}


def test_while_redis_is_down_the_cache_answers_as_an_empty_one(redis_down):
    cache.set("headline", "Council passes the budget")

    assert cache.available is False
    assert cache.get("headline", "missing") == "missing"
    assert cache.get_many(["headline", "standfirst"]) == {}
    assert cache.get_or_set("headline", lambda: "built afresh") == "built afresh"
    assert cache.add("headline", "again") is False
    assert cache.has_key("headline") is False
    assert cache.delete("headline") is False
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    with pytest.raises(ValueError):
        cache.incr("comment-posts:198.51.100.20")


def test_migrate_runs_while_redis_is_down(redis_down, caplog):
    with caplog.at_level(logging.WARNING, logger="newsroom.cache"):
        call_command("migrate", verbosity=0)

    assert [level for level, _ in cache_log(caplog)] == ["WARNING"]


def test_one_warning_is_logged_for_a_whole_outage(client, redis_down, settings, caplog):
    settings.CACHE_RETRY_SECONDS = 0.3
    story = make_article()

    with caplog.at_level(logging.WARNING, logger="newsroom.cache"):
        for _ in range(3):
            client.get("/")
            client.get(story.get_absolute_url())
            client.get("/healthz")
            time.sleep(0.4)  # past the retry time: Redis is tried, and fails, again

    [(level, message)] = cache_log(caplog)
    assert level == "WARNING"
    assert message.startswith("Cache unavailable (")
    assert message.endswith("pages are served uncached until it answers again")


@pytest.mark.redis
def test_the_cache_is_used_again_once_redis_answers(
    client, settings, caplog, start_redis, django_assert_num_queries
):
    settings.CACHE_RETRY_SECONDS = 60
    port = free_port()
    use_redis_at(settings, port)
    path = make_article().get_absolute_url()
    with caplog.at_level(logging.INFO, logger="newsroom.cache"):
        client.get(path)
        start_redis(port)
        cache.set("while-left-alone", "stored")
        settings.CACHE_RETRY_SECONDS = 0  # as if a minute had passed
        client.get(path)
        with django_assert_num_queries(0):
            page = client.get(path)

    assert page.status_code == 200
    assert cache.available is True
    assert cache.get("while-left-alone") is None
    # The story was written while Redis was down: its versions are written now.
    [(warning, _), answering, recorded] = cache_log(caplog)
    assert warning == "WARNING"
    assert answering == ("INFO", "Cache is answering again")
    assert recorded[1].startswith("Cache: the changes made while it was unavailable")


@pytest.mark.redis
def test_a_change_made_while_redis_was_left_alone_is_seen_once_it_answers(
    client, settings, caplog, start_redis
):
    settings.CACHE_RETRY_SECONDS = 60
    port = free_port()
    start_redis(port)
    use_redis_at(settings, port)
    story = make_article(headline="Council passes the budget")
    path = story.get_absolute_url()
    client.get(path)  # kept in Redis
    redis_pid = cache.run(lambda redis: redis.info()["process_id"])
    with caplog.at_level(logging.INFO, logger="newsroom.cache"):
        os.kill(redis_pid, signal.SIGSTOP)  # hangs, keeping what it holds
        try:
            client.get(path)  # waits CACHE_TIMEOUT once: Redis is left alone
        finally:
            os.kill(redis_pid, signal.SIGCONT)
        story.headline = "Council delays the budget"
        story.save()  # while Redis is left alone: its versions are not written
        settings.CACHE_RETRY_SECONDS = 0  # as if the retry time had passed
        page = client.get(path).content.decode()

    assert "Council delays the budget" in page
    assert "Council passes the budget" not in page
    assert cache_log(caplog)[-1][1].startswith(
        "Cache: the changes made while it was unavailable are recorded"
    )
