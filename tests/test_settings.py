"""Start-up configuration: what the environment must say before the site runs."""

import ast
import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
ENV_EXAMPLE = PROJECT / ".env.example"
RESILIENT_REDIS = "articles.pagecache.backends.ResilientRedisCache"


def load_settings(code="", **environ):
    """Import the settings in a fresh interpreter with only `environ` set."""
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/")} | environ
    return subprocess.run(
        [sys.executable, "-c", f"import json\nfrom newsroom import settings\n{code}"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
    )


def documented_variables():
    """The variables named in the first column of README.md's Configuration table."""
    readme = (PROJECT / "README.md").read_text()
    section = readme.split("\n## Configuration\n")[1].split("\n## ")[0]
    first_cells = [
        line.split("|")[1] for line in section.splitlines() if line.startswith("| `")
    ]
    return {name for cell in first_cells for name in re.findall(r"`(\w+)`", cell)}


def variables_read_by_settings():
    """The names newsroom/settings.py reads through `env` or its own helper."""
    tree = ast.parse((PROJECT / "newsroom" / "settings.py").read_text())
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
    return {
        call.args[0].value
        for call in calls
        if call.args
        and isinstance(call.args[0], ast.Constant)
        and re.fullmatch(r"env(\.\w+)?|required_in_production", ast.unparse(call.func))
    }


def env_example_values():
    """The active KEY=VALUE lines of .env.example, as read into the environment."""
    lines = ENV_EXAMPLE.read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line and line[0] != "#")


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_required_settings(missing):
    environ = {"DEBUG": "0", "SECRET_KEY": "s3cret", "ALLOWED_HOSTS": "example.com"}
    del environ[missing]

    result = load_settings(**environ)

    assert result.returncode != 0
    assert f"{missing} must be set when DEBUG is off" in result.stderr


def test_development_starts_without_any_settings():
    assert load_settings(DEBUG="1").returncode == 0


def test_default_sqlite_database_suits_concurrent_readers_and_writers():
    result = load_settings(
        "print(json.dumps(settings.DATABASES['default']))", DEBUG="1"
    )

    database = json.loads(result.stdout)
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == str(PROJECT / "db.sqlite3")
    assert "PRAGMA journal_mode=WAL" in database["OPTIONS"]["init_command"]
    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert database["OPTIONS"]["timeout"] >= 5


def test_database_url_selects_postgresql_with_persistent_checked_connections():
    result = load_settings(
        "print(json.dumps(settings.DATABASES['default']))",
        DEBUG="1",
        DATABASE_URL="postgres://news:pw@db.internal:5432/newsroom",
    )

    database = json.loads(result.stdout)
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["NAME"]) == ("db.internal", "newsroom")
    assert database["CONN_MAX_AGE"] > 0
    assert database["CONN_HEALTH_CHECKS"] is True


def test_follow_us_names_the_accounts_in_the_order_given():
    accounts = "Facebook=https://www.facebook.com/n,X=https://x.com/n"
    result = load_settings(
        "print(json.dumps(settings.FOLLOW_US))", DEBUG="1", FOLLOW_US=accounts
    )

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        ["Facebook", "https://www.facebook.com/n"],
        ["X", "https://x.com/n"],
    ]


def test_a_follow_us_account_without_an_address_stops_start_up():
    result = load_settings(DEBUG="1", FOLLOW_US="Facebook=newsroom")

    assert result.returncode != 0
    assert "FOLLOW_US must be Name=https://address pairs" in result.stderr


def test_an_unknown_cdn_purger_stops_start_up():
    result = load_settings(DEBUG="1", CDN_PURGER="fastly")

    assert result.returncode != 0
    assert "CDN_PURGER must be none, varnish or http, not 'fastly'" in result.stderr


@pytest.mark.parametrize("purger", ["varnish", "http"])
def test_a_cdn_purger_without_an_address_stops_start_up(purger):
    result = load_settings(DEBUG="1", CDN_PURGER=purger)

    assert result.returncode != 0
    assert "CDN_PURGE_URL must be an http:// or https:// address" in result.stderr


def test_a_varnish_purger_starts_with_its_address_and_a_default_timeout():
    result = load_settings(
        "print(settings.CDN_PURGE_URL, settings.CDN_PURGE_TIMEOUT)",
        DEBUG="1",
        CDN_PURGER="varnish",
        CDN_PURGE_URL="http://127.0.0.1:6081/",
    )

    assert result.stdout.split() == ["http://127.0.0.1:6081/", "2.0"]


def test_site_url_follows_the_port_served_unless_it_is_set():
    port_only = load_settings("print(settings.SITE_URL)", DEBUG="1", PORT="8001")
    both = load_settings(
        "print(settings.SITE_URL)",
        DEBUG="0",
        SECRET_KEY="s3cret",
        ALLOWED_HOSTS="news.example.com",
        SITE_URL="https://news.example.com/",
        PORT="8001",
    )

    assert port_only.stdout.strip() == "http://127.0.0.1:8001"
    assert both.stdout.strip() == "https://news.example.com"


def test_the_readme_documents_every_variable_the_settings_read():
    read = variables_read_by_settings()

    assert {"DEBUG", "SECRET_KEY", "DATABASE_URL", "PORT"} <= read
    assert read - documented_variables() == set()


def test_env_example_lists_every_variable_the_readme_documents():
    # Active, or commented out with the value production sets or the default.
    listed = re.findall(
        r"^(?:# (?:production: )?)?([A-Z][A-Z0-9_]*)=", ENV_EXAMPLE.read_text(), re.M
    )

    assert {"DEBUG", "CACHE_URL", "COMMENT_RATE_PERIOD"} <= documented_variables()
    assert documented_variables() - set(listed) == set()


def test_a_copy_of_env_example_is_a_working_development_setup():
    environ = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/")}
    values = env_example_values()

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--fail-level", "WARNING"],
        cwd=PROJECT,
        env=environ | values,
        capture_output=True,
        text=True,
    )

    assert values["DEBUG"] == "1"
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_the_default_cache_is_shared_by_every_process_of_the_site(tmp_path):
    def in_a_process(code):
        return load_settings(
            f"from django.core.cache import cache\n{code}",
            DEBUG="1",
            DJANGO_SETTINGS_MODULE="newsroom.settings",
            TMPDIR=str(tmp_path),
        )

    in_a_process("cache.set('headline', 'Council passes the budget', None)")
    result = in_a_process("print(cache.get('headline'))")

    assert result.stdout.strip() == "Council passes the budget", result.stderr


def test_a_default_cache_folder_others_may_write_to_stops_start_up(tmp_path):
    location = load_settings(
        "print(settings.CACHES['default']['LOCATION'])",
        DEBUG="1",
        TMPDIR=str(tmp_path),
    ).stdout.strip()
    Path(location).chmod(0o777)

    result = load_settings(DEBUG="1", TMPDIR=str(tmp_path))

    assert Path(location).parent == tmp_path
    assert result.returncode != 0
    assert f"{location} belongs to another user or others may write to it" in (
        result.stderr
    )


@pytest.mark.parametrize(
    ("url", "backend"),
    [
        ("redis://127.0.0.1:6379/1", RESILIENT_REDIS),
        ("rediss://cache.internal/0", RESILIENT_REDIS),
        ("locmemcache://", "django.core.cache.backends.locmem.LocMemCache"),
    ],
)
def test_cache_url_chooses_the_cache_and_redis_gets_one_that_survives_it(url, backend):
    result = load_settings(
        "print(settings.CACHES['default']['BACKEND'])", DEBUG="1", CACHE_URL=url
    )

    assert result.stdout.strip() == backend


def test_a_cache_timeout_of_zero_stops_start_up():
    result = load_settings(DEBUG="1", CACHE_TIMEOUT="0")

    assert result.returncode != 0
    assert "CACHE_TIMEOUT must be a number of seconds above 0" in result.stderr


def test_a_live_poll_interval_below_one_second_stops_start_up():
    result = load_settings(DEBUG="1", LIVE_POLL_SECONDS="0")

    assert result.returncode != 0
    assert "LIVE_POLL_SECONDS must be a whole number from 1 up" in result.stderr


def test_a_most_read_period_of_zero_stops_start_up():
    result = load_settings(DEBUG="1", MOST_READ_SECONDS="0")

    assert result.returncode != 0
    assert "MOST_READ_SECONDS must be a number of seconds above 0" in result.stderr


def test_the_default_cache_counts_its_files_only_now_and_then(tmp_path, monkeypatch):
    from articles.pagecache.backends import SharedFileCache

    cache = SharedFileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 100_000}})
    listed = []
    list_files = cache._list_cache_files
    monkeypatch.setattr(
        cache, "_list_cache_files", lambda: listed.append(1) or list_files()
    )

    for number in range(1_000):
        cache.set(f"page-{number}", "<html>")

    assert len(listed) == 1_000 // SharedFileCache.CULL_EVERY
    assert cache.get("page-999") == "<html>"


@pytest.fixture
def two_processes_caches(tmp_path):
    """The default cache as two processes have it: one folder, a lock file each."""
    from articles.pagecache.backends import SharedFileCache

    params = {"OPTIONS": {"MAX_ENTRIES": 100_000}}
    return SharedFileCache(str(tmp_path), params), SharedFileCache(
        str(tmp_path), params
    )


def during_a_pause(monkeypatch, cache, after, slow_call, other_call):
    """
    slow_call() in a thread of its own, paused for 0.3 s once cache.<after>()
    has looked at what the cache holds; other_call() meanwhile.
    """
    looked = threading.Event()
    look = getattr(cache, after)

    def slow_look(*args, **kwargs):
        found = look(*args, **kwargs)
        looked.set()
        time.sleep(0.3)
        return found

    monkeypatch.setattr(cache, after, slow_look)
    thread = threading.Thread(target=slow_call)
    thread.start()
    looked.wait(timeout=5)
    other_call()
    thread.join()


def test_the_default_cache_never_lets_add_undo_a_write_of_another_process(
    two_processes_caches, monkeypatch
):
    """A version noted for the first time (add) while an editor's save sets it."""
    first, other = two_processes_caches

    during_a_pause(
        monkeypatch,
        first,
        "has_key",
        lambda: first.add("pc:v:story-1", 0, None),
        lambda: other.set("pc:v:story-1", 1796119962792425843, None),
    )

    assert other.get("pc:v:story-1") == 1796119962792425843
    assert first.add("pc:v:story-1", 0, None) is False


def test_the_default_cache_counts_every_increment_of_two_processes(
    two_processes_caches, monkeypatch
):
    """incr(), which counts comments for the rate limit: none lost."""
    first, other = two_processes_caches
    first.set("comments-from:203.0.113.7", 0)

    during_a_pause(
        monkeypatch,
        first,
        "get",
        lambda: first.incr("comments-from:203.0.113.7"),
        lambda: other.incr("comments-from:203.0.113.7"),
    )

    assert other.get("comments-from:203.0.113.7") == 2


def test_photos_go_to_the_bucket_media_storage_url_names():
    result = load_settings(
        "print(json.dumps([settings.STORAGES['default'], settings.SERVE_MEDIA,"
        " settings.SECURE_CSP['img-src'][1:]]))",
        DEBUG="1",
        MEDIA_STORAGE_URL="s3://news-photos/2026?endpoint_url=http://127.0.0.1:9000"
        "&region_name=eu-west-1",
        MEDIA_URL="https://media.example.org/",
    )

    storage, serve_media, image_sources = json.loads(result.stdout)
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"] | {"object_parameters": None} == {
        "bucket_name": "news-photos",
        "location": "2026",
        "endpoint_url": "http://127.0.0.1:9000",
        "region_name": "eu-west-1",
        # Readers' address for the files, never signed (cached pages keep it).
        "custom_domain": "media.example.org",
        "url_protocol": "https:",
        "querystring_auth": False,
        "file_overwrite": False,
        "object_parameters": None,
    }
    # Not this server's folder; pages may show images from the media host.
    assert serve_media is False
    assert image_sources == ["data:", "https://media.example.org"]


def test_photos_stay_on_disk_unless_a_bucket_is_named():
    result = load_settings(
        "print(settings.STORAGES['default']['BACKEND'])\n"
        "print(settings.SECURE_CSP['img-src'][1:])",
        DEBUG="1",
    )

    assert result.stdout.splitlines() == [
        "django.core.files.storage.FileSystemStorage",
        "['data:']",
    ]


@pytest.mark.parametrize(
    ("environ", "error"),
    [
        (
            {"MEDIA_STORAGE_URL": "https://news-photos", "MEDIA_URL": "https://m.io/"},
            "MEDIA_STORAGE_URL must be s3://bucket",
        ),
        (
            {"MEDIA_STORAGE_URL": "s3://news-photos?acl=public-read"},
            "MEDIA_STORAGE_URL takes endpoint_url, region_name and addressing_style, "
            "not acl.",
        ),
        (
            {"MEDIA_STORAGE_URL": "s3://news-photos"},
            "MEDIA_URL must be the http:// or https:// address readers fetch photos "
            "from when MEDIA_STORAGE_URL is set, not 'media/'.",
        ),
    ],
    ids=["not s3", "unknown option", "no media address"],
)
def test_a_media_storage_url_that_cannot_work_stops_start_up(environ, error):
    result = load_settings(DEBUG="1", **environ)

    assert result.returncode != 0
    assert error in result.stderr


def test_a_replica_url_adds_the_replica_and_the_router_that_reads_from_it():
    result = load_settings(
        "print(json.dumps([settings.DATABASES['replica'], settings.DATABASE_ROUTERS]))",
        DEBUG="1",
        DATABASE_URL="postgres://newsroom@10.0.0.1:5432/newsroom",
        DATABASE_REPLICA_URL="postgres://newsroom@10.0.0.2:5432/newsroom",
    )

    replica, routers = json.loads(result.stdout)
    assert (replica["HOST"], replica["NAME"], replica["CONN_HEALTH_CHECKS"]) == (
        "10.0.0.2",
        "newsroom",
        True,
    )
    assert routers == ["articles.replica.ReplicaRouter"]


def test_without_a_replica_every_read_goes_to_the_one_database():
    result = load_settings(
        "print(sorted(settings.DATABASES), settings.DATABASE_ROUTERS)", DEBUG="1"
    )

    assert result.stdout.split("\n")[0] == "['default'] []"
