"""A reader searches from the header, in a real browser."""

import pytest
from playwright.sync_api import expect

from tests.base import make_article, make_section

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_searches_from_the_header_and_sees_the_matches_marked(page):
    world = make_section(name="World", slug="world")
    make_article(
        headline="Ferry strike ends after talks",
        body="<p>Crews return to work on Monday.</p><p>The ferry runs again.</p>",
        section=world,
    )
    make_article(headline="Tram timetable changes", section=world)

    page.goto("/")
    page.get_by_role("searchbox", name="Search stories").fill("ferry")
    page.get_by_role("searchbox", name="Search stories").press("Enter")

    expect(page).to_have_url("/search/?q=ferry")
    expect(page.get_by_role("status")).to_have_text("1 story found for “ferry”.")
    result = page.locator(".search-result")
    expect(result).to_have_count(1)
    expect(result.get_by_role("link")).to_have_text("Ferry strike ends after talks")
    expect(result.locator("mark")).to_have_text(["Ferry", "ferry"])
    expect(result.locator("mark").first).to_have_css(
        "background-color", "rgb(255, 243, 176)"
    )


def test_reader_narrows_a_search_and_is_told_about_a_bad_date(page):
    make_article(headline="Ferry strike ends")

    page.goto("/search/?q=ferry")
    page.get_by_label("From:", exact=True).fill("2030-01-02")
    page.get_by_label("To:", exact=True).fill("2030-01-01")
    page.get_by_role("button", name="Search", exact=True).last.click()

    expect(page.get_by_role("alert")).to_have_text(
        "The “From” date is after the “To” date."
    )
    expect(page.locator(".search-result")).to_have_count(0)
