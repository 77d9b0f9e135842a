"""The same code, safe in production: headers, error pages, failure and throttling."""

import logging
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client, RequestFactory
from django.views.defaults import bad_request, page_not_found, server_error

from articles.models import Comment
from articles.views import permission_denied
from tests.base import make_article, make_photo

pytestmark = pytest.mark.django_db

PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture
def database_down():
    error = OperationalError("could not connect to server: Connection refused")
    with mock.patch.object(BaseDatabaseWrapper, "ensure_connection", side_effect=error):
        yield


def test_deploy_checks_pass_with_production_settings():
    env = {
        "PATH": os.environ["PATH"],
        "DEBUG": "0",
        "SECRET_KEY": "a-long-production-secret-key-" + "x" * 40,
        "ALLOWED_HOSTS": "news.example.com",
        "SITE_URL": "https://news.example.com",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_reader_pages_carry_a_strict_content_security_policy(client):
    article = make_article()

    policy = client.get(article.get_absolute_url())["Content-Security-Policy"]

    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["form-action"] == "'self'"
    assert "unsafe" not in policy


def test_the_admin_allows_inline_styles_but_no_inline_scripts(client, editor):
    client.force_login(editor)

    policy = client.get("/admin/articles/article/add/")["Content-Security-Policy"]

    assert "style-src 'self' 'unsafe-inline'" in policy
    assert "script-src 'self' 'nonce-" in policy
    assert "unsafe-eval" not in policy


def test_security_headers_are_sent(client):
    response = client.get("/")

    assert response["X-Content-Type-Options"] == "nosniff"

    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_https_settings_turn_on_hsts_and_secure_cookies():
    env = {
        "PATH": os.environ["PATH"],
        "DEBUG": "0",
        "SECRET_KEY": "s" * 50,
        "ALLOWED_HOSTS": "news.example.com",
    }
    code = (
        "from newsroom import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE, s.SECURE_SSL_REDIRECT)"
    )

    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
    )

    assert result.stdout.split() == ["31536000", "True", "True", "True", "Lax", "True"]


def test_not_found_page_is_ours_and_needs_no_database(
    client, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert b"We cannot find that page" in response.content
    assert b"Traceback" not in response.content


@pytest.mark.parametrize(
    ("handler", "status", "text"),
    [
        (bad_request, 400, b"We could not understand that request"),
        (permission_denied, 403, b"You cannot do that here"),
        (page_not_found, 404, b"We cannot find that page"),
    ],
)
def test_error_pages_render_without_the_database(
    handler, status, text, django_assert_num_queries
):
    request = RequestFactory().get("/somewhere/")
    request.user = AnonymousUser()

    with django_assert_num_queries(0):
        response = handler(request, Exception("detail that must not show"))

    assert response.status_code == status
    assert text in response.content
    assert b"detail that must not show" not in response.content


def test_server_error_page_is_ours_without_a_traceback(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert b"Something went wrong on our side" in response.content
    assert b"Traceback" not in response.content
    assert b"SECRET_KEY" not in response.content


def test_forbidden_page_is_ours_and_the_refusal_is_logged(client, moderator, caplog):
    client.force_login(moderator)

    with caplog.at_level(logging.WARNING, logger="newsroom.security"):
        response = client.get("/admin/articles/article/")

    assert response.status_code == 403
    assert b"You cannot do that here" in response.content
    assert (
        "Permission denied: GET /admin/articles/article/ for moderator" in caplog.text
    )


def test_a_csrf_failure_is_explained_and_logged(caplog):
    client = Client(enforce_csrf_checks=True)

    with caplog.at_level(logging.WARNING, logger="newsroom.security"):
        response = client.post(
            "/admin/login/", {"username": "editor", "password": "guess"}
        )

    assert response.status_code == 403
    assert b"did not come from this site, so nothing was saved" in response.content
    assert "CSRF failure on /admin/login/" in caplog.text


def test_reader_pages_answer_503_while_the_database_is_down(client, caplog):
    article = make_article()

    with mock.patch.object(
        BaseDatabaseWrapper,
        "ensure_connection",
        side_effect=OperationalError("connection refused"),
    ):
        with caplog.at_level(logging.ERROR):
            response = client.get(article.get_absolute_url())

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert b"The site is briefly unavailable" in response.content
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert [r.getMessage() for r in errors] == [
        f"Database unavailable for {article.get_absolute_url()}: connection refused"
    ]
    assert client.get(article.get_absolute_url()).status_code == 200


def test_a_comment_sent_while_the_database_is_down_is_not_called_saved(
    client, database_down
):
    response = client.post(
        "/2026/jan/01/any-story/comments/",
        {"author_name": "Dana", "body": "Hello", "consent": "on"},
    )

    assert response.status_code == 503
    assert b"it was <strong>not</strong> saved" in response.content
    assert b"will appear once a moderator" not in response.content


def test_a_comment_sent_without_its_token_while_the_database_is_down_is_not_saved():
    story = make_article()
    reader = Client(enforce_csrf_checks=True)  # a browser that runs no scripts

    with mock.patch.object(
        BaseDatabaseWrapper, "ensure_connection", side_effect=OperationalError("down")
    ):
        response = reader.post(
            story.get_comment_post_url(),
            {"author_name": "Dana", "body": "Hello", "consent": "on"},
        )

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert b"it was <strong>not</strong> saved" in response.content
    assert b"Your comment has not been sent yet" not in response.content
    assert Comment.objects.count() == 0


def test_healthz_reports_the_database(client):
    assert client.get("/healthz").json() == {"database": "ok", "cache": "ok"}

    with mock.patch.object(
        BaseDatabaseWrapper, "ensure_connection", side_effect=OperationalError("down")
    ):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"
    assert Comment.objects.count() == 0


def login(client, username, password):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR="198.51.100.5",
    )


def test_wrong_username_and_wrong_password_get_the_same_answer(client, editor):
    wrong_user = login(client, "nobody", "correct horse battery")
    wrong_password = login(client, "editor", "wrong password")

    def message(response):
        return response.context["form"].non_field_errors()

    assert wrong_user.status_code == wrong_password.status_code == 200
    assert message(wrong_user) == message(wrong_password)


def test_admin_login_locks_after_repeated_failures_then_cools_off(
    client, editor, settings, caplog
):
    import time_machine
    from django.utils import timezone

    settings.AXES_FAILURE_LIMIT = 3
    with caplog.at_level(logging.WARNING):
        for _ in range(3):
            login(client, "editor", "wrong password")

    locked = login(client, "editor", "correct horse battery")

    assert locked.status_code == 429
    assert b"Too many failed logins" in locked.content
    assert "AXES: New login failure by" in caplog.text
    assert "AXES: Locking out" in caplog.text
    with time_machine.travel(timezone.now() + settings.AXES_COOLOFF_TIME, tick=False):
        assert login(client, "editor", "correct horse battery").status_code == 302


def test_uploaded_photos_are_served_with_their_type_and_nosniff(client, settings):
    settings.SERVE_MEDIA = True
    photo = make_photo()
    url = photo.renditions["crop"]["webp"][0][2]

    response = client.get(f"/media/{url}")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_media_is_not_served_by_django_unless_asked(client, settings):
    settings.SERVE_MEDIA = False
    photo = make_photo()

    assert client.get(f"/media/{photo.image.name}").status_code == 404
