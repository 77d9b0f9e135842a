"""A moderator works through the queue in a real browser, on a laptop screen."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Comment
from tests.base import log_in, make_article, make_comment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fully_visible(page, locator):
    """Whether the element's whole box is on screen and not cut by a parent."""
    return locator.evaluate(
        """element => {
            const box = element.getBoundingClientRect();
            if (box.left < 0 || box.right > innerWidth) return false;
            for (let up = element.parentElement; up; up = up.parentElement) {
                if (getComputedStyle(up).overflowX === "visible") continue;
                const clip = up.getBoundingClientRect();
                if (box.left < clip.left - 0.5 || box.right > clip.right + 0.5) {
                    return false;
                }
            }
            return element.scrollWidth <= element.clientWidth + 1;
        }"""
    )


def test_the_queue_fits_a_laptop_screen(browser, live_server, staff_groups, moderator):
    article = make_article(
        headline="A long headline about the council budget vote and what it means"
    )
    make_comment(
        article,
        status=Comment.Status.PENDING,
        author_name="Dana Levi-Montalcini of the Harbour District",
        body="A fair budget in hard times: https://budget.example.org/2026/"
        "council-vote-full-breakdown-of-every-line-item and https://b.example",
        blocklist_match="traitor",
        is_first_comment=True,
    )
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1366, "height": 900}
    )
    page = context.new_page()
    log_in(page, "moderator")

    page.goto("/admin/articles/comment/")

    row = page.get_by_role("row").filter(has_text="A fair budget")
    for control in [
        row.get_by_role("button", name="Approve"),
        row.get_by_label("Reason for rejecting"),
        row.get_by_role("button", name="Reject"),
        row.get_by_role("button", name="Spam"),
    ]:
        expect(control).to_be_visible()
        assert fully_visible(page, control)
    # No reason is chosen for the moderator.
    expect(row.get_by_label("Reason for rejecting")).to_have_value("")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    context.close()


def test_the_dashboard_draws_its_charts_without_scripts(
    browser, live_server, staff_groups, editor
):
    make_comment(make_article(), status=Comment.Status.PENDING)
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 1366, "height": 900},
        java_script_enabled=False,
    )
    page = context.new_page()
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()

    page.get_by_role("link", name="Moderation dashboard").click()
    page.get_by_role("link", name="7 days").click()

    expect(page.locator("#pending-now")).to_have_text("1")
    chart = page.get_by_role("img", name=re.compile("^Queue length by hour"))
    expect(chart).to_be_visible()
    assert chart.bounding_box()["width"] <= 1366
    # One bar an hour for the 7 days.
    expect(chart.locator("rect")).to_have_count(7 * 24)
    page.screenshot(path="/tmp/modexp/dashboard.png", full_page=True)
    context.close()


def test_a_moderator_works_through_the_queue_from_the_keyboard(
    browser, live_server, staff_groups, moderator
):
    article = make_article()
    first, second, third = (
        make_comment(article, status=Comment.Status.PENDING, body=f"Comment {n}.")
        for n in ("one", "two", "three")
    )
    Comment.objects.filter(pk=first.pk).update(
        created_at=first.created_at.replace(year=2025)
    )
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1366, "height": 900}
    )
    page = context.new_page()
    log_in(page, "moderator")
    page.goto("/admin/articles/comment/")
    shortcuts = page.locator(".queue-shortcuts")
    expect(shortcuts).to_contain_text("Next / previous comment")
    expect(shortcuts).to_contain_text("3 Invades privacy")
    current = page.locator("#result_list tr.queue-current")
    expect(current).to_contain_text("Comment one.")

    page.keyboard.press("j")
    expect(current).to_contain_text("Comment two.")
    page.keyboard.press("a")
    expect(
        page.get_by_text(f"Comment by {second.author_name} approved.")
    ).to_be_visible()
    # The place is kept: the row after the decided one.
    expect(current).to_contain_text("Comment three.")
    page.keyboard.press("k")
    expect(current).to_contain_text("Comment one.")
    page.keyboard.press("r")
    page.keyboard.press("3")
    expect(
        page.get_by_text(f"Comment by {first.author_name} rejected.")
    ).to_be_visible()
    expect(current).to_contain_text("Comment three.")
    page.keyboard.press("s")
    expect(page.get_by_text(f"Comment by {third.author_name} spam.")).to_be_visible()

    for comment in (first, second, third):
        comment.refresh_from_db()
    assert [(c.status, c.rejection_reason) for c in (first, second, third)] == [
        ("rejected", "privacy"),
        ("approved", ""),
        ("spam", "spam"),
    ]
    assert {c.moderated_by for c in (first, second, third)} == {moderator}
    context.close()
