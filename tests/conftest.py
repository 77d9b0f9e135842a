import json
import os
import shutil
import subprocess
import sys
import time
import uuid

import boto3
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
from newsroom.settings import image_sources, object_storage
from tests.base import free_port, make_staff, wait_until_answering


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


@pytest.fixture(scope="session")
def object_store(tmp_path_factory):
    """
    The address of an S3-compatible object store on loopback for the whole run:
    moto's standalone server, a real HTTP server that boto3 talks to as to S3.
    """
    port = free_port()
    log = tmp_path_factory.mktemp("moto") / "server.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    endpoint = f"http://127.0.0.1:{port}"
    wait_until_answering(f"{endpoint}/moto-api/", server, "moto_server", log.read_text)
    yield endpoint
    server.terminate()
    server.wait(timeout=10)


def public_read_policy(bucket_name):
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{bucket_name}/*",
            }
        ],
    }


@pytest.fixture
def media_in_object_store(object_store, settings, monkeypatch):
    """
    Photos stored in a bucket of their own in the object store, as MEDIA_STORAGE_URL
    configures them, and read back from the store's own address (MEDIA_URL).
    Returns the bucket, as boto3 sees it.
    """
    for name, value in {
        "AWS_ACCESS_KEY_ID": "newsroom-tests",
        "AWS_SECRET_ACCESS_KEY": "newsroom-tests",
        "AWS_DEFAULT_REGION": "eu-west-1",
    }.items():
        monkeypatch.setenv(name, value)
    bucket_name = f"media-{uuid.uuid4().hex[:12]}"
    bucket = boto3.resource("s3", endpoint_url=object_store).Bucket(bucket_name)
    bucket.create(CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    # What the README asks of a bucket readers fetch photos from directly.
    bucket.Policy().put(Policy=json.dumps(public_read_policy(bucket_name)))
    media_url = f"{object_store}/{bucket_name}/"
    settings.STORAGES = settings.STORAGES | {
        "default": object_storage(
            f"s3://{bucket_name}?endpoint_url={object_store}&region_name=eu-west-1",
            media_url,
        )
    }
    settings.MEDIA_URL = media_url
    settings.SECURE_CSP = settings.SECURE_CSP | {"img-src": image_sources(media_url)}
    return bucket
