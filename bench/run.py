"""
Benchmark of the reader pages; `make bench` runs it with the project's virtualenv.

Builds (or reuses) a database of its own, counts each page's queries with 1,000 live
stories and with all of them, serves the site with gunicorn and loads each page with
wrk three times: keeping nothing in the cache (uncached), keeping no page but the
parts pages are built from (cold), and caching pages (warm). Prints one table
comparing every page with the minimal view (Django's middleware and nothing else),
loaded on the same server just before and after the page, the targets, and on
PostgreSQL the plans of the queries behind the pages.

Environment: BENCH_STORIES (10000), BENCH_SECONDS per page (10), BENCH_REBUILD=1 to
build the data again, DATABASE_URL (default: SQLite bench/bench.sqlite3; a PostgreSQL
database must exist). On 2 cores, building takes about 40 s for 10,000 stories on
SQLite and 8 minutes for 100,000 on PostgreSQL.
"""

import os
import platform
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections import namedtuple
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path

import django
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Max, Min
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

BENCH_DIR = Path(__file__).resolve().parent
BASE_DIR = BENCH_DIR.parent
STORIES = int(os.environ.get("BENCH_STORIES", "10000"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
REBUILD = os.environ.get("BENCH_REBUILD") == "1"
FEW_STORIES = 1000
# Every run uses the local-memory cache; a timeout of 0 keeps nothing. "uncached"
# keeps nothing of a page, so every request reads the database and renders the
# whole page. "cold" keeps no page, so every request builds its page, from the parts
# kept since the content last changed: what readers get after any change, such as a
# comment approved (see articles/caching.py). "warm" serves pages from the cache.
CACHES = {
    "uncached": {
        "CACHE_URL": "locmemcache://",
        "PAGE_CACHE_SECONDS": "0",
        "PART_CACHE_SECONDS": "0",
    },
    "cold": {
        "CACHE_URL": "locmemcache://",
        "PAGE_CACHE_SECONDS": "0",
        "PART_CACHE_SECONDS": "3600",
    },
    "warm": {
        "CACHE_URL": "locmemcache://",
        "PAGE_CACHE_SECONDS": "300",
        "PART_CACHE_SECONDS": "3600",
    },
}
SERVER_ENV = {
    "DJANGO_SETTINGS_MODULE": "newsroom.settings",
    "DEBUG": "0",
    "SECRET_KEY": "bench-only",
    "ALLOWED_HOSTS": "127.0.0.1",
    "HTTPS": "0",
    "BENCHMARK": "1",
    "DATABASE_URL": os.environ.get(
        "DATABASE_URL", f"sqlite:///{BENCH_DIR / 'bench.sqlite3'}"
    ),
    "MEDIA_ROOT": str(BENCH_DIR / "media"),
    "LOG_LEVEL": "WARNING",
    # Query counts are taken uncached, so they show all of the database's work.
    **CACHES["uncached"],
}
# "story": a story from the middle of the range, past its comment period;
# "story+form": the newest story, whose page holds the comment form.
LOADED_PAGES = ["minimal", "home", "section", "story", "story+form", "gallery", "feed"]
EXPLAINED_PAGES = ["home", "section", "tag", "story"]
BIG_TABLES = ["articles_article", "articles_comment"]
MILLISECONDS = {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}
# wrk's counts of responses other than 2xx or 3xx, and of socket errors.
FAILURES = r"(?:3xx responses:|connect|read|write|timeout) (\d+)"


Result = namedtuple(
    "Result", "page cache requests_per_second p50_ms p99_ms failures minimal_rate"
)


def main():
    os.environ.update(SERVER_ENV)
    django.setup()
    print_machine()
    prepare_database()
    few = capture_queries_with_few_stories()
    pages = pick_pages()
    captured = capture_queries(pages)
    print_query_counts(few, captured)
    if connection.vendor == "postgresql":
        print_query_plans(captured)
    pages["story+form"] = pick_story_taking_comments()
    connection.close()
    results = []
    for cache, cache_env in CACHES.items():
        print(f"\nLoading each page for {SECONDS} s, {cache}:", end="", flush=True)
        for page in LOADED_PAGES:
            print(f" {page}", end="", flush=True)
            # A server of its own: gunicorn goes on answering a slow page's
            # abandoned requests, which would hold up the next page.
            with serve(cache_env) as base_url:
                results.append(measure(page, cache, base_url, pages))
    print()
    print_table(results)
    print_targets(results)


def prepare_database():
    # Models can be imported only once django.setup() has run.
    from articles.models import Article

    call_command("migrate", verbosity=0)
    # With DEBUG off the hashed static file names come from the manifest.
    call_command("collectstatic", interactive=False, verbosity=0)
    existing = Article.objects.count()
    if existing == STORIES and not REBUILD:
        print(f"Reusing the {existing} stories there (BENCH_REBUILD=1 rebuilds).")
    else:
        call_command(
            "build_benchmark_data",
            stories=STORIES,
            reset=REBUILD or existing > STORIES,
        )
    if connection.vendor == "postgresql":
        # What autovacuum does a while after a bulk load, as on a live site: the
        # planner's statistics, and the visibility map that lets the paginator
        # count a section's stories from its index alone.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def print_machine():
    cpuinfo = Path("/proc/cpuinfo").read_text()
    cpu = re.search(r"^model name\s*:\s*(.*)$", cpuinfo, re.M)[1]
    database = ".".join(map(str, connection.get_database_version()))
    print(
        f"\nMachine: {len(os.sched_getaffinity(0))} CPUs (nproc), {cpu}, "
        f"load average {os.getloadavg()[0]:.2f} (other work skews the results)\n"
        f"Python {platform.python_version()}, Django {django.get_version()}, "
        f"gunicorn {version('gunicorn')}, {connection.display_name} {database}"
    )


def pick_pages():
    """
    Paths of the pages measured. The story is the first with a gallery and approved
    comments from the middle of the date range on; the gallery page shows photo 2.
    """
    from articles.models import Article, Comment

    live = Article.objects.live()
    dates = live.aggregate(first=Min("published_at"), last=Max("published_at"))
    middle = dates["first"] + (dates["last"] - dates["first"]) / 2
    with_gallery = live.filter(published_at__gte=middle, galleries__isnull=False)
    with_comments = with_gallery.filter(comments__status=Comment.Status.APPROVED)
    story = with_comments.order_by("published_at").first()
    if story is None:
        sys.exit("No live story with a gallery and comments: build more stories.")
    return {
        "minimal": reverse("bench-minimal"),
        "home": reverse("articles:home"),
        "section": story.section.get_absolute_url(),
        "tag": reverse("articles:tag-detail", args=[story.tags.first().slug]),
        "story": story.get_absolute_url(),
        "gallery": story.gallery_photo_url(story.gallery_slugs()[0], 2),
        "feed": reverse("articles:latest-rss"),
    }


def pick_story_taking_comments():
    """The newest live story still taking comments: its page holds the form."""
    from articles.models import Article

    for story in Article.objects.live().newest_first()[:100]:
        if story.comments_open():
            return story.get_absolute_url()
    sys.exit("No live story takes comments: build the data again.")


def capture_queries(pages):
    """{page: the SQL of each query it runs}; every page must answer 200."""
    client = Client(HTTP_HOST="127.0.0.1")
    captured = {}
    for page, path in pages.items():
        # Captured the second time, as a running server would serve it: the first
        # request fills per-process caches, such as ContentType's.
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        if response.status_code != 200:
            sys.exit(f"The {page} page {path} answered {response.status_code}.")
        captured[page] = [query["sql"] for query in queries]
    return captured


def capture_queries_with_few_stories():
    """
    capture_queries() with only the first FEW_STORIES stories live: the others go
    back to draft meanwhile, in a transaction that is rolled back.
    """
    from articles.models import Article

    with transaction.atomic():
        first = Article.objects.order_by("pk")[:FEW_STORIES].values("pk")
        Article.objects.exclude(pk__in=first).update(status=Article.Status.DRAFT)
        captured = capture_queries(pick_pages())
        transaction.set_rollback(True)
    return captured


def print_query_counts(few, full):
    live = min(STORIES, FEW_STORIES)
    print(f"\n{'Queries':10} {live:>8,} {STORIES:>8,} stories")
    for page in full:
        verdict = "EQUAL" if len(few[page]) == len(full[page]) else "DIFFERENT"
        print(f"{page:10} {len(few[page]):>8} {len(full[page]):>8}  {verdict}")


def print_query_plans(captured):
    """EXPLAIN each query behind the listing and story pages; flag big Seq Scans."""
    with connection.cursor() as cursor:
        for page in EXPLAINED_PAGES:
            # psycopg binds parameters on the client, so the captured SQL is
            # exactly what the page sent, values included.
            for sql in captured[page]:
                cursor.execute(f"EXPLAIN {sql}")
                plan = "\n".join(row[0] for row in cursor.fetchall())
                print(f"\n-- {page}: {sql[:150]}\n{plan}")
                for table in BIG_TABLES:
                    if f"Seq Scan on {table}" in plan:
                        print(f"!! Seq Scan on {table} behind the {page} page")


@contextmanager
def serve(cache_env):
    """Run gunicorn (2 workers, no access log) on a free loopback port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "gunicorn", "newsroom.wsgi:application"]
    command += ["--workers=2", f"--bind=127.0.0.1:{port}", "--log-level=warning"]
    # On the way out, requests a slow page left behind are not worth finishing.
    command += ["--graceful-timeout=1"]
    server = subprocess.Popen(command, cwd=BASE_DIR, env=os.environ | cache_env)
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(server, base_url + reverse("bench-minimal"))
        yield base_url
    finally:
        server.terminate()
        server.wait()


def wait_until_answering(server, url, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn stopped with exit code {server.returncode}.")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"gunicorn did not answer {url} within {timeout} s.")


def wrk(url, seconds):
    command = ["wrk", "-t2", "-c8", f"-d{seconds}s", "--latency", url]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def latency_ms(output, percentile):
    match = re.search(rf"^\s+{percentile}%\s+([\d.]+)([a-z]+)", output, re.M)
    return float(match[1]) * MILLISECONDS[match[2]]


def measure(page, cache, base_url, paths):
    """
    Load the page, with the minimal view loaded on the same server for half as
    long just before and just after it: the page's ratio compares it with the
    minimal view under the same conditions, however the machine's other load
    drifts during the benchmark.
    """
    url, minimal_url = base_url + paths[page], base_url + paths["minimal"]
    wrk(url, 2)  # warm-up: workers import lazily and fill their caches
    if page == "minimal":
        output = wrk(url, SECONDS)
        minimal_rate = requests_per_second(output)
    else:
        wrk(minimal_url, 1)
        before = requests_per_second(wrk(minimal_url, max(1, SECONDS // 2)))
        output = wrk(url, SECONDS)
        wrk(minimal_url, 1)  # lets the server finish the page's last requests
        after = requests_per_second(wrk(minimal_url, max(1, SECONDS // 2)))
        minimal_rate = (before + after) / 2
    return Result(
        page=page,
        cache=cache,
        requests_per_second=requests_per_second(output),
        p50_ms=latency_ms(output, 50),
        p99_ms=latency_ms(output, 99),
        failures=sum(map(int, re.findall(FAILURES, output))),
        minimal_rate=minimal_rate,
    )


def requests_per_second(output):
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])


def ratios(results):
    """{(page, cache): requests per second as a share of the minimal view's}."""
    return {(r.page, r.cache): r.requests_per_second / r.minimal_rate for r in results}


def print_table(results):
    ratio = ratios(results)
    print(
        "\nuncached: nothing of a page is kept; cold: no page is kept, its parts are;"
        " warm: pages are kept"
    )
    print("minimal beside: the minimal view's req/s on the same server around the page")
    print(
        "page       | cache    |   req/s |  p50 ms |  p99 ms | minimal beside "
        "| ratio to minimal"
    )
    for r in results:
        failed = f"  ({r.failures} failed)" if r.failures else ""
        print(
            f"{r.page:10} | {r.cache:8} | {r.requests_per_second:7.1f} | "
            f"{r.p50_ms:7.2f} | {r.p99_ms:7.2f} | {r.minimal_rate:14.1f} | "
            f"{ratio[r.page, r.cache]:.2f}{failed}"
        )


def print_targets(results):
    ratio = ratios(results)
    print()
    for page in ("story", "story+form"):
        cold, warm = ratio[page, "cold"], ratio[page, "warm"]
        print_target(cold >= 0.35, f"{page}, cold cache >= 0.35x minimal: {cold:.2f}x")
        print_target(warm >= 0.9, f"{page}, from cache >= 0.9x minimal: {warm:.2f}x")
    for r in results:
        # Requests that timed out are missing from the percentiles; with none
        # answered in time, both are 0.
        passed = 0 < r.p99_ms <= 3 * r.p50_ms and not r.failures
        spread = f"p99 {r.p99_ms:.2f} <= 3x p50 {r.p50_ms:.2f} ms, {r.failures} failed"
        print_target(passed, f"{r.page}, {r.cache}: {spread}")
    print(f"(no target) story page, nothing cached: {ratio['story', 'uncached']:.2f}x")


def print_target(passed, text):
    print(f"{'PASS' if passed else 'FAIL'}  {text}")


if __name__ == "__main__":
    started = time.monotonic()
    # Stopped by a signal, still stop gunicorn: SystemExit runs the `finally`.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(130)
    print(f"\nThe benchmark took {time.monotonic() - started:.0f} s.")
