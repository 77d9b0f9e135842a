"""A reader goes through a gallery in a real browser (Chromium through Playwright)."""

import re

import pytest
from playwright.sync_api import expect

from tests.base import make_article, make_gallery, make_photo, paragraphs

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_opens_a_gallery_and_moves_on_with_the_arrow_key(page):
    photos = [
        make_photo(
            size=(1200, 800), caption="Delegates arrive at the palace.", credit="AFP"
        ),
        make_photo(
            size=(1200, 800), caption="The two envoys shake hands.", credit="AP"
        ),
        make_photo(
            size=(1200, 800), caption="Reporters wait outside.", credit="Reuters"
        ),
    ]
    gallery = make_gallery(photos=photos, title="Talks in Solberg", slug="talks")
    article = make_article(body=paragraphs("The talks began.", gallery, "More later."))

    page.goto(article.get_absolute_url())
    teaser = page.get_by_role("link", name=re.compile("3 View gallery"))
    expect(teaser).to_be_visible()
    teaser.click()

    expect(page).to_have_url(re.compile(r"/galleries/talks/1/$"))
    expect(page.locator(".gallery__caption")).to_contain_text(
        "Delegates arrive at the palace."
    )
    # The arrow keys work once gallery.js (deferred) has run, by the load event;
    # on a busy machine a key pressed before that is lost.
    page.wait_for_load_state("load")
    page.keyboard.press("ArrowRight")

    expect(page).to_have_url(re.compile(r"/galleries/talks/2/$"))
    expect(page.locator(".gallery__caption")).to_contain_text(
        "The two envoys shake hands."
    )
    expect(page.locator(".gallery__caption")).to_contain_text("(Photo: AP)")
    expect(page.locator(".gallery__position")).to_have_text("2 / 3")
    page.wait_for_load_state("load")
    page.keyboard.press("ArrowLeft")
    expect(page).to_have_url(re.compile(r"/galleries/talks/1/$"))


def test_gallery_works_without_javascript(browser, live_server):
    gallery = make_gallery(photos=2, slug="quiet")
    article = make_article(body=paragraphs(gallery))
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()

    page.goto(article.gallery_photo_url("quiet", 1))
    page.get_by_role("link", name="Next photo").click()

    expect(page).to_have_url(re.compile(r"/galleries/quiet/2/$"))
    expect(page.locator(".gallery__position")).to_have_text("2 / 2")
    context.close()


def test_hebrew_alt_text_is_rendered_exactly(page):
    alt = "שתי המשלחות לוחצות ידיים באולם הוועידה"
    gallery = make_gallery(photos=[make_photo(alt_text=alt)], slug="handshake")
    article = make_article(body=paragraphs(gallery))

    page.goto(article.gallery_photo_url("handshake", 1))

    image = page.get_by_role("img", name=alt)
    expect(image).to_have_attribute("alt", alt)
    assert image.evaluate("el => getComputedStyle(el).direction") == "rtl"
