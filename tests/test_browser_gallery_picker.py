"""An editor places a gallery in a story from the body editor's menu, in Chromium."""

import re

import pytest
from playwright.sync_api import expect

from tests.base import make_article, make_gallery
from tests.test_browser_admin_csp import log_in, watch_for_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_inserts_a_gallery_at_the_cursor_from_the_editor_menu(
    page, staff_groups, editor
):
    make_gallery(photos=2, title="Harbour fire", slug="harbour-fire")
    make_gallery(photos=1, title="Budget vote", slug="budget-vote")
    make_gallery(photos=0, title="Still to come", slug="still-to-come")
    article = make_article(body="<p>The fire began at dawn.</p><p>It is out now.</p>")
    violations = watch_for_violations(page)
    log_in(page, "editor")
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    body = page.locator(".ProseMirror[contenteditable=true]")
    body.locator("p").first.click()
    page.keyboard.press("End")

    insert = page.get_by_role("button", name="Insert gallery", exact=True)
    insert.click()
    dialog = page.get_by_role("dialog", name="Insert a gallery")
    expect(dialog).to_be_visible()
    search = dialog.get_by_label("Search galleries by title")
    expect(search).to_be_focused()
    expect(dialog.get_by_role("status")).to_have_text("3 galleries, newest first")
    expect(dialog.locator(".gallery-picker__empty")).to_contain_text("Still to come")
    expect(
        dialog.get_by_role("button", name=re.compile("Still to come"))
    ).to_have_count(0)
    search.fill("fire")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(insert).to_be_focused()

    insert.click()
    search.fill("harbour")
    expect(dialog.get_by_role("status")).to_have_text("1 gallery matching “harbour”")
    dialog.get_by_role("button", name="Insert Harbour fire (2 photos)").click()
    expect(dialog).to_be_hidden()
    expect(body.locator("p")).to_have_text(
        ["The fire began at dawn.", "[gallery:harbour-fire]", "It is out now."]
    )
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    article.refresh_from_db()
    assert article.body == (
        "<p>The fire began at dawn.</p><p>[gallery:harbour-fire]</p>"
        "<p>It is out now.</p>"
    )
    page.goto(article.get_absolute_url())
    expect(page.get_by_role("link", name=re.compile("2 View gallery"))).to_be_visible()
    assert violations == []


def test_a_gallery_chosen_inside_a_list_goes_after_the_list(page, staff_groups, editor):
    make_gallery(photos=1, title="Harbour fire", slug="harbour-fire")
    article = make_article(body="<ul><li><p>One</p></li><li><p>Two</p></li></ul>")
    log_in(page, "editor")
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    body = page.locator(".ProseMirror[contenteditable=true]")
    body.get_by_text("One").click()

    page.get_by_role("button", name="Insert gallery", exact=True).click()
    page.get_by_role("button", name="Insert Harbour fire (1 photo)").click()

    expect(body.locator(":scope > p")).to_have_text(["[gallery:harbour-fire]"])
    expect(body.locator("li")).to_have_text(["One", "Two"])
