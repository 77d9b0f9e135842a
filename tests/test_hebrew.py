"""A Hebrew story's pages are in Hebrew, right to left; English pages stay English."""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from articles.models import Article, Comment, Correction, LiveUpdate
from tests.base import (
    make_article,
    make_author,
    make_comment,
    make_gallery,
    make_photo,
    make_section,
    paragraphs,
)
from tests.test_comment_posting import comment_data, post

pytestmark = pytest.mark.django_db

CATALOGUE = Path(settings.BASE_DIR, "articles", "locale", "he", "LC_MESSAGES")


@pytest.fixture
def hebrew_story():
    gallery = make_gallery(photos=3, slug="delegations")
    return make_article(
        headline="השיחות נפתחו באיסטנבול",
        standfirst="המשלחות נפגשו לראשונה מזה שנה.",
        slug="talks-open",
        language=Article.Language.HEBREW,
        published_at=timezone.make_aware(timezone.datetime(2026, 11, 27, 12, 2)),
        lead_photo=make_photo(caption="המשלחות באולם", credit="Reuters"),
        body=paragraphs("פסקה ראשונה.", gallery, "פסקה שנייה."),
        authors=[make_author(name="יעל כהן"), make_author(name="דן לוי")],
        tags=["דיפלומטיה"],
    )


def html_of(response):
    return response.content.decode()


def byline_of(html):
    byline = re.search(r'<p class="story__byline byline">(.*?)</p>', html)[1]
    return re.sub(r"<[^>]+>", "", byline)


def test_live_coverage_and_the_lists_under_a_hebrew_story_are_in_hebrew(
    client, hebrew_story
):
    related = make_article(section=hebrew_story.section, headline="המשא ומתן נמשך")
    hebrew_story.start_live_coverage()
    LiveUpdate.objects.create(
        article=hebrew_story, text="המשלחות יצאו להפסקה.", is_key_event=True
    )

    html = html_of(client.get(hebrew_story.get_absolute_url()))
    poll = client.get(hebrew_story.get_live_updates_url()).json()

    assert '<span class="live-badge">בשידור חי</span>' in html
    assert '<h2 id="live-title" class="live__title">עדכונים שוטפים</h2>' in html
    assert 'data-new-many="{count} עדכונים חדשים"' in html
    assert "כתבות קשורות" in html
    assert related.headline in html
    assert 'placeholder="חיפוש כתבות"' in html
    assert "<strong>אירוע מרכזי</strong>" in poll["updates"][0]["html"]
    for english in ("Live updates", "Related stories", "Key event", "Search stories"):
        assert english not in html


def test_a_hebrew_story_page_is_hebrew_and_right_to_left_throughout(
    client, hebrew_story
):
    html = html_of(client.get(hebrew_story.get_absolute_url()))

    assert '<html lang="he" dir="rtl">' in html
    assert "דילוג לתוכן" in html  # skip link
    assert 'aria-label="מדורים"' in html  # section menu
    assert ">מדיניות פרטיות</a>" in html  # footer
    assert '<h2 class="story__tags-title">נושאים</h2>' in html
    assert byline_of(html) == "יעל כהן ודן לוי"  # joined with vav
    assert "הוספת תגובה" in html
    assert '<button type="submit" class="button">שליחת תגובה</button>' in html
    assert "אני מסכים/ה למדיניות הפרטיות ולתנאי השימוש" in html
    assert '<label for="id_author_name">שם</label>' in html
    for english in ("Skip to content", "Add a comment", "Send comment", "Topics"):
        assert english not in html


def test_the_dateline_puts_the_label_before_a_hebrew_date(client, hebrew_story):
    Article.objects.filter(pk=hebrew_story.pk).update(
        revised_at=timezone.make_aware(timezone.datetime(2026, 11, 28, 8, 30))
    )
    html = html_of(client.get(hebrew_story.get_absolute_url()))

    dateline = re.search(r'<p class="story__dateline">(.*?)</p>', html, re.S)[1]
    assert re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", dateline)).strip() == (
        "פורסם: 27 בנובמבר 2026, 12:02 · עודכן: 28 בנובמבר 2026, 08:30"
    )
    assert 'פורסם: <time datetime="2026-11-27T12:02:00+00:00" dir="rtl">' in dateline


def test_photo_credits_and_gallery_teasers_are_in_hebrew(client, hebrew_story):
    html = html_of(client.get(hebrew_story.get_absolute_url()))

    # The credit's name is isolated, so "(צילום: Reuters)" keeps its order.
    assert '<span class="photo-credit">(צילום: <bdi>Reuters</bdi>)</span>' in html
    assert '<span class="gallery-teaser__count">3</span> לגלריה' in html
    assert "View gallery" not in html
    assert "(Photo:" not in html


def test_the_corrections_box_of_a_hebrew_story_is_in_hebrew(client, hebrew_story):
    Correction.objects.create(
        article=hebrew_story,
        kind=Correction.Kind.CORRECTION,
        text="שם המקום תוקן.",
        published_at=timezone.make_aware(timezone.datetime(2026, 11, 28, 9, 0)),
    )

    html = html_of(client.get(hebrew_story.get_absolute_url()))

    assert ">תיקונים ועדכונים</a>" in html
    assert "<strong>תיקון</strong>" in html
    assert ">28 בנובמבר 2026, 09:00</time>" in html


def test_an_english_story_page_stays_english(client):
    article = make_article(
        headline="Talks open in Istanbul",
        published_at=timezone.make_aware(timezone.datetime(2026, 11, 27, 12, 2)),
        lead_photo=make_photo(credit="Reuters"),
        authors=[make_author(name="Jane Doe"), make_author(name="John Roe")],
    )

    html = html_of(client.get(article.get_absolute_url()))

    assert '<html lang="en" dir="ltr">' in html
    assert 'Published <time datetime="2026-11-27T12:02:00+00:00" dir="ltr">' in html
    assert ">27 November 2026, 12:02</time>" in html
    assert byline_of(html) == "Jane Doe and John Roe"
    assert '<span class="photo-credit">(Photo: <bdi>Reuters</bdi>)</span>' in html
    assert "Add a comment" in html
    assert "שליחת תגובה" not in html


def test_the_hebrew_story_page_costs_no_more_queries_than_an_english_one(
    client, hebrew_story, django_assert_max_num_queries
):
    for n in range(30):
        make_comment(hebrew_story, author_name=f"קורא {n}")

    # story, bylines, tags, menu, gallery photos, comments, corrections, related
    # stories (three), most read
    with django_assert_max_num_queries(11):
        response = client.get(hebrew_story.get_absolute_url())

    assert "30 תגובות" in html_of(response)


def test_the_gallery_page_of_a_hebrew_story_is_in_hebrew(
    client, hebrew_story, django_assert_max_num_queries
):
    # story, gallery photos, menu
    with django_assert_max_num_queries(5):
        response = client.get(hebrew_story.gallery_photo_url("delegations", 2))

    html = html_of(response)
    assert '<html lang="he" dir="rtl">' in html
    assert "חזרה לכתבה: <bdi>השיחות נפתחו באיסטנבול</bdi>" in html
    assert ">לתמונה הקודמת</a>" in html
    assert ">לתמונה הבאה</a>" in html
    assert "(צילום: <bdi>Reuters</bdi>)" in html


def test_a_refused_comment_on_a_hebrew_story_lists_its_errors_in_hebrew(
    client, hebrew_story, settings
):
    settings.COMMENT_MAX_LENGTH = 20
    response = post(
        client,
        hebrew_story,
        author_name="",
        author_email="not an address",
        body="תגובה ארוכה מדי בשביל הטופס הזה",
        consent="",
    )

    assert response.status_code == 400
    html = html_of(response)
    assert '<html lang="he" dir="rtl">' in html
    assert "התגובה לא נשלחה. נא לתקן את הדברים הבאים:" in html
    assert "נא לכתוב שם שיוצג לצד התגובה." in html
    assert "זו אינה נראית ככתובת דוא״ל." in html
    assert "אורך תגובה מוגבל ל־20 תווים; בתגובה זו יש 31." in html
    assert "יש לסמן את התיבה ולאשר את מדיניות התגובות" in html
    assert "Please" not in html


def test_a_sent_comment_on_a_hebrew_story_is_acknowledged_in_hebrew(
    client, hebrew_story
):
    response = post(client, hebrew_story, body="תודה על הכתבה.")

    page = client.get(response["Location"])

    assert "תודה. התגובה תופיע באתר לאחר שתאושר." in html_of(page)
    assert Comment.objects.get().body == "תודה על הכתבה."


def test_a_closed_hebrew_story_refuses_a_comment_in_hebrew(client, hebrew_story):
    Article.objects.filter(pk=hebrew_story.pk).update(
        comment_mode=Article.CommentMode.CLOSED
    )

    response = post(client, hebrew_story, body="אני רוצה להגיב.")

    assert response.status_code == 403
    html = html_of(response)
    assert '<html lang="he" dir="rtl">' in html
    assert "התגובות לכתבה זו נסגרו, ולכן התגובה לא נשלחה." in html
    assert "אני רוצה להגיב." in html


def test_a_comment_sent_without_its_token_is_confirmed_in_hebrew(hebrew_story):
    reader = Client(enforce_csrf_checks=True)

    response = reader.post(
        hebrew_story.get_comment_post_url(), comment_data(body="תגובה בלי סקריפטים.")
    )

    assert response.status_code == 403
    html = html_of(response)
    assert '<html lang="he" dir="rtl">' in html
    assert "התגובה עדיין לא נשלחה" in html
    assert '<button type="submit" class="button">שליחת תגובה</button>' in html


def test_an_editor_previews_a_hebrew_draft_in_hebrew(client, editor, hebrew_story):
    Article.objects.filter(pk=hebrew_story.pk).update(status=Article.Status.DRAFT)
    client.force_login(editor)

    html = html_of(client.get(f"/preview/{hebrew_story.pk}/"))

    assert '<html lang="he" dir="rtl">' in html
    assert "תצוגה מקדימה, לא פורסמה." in html
    assert "הקוראים עדיין אינם רואים את הכתבה: טיוטה" in html


def test_a_hebrew_card_on_an_english_page_speaks_hebrew(client):
    section = make_section(name="World", slug="world")
    hebrew = make_article(
        section=section,
        headline="השיחות נפתחו",
        language=Article.Language.HEBREW,
        authors=[make_author(name="יעל כהן"), make_author(name="AP", is_agency=True)],
        published_at=timezone.make_aware(timezone.datetime(2026, 11, 27, 12, 2)),
    )
    english = make_article(section=section, headline="Talks open")
    for _ in range(4):
        make_comment(hebrew)
        make_comment(english)

    html = html_of(client.get("/sections/world/"))

    assert '<html lang="en" dir="ltr">' in html
    card = re.search(
        r'<article class="[^"]*" lang="he" dir="rtl">(.*?)</article>', html, re.S
    )[1]
    assert "השיחות נפתחו" in card
    assert "יעל כהן ו-AP" in card  # a Latin name takes a hyphen after vav
    assert (
        '<time datetime="2026-11-27T12:02:00+00:00" dir="rtl">27.11.2026, 12:02' in card
    )
    assert '#comments">4 תגובות</a>' in card
    assert '#comments">4 comments</a>' in html


@pytest.mark.parametrize(
    ("count", "hebrew", "english"),
    [
        (1, "תגובה אחת", "1 comment"),
        (2, "2 תגובות", "2 comments"),
        (11, "11 תגובות", "11 comments"),
    ],
)
def test_comment_counts_take_each_languages_plural_forms(
    client, count, hebrew, english
):
    section = make_section(name="World", slug="world")
    stories = {
        language: make_article(section=section, language=language)
        for language in Article.Language.values
    }
    for story in stories.values():
        for _ in range(count):
            make_comment(story)

    listing = html_of(client.get("/sections/world/"))
    story_page = html_of(client.get(stories["he"].get_absolute_url()))

    assert f'#comments">{hebrew}</a>' in listing
    assert f'#comments">{english}</a>' in listing
    assert re.search(rf'class="comments__title">\s*{hebrew}\s*</h2>', story_page)


def test_shared_parts_are_not_mixed_between_languages(client, hebrew_story):
    english = make_article(headline="Talks open in Istanbul")

    hebrew_first = html_of(client.get(hebrew_story.get_absolute_url()))
    english_after = html_of(client.get(english.get_absolute_url()))
    hebrew_again = html_of(client.get(hebrew_story.gallery_photo_url("delegations", 1)))

    # The menu, footer and head links are cached parts shared by every page.
    assert 'aria-label="מדורים"' in hebrew_first
    assert ">מדיניות פרטיות</a>" in hebrew_first
    assert 'title="Newsroom: הכתבות האחרונות"' in hebrew_first
    assert 'aria-label="Sections"' in english_after
    assert ">Privacy policy</a>" in english_after
    assert 'title="Newsroom: latest stories"' in english_after
    assert "מדיניות פרטיות" not in english_after
    assert ">מדיניות פרטיות</a>" in hebrew_again


def test_a_byline_joins_names_in_its_storys_language():
    hebrew = make_article(
        language=Article.Language.HEBREW,
        authors=[make_author(name="יעל כהן"), make_author(name="Reuters")],
    )
    english = make_article(
        authors=[make_author(name="Jane Doe"), make_author(name="רויטרס")]
    )

    assert hebrew.byline() == "יעל כהן ו-Reuters"
    assert english.byline() == "Jane Doe and רויטרס"


def po_string(lines):
    """The text of a .po string written over one or more quoted lines."""
    escaped = "".join(line[1:-1] for line in lines)
    return escaped.encode().decode("unicode_escape").encode("latin-1").decode()


def read_po(path):
    """{(context, msgid, plural index or None): msgstr}, and the fuzzy entries."""
    entries, fuzzy = {}, []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fields, current = {}, None
        for line in block.splitlines():
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy.append(block)
            match = re.match(
                r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?) (.*)", line
            )
            if match:
                current = match[1]
                fields[current] = [match[2]]
            elif line.startswith('"') and current:
                fields[current].append(line)
        if "msgid" not in fields:
            continue
        context = po_string(fields["msgctxt"]) if "msgctxt" in fields else None
        msgid = po_string(fields["msgid"])
        for name, lines in fields.items():
            if name.startswith("msgstr"):
                index = int(name[7:-1]) if "[" in name else None
                entries[context, msgid, index] = po_string(lines)
    return entries, fuzzy


def test_the_hebrew_catalogue_is_complete_and_compiled():
    """Every string is translated, and django.mo holds exactly django.po."""
    entries, fuzzy = read_po(CATALOGUE / "django.po")
    with (CATALOGUE / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)

    assert fuzzy == []
    untranslated = [key for key, value in entries.items() if not value]
    assert untranslated == []
    for (context, msgid, index), msgstr in entries.items():
        if not msgid:
            continue
        key = msgid if context is None else f"{context}\x04{msgid}"
        stored = compiled._catalog.get(key if index is None else (key, index))
        assert stored == msgstr, f"django.mo is out of step with django.po: {msgid!r}"
    assert len(compiled._catalog) == len(entries), "django.mo holds other strings"
