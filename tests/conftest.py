import os
import shutil
import subprocess
import time

import pytest
import redis
from django.core.cache import cache
from django.core.management import call_command
from django.core.servers.basehttp import WSGIServer
from django.db import connection
from django.test import override_settings
from django.test.testcases import LiveServerThread
from playwright.sync_api import sync_playwright

from articles.pagecache import dependencies
from tests.base import make_staff


def pytest_collection_modifyitems(config, items):
    """Tests marked postgresql or sqlite run only against that database."""
    other = "sqlite" if connection.vendor == "postgresql" else "postgresql"
    deselected = [item for item in items if item.get_closest_marker(other)]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if item not in deselected]


@pytest.fixture(autouse=True, scope="session")
def unhashed_static_files():
    """Serve static files by their plain names: tests do not run collectstatic."""
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    with override_settings(STORAGES=storages):
        yield


@pytest.fixture(autouse=True, scope="session")
def fast_password_hashing():
    with override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
    ):
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """
    Each test starts with an empty cache: rolling back a test's rows does not tell
    the page cache, as a real change would. Nor is any change of an earlier
    test's left for this process to record (a test's Redis that was down).
    """
    cache.clear()
    dependencies._unrecorded.clear()


@pytest.fixture(autouse=True)
def media_in_tmp_path(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def editor(db):
    return make_staff("editor", "Editors")


@pytest.fixture
def moderator(db):
    return make_staff("moderator", "Moderators")


@pytest.fixture
def staff_groups(transactional_db):
    """
    Put back the Editors and Moderators groups, which a data migration makes,
    after a transactional test's flush emptied the tables.
    """
    call_command("migrate", "articles", "0001", verbosity=0)
    call_command("migrate", "articles", verbosity=0)


@pytest.fixture(scope="session", autouse=True)
def live_server_answers_one_request_at_a_time():
    """
    With SQLite in memory, the live server's requests share the test's one
    connection: two at once (a story page's read beacon and its live poll, say)
    fail with "SQL statements in progress". The live server then answers one
    request at a time, as a single-threaded server closing each connection.
    """
    if connection.vendor == "sqlite":
        LiveServerThread.server_class = SingleThreadedServer


class SingleThreadedServer(WSGIServer):
    """Django's development server without threads; the live server thread itself
    uses the shared connections (LiveServerThread.run)."""

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; no browser is downloaded."""
    # Playwright's sync API runs an event loop in this thread, and Django refuses
    # ORM calls from a thread with a running loop unless told it is safe here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def start_redis(tmp_path):
    """start_redis(port): a redis-server of this test's own, stopped after it."""
    servers = []

    def start(port):
        server = subprocess.Popen(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(port)]
            + ["--save", "", "--appendonly", "no", "--dir", str(tmp_path)],
            stdout=subprocess.DEVNULL,
        )
        servers.append(server)
        client = redis.Redis(port=port, socket_timeout=1)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        pytest.fail(f"redis-server did not answer on port {port}")

    yield start
    for server in servers:
        server.terminate()
        server.wait(timeout=10)
