"""Reader pages laid out for a laptop (1366×900) and a phone (390×844) screen."""

import pytest
from playwright.sync_api import expect

from tests.base import make_article, make_articles, make_gallery, make_photo, paragraphs

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAPTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize(
    ("screen", "photo_width", "stories_in_view"),
    [(LAPTOP, 160, 4), (PHONE, 96, 3)],
    ids=["laptop", "phone"],
)
def test_a_section_page_lists_stories_compactly_with_a_small_photo(
    page, screen, photo_width, stories_in_view
):
    photo = make_photo(size=(960, 640))
    stories = make_articles(6, lead_photo=photo)
    page.set_viewport_size(screen)

    page.goto(stories[0].section.get_absolute_url())

    cards = page.locator("article.article-card")
    expect(cards).to_have_count(6)
    first = cards.first
    photo_box = first.locator("img").bounding_box()
    headline_box = first.get_by_role("heading").bounding_box()
    assert photo_box["width"] == pytest.approx(photo_width, abs=1)
    # Beside the headline, not above it.
    assert headline_box["x"] >= photo_box["x"] + photo_box["width"]
    assert headline_box["y"] < photo_box["y"] + photo_box["height"]
    in_view = [
        card for card in cards.all() if card.bounding_box()["y"] < screen["height"]
    ]
    assert len(in_view) >= stories_in_view


@pytest.mark.parametrize("screen", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_the_gallery_viewer_fits_photo_caption_credit_and_next_on_the_screen(
    page, screen
):
    portrait = make_photo(
        size=(1200, 1600), caption="Delegates leave the hall at dusk.", credit="AP"
    )
    gallery = make_gallery(photos=[portrait, make_photo()], slug="dusk")
    article = make_article(body=paragraphs(gallery))
    page.set_viewport_size(screen)

    page.goto(article.gallery_photo_url("dusk", 1))

    for part in [
        page.locator(".gallery__photo img"),
        page.locator(".gallery__caption .photo-caption"),
        page.locator(".gallery__caption .photo-credit"),
        page.get_by_role("link", name="Next photo"),
    ]:
        box = part.bounding_box()
        assert box["y"] >= 0
        assert box["y"] + box["height"] <= screen["height"], part
