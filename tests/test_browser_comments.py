"""A reader comments and a moderator approves it, in a real browser."""

import pytest
from playwright.sync_api import expect

from tests.base import make_article, make_comment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def write_comment(page, text):
    page.get_by_label("Name", exact=True).fill("Dana Levi")
    page.get_by_label("Email", exact=True).fill("dana@example.org")
    page.get_by_label("Comment", exact=True).fill(text)
    page.get_by_label("I agree to the privacy policy").check()
    page.get_by_role("button", name="Send comment").click()


def test_a_comment_appears_once_a_moderator_approves_it(
    page, browser, live_server, settings, staff_groups, moderator
):
    settings.COMMENT_MIN_SECONDS = 0
    article = make_article(headline="Council passes the budget")
    token_requests, console_errors = [], []
    page.on(
        "request",
        lambda request: (
            "/comments/form-tokens/" in request.url
            and token_requests.append(request.url)
        ),
    )
    page.on(
        "console",
        lambda message: message.type == "error" and console_errors.append(message.text),
    )

    page.goto(article.get_absolute_url())
    write_comment(page, "A fair budget in hard times.")

    confirmation = page.get_by_role("status")
    expect(confirmation).to_contain_text(
        "Your comment will appear once a moderator has approved it."
    )
    # Where the reader is looking: under the form, in view, focused for screen
    # readers.
    expect(confirmation).to_be_focused()
    expect(confirmation).to_be_in_viewport()
    form_box = page.locator("#comment-form").bounding_box()
    assert confirmation.bounding_box()["y"] >= form_box["y"] + form_box["height"]
    expect(page.locator(".comment-list")).to_have_count(0)
    expect(page.get_by_text("A fair budget in hard times.")).to_have_count(0)
    # The page came without this reader's tokens; the script fetched them once.
    assert len(token_requests) == 1
    assert console_errors == []

    admin_context = browser.new_context(base_url=live_server.url)
    admin = admin_context.new_page()
    admin.goto("/admin/")
    admin.get_by_label("Username").fill("moderator")
    admin.get_by_label("Password").fill("correct horse battery")
    admin.get_by_role("button", name="Log in").click()
    expect(admin.get_by_text("1 comment waiting for moderation")).to_be_visible()
    admin.get_by_text("1 comment waiting for moderation").click()
    row = admin.get_by_role("row").filter(has_text="A fair budget in hard times.")
    row.get_by_role("button", name="Approve").click()
    expect(admin.get_by_text("Comment by Dana Levi approved.")).to_be_visible()
    admin_context.close()

    page.reload()
    expect(page.locator(".comment__body")).to_have_text("A fair budget in hard times.")
    expect(page.locator("#comments-title")).to_contain_text("1 comment")


def test_a_reader_sees_what_to_fix_and_keeps_what_they_typed(page, settings):
    settings.COMMENT_MIN_SECONDS = 0
    article = make_article()

    page.goto(article.get_absolute_url())
    page.get_by_label("Name", exact=True).fill("Dana Levi")
    page.get_by_label("Email", exact=True).fill("not an address")
    page.get_by_label("Comment", exact=True).fill("Long thoughtful text.")
    page.get_by_role("button", name="Send comment").click()

    alert = page.get_by_role("alert")
    expect(alert).to_be_focused()
    expect(alert).to_be_in_viewport()
    expect(alert).to_contain_text("That does not look like an email address.")
    expect(alert).to_contain_text("Please tick the box to accept the comment policy")
    expect(page.get_by_label("Comment", exact=True)).to_have_value(
        "Long thoughtful text."
    )
    expect(page.get_by_label("Name", exact=True)).to_have_value("Dana Levi")


def test_a_reader_without_scripts_sends_the_comment_after_one_confirmation(
    browser, live_server, settings
):
    settings.COMMENT_MIN_SECONDS = 0
    article = make_article(headline="Council passes the budget")
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()

    page.goto(article.get_absolute_url())
    write_comment(page, "Sent with scripts turned off.")

    expect(
        page.get_by_role("heading", name="Your comment has not been sent yet")
    ).to_be_visible()
    expect(page.get_by_label("Comment", exact=True)).to_have_value(
        "Sent with scripts turned off."
    )
    page.get_by_role("button", name="Send comment").click()

    expect(page.get_by_role("status")).to_contain_text(
        "Your comment will appear once a moderator has approved it."
    )
    context.close()


def test_a_reader_reports_a_comment_from_a_cached_page(browser, live_server, settings):
    settings.COMMENT_REPORTS_TO_HIDE = 1
    article = make_article(headline="Council passes the budget")
    make_comment(article, author_name="Mallory", body="You are all traitors.")
    readers = [browser.new_context(base_url=live_server.url) for _ in range(2)]
    first, second = (context.new_page() for context in readers)
    cached = first.goto(article.get_absolute_url()).headers["etag"]

    # The second reader is served the first one's page, from the cache.
    assert second.goto(article.get_absolute_url()).headers["etag"] == cached
    comment = second.locator(".comment").filter(has_text="You are all traitors.")
    comment.get_by_role("link", name="Report the comment by Mallory").click()
    second.get_by_label("Why should a moderator look at this comment?").select_option(
        label="Abuse"
    )
    second.get_by_label("Anything the moderator should know (optional)").fill(
        "Calls every reader a traitor."
    )
    second.get_by_role("button", name="Send report").click()

    expect(second.get_by_role("status")).to_contain_text(
        "Thank you. A moderator will look at the comment you reported."
    )
    expect(second.locator(".comment__body")).to_have_count(0)
    first.reload()
    expect(first.get_by_text("You are all traitors.")).to_have_count(0)
    for context in readers:
        context.close()
