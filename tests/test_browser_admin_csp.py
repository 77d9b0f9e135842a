"""Every admin screen editors and moderators use works under the site's CSP."""

import pytest
from playwright.sync_api import expect

from tests.base import log_in, make_article, make_comment, make_gallery, make_photo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def watch_for_violations(page):
    """Collect the console's CSP complaints, with the page they came from."""
    violations = []

    def record(message):
        if "Content Security Policy" in message.text:
            violations.append(f"{page.url}: {message.text}")

    page.on("console", record)
    return violations


def test_editor_screens_raise_no_csp_violation(page, staff_groups, editor):
    article = make_article()
    gallery = make_gallery(photos=2)
    photo = make_photo()
    violations = watch_for_violations(page)
    log_in(page, "editor")

    for path in [
        "/admin/",
        "/admin/articles/article/",
        "/admin/articles/article/add/",
        f"/admin/articles/article/{article.pk}/change/",
        "/admin/articles/photo/",
        "/admin/articles/photo/add/",
        f"/admin/articles/photo/{photo.pk}/change/",
        "/admin/articles/gallery/",
        f"/admin/articles/gallery/{gallery.pk}/change/",
        "/admin/articles/section/add/",
        "/admin/articles/author/add/",
        "/admin/articles/comment/",
        f"/preview/{article.pk}/",
    ]:
        page.goto(path)
        page.wait_for_load_state("networkidle")

    assert violations == []
    page.goto("/admin/articles/article/add/")
    expect(page.locator(".ProseMirror[contenteditable=true]")).to_be_visible()


def test_moderator_screens_raise_no_csp_violation(page, staff_groups, moderator):
    comment = make_comment(make_article(), status="pending")
    violations = watch_for_violations(page)
    log_in(page, "moderator")

    for path in [
        "/admin/",
        "/admin/articles/comment/",
        f"/admin/articles/comment/{comment.pk}/change/",
        "/admin/articles/blockedterm/add/",
        "/admin/articles/ban/add/",
        "/admin/articles/commentermark/add/",
        "/admin/articles/comment/dashboard/?period=30d",
    ]:
        page.goto(path)
        page.wait_for_load_state("networkidle")

    assert violations == []
