"""
With Redis, each process keeps the page cache's keys in its own memory, and Redis
tells it at once when another process changes them.
"""

import time

import pytest
import redis

from articles.models import Article
from articles.pagecache import keys
from articles.pagecache.dependencies import VERSION_PREFIX
from tests.base import free_port, make_article

pytestmark = pytest.mark.redis

BACKEND = "articles.pagecache.backends.ResilientRedisCache"


def redis_cache(port):
    """A cache as one worker process has it: a connection pool of its own."""
    from articles.pagecache.backends import ResilientRedisCache

    return ResilientRedisCache(f"redis://127.0.0.1:{port}/0", {})


def reads(server):
    """How many lookups Redis has answered so far."""
    stats = server.info("commandstats")
    return sum(
        stats.get(f"cmdstat_{name}", {}).get("calls", 0) for name in ("get", "mget")
    )


def read_soon(cache, key):
    """
    cache.get(key) once Redis's word of a change has had a moment to arrive: Redis
    writes it to the tracking connection in the same turn as its answer to the
    change, and under load the answer can be read here first.
    """
    deadline = time.monotonic() + 1
    while (value := cache.get(key)) is not None and time.monotonic() < deadline:
        time.sleep(0.01)
    return value


def redis_at(start_redis):
    port = free_port()
    start_redis(port)
    return port, redis.Redis(port=port)


def test_a_page_served_again_is_read_from_the_process_memory(start_redis):
    port, server = redis_at(start_redis)
    worker = redis_cache(port)
    worker.set("pc:page:home", b"<h1>Home</h1>")
    worker.get("pc:page:home")

    before = reads(server)
    for _ in range(10):
        assert worker.get_many(["pc:page:home"]) == {"pc:page:home": b"<h1>Home</h1>"}

    assert reads(server) == before


def test_a_change_made_by_another_process_is_seen_at_once(start_redis):
    port, _ = redis_at(start_redis)
    reader, writer = redis_cache(port), redis_cache(port)
    for version in range(200):
        writer.set("pc:v:story-1", version)
        assert reader.get("pc:v:story-1") == version
        assert reader.get("pc:v:story-1") == version


def test_deleted_and_emptied_keys_are_forgotten(start_redis):
    port, server = redis_at(start_redis)
    reader, writer = redis_cache(port), redis_cache(port)
    writer.set_many({"pc:v:menu": 1, "pc:v:stories": 2})
    assert reader.get_many(["pc:v:menu", "pc:v:stories"]) == {
        "pc:v:menu": 1,
        "pc:v:stories": 2,
    }

    writer.delete("pc:v:menu")
    assert read_soon(reader, "pc:v:menu") is None
    server.flushdb()
    assert read_soon(reader, "pc:v:stories") is None


def test_keys_other_than_the_page_cache_are_always_read_from_redis(start_redis):
    port, server = redis_at(start_redis)
    worker = redis_cache(port)
    worker.set("comment-posts:198.51.100.20", 1)
    worker.get("comment-posts:198.51.100.20")

    before = reads(server)
    worker.get("comment-posts:198.51.100.20")

    assert reads(server) == before + 1


def test_the_least_recently_used_copies_make_room(start_redis, settings):
    settings.CACHE_LOCAL_MB = 1
    port, server = redis_at(start_redis)
    worker = redis_cache(port)
    page = b"x" * 200_000
    for number in range(6):
        worker.set(f"pc:page:{number}", page)
        worker.get(f"pc:page:{number}")

    before = reads(server)
    worker.get("pc:page:5")
    assert reads(server) == before
    worker.get("pc:page:0")
    assert reads(server) == before + 1


def test_a_process_left_idle_starts_afresh(start_redis, monkeypatch):
    from articles.pagecache.backends import LocalCopies

    port, server = redis_at(start_redis)
    worker = redis_cache(port)
    worker.set("pc:page:home", b"<h1>Home</h1>")
    worker.get("pc:page:home")
    monkeypatch.setattr(LocalCopies, "IDLE_SECONDS", 0)
    time.sleep(0.01)

    before = reads(server)
    assert worker.get("pc:page:home") == b"<h1>Home</h1>"

    assert reads(server) == before + 1


def test_with_no_room_every_lookup_reads_redis(start_redis, settings):
    settings.CACHE_LOCAL_MB = 0
    port, server = redis_at(start_redis)
    worker = redis_cache(port)
    worker.set("pc:page:home", b"<h1>Home</h1>")

    before = reads(server)
    worker.get("pc:page:home")
    worker.get("pc:page:home")

    assert reads(server) == before + 2


def test_nothing_kept_before_redis_restarts_is_served_after(start_redis, settings):
    settings.CACHE_RETRY_SECONDS = 0
    port, server = redis_at(start_redis)
    worker = redis_cache(port)
    worker.set("pc:v:story-1", 1)
    assert worker.get("pc:v:story-1") == 1

    server.shutdown(nosave=True)
    start_redis(port)  # empty, as a restarted Redis without persistence

    # The first lookup finds the connection gone; none finds the old copy.
    assert worker.get("pc:v:story-1") is None
    redis.Redis(port=port).set(":1:pc:v:story-1", 2)
    assert worker.get("pc:v:story-1") == 2


@pytest.mark.django_db
def test_pages_are_served_from_memory_and_refreshed_by_a_write_elsewhere(
    client, settings, start_redis, django_assert_num_queries
):
    port, server = redis_at(start_redis)
    settings.CACHES = {
        "default": {"BACKEND": BACKEND, "LOCATION": f"redis://127.0.0.1:{port}/0"}
    }
    story = make_article(headline="Council passes the budget")
    client.get(story.get_absolute_url())  # built and kept in Redis
    client.get(story.get_absolute_url())  # read from Redis, and kept in memory

    before = reads(server)
    with django_assert_num_queries(0):
        page = client.get(story.get_absolute_url())
    assert reads(server) == before
    assert b"Council passes the budget" in page.content

    # Another worker saves the story: the row changes, and that worker gives the
    # story's key a new version in Redis, as articles.pagecache.invalidate does.
    Article.objects.filter(pk=story.pk).update(headline="The budget, at last")
    redis_cache(port).set(VERSION_PREFIX + keys.story(story.pk), time.time_ns())

    assert b"The budget, at last" in client.get(story.get_absolute_url()).content
