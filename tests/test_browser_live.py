"""A reader following a live story in a real browser (Chromium through Playwright)."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import LiveUpdate
from tests.base import make_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def quick_polls(settings):
    settings.LIVE_POLL_SECONDS = 1


def test_a_reader_s_open_page_offers_new_updates_and_stops_when_coverage_ends(
    page, quick_polls
):
    story = make_article(headline="Election night")
    story.start_live_coverage()
    LiveUpdate.objects.create(article=story, text="Polls have opened.")
    requests = []
    console = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: console.append(message.text))

    page.goto(story.get_absolute_url())
    updates = page.locator(".live__updates > li")
    expect(updates).to_have_count(1)
    expect(page.locator(".live-badge")).to_have_text("Live")

    LiveUpdate.objects.create(
        article=story, text="Turnout is 41% at noon.", published_at=timezone.now()
    )

    button = page.get_by_role("button", name="1 new update")
    expect(button).to_be_visible(timeout=5_000)
    # Nothing moves under the reader's eyes until they ask.
    expect(updates).to_have_count(1)
    expect(page.locator(".live__new")).to_have_attribute("aria-live", "polite")

    button.click()

    expect(updates).to_have_count(2)
    expect(updates.first).to_contain_text("Turnout is 41% at noon.")
    expect(updates.first).to_be_focused()
    expect(button).to_have_count(0)

    story.end_live_coverage()

    expect(page.locator(".live__title")).to_have_text(
        "Live coverage has ended", timeout=5_000
    )

    def polls():
        return [url for url in requests if url.endswith("/updates/")]

    asked = len(polls())
    page.wait_for_timeout(2_500)  # more than two polling intervals
    assert asked >= 2 and len(polls()) == asked
    assert not [text for text in console if "Content Security Policy" in text]


def test_several_updates_wait_behind_one_button(page, quick_polls):
    story = make_article()
    story.start_live_coverage()

    page.goto(story.get_absolute_url())
    expect(page.locator(".live-update--none")).to_have_text("No updates yet.")
    for text in ("Polls have opened.", "Queues in the north."):
        LiveUpdate.objects.create(article=story, text=text)

    page.get_by_role("button", name="2 new updates").click(timeout=5_000)

    updates = page.locator(".live__updates > li")
    expect(updates).to_have_count(2)
    expect(updates.first).to_contain_text("Queues in the north.")
    expect(updates.nth(1)).to_contain_text("Polls have opened.")


def test_a_corrected_update_and_the_key_events_change_in_place(page, quick_polls):
    story = make_article()
    story.start_live_coverage()
    update = LiveUpdate.objects.create(article=story, text="Turnout is 14% at noon.")
    LiveUpdate.objects.create(article=story, text="Queues in the north.")

    page.goto(story.get_absolute_url())
    updates = page.locator(".live__updates > li")
    expect(updates).to_have_count(2)
    expect(page.locator(".live__key-events")).to_have_count(0)

    update.text = "Turnout is 41% at noon."
    update.is_key_event = True
    update.save()

    # Where it stands, without a button or a reload.
    expect(updates.nth(1)).to_contain_text("Turnout is 41% at noon.", timeout=5_000)
    expect(updates.nth(1)).to_contain_text("Key event")
    summary = page.locator(".live__key-events")
    expect(summary.get_by_role("link")).to_have_text(
        re.compile(r"\d\d:\d\d Turnout is 41% at noon\.")
    )
    expect(page.locator(".live__new-button")).to_have_count(0)

    update.is_key_event = False
    update.save()

    expect(summary).to_have_count(0, timeout=5_000)
    expect(updates).to_have_count(2)
