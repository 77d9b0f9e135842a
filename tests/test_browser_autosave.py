"""An editor who closes the tab gets the autosaved story form back in a new one."""

import pytest
from playwright.sync_api import expect
from taggit.models import Tag

from articles.admin.stories import ArticleAdmin
from articles.models import Article, Autosave
from tests.base import make_article, make_staff
from tests.test_browser_admin_csp import log_in, watch_for_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def autosave_every_second(monkeypatch):
    monkeypatch.setattr(ArticleAdmin, "autosave_seconds", 1)


def autosaved(page, check):
    """Wait until the editor's autosave holds fields that pass `check`."""
    for _attempt in range(50):
        autosave = Autosave.objects.first()
        if autosave and check(autosave.data["fields"]):
            return
        page.wait_for_timeout(200)
    pytest.fail("The change was not autosaved within 10 seconds.")


def test_changes_autosaved_before_the_tab_closed_are_restored_and_saved(
    page, staff_groups, editor
):
    story = make_article(headline="Council passes the budget")
    tag = Tag.objects.create(name="Budget", slug="budget")
    change = f"/admin/articles/article/{story.pk}/change/"
    violations = watch_for_violations(page)
    log_in(page, "editor")

    page.goto(change)
    # Nothing is sent while the form is as it was opened.
    page.wait_for_timeout(2500)
    assert Autosave.objects.count() == 0
    page.get_by_label("Headline").fill("Council rejects the budget")
    body = page.locator(".ProseMirror[contenteditable=true]")
    body.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Typed before the tab closed.")
    page.locator(".field-tags .select2-selection").click()
    page.keyboard.type("Bud")
    page.get_by_role("option", name="Budget").click()
    expect(page.get_by_role("status")).to_contain_text("Autosaved at")
    # Each change may go in an autosave of its own: wait for the one with all.
    autosaved(page, lambda fields: fields["tags"] == [str(tag.pk)])
    page.close()

    story.refresh_from_db()
    assert story.headline == "Council passes the budget"
    page = page.context.new_page()
    violations += watch_for_violations(page)
    page.goto(change)
    expect(page.get_by_text("You have unsaved changes from")).to_be_visible()
    expect(page.get_by_label("Headline")).to_have_value("Council passes the budget")
    page.get_by_role("button", name="Restore them").click()

    expect(page.get_by_label("Headline")).to_have_value("Council rejects the budget")
    expect(page.locator(".ProseMirror[contenteditable=true]")).to_contain_text(
        "Typed before the tab closed."
    )
    expect(page.locator(".field-tags .select2-selection")).to_contain_text("Budget")
    expect(page.get_by_text("You have unsaved changes from")).to_have_count(0)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("was changed successfully")).to_be_visible()

    story.refresh_from_db()
    assert story.headline == "Council rejects the budget"
    assert "Typed before the tab closed." in story.body
    assert list(story.tags.names()) == ["Budget"]
    assert Autosave.objects.count() == 0
    assert violations == []


def test_restored_changes_do_not_undo_a_save_made_after_the_form_was_opened(
    page, staff_groups, editor
):
    story = make_article(standfirst="As first written.")
    change = f"/admin/articles/article/{story.pk}/change/"
    log_in(page, "editor")
    page.goto(change)
    story.standfirst = "Changed by another editor."
    story.updated_by = make_staff("second-editor", "Editors")
    story.save()
    page.get_by_label("Headline").fill("Headline typed meanwhile")
    expect(page.get_by_role("status")).to_contain_text("Autosaved at")
    autosaved(page, lambda fields: fields["headline"] == ["Headline typed meanwhile"])
    page.close()

    page = page.context.new_page()
    page.goto(change)
    page.get_by_role("button", name="Restore them").click()
    page.get_by_role("button", name="Save", exact=True).click()

    expect(
        page.get_by_text("Not saved: second-editor saved this story")
    ).to_be_visible()
    story.refresh_from_db()
    assert story.standfirst == "Changed by another editor."
    assert story.headline != "Headline typed meanwhile"


def test_a_new_story_is_offered_back_and_discarded(page, staff_groups, editor):
    log_in(page, "editor")
    page.goto("/admin/articles/article/add/")
    page.get_by_label("Headline").fill("A story never saved")
    expect(page.get_by_role("status")).to_contain_text("Autosaved at")
    page.close()

    page = page.context.new_page()
    page.goto("/admin/articles/article/add/")
    page.get_by_role("button", name="Discard").click()

    expect(page.get_by_role("status")).to_contain_text("Discarded")
    expect(page.get_by_text("You have unsaved changes from")).to_have_count(0)
    assert Autosave.objects.count() == 0
    assert Article.objects.count() == 0


def test_a_failed_autosave_says_so(page, staff_groups, editor):
    story = make_article()
    log_in(page, "editor")
    page.goto(f"/admin/articles/article/{story.pk}/change/")
    story.delete()
    page.get_by_label("Headline").fill("Written after the story was deleted")

    expect(page.get_by_role("status")).to_contain_text(
        "Autosave failed: your changes are not yet saved"
    )
