"""The site tells the CDN in front which pages a write made stale (CDN_PURGER)."""

import json
import logging
import socket
import threading
import time
from datetime import timedelta
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import time_machine
from django.utils import timezone

from articles import tasks
from articles.models import Article, Byline, Comment
from articles.pagecache import purge
from articles.pagecache.dependencies import invalidate
from tests.base import free_port, make_article, make_author, make_comment, make_section

RESILIENT = "articles.pagecache.backends.ResilientRedisCache"


class PurgeAPI(BaseHTTPRequestHandler):
    """Keeps each request it is sent, and answers with its server's `status`."""

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        self.server.received.append(
            (self.command, self.headers, self.rfile.read(length))
        )
        self.send_response(self.server.status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_PURGE = do_POST

    def log_message(self, format, *args):
        pass


@pytest.fixture
def cdn(settings):
    """A purge API on a loopback port, at CDN_PURGE_URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeAPI)
    server.received = []
    server.status = 200
    # Polled often, so that shutdown() at teardown returns at once.
    serve = partial(server.serve_forever, poll_interval=0.01)
    threading.Thread(target=serve, daemon=True).start()
    settings.CDN_PURGE_URL = f"http://127.0.0.1:{server.server_port}/purge_cache"
    yield server
    server.shutdown()
    server.server_close()


def test_the_http_purger_posts_the_keys_as_tags_with_the_token(cdn, settings):
    settings.CDN_PURGER = "http"
    settings.CDN_PURGE_TOKEN = "cf-token"

    purge.send({"story-42", "comments-42", "all"})

    [(method, headers, body)] = cdn.received
    assert method == "POST"
    assert headers["Authorization"] == "Bearer cf-token"
    assert headers["Content-Type"] == "application/json"
    assert json.loads(body) == {"tags": ["all", "comments-42", "story-42"]}


def test_the_http_purger_sends_no_authorization_without_a_token(cdn, settings):
    settings.CDN_PURGER = "http"
    settings.CDN_PURGE_TOKEN = ""

    purge.send({"menu"})

    [(_, headers, _)] = cdn.received
    assert "Authorization" not in headers


def test_the_http_purger_sends_at_most_30_tags_a_request(cdn, settings):
    settings.CDN_PURGER = "http"
    keys = {f"story-{n}" for n in range(65)}

    purge.send(keys)

    tags = [json.loads(body)["tags"] for _, _, body in cdn.received]
    assert [len(batch) for batch in tags] == [30, 30, 5]
    assert {tag for batch in tags for tag in batch} == keys


def test_the_varnish_purger_names_every_key_in_one_purge(cdn, settings):
    settings.CDN_PURGER = "varnish"

    purge.send({"story-42", "comments-42", "all"})

    [(method, headers, body)] = cdn.received
    assert method == "PURGE"
    assert headers["xkey-purge"] == "all comments-42 story-42"
    assert body == b""


def purged_batches(cdn):
    """The keys of each PURGE Varnish was sent, in order."""
    assert {method for method, _, _ in cdn.received} == {"PURGE"}
    return [headers["xkey-purge"].split(" ") for _, headers, _ in cdn.received]


def test_the_keys_of_a_large_change_are_purged_from_varnish_200_at_a_time(
    cdn, settings
):
    settings.CDN_PURGER = "varnish"
    keys = {f"story-{n}" for n in range(450)}

    invalidate(keys)

    batches = purged_batches(cdn)
    assert [len(batch) for batch in batches] == [200, 200, 50]
    assert sorted(key for batch in batches for key in batch) == sorted(keys)


@pytest.mark.django_db
def test_renaming_the_author_of_420_stories_purges_each_once_200_at_a_time(
    cdn, settings, django_capture_on_commit_callbacks
):
    author = make_author(name="Dana Cohen")
    section = make_section()
    published = timezone.now() - timedelta(hours=1)
    stories = Article.objects.bulk_create(
        Article(
            headline=f"Story {n}",
            slug=f"story-{n}",
            section=section,
            status=Article.Status.PUBLISHED,
            published_at=published,
        )
        for n in range(420)
    )
    Byline.objects.bulk_create(
        Byline(article=story, author=author, position=0) for story in stories
    )
    settings.CDN_PURGER = "varnish"

    with django_capture_on_commit_callbacks(execute=True):
        author.name = "Dana Levi"
        author.save()

    batches = purged_batches(cdn)
    assert [len(batch) for batch in batches] == [200, 200, 21]
    expected = {f"author-{author.pk}"} | {f"story-{story.pk}" for story in stories}
    assert sorted(key for batch in batches for key in batch) == sorted(expected)


def test_nothing_is_sent_without_a_purger(cdn, settings):
    settings.CDN_PURGER = "none"

    purge.send({"story-42"})

    assert cdn.received == []


# A CDN that never answers drops each connection after this long, so that a
# purge without a timeout fails the test instead of hanging it.
SILENT_CDN_GIVES_UP = 5


@pytest.fixture
def unreachable_cdn(request, settings):
    """
    CDN_PURGE_URL at a loopback port where no purger answers: "refused" has
    nothing listening; "silent" accepts connections and never answers them
    (each is closed SILENT_CDN_GIVES_UP seconds after it came).
    """
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        settings.CDN_PURGE_URL = f"http://127.0.0.1:{listener.getsockname()[1]}/"
        if request.param == "refused":
            listener.close()
            yield request.param
            return
        listener.listen()
        held = []

        def hold():
            while True:
                try:
                    connection, _ = listener.accept()
                except OSError:  # the listener was shut down
                    return
                held.append(connection)
                gives_up = threading.Timer(SILENT_CDN_GIVES_UP, connection.close)
                gives_up.daemon = True
                gives_up.start()

        threading.Thread(target=hold, daemon=True).start()
        try:
            yield request.param
        finally:
            # Wakes the accept() waiting in hold(), which close() alone may not.
            listener.shutdown(socket.SHUT_RDWR)
            for connection in held:
                connection.close()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("unreachable_cdn", ["refused", "silent"], indirect=True)
@pytest.mark.parametrize("purger", ["varnish", "http"])
def test_an_unreachable_cdn_is_logged_and_the_write_carries_on(
    unreachable_cdn, purger, settings, caplog, client, staff_groups, moderator
):
    """
    A moderator approves a comment in the admin. The test is transactional, so
    the purge runs when the decision commits, inside the request, as it does
    on the site.
    """
    comment = make_comment(make_article(), status=Comment.Status.PENDING)
    client.force_login(moderator)
    settings.CDN_PURGER = purger
    settings.CDN_PURGE_TIMEOUT = 0.5
    started = time.monotonic()

    with caplog.at_level(logging.WARNING, logger="newsroom.cache"):
        response = client.post(
            f"/admin/articles/comment/{comment.pk}/decide/approved/",
            {"expected": "pending"},
        )

    assert time.monotonic() - started < settings.CDN_PURGE_TIMEOUT + 2
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.moderated_by == moderator
    [warning] = [r for r in caplog.records if r.name == "newsroom.cache"]
    assert warning.levelno == logging.WARNING
    assert warning.getMessage().startswith(
        f"CDN purge failed at {settings.CDN_PURGE_URL} ("
    )
    assert warning.getMessage().endswith("1 of 1 keys not purged")
    reason = {"refused": "Connection refused", "silent": "timed out"}[unreachable_cdn]
    assert reason in warning.getMessage()


def test_a_refused_purge_is_logged_and_later_batches_are_not_tried(
    cdn, settings, caplog
):
    settings.CDN_PURGER = "http"
    cdn.status = 403

    with caplog.at_level(logging.WARNING, logger="newsroom.cache"):
        purge.send({f"story-{n}" for n in range(65)})

    assert len(cdn.received) == 1
    assert "HTTP Error 403" in caplog.text
    assert "65 of 65 keys not purged" in caplog.text


def test_a_cdn_that_does_not_answer_is_given_up_on_after_the_timeout(settings, caplog):
    settings.CDN_PURGER = "http"
    settings.CDN_PURGE_TIMEOUT = 0.2
    # Connections wait in the backlog, never accepted or answered.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        settings.CDN_PURGE_URL = f"http://127.0.0.1:{silent.getsockname()[1]}/"
        started = time.monotonic()

        with caplog.at_level(logging.WARNING, logger="newsroom.cache"):
            purge.send({"story-42"})

    assert time.monotonic() - started < 2
    assert "timed out" in caplog.text


@pytest.mark.parametrize("redis", ["answering", "down at its time"])
def test_a_scheduled_story_is_purged_from_the_cdn_at_its_time_with_no_reader_asking(
    db, cdn, settings, django_capture_on_commit_callbacks, redis
):
    settings.CDN_PURGER = "varnish"
    goes_live = timezone.now() + timedelta(minutes=30)
    story = make_article(headline="Embargo lifted", published_at=goes_live)
    cdn.received.clear()
    if redis == "down at its time":
        nobody_listens = f"redis://127.0.0.1:{free_port()}/0"
        settings.CACHES = {
            "default": {"BACKEND": RESILIENT, "LOCATION": nobody_listens}
        }

    with time_machine.travel(goes_live - timedelta(seconds=5)):
        tasks.run_queued_jobs()
    assert cdn.received == []

    with (
        time_machine.travel(goes_live + timedelta(seconds=1)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        tasks.run_queued_jobs()

    [purged] = purged_batches(cdn)
    assert {f"story-{story.pk}", f"section-{story.section_id}", "stories"} <= set(
        purged
    )
