"""Hebrew pages read in the right order on screen, not only in their markup."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article
from tests.base import (
    make_article,
    make_author,
    make_comment,
    make_gallery,
    make_photo,
    make_section,
    paragraphs,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The box of the first occurrence of `text` inside an element, from a range over
# its text node: labels and parentheses are bare text beside the elements they
# belong to.
TEXT_BOX = """(element, text) => {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const at = node.data.indexOf(text);
    if (at >= 0) {
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + text.length);
      const box = range.getBoundingClientRect();
      return { left: box.left, right: box.right, top: box.top, bottom: box.bottom };
    }
  }
  return null;
}"""


def box_of(locator, text=None):
    """The on-screen box of an element, or of `text` within it."""
    if text is None:
        box = locator.bounding_box()
        return {
            "left": box["x"],
            "right": box["x"] + box["width"],
            "top": box["y"],
            "bottom": box["y"] + box["height"],
        }
    box = locator.evaluate(TEXT_BOX, text)
    assert box is not None, f"{text!r} is not shown"
    return box


def left_of(a, b):
    """Box `a` lies wholly to the left of box `b` (a pixel's rounding allowed)."""
    return a["right"] <= b["left"] + 1


@pytest.fixture
def hebrew_story():
    return make_article(
        headline="סבב שיחות שני ייפתח בשבוע הבא",
        standfirst="המשלחות הסכימו להיפגש שוב.",
        language=Article.Language.HEBREW,
        published_at=timezone.make_aware(timezone.datetime(2026, 11, 27, 12, 2)),
        lead_photo=make_photo(caption="המשלחות באולם", credit="Reuters"),
        body=paragraphs("פסקה ראשונה.", make_gallery(photos=3, slug="arrivals")),
    )


def test_the_hebrew_dateline_reads_label_then_date_then_time_from_the_right(
    page, hebrew_story
):
    page.goto(hebrew_story.get_absolute_url())

    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    dateline = page.locator(".story__dateline")
    expect(dateline).to_have_text(re.compile(r"^\s*פורסם: 27 בנובמבר 2026, 12:02\s*$"))
    label = box_of(dateline, "פורסם:")
    day, month = box_of(dateline, "27"), box_of(dateline, "בנובמבר")
    year, time = box_of(dateline, "2026"), box_of(dateline, "12:02")
    # Read from the right: label, day, month, year, time.
    assert left_of(day, label)
    assert left_of(month, day)
    assert left_of(year, month)
    assert left_of(time, year)


def test_a_latin_credit_in_a_hebrew_caption_keeps_its_label_and_brackets(
    page, hebrew_story
):
    page.goto(hebrew_story.get_absolute_url())

    caption = page.locator(".story__lead-photo figcaption")
    credit = caption.locator(".photo-credit")
    expect(credit).to_have_text("(צילום: Reuters)")
    opening, label = box_of(credit, "("), box_of(credit, "צילום:")
    name, closing = box_of(credit.locator("bdi")), box_of(credit, ")")
    # "(צילום: Reuters)" from the right: bracket, label, name, bracket; the credit
    # follows the caption, to its left.
    assert left_of(label, opening)
    assert left_of(name, label)
    assert left_of(closing, name)
    assert left_of(box_of(credit), box_of(caption.locator(".photo-caption")))


def test_an_english_credit_reads_left_to_right(page):
    article = make_article(lead_photo=make_photo(caption="Delegates", credit="AP"))

    page.goto(article.get_absolute_url())

    credit = page.locator(".story__lead-photo .photo-credit")
    expect(credit).to_have_text("(Photo: AP)")
    assert left_of(box_of(credit, "Photo:"), box_of(credit.locator("bdi")))


def test_a_hebrew_card_on_an_english_section_page_reads_right_to_left(page):
    section = make_section(name="World", slug="world")
    hebrew = make_article(
        section=section,
        headline="השיחות נפתחו באיסטנבול",
        language=Article.Language.HEBREW,
    )
    make_article(section=section, headline="Talks open in Istanbul")
    for _ in range(4):
        make_comment(hebrew)

    page.goto("/sections/world/")

    expect(page.locator("html")).to_have_attribute("lang", "en")
    card = page.locator(".article-card", has_text="השיחות נפתחו באיסטנבול")
    english = page.locator(".article-card", has_text="Talks open in Istanbul")
    assert card.evaluate("el => getComputedStyle(el).direction") == "rtl"
    headline = box_of(card.locator(".article-card__headline"), "השיחות")
    english_headline = box_of(english.locator(".article-card__headline"), "Talks")
    # Each headline starts at its own side of the same column.
    assert headline["right"] > english_headline["right"]
    assert headline["left"] > english_headline["left"]
    comments = card.locator(".article-card__comments")
    expect(comments).to_have_text("4 תגובות")
    assert left_of(box_of(comments, "תגובות"), box_of(comments, "4"))


def test_the_hebrew_comment_form_is_right_aligned_and_says_send_in_hebrew(
    page, hebrew_story
):
    page.goto(hebrew_story.get_absolute_url())

    form = page.locator("#comment-form")
    form_box = box_of(form)
    middle = (form_box["left"] + form_box["right"]) / 2
    name_label = box_of(form.locator("label[for=id_author_name]"), "שם")
    button = form.get_by_role("button", name="שליחת תגובה")
    expect(button).to_be_visible()
    assert name_label["left"] > middle
    assert box_of(button)["left"] > middle
    # The page does not scroll sideways (a field placed off-screen on the left
    # would make a right-to-left page scroll).
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_a_refused_hebrew_comment_is_explained_in_hebrew(page, hebrew_story):
    page.goto(hebrew_story.get_absolute_url())

    page.get_by_role("button", name="שליחת תגובה").click()

    errors = page.locator(".form-errors")
    expect(errors).to_be_focused()
    expect(errors).to_contain_text("התגובה לא נשלחה. נא לתקן את הדברים הבאים:")
    expect(errors).to_contain_text("נא לכתוב את התגובה.")
    expect(page.locator("html")).to_have_attribute("lang", "he")


def test_a_hebrew_gallery_puts_next_on_the_left_and_its_arrow_key_too(
    page, hebrew_story
):
    page.goto(hebrew_story.gallery_photo_url("arrivals", 2))

    previous = page.get_by_role("link", name="לתמונה הקודמת")
    following = page.get_by_role("link", name="לתמונה הבאה")
    assert left_of(box_of(following), box_of(previous))

    page.keyboard.press("ArrowLeft")

    expect(page).to_have_url(
        re.compile(re.escape(hebrew_story.gallery_photo_url("arrivals", 3)) + "$")
    )


def test_an_english_page_after_a_hebrew_one_is_english(page, hebrew_story):
    english = make_article(authors=[make_author(name="Jane Doe")])

    page.goto(hebrew_story.get_absolute_url())
    page.goto(english.get_absolute_url())

    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.get_by_role("button", name="Send comment")).to_be_visible()
    footer = page.locator(".site-footer")
    expect(footer.get_by_role("link", name="Privacy policy")).to_be_visible()
