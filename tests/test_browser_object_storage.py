"""A reader's browser loads the photos of a story from the object store."""

import re

import pytest
from playwright.sync_api import expect

from tests.base import make_article, make_gallery, make_photo, paragraphs

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("media_in_object_store"),
]


def test_a_story_shows_its_photos_from_the_object_store(page, object_store):
    lead = make_photo(size=(1200, 800), alt_text="Cranes over the harbour")
    gallery = make_gallery(
        photos=[make_photo(size=(1200, 800), alt_text="Dockers at the gate")],
        title="The strike's first day",
    )
    story = make_article(
        lead_photo=lead, body=paragraphs("The port stood still.", gallery)
    )
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )

    page.goto(story.get_absolute_url())

    for alt_text in ["Cranes over the harbour", "Dockers at the gate"]:
        photo = page.get_by_role("img", name=alt_text)
        photo.scroll_into_view_if_needed()
        expect(photo).to_have_js_property("complete", True)
        # Loaded and decoded: a photo the browser could not fetch has no width.
        assert photo.evaluate("img => img.naturalWidth") > 0
        assert photo.evaluate("img => img.currentSrc").startswith(object_store)
    expect(page.get_by_role("link", name=re.compile("1 View gallery"))).to_be_visible()
    assert refused == []
