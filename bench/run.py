"""
Benchmarks of the site; `make bench` runs them with the project's virtualenv.

Builds (or reuses) a database of its own, then runs one benchmark, or all
(BENCH_MODE=pages, the default; day; search; queue; uploads; all). pages and day
compare what they load with the minimal view (Django's middleware and nothing
else), loaded on the same server just before and after; each prints its targets as
PASS or FAIL.

search: the search page built in this process with nothing cached, p50 and p95 by
kind of query (SEARCHES), against a p95 of 50 ms (set for PostgreSQL with 100,000
stories). Seconds once the data is built.

pages: counts each page's queries with 1,000 live stories and with all of them,
serves the site with gunicorn and loads each page with wrk three times: keeping
nothing in the cache (uncached), keeping no page but the parts pages are built from
(cold), and caching pages (warm); on PostgreSQL, prints the plans of the queries
behind the pages. About 10 minutes.

day, a newsroom day: times the story page built in this process with nothing
cached, the minimal view in this process (how fast the machine is running Django
at the time), and the story page built again after one of its comments is
approved; then serves the site with gunicorn and the Redis cache
(BENCH_REDIS_URL, a database of its own, emptied first) with the default cache
times, asks for every page once and then reads as readers do for
BENCH_DAY_SECONDS, as on a site that has been up for a while, and loads the pages
readers read (bench/newsroom_day.lua) twice: without writes, and while a moderator
approves a comment every second and an editor saves a story every ten seconds, in
a process of their own. wrk, gunicorn and the writer share the machine's CPUs.
About 4 to 7 minutes on 2 cores with 10,000 stories, most of it asking for each
page once.

queue: the moderation queue with BENCH_PENDING (100,000) comments waiting, its
queries counted and each load timed (bench/moderation_queue.py).

uploads: one photo of 3, 12, 24 and 50 megapixels uploaded through the admin, each
in a process of its own: the request's time and how far the process's peak memory
rises (bench/uploads.py).

Environment: BENCH_MODE (pages), BENCH_STORIES (10000), BENCH_SECONDS per page (10),
BENCH_DAY_SECONDS per newsroom-day load (30), BENCH_REDIS_URL
(redis://127.0.0.1:6379/13), BENCH_REBUILD=1 to build the data again, DATABASE_URL
(default: SQLite bench/bench.sqlite3; a PostgreSQL database must exist). On 2 cores,
building takes about 40 s for 10,000 stories on SQLite and 8 minutes for 100,000 on
PostgreSQL.
"""

import multiprocessing
import os
import platform
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import wsgiref.util
from collections import deque, namedtuple
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from importlib.metadata import version
from itertools import accumulate
from pathlib import Path
from urllib.parse import unquote_to_bytes

import django
import redis
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Max, Min
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from moderation_queue import run_queue
from uploads import run_uploads

BENCH_DIR = Path(__file__).resolve().parent
BASE_DIR = BENCH_DIR.parent
MODES = ("pages", "day", "search", "queue", "uploads", "all")
MODE = os.environ.get("BENCH_MODE", "pages")
STORIES = int(os.environ.get("BENCH_STORIES", "10000"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
DAY_SECONDS = int(os.environ.get("BENCH_DAY_SECONDS", "30"))
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
REBUILD = os.environ.get("BENCH_REBUILD") == "1"
FEW_STORIES = 1000
# The pages benchmark uses the local-memory cache; a timeout of 0 keeps nothing.
# "uncached" keeps nothing of a page, so every request reads the database and
# renders the whole page. "cold" keeps no page, so every request builds its page,
# from the parts kept since the content last changed: what readers get after any
# change, such as a comment approved (see articles/pagecache/). "warm" serves pages
# from the cache.
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
# The newsroom day's server: Redis, and the cache times a site gets by default.
DAY_CACHE = {"CACHE_URL": REDIS_URL}
CACHE_VARIABLES = ("CACHE_URL", "PAGE_CACHE_SECONDS", "PART_CACHE_SECONDS")
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
# What the readers of a newsroom day ask for: the home page, a section page (any of
# them alike), or else a story, the story of rank r (1 = newest) with weight
# 1 / r^ZIPF_EXPONENT. bench/newsroom_day.lua draws the same way.
HOME_SHARE = 0.1
SECTION_SHARE = 0.1
ZIPF_EXPONENT = 1.0
# The newsroom's writes, in seconds between two of them.
APPROVAL_INTERVAL = 1.0
SAVE_INTERVAL = 10.0
EDIT_MARK = " Updated at "
STORY_BUILDS = 200
# What readers search for, by kind: words of the benchmark's stories, phrases,
# either/or, a word left out, Hebrew words after a prefix, a misspelling (near
# misses on PostgreSQL) and words no story has.
SEARCHES = {
    "one word": ["budget", "harbour", "council", "teachers", "stadium"],
    "two words": ["budget council", "climate plan", "school reform", "port workers"],
    "phrase": ['"ceasefire talks"', '"summer timetable"', '"housing scheme"'],
    "or, -word": ["budget or stadium", "climate -plan", "ministers -delay"],
    "hebrew": ["נמל", "תקציב", "דיון", "חינוך"],
    "misspelt": ["budgte", "harbur", "councel"],
    "no match": ["zebra", "quasar nebula"],
}
SEARCH_ROUNDS = 10
SEARCH_TARGET_P95_MS = 50
STORY_BUILD_TARGET_MS = 5
# wrk's counts of responses other than 2xx or 3xx, and of socket errors.
FAILURES = r"(?:3xx responses:|connect|read|write|timeout) (\d+)"


Result = namedtuple(
    "Result", "page cache requests_per_second p50_ms p99_ms failures minimal_rate"
)


def main():
    if MODE not in MODES:
        sys.exit(f"BENCH_MODE must be one of {', '.join(MODES)}, not {MODE!r}.")
    os.environ.update(SERVER_ENV)
    django.setup()
    print_machine()
    prepare_database()
    if MODE in ("pages", "all"):
        run_pages()
    if MODE in ("day", "all"):
        run_day()
    if MODE in ("search", "all"):
        run_search()
    if MODE in ("queue", "all"):
        run_queue()
    if MODE in ("uploads", "all"):
        run_uploads()


def run_pages():
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
    from articles.apps import update_sqlite_statistics
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
    else:
        # The planner's statistics, as the next deployment's migrate gathers them.
        update_sqlite_statistics(connection.alias)


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


def with_cache(cache_env):
    """This process's environment, its cache settings replaced by `cache_env`."""
    env = {k: v for k, v in os.environ.items() if k not in CACHE_VARIABLES}
    return env | cache_env


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
    server = subprocess.Popen(command, cwd=BASE_DIR, env=with_cache(cache_env))
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


def wrk(url, seconds, script=None, *script_args):
    # As readers' browsers ask: they all accept gzip.
    command = ["wrk", "-t2", "-c8", f"-d{seconds}s", "--latency", url]
    command += ["-H", "Accept-Encoding: gzip, deflate, br"]
    if script:
        command += ["-s", str(script), "--", *map(str, script_args)]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def latency_ms(output, percentile):
    match = re.search(rf"^\s+{percentile}%\s+([\d.]+)([a-z]+)", output, re.M)
    return float(match[1]) * MILLISECONDS[match[2]]


def measure(page, cache, base_url, paths):
    url = base_url + paths[page]
    wrk(url, 2)  # warm-up: workers import lazily and fill their caches
    if page == "minimal":
        output = wrk(url, SECONDS)
        return result(page, cache, output, requests_per_second(output))
    output, minimal_rate = beside_minimal(base_url, SECONDS, lambda: wrk(url, SECONDS))
    return result(page, cache, output, minimal_rate)


def beside_minimal(base_url, seconds, load):
    """
    load()'s wrk output, and the requests per second of the minimal view loaded on
    the same server for half as long just before and just after it: a ratio to
    that compares the load with the minimal view under the same conditions,
    however the machine's other load drifts during the benchmark.
    """
    minimal_url = base_url + reverse("bench-minimal")
    wrk(minimal_url, 1)
    before = requests_per_second(wrk(minimal_url, max(1, seconds // 2)))
    output = load()
    wrk(minimal_url, 1)  # lets the server finish the load's last requests
    after = requests_per_second(wrk(minimal_url, max(1, seconds // 2)))
    return output, (before + after) / 2


def result(page, cache, output, minimal_rate):
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
        print(f"{r.page:10} | {r.cache:8} | {row(r, ratio[r.page, r.cache])}")


def row(r, ratio):
    failed = f"  ({r.failures} failed)" if r.failures else ""
    return (
        f"{r.requests_per_second:7.1f} | {r.p50_ms:7.2f} | {r.p99_ms:7.2f} | "
        f"{r.minimal_rate:14.1f} | {ratio:.2f}{failed}"
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


def run_day():
    story = pick_pages()["story"]
    print(f"\nBuilding the story page {STORY_BUILDS} times, nothing cached:", story)
    build = time_story_builds(story)
    rebuild_ms = time_rebuilds_after_approval(story)
    paths, story_ids = day_paths()
    connection.close()
    redis.Redis.from_url(REDIS_URL).flushdb()
    with tempfile.TemporaryDirectory() as folder, serve(DAY_CACHE) as base_url:
        path_file = Path(folder) / "paths.txt"
        path_file.write_text("".join(f"{kind} {path}\n" for kind, path in paths))
        started = time.monotonic()
        print(f"Asking for each of the {len(paths):,} pages once", end="", flush=True)
        # The most read last, so that they are the last to expire.
        fill_cache(base_url, [path for _kind, path in reversed(paths)])
        print(f": {time.monotonic() - started:.0f} s.")

        def day_load():
            script_args = (path_file, HOME_SHARE, SECTION_SHARE, ZIPF_EXPONENT)
            # The script picks each request's path; wrk needs one all the same.
            url = base_url + reverse("articles:home")
            return wrk(url, DAY_SECONDS, BENCH_DIR / "newsroom_day.lua", *script_args)

        # Each server process keeps the pages its readers read in its own memory
        # (articles.pagecache.backends.LocalCopies): a site up for a while has.
        print(f"Reading as readers do for {DAY_SECONDS} s, unmeasured.", flush=True)
        day_load()

        newsroom = Newsroom(story_ids)
        writes = {}

        def day_load_while_writing():
            newsroom.start()
            output = day_load()
            writes.update(newsroom.stop())
            return output

        print(f"Loading the newsroom day for {DAY_SECONDS} s: without writes", end="")
        output, minimal_rate = beside_minimal(base_url, DAY_SECONDS, day_load)
        quiet = result("day", "without writes", output, minimal_rate)
        print(", with writes.", flush=True)
        output, minimal_rate = beside_minimal(
            base_url, DAY_SECONDS, day_load_while_writing
        )
        busy = result("day", "with writes", output, minimal_rate)
    print_day([quiet, busy], writes, story_ids, build, rebuild_ms)


def time_story_builds(path):
    """
    Milliseconds of server time (and of CPU time) the story page at `path` takes,
    built with nothing cached (this process's settings keep nothing): the median of
    STORY_BUILDS builds through Django's WSGI handler as gunicorn calls it. Then
    the median of as many requests for the minimal view: how fast this machine ran
    Django at that moment (it has varied by a factor of two within a day), a rough
    yardstick for builds timed at different times.
    """
    handler = WSGIHandler()
    minimal = reverse("bench-minimal")
    # The first of each is not counted: it fills per-process caches, as the first
    # requests to a server do.
    builds = [time_request(handler, path)[:2] for _ in range(STORY_BUILDS + 1)]
    minimal_walls = [time_request(handler, minimal)[0] for _ in range(STORY_BUILDS + 1)]
    wall, cpu = zip(*builds[1:], strict=True)
    return (
        statistics.median(wall) * 1000,
        statistics.median(cpu) * 1000,
        statistics.median(minimal_walls[1:]) * 1000,
    )


def time_rebuilds_after_approval(path):
    """
    Milliseconds of server time the story page at `path` takes to build again after
    one of its comments is approved, with the default cache times: its comments are
    read and rendered again, its other parts come from the cache. The median of
    STORY_BUILDS rebuilds; the approval itself is not timed (the writes of the
    newsroom day time theirs).
    """
    from articles.models import Article
    from articles.pagecache import keys
    from articles.pagecache.dependencies import invalidate

    story = Article.objects.get(slug=resolve(path).kwargs["slug"])
    handler = WSGIHandler()
    rebuilds = []
    with override_settings(PAGE_CACHE_SECONDS=300, PART_CACHE_SECONDS=3600):
        time_request(handler, path)  # every part kept
        for _ in range(STORY_BUILDS):
            # What approving one of its comments makes stale (articles.pagecache).
            invalidate([keys.comments(story.pk)])
            rebuilds.append(time_request(handler, path)[0])
    return statistics.median(rebuilds) * 1000


def time_request(handler, path, query=""):
    """
    (wall seconds, CPU seconds, body) of a GET of `path` with the query string
    `query` through `handler`; any answer but 200 ends the benchmark.
    """
    # PATH_INFO as a WSGI server gives it: the bytes, decoded as ISO-8859-1.
    environ = {
        "PATH_INFO": unquote_to_bytes(path).decode("iso-8859-1"),
        "QUERY_STRING": query,
        "HTTP_HOST": "127.0.0.1",
    }
    wsgiref.util.setup_testing_defaults(environ)
    started, cpu_started = time.perf_counter(), time.process_time()
    response = handler(environ, lambda status, headers: None)
    body = b"".join(response)
    response.close()
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    if response.status_code != 200:
        sys.exit(f"{path}?{query} answered {response.status_code}.")
    return wall, cpu, body


def run_search():
    """
    The search page built in this process with nothing cached, through Django's
    WSGI handler as gunicorn calls it: SEARCH_ROUNDS rounds of every query of
    SEARCHES; p50 and p95 by kind and overall, against SEARCH_TARGET_P95_MS.
    """
    from urllib.parse import urlencode

    from articles.models import Article

    handler = WSGIHandler()
    timings = {kind: [] for kind in SEARCHES}
    found = {}
    for round_number in range(SEARCH_ROUNDS + 1):
        for kind, queries in SEARCHES.items():
            for query in queries:
                wall, _cpu, content = time_request(
                    handler, reverse("articles:search"), urlencode({"q": query})
                )
                # The first round fills per-process caches, as a server's first
                # requests do: not counted.
                if round_number:
                    timings[kind].append(wall * 1000)
                found[query] = content.count(b'class="search-result"')
    stories = Article.objects.live().count()
    print(
        f"\nSearch page built in process, nothing cached ({connection.display_name}, "
        f"{stories} live stories, {SEARCH_ROUNDS} rounds, first round not counted):"
    )
    print("| queries | searches | results shown | p50 ms | p95 ms |")
    print("| --- | ---: | --- | ---: | ---: |")
    for kind, values in timings.items():
        shown = ", ".join(f"{q} {found[q]}" for q in SEARCHES[kind])
        print(
            f"| {kind} | {len(values)} | {shown} | {percentile(values, 50):.2f} "
            f"| {percentile(values, 95):.2f} |"
        )
    every = [value for values in timings.values() for value in values]
    p95 = percentile(every, 95)
    print(f"| all | {len(every)} | | {percentile(every, 50):.2f} | {p95:.2f} |")
    print_target(
        p95 <= SEARCH_TARGET_P95_MS,
        f"search p95 ≤ {SEARCH_TARGET_P95_MS} ms: {p95:.2f} ms",
    )


def percentile(values, percent):
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]


def day_paths():
    """
    (kind, path) of every page the newsroom day's readers read: the home page, each
    section, and each live story, newest first; and the ids of those stories.
    """
    from articles.models import Article, Section

    stories = Article.objects.live().newest_first().only("slug", "published_at")
    paths = [("home", reverse("articles:home"))]
    paths += [
        ("section", section.get_absolute_url()) for section in Section.objects.all()
    ]
    paths += [("story", story.get_absolute_url()) for story in stories]
    return paths, [story.pk for story in stories]


def fill_cache(base_url, paths):
    """Ask for each page once, four at a time: twice as many as gunicorn workers."""

    def fetch(path):
        with urllib.request.urlopen(base_url + path, timeout=30) as response:
            response.read()

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(fetch, paths))


def recency_weights(count):
    """Cumulative weights of the story ranks, newest first, as the readers draw them."""
    return list(accumulate(1 / rank**ZIPF_EXPONENT for rank in range(1, count + 1)))


class Newsroom:
    """
    The moderator and an editor, in a process of their own with the server's
    settings: their writes take the paths the admin's take and make pages stale in
    the server's Redis. Ready once made, they write from start() until stop(),
    which returns how long each write took.
    """

    def __init__(self, story_ids):
        context = multiprocessing.get_context("spawn")
        self.ready, self.working, self.done = (context.Event() for _ in range(3))
        self.reports = context.Queue()
        events = (self.ready, self.working, self.done, self.reports)
        self.process = context.Process(
            target=write_newsroom_day,
            args=(with_cache(DAY_CACHE), story_ids, *events),
            daemon=True,
        )
        self.process.start()
        if not self.ready.wait(timeout=60):
            sys.exit("The writer process was not ready within 60 s.")

    def start(self):
        self.working.set()

    def stop(self):
        self.done.set()
        report = self.reports.get(timeout=60)
        self.process.join()
        return report


def write_newsroom_day(env, story_ids, ready, working, done, reports):
    """
    The writer process: once `working` is set, approve a pending comment every
    APPROVAL_INTERVAL seconds and save a story every SAVE_INTERVAL seconds, each on
    a story drawn as readers draw them, until `done`; then report how long each
    write took, in milliseconds.
    """
    os.environ.clear()
    os.environ.update(env)
    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from articles.models import Article, Comment

    users = get_user_model().objects
    moderator = users.get_or_create(username="bench-moderator")[0]
    editor = users.get_or_create(username="bench-editor")[0]
    weights = recency_weights(len(story_ids))

    def draw():
        return random.choices(story_ids, cum_weights=weights)[0]

    # The comments readers sent beforehand, one for each approval to come.
    waiting = deque()
    for number in range(int(DAY_SECONDS / APPROVAL_INTERVAL) + 1):
        comment = Comment(
            article_id=draw(),
            author_name="A reader",
            author_email="reader@example.com",
            body=f"Comment {number} sent at {time.time_ns()}.",
            policy_version=settings.COMMENT_POLICY_VERSION,
            consented_at=timezone.now(),
            ip_address="198.51.100.200",
        )
        comment.save()
        waiting.append(comment.pk)
    ready.set()
    working.wait()
    started = time.monotonic()
    next_approval, next_save = APPROVAL_INTERVAL / 2, SAVE_INTERVAL / 2
    approvals, saves = [], []
    while waiting:
        approving = next_approval <= next_save
        due = started + min(next_approval, next_save)
        if done.wait(max(0, due - time.monotonic())):
            break
        write_started = time.perf_counter()
        if approving:
            Comment.objects.filter(pk=waiting.popleft()).decide(
                Comment.Status.APPROVED, by=moderator, expected=Comment.Status.PENDING
            )
            approvals.append((time.perf_counter() - write_started) * 1000)
            next_approval += APPROVAL_INTERVAL
        else:
            # As an editor's change in the admin: the form saves the story.
            story = Article.objects.get(pk=draw())
            standfirst = story.standfirst.split(EDIT_MARK)[0]
            story.standfirst = f"{standfirst}{EDIT_MARK}{timezone.now():%H:%M:%S}."
            story.updated_by = editor
            story.save()
            saves.append((time.perf_counter() - write_started) * 1000)
            next_save += SAVE_INTERVAL
    reports.put({"approvals": approvals, "saves": saves})


def print_day(results, writes, story_ids, build, rebuild_ms):
    weights = recency_weights(len(story_ids))
    newest = {rank: weights[rank - 1] / weights[-1] for rank in (1, 10, 100, 1000)}
    story_share = 1 - HOME_SHARE - SECTION_SHARE
    print(
        f"\nNewsroom day, {len(story_ids):,} live stories. Readers: home page "
        f"{HOME_SHARE:.0%}, section pages {SECTION_SHARE:.0%}, stories "
        f"{story_share:.0%} by recency (Zipf, s={ZIPF_EXPONENT:g}: of story reads, "
        + ", ".join(f"the newest {r:,} {share:.0%}" for r, share in newest.items())
        + f"). gunicorn, 2 workers; Redis ({REDIS_URL}), default cache times; every "
        "page asked for once, then read as readers read for "
        f"{DAY_SECONDS} s, first. With writes: a moderator approves a comment "
        f"every {APPROVAL_INTERVAL:g} s, an editor saves a story every "
        f"{SAVE_INTERVAL:g} s, on stories drawn as readers draw them, from a "
        "process sharing the CPUs with wrk and gunicorn."
    )
    print(
        "load           |   req/s |  p50 ms |  p99 ms | minimal beside "
        "| ratio to minimal"
    )
    for r in results:
        print(f"{r.cache:14} | {row(r, r.requests_per_second / r.minimal_rate)}")
    for name, timings in (
        ("comments approved", "approvals"),
        ("stories saved", "saves"),
    ):
        taken = writes[timings]
        median = f", median {statistics.median(taken):.0f} ms" if taken else ""
        print(f"{name}: {len(taken)}{median}")
    print()
    quiet, busy = results
    for r, target in ((quiet, 0.8), (busy, 0.5)):
        ratio = r.requests_per_second / r.minimal_rate
        print_target(
            ratio >= target and not r.failures,
            f"newsroom day {r.cache} >= {target}x minimal: {ratio:.2f}x",
        )
    for r in results:
        passed = 0 < r.p99_ms <= 100 and not r.failures
        print_target(passed, f"newsroom day {r.cache}: p99 {r.p99_ms:.2f} <= 100 ms")
    build_ms, build_cpu_ms, minimal_ms = build
    print_target(
        build_ms <= STORY_BUILD_TARGET_MS,
        f"story page built with nothing cached <= {STORY_BUILD_TARGET_MS} ms of "
        f"server time: {build_ms:.2f} ms (CPU {build_cpu_ms:.2f} ms), median of "
        f"{STORY_BUILDS}; the minimal view right after {minimal_ms:.3f} ms, "
        f"so the build is {build_ms / minimal_ms:.0f}x the minimal view",
    )
    print(
        "(no target) story page built again after one of its comments is approved, "
        f"its other parts kept: {rebuild_ms:.2f} ms, median of {STORY_BUILDS}, "
        f"{rebuild_ms / minimal_ms:.0f}x the minimal view"
    )


if __name__ == "__main__":
    started = time.monotonic()
    # Stopped by a signal, still stop gunicorn: SystemExit runs the `finally`.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(130)
    print(f"\nThe benchmark took {time.monotonic() - started:.0f} s.")
