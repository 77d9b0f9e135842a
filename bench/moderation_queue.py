"""
BENCH_MODE=queue of bench/run.py: the moderation queue with BENCH_PENDING (100,000)
comments waiting, opened by a moderator in this process (Django's test client, no
server in between): its queries counted and each request timed, with the reported
queue, a comment's page and the dashboard beside it. On PostgreSQL, the plans of
the queue's queries.
"""

import os
import random
import statistics
import time
from datetime import timedelta

from django.db import connection, transaction
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

PENDING = int(os.environ.get("BENCH_PENDING", "100000"))
LOADS = 20
QUEUE_TARGET_MS = 500
QUEUE_TARGET_QUERIES = 12
BATCH = 5000


def run_queue():
    # Models can be imported only once django.setup() has run.
    from articles.models import Comment

    add_pending_comments()
    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(bench_moderator())
    waiting = Comment.objects.pending().first()
    pages = {
        "queue": "/admin/articles/comment/",
        "queue, page 50": "/admin/articles/comment/?p=50",
        "reported": "/admin/articles/comment/?status=reported",
        "a comment": f"/admin/articles/comment/{waiting.pk}/change/",
        "dashboard, today": "/admin/articles/comment/dashboard/",
        "dashboard, 30 days": "/admin/articles/comment/dashboard/?period=30d",
    }
    print(
        f"\n{Comment.objects.pending().count():,} comments waiting; each page "
        f"loaded {LOADS} times after one unmeasured load:"
    )
    print(f"{'page':<20} {'queries':>7} {'p50 ms':>8} {'max ms':>8}")
    results = {}
    for name, path in pages.items():
        results[name] = measure(client, path)
        queries, times = results[name]
        print(
            f"{name:<20} {len(queries):>7} {statistics.median(times):>8.1f} "
            f"{max(times):>8.1f}"
        )
    if connection.vendor == "postgresql":
        print_plans(results["queue"][0])
    queries, times = results["queue"]
    median = statistics.median(times)
    print_target(
        len(queries) <= QUEUE_TARGET_QUERIES,
        f"queue queries ≤ {QUEUE_TARGET_QUERIES}: {len(queries)}",
    )
    print_target(
        median <= QUEUE_TARGET_MS, f"queue p50 ≤ {QUEUE_TARGET_MS} ms: {median:.1f} ms"
    )


def add_pending_comments():
    """Pending comments on the benchmark's stories until PENDING wait."""
    from articles.management.commands.build_benchmark_data import body_hash
    from articles.models import Article, Comment

    missing = PENDING - Comment.objects.pending().count()
    if missing <= 0:
        return
    print(f"Adding {missing:,} pending comments", end="", flush=True)
    rng = random.Random(13)
    stories = list(Article.objects.live().values_list("pk", flat=True))
    for start in range(0, missing, BATCH):
        batch = []
        for number in range(start, min(start + BATCH, missing)):
            body = f"Waiting comment {number}: " + rng.choice(SENTENCES)
            batch.append(
                Comment(
                    article_id=rng.choice(stories),
                    author_name=f"Reader {number % 7000}",
                    # Many commenters with a history: the queue shows their records.
                    author_email=f"reader{number % 5000}@example.com",
                    body=body,
                    body_hash=body_hash(body),
                    status=Comment.Status.PENDING,
                    policy_version="bench",
                    consented_at=time_ago(rng),
                    # One address per comment: the duplicate guard always holds.
                    ip_address=f"10.{number >> 16 & 255}.{number >> 8 & 255}."
                    f"{number & 255}",
                    user_agent="Mozilla/5.0 (benchmark)",
                )
            )
        with transaction.atomic():
            created = Comment.objects.bulk_create(batch)
            Comment.objects.filter(pk__in=[c.pk for c in created]).update(
                created_at=F("consented_at")
            )
        print(".", end="", flush=True)
    print()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE articles_comment")


def time_ago(rng):
    return timezone.now() - timedelta(minutes=rng.randrange(60 * 24 * 3))


def bench_moderator():
    from django.contrib.auth.models import Group, User

    user, _ = User.objects.get_or_create(
        username="bench-moderator", defaults={"is_staff": True}
    )
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def measure(client, path):
    assert client.get(path).status_code == 200, path
    times = []
    for _ in range(LOADS):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, path
    return [q["sql"] for q in queries.captured_queries], times


def print_plans(queries):
    with connection.cursor() as cursor:
        for sql in queries:
            if "articles_comment" not in sql:
                continue
            cursor.execute(f"EXPLAIN ANALYZE {sql}")
            plan = "\n".join(row[0] for row in cursor.fetchall())
            print(f"\n-- queue: {sql[:160]}\n{plan}")


def print_target(passed, text):
    print(f"{'PASS' if passed else 'FAIL'}  {text}")


SENTENCES = [
    "The council should publish the full figures.",
    "I disagree with the headline, not the story.",
    "Has anyone asked the teachers what they think?",
    "This is the third time the plan has changed this year.",
    "המספרים האלה לא מסתדרים לי.",
    "כל הכבוד על הכתבה המפורטת.",
]
