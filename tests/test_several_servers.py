"""
Two app servers (gunicorn, on two ports) and a job worker on one PostgreSQL, one
Redis and one object store, behind a small round-robin proxy on loopback: what is
done through one is seen through the other at once.
"""

import http.client
import json
import os
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import cycle
from threading import Thread

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.urls import reverse
from playwright.sync_api import expect

from articles.forms import started_token
from articles.models import Photo
from tests.base import (
    PROJECT,
    free_port,
    image_bytes,
    log_in,
    make_article,
    site_environ,
    start_gunicorn,
)

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

# Headers a proxy answers for itself, never passes on.
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length"}


class RoundRobinProxy(ThreadingHTTPServer):
    """Sends each request to the next of `backends` in turn, as a load balancer."""

    daemon_threads = True

    def __init__(self, backends):
        super().__init__(("127.0.0.1", 0), ProxyHandler)
        self.backends = cycle(backends)
        self.url = f"http://127.0.0.1:{self.server_port}"


class ProxyHandler(BaseHTTPRequestHandler):
    def forward(self):
        host, port = next(self.server.backends)
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        headers = {k: v for k, v in self.headers.items() if k.lower() != "connection"}
        backend = http.client.HTTPConnection(host, port, timeout=30)
        backend.request(self.command, self.path, body, headers)
        answer = backend.getresponse()
        content = answer.read()
        self.send_response(answer.status)
        for name, value in answer.getheaders():
            if name.lower() not in HOP_BY_HOP:
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content)
        backend.close()

    do_GET = do_POST = do_HEAD = forward

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def collected_static():
    """The hashed static files two servers with DEBUG off serve (make serve's step)."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=PROJECT,
        env=os.environ | {"DEBUG": "1"},
        check=True,
    )


def database_url():
    database = connection.settings_dict
    user = urllib.parse.quote(database["USER"] or "")
    password = urllib.parse.quote(database["PASSWORD"] or "")
    credentials = f"{user}:{password}@" if password else f"{user}@"
    return (
        f"postgres://{credentials}{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )


@pytest.fixture
def editor_the_servers_know(editor):
    """The editor, with the password hash the servers check, not the tests' fast one."""
    hasher = PBKDF2PasswordHasher()
    editor.password = hasher.encode("correct horse battery", hasher.salt())
    editor.save()
    return editor


@pytest.fixture
def site(start_redis, media_in_object_store, object_store, collected_static):
    """(first server, second server, proxy): their addresses."""
    redis_port = free_port()
    start_redis(redis_port)
    storage = settings.STORAGES["default"]["OPTIONS"]
    environ = site_environ(
        DATABASE_URL=database_url(),
        CACHE_URL=f"redis://127.0.0.1:{redis_port}/0",
        MEDIA_STORAGE_URL=f"s3://{storage['bucket_name']}?endpoint_url="
        f"{object_store}&region_name=eu-west-1",
        MEDIA_URL=settings.MEDIA_URL,
        AWS_ACCESS_KEY_ID=os.environ["AWS_ACCESS_KEY_ID"],
        AWS_SECRET_ACCESS_KEY=os.environ["AWS_SECRET_ACCESS_KEY"],
    )
    ports = [free_port(), free_port()]
    servers = [start_gunicorn(port, environ) for port in ports]
    servers.append(
        subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-reload"]
            + ["--interval", "0.2", "--verbosity", "0"],
            cwd=PROJECT,
            env=environ,
        )
    )
    proxy = RoundRobinProxy([("127.0.0.1", port) for port in ports])
    Thread(target=proxy.serve_forever, daemon=True).start()
    yield [f"http://127.0.0.1:{port}" for port in ports] + [proxy.url]
    proxy.shutdown()
    for server in servers:
        server.terminate()
        server.wait(timeout=10)


def get(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode()


def test_an_edit_through_one_server_shows_through_the_other_at_once(
    site, browser, staff_groups, editor_the_servers_know
):
    first, second, proxy = site
    story = make_article(headline="Ferry timetable agreed")
    for server in (first, second):  # each keeps the page, in Redis and its memory
        assert "Ferry timetable agreed" in get(server + story.get_absolute_url())
    page = browser.new_page(base_url=proxy)

    log_in(page, "editor")  # the proxy sends each request to the next server
    page.goto(f"/admin/articles/article/{story.pk}/change/")
    page.get_by_label("Headline").fill("Ferry timetable agreed after all-night talks")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    for server in (first, second):
        assert "after all-night talks" in get(server + story.get_absolute_url())
    page.close()


def test_a_photo_uploaded_through_either_server_is_shown_by_both(
    site, browser, staff_groups, editor_the_servers_know
):
    first, second, _proxy = site
    for server, alt_text in [(first, "Dockers at the gate"), (second, "Empty quay")]:
        page = browser.new_page(base_url=server)
        log_in(page, "editor")
        page.goto("/admin/articles/photo/add/")
        page.get_by_label("Image").set_input_files(
            files=[
                {
                    "name": "photo.jpg",
                    "mimeType": "image/jpeg",
                    "buffer": image_bytes((1200, 800)),
                }
            ]
        )
        page.get_by_label("Alt text").fill(alt_text)
        page.get_by_label("Credit").fill("Newsroom")
        page.get_by_role("button", name="Save", exact=True).click()
        expect(page.locator(".messagelist")).to_contain_text("was added successfully")
        page.close()
    # The job worker makes the renditions of both.
    deadline = time.monotonic() + 20
    while Photo.objects.exclude(status=Photo.Status.READY).exists():
        assert time.monotonic() < deadline, "the worker did not process the uploads"
        time.sleep(0.2)

    for server in (first, second):
        page = browser.new_page(base_url=server)
        log_in(page, "editor")
        page.goto("/admin/articles/photo/")
        thumbnails = page.locator("#result_list img")
        expect(thumbnails).to_have_count(2)
        for index in range(2):
            thumbnail = thumbnails.nth(index)
            expect(thumbnail).to_have_js_property("complete", True)
            assert thumbnail.evaluate("img => img.naturalWidth") > 0
        page.close()


def test_the_comment_rate_limit_holds_across_both_servers(site):
    first, second, _proxy = site
    story = make_article(comment_mode="open")
    cookies = CookieJar()
    reader = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(cookies), NoRedirects()
    )
    statuses = []
    for server in [first, second] * 3:
        tokens = json.loads(
            reader.open(server + reverse("articles:comment-form-tokens")).read()
        )
        form = {
            "author_name": "Dana Levi",
            "author_email": "dana@example.org",
            "body": f"Comment {len(statuses) + 1} on the ferry timetable.",
            "consent": "on",
            "started": started_token(),
            "csrfmiddlewaretoken": tokens["csrfmiddlewaretoken"],
        }
        request = urllib.request.Request(
            server + story.get_comment_post_url(),
            data=urllib.parse.urlencode(form).encode(),
            headers={"Referer": server + story.get_absolute_url()},
        )
        try:
            statuses.append(reader.open(request).status)
        except urllib.error.HTTPError as error:
            statuses.append(error.code)

    limit = settings.COMMENT_RATE_LIMIT
    assert statuses == [302] * limit + [429] * (6 - limit)


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
