"""A reader and an editor in a real browser (Chromium through Playwright)."""

import re
from urllib.parse import urlsplit

import pytest
import reversion
from playwright.sync_api import expect
from reversion.models import Version

from articles.models import Article, Correction, Photo
from tests.base import (
    make_article,
    make_author,
    make_gallery,
    make_photo,
    make_section,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_follows_a_story_from_the_home_page(page):
    world = make_section(name="World", slug="world")
    jane = make_author(name="Jane Doe", slug="jane-doe")
    article = make_article(
        headline="Envoys agree to a second round of talks",
        section=world,
        authors=[jane],
        byline_credit="news agencies",
    )

    page.goto("/")
    page.get_by_role("link", name="Envoys agree to a second round of talks").click()

    expect(page).to_have_url(re.compile(re.escape(article.get_absolute_url()) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Envoys agree to a second round of talks"
    )
    expect(page.locator(".story__byline")).to_have_text("Jane Doe and news agencies")


def test_hebrew_story_reads_right_to_left(page):
    article = make_article(
        headline="סבב שיחות שני ייפתח בשבוע הבא",
        standfirst="המשלחות הסכימו להיפגש שוב.",
        language=Article.Language.HEBREW,
    )

    page.goto(article.get_absolute_url())

    story = page.locator("article.story")
    expect(story).to_have_attribute("lang", "he")
    assert story.evaluate("el => getComputedStyle(el).direction") == "rtl"
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "סבב שיחות שני ייפתח בשבוע הבא"
    )


def test_editor_publishes_a_draft_and_readers_can_open_it(page, staff_groups, editor):
    article = make_article(
        headline="Museum reopens after restoration",
        status=Article.Status.DRAFT,
        published_at=None,
    )

    page.goto("/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    page.goto("/admin/articles/article/")
    page.get_by_role("row", name=re.compile("Museum reopens")).get_by_role(
        "checkbox"
    ).check()
    page.get_by_role("combobox", name="Action").select_option("publish_now")
    page.get_by_role("button", name="Run").click()

    expect(page.get_by_text("1 story published.")).to_be_visible()
    article.refresh_from_db()
    page.goto(article.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Museum reopens after restoration"
    )


def test_editor_writes_the_body_in_the_rich_text_editor(page, staff_groups, editor):
    make_section(name="Culture")
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()

    page.goto("/admin/articles/article/add/")
    page.get_by_label("Headline").fill("Festival opens")
    page.get_by_label("Standfirst").fill("Crowds fill the old town.")
    body = page.locator(".ProseMirror[contenteditable=true]")
    body.click()
    page.keyboard.type("Thousands came on the first night.")
    page.get_by_label("Section").select_option(label="Culture")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.get_by_text("was added successfully")).to_be_visible()
    article = Article.objects.get(headline="Festival opens")
    assert article.slug == "festival-opens"
    assert article.body == "<p>Thousands came on the first night.</p>"


def test_reader_sees_a_correction_and_follows_it_to_the_corrections_page(page):
    article = make_article(headline="Council passes the budget")
    Correction.objects.create(
        article=article,
        kind=Correction.Kind.CORRECTION,
        text="An earlier version gave the wrong vote count.",
    )

    page.goto(article.get_absolute_url())

    box = page.get_by_role("complementary", name="Corrections and updates")
    expect(box).to_be_visible()
    expect(box).to_contain_text("Correction")
    expect(box).to_contain_text("An earlier version gave the wrong vote count.")
    expect(page.locator(".story__dateline")).to_contain_text("Updated")
    box.get_by_role("link", name="Corrections and updates").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Corrections and updates")
    page.get_by_role("link", name="Council passes the budget").click()
    expect(page.locator(".correction").first).to_be_in_viewport()


def test_a_share_link_opens_the_draft_in_a_browser_without_a_login(
    page, browser, live_server, staff_groups, editor
):
    article = make_article(
        headline="Harbour deal close",
        status=Article.Status.DRAFT,
        published_at=None,
    )
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.get_by_label("Share link for").select_option("24")
    page.get_by_role("button", name="Make a share link").click()
    message = page.locator(".messagelist").get_by_text("Share link").inner_text()
    path = urlsplit(re.search(r"https?://\S+", message)[0]).path

    stranger = browser.new_context(base_url=live_server.url)
    try:
        reader = stranger.new_page()
        reader.goto(path)
        expect(reader.get_by_role("status")).to_contain_text("Preview, not published.")
        expect(reader.get_by_role("heading", level=1)).to_have_text(
            "Harbour deal close"
        )
    finally:
        stranger.close()


def test_editor_compares_two_revisions_and_restores_the_older(
    page, staff_groups, editor
):
    article = make_article(headline="Council passes the budget", tags=["Budget"])
    for headline in ("Council passes the budget", "A headline we regret"):
        with reversion.create_revision():
            article.headline = headline
            article.save()
            reversion.set_user(editor)
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()

    page.goto(f"/admin/articles/article/{article.pk}/history/")
    page.get_by_role("button", name="Compare").click()
    expect(page.locator("table.revision-compare")).to_contain_text("Headline")
    expect(page.locator("table.revision-compare del")).to_have_text(
        "Council passes the budget"
    )
    expect(page.locator("table.revision-compare ins")).to_have_text(
        "A headline we regret"
    )
    page.get_by_role("link", name="Open the older one, to restore it").click()
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    article.refresh_from_db()
    assert article.headline == "Council passes the budget"
    assert list(article.tags.names()) == ["Budget"]
    assert len(Version.objects.get_for_object(article)) == 3  # none lost


def test_editor_fills_in_the_photo_details_of_a_gallery_on_one_screen(
    page, staff_groups, editor
):
    photos = [make_photo(alt_text="", credit="") for _ in range(3)]
    gallery = make_gallery(photos=photos, title="Harbour at dawn")
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()

    page.goto(f"/admin/articles/gallery/{gallery.pk}/change/")
    page.get_by_role("link", name="Edit photo details").click()
    for number in (1, 2, 3):
        page.get_by_label(f"Alt text of photo {number}").fill(f"Boats, view {number}")
        page.get_by_label(f"Credit of photo {number}").fill("Reuters")
    page.get_by_role("button", name="Save").click()

    expect(page.locator(".messagelist")).to_contain_text("Details of 3 photos saved.")
    assert sorted(p.alt_text for p in Photo.objects.all()) == [
        "Boats, view 1",
        "Boats, view 2",
        "Boats, view 3",
    ]


def test_editor_picks_the_focal_point_by_clicking_the_photo(page, staff_groups, editor):
    photo = make_photo(size=(900, 300), alt_text="Boats in the harbour")
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()

    page.goto(f"/admin/articles/photo/{photo.pk}/change/")
    picker = page.locator(".focal-point-picker img")
    box = picker.bounding_box()
    picker.click(position={"x": box["width"] * 0.8, "y": box["height"] * 0.25})
    expect(page.locator(".focal-point-marker")).to_be_visible()
    across = float(page.get_by_label("Focal point across").input_value())
    down = float(page.get_by_label("Focal point down").input_value())
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    photo.refresh_from_db()
    assert abs(across - 0.8) < 0.02 and abs(down - 0.25) < 0.02
    assert (photo.focal_x, photo.focal_y) == (across, down)
