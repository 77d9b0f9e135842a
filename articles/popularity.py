"""
How often each story was read in the last 24 hours, for the most-read list.

Reads are counted hour by hour, in Redis when the cache is Redis (a sorted set
per hour, expiring after a day) and in the database otherwise (ReadCount). A
Redis that fails costs the counts made meanwhile, never the page or the beacon
(articles.pagecache.backends.ResilientRedisCache logs it once).
"""

from datetime import UTC, timedelta

from django.core.cache import caches
from django.utils import timezone

from articles.models import ReadCount
from articles.pagecache.backends import ResilientRedisCache

WINDOW_HOURS = 24
# An hour's sorted set outlives the window by an hour, then Redis deletes it.
HOUR_SET_SECONDS = (WINDOW_HOURS + 1) * 3600


def record_read(article_id, at=None, reads=1):
    """Count a read of the story (or `reads` of them) at `at`, now by default."""
    hour = _hour_of(at or timezone.now())
    cache = caches["default"]
    if isinstance(cache, ResilientRedisCache):
        key = _hour_key(cache, hour)

        def add(client):
            pipeline = client.pipeline(transaction=False)
            pipeline.zincrby(key, reads, article_id)
            pipeline.expire(key, HOUR_SET_SECONDS)
            pipeline.execute()

        cache.run(add)
    else:
        ReadCount.objects.add_reads(article_id, hour, reads)


def most_read(articles, limit, now=None):
    """
    The stories of the queryset `articles` read most in the 24 hours up to `now`,
    most read first, newest first among equals, each with its `reads`.
    """
    hours = _window(now or timezone.now())
    # Room for stories that are not among `articles` (taken down since).
    room = 3 * limit
    cache = caches["default"]
    if isinstance(cache, ResilientRedisCache):
        reads = _reads_in_redis(cache, hours, room)
    else:
        reads = ReadCount.objects.most_read_since(hours[-1], room)
    found = articles.in_bulk(reads)
    ranked = sorted(
        found.values(),
        key=lambda a: (-reads[a.pk], -a.published_at.timestamp(), -a.pk),
    )
    for article in ranked:
        article.reads = reads[article.pk]
    return ranked[:limit]


def _reads_in_redis(cache, hours, number):
    """{story id: reads} of the `number` stories read most in these hours."""
    total = cache.make_key("reads:last-24-hours")

    def rank(client):
        # One transaction, so two processes ranking at once read their own sum.
        pipeline = client.pipeline(transaction=True)
        pipeline.zunionstore(total, [_hour_key(cache, hour) for hour in hours])
        pipeline.zrevrange(total, 0, number - 1, withscores=True)
        pipeline.delete(total)
        return pipeline.execute()[1]

    return {int(member): int(score) for member, score in cache.run(rank, [])}


def _hour_of(moment):
    return moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def _window(now):
    """The hours of the last 24 hours, this one first."""
    current = _hour_of(now)
    return [current - timedelta(hours=back) for back in range(WINDOW_HOURS)]


def _hour_key(cache, hour):
    return cache.make_key(f"reads:{hour:%Y%m%d%H}")
