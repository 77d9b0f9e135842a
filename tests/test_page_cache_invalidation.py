"""
A write refreshes the cached pages that show what it changed, and only those,
whichever way it is made: save, delete, bulk update, m2m, the admin, taggit's rows.
"""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core import checks
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from articles.models import (
    Article,
    Author,
    BlockedTerm,
    Byline,
    Comment,
    Correction,
    Gallery,
    GalleryPhoto,
    Photo,
    Section,
)
from articles.models import touches as touches_module
from tests.base import (
    make_article,
    make_author,
    make_comment,
    make_gallery,
    make_photo,
    make_section,
    paragraphs,
)

pytestmark = [pytest.mark.caching, pytest.mark.django_db]


class Site:
    """Two stories in two sections, each with its own topic and author."""

    def __init__(self):
        self.world = make_section(name="World", slug="world")
        self.sport = make_section(name="Sport", slug="sport")
        self.jane = make_author(name="Jane Doe", slug="jane-doe")
        self.joe = make_author(name="Joe Roe", slug="joe-roe")
        self.gallery = make_gallery(photos=2, slug="summit", title="Summit day")
        self.lead = make_photo(caption="Leaders at the summit.")
        self.summit = make_article(
            headline="Summit opens",
            slug="summit-opens",
            section=self.world,
            authors=[self.jane],
            tags=["Diplomacy"],
            lead_photo=self.lead,
            body=paragraphs("Leaders arrived.", self.gallery),
        )
        self.match = make_article(
            headline="Cup final tonight",
            slug="cup-final",
            section=self.sport,
            authors=[self.joe],
            tags=["Football"],
            published_at=timezone.now() - timedelta(days=3),
        )
        self.comment = make_comment(
            self.summit, status=Comment.Status.PENDING, body="Well said."
        )

    @property
    def summit_pages(self):
        """Pages showing the summit story, its card or its comment count."""
        return {
            "summit": self.summit.get_absolute_url(),
            "summit gallery": self.summit.gallery_photo_url("summit", 1),
            "home": "/",
            "world": "/sections/world/",
            "diplomacy": "/tags/diplomacy/",
            "jane": "/authors/jane-doe/",
        }

    @property
    def other_pages(self):
        """Pages that do not show the summit story at all."""
        return {
            "match": self.match.get_absolute_url(),
            "sport": "/sections/sport/",
            "football": "/tags/football/",
            "joe": "/authors/joe-roe/",
            "sport feed": "/sections/sport/feed.rss",
        }

    @property
    def feeds(self):
        return {"feed": "/feed.rss", "world feed": "/sections/world/feed.rss"}


@pytest.fixture
def site():
    return Site()


@pytest.fixture
def reader():
    return Client()


def fill(reader, pages):
    for path in pages.values():
        assert reader.get(path).status_code == 200, path


def served_from_cache(reader, path, django_assert_num_queries):
    with django_assert_num_queries(0):
        reader.get(path)


def rebuilt(reader, path):
    """The page, and whether it was built again (read the database) to answer."""
    with CaptureQueriesContext(connection) as queries:
        response = reader.get(path)
    return response, len(queries) > 0


def assert_only_refreshed(reader, site, expected):
    """The pages named in `expected` are built again; every other page is not."""
    pages = site.summit_pages | site.other_pages | site.feeds
    for name, path in pages.items():
        response, was_rebuilt = rebuilt(reader, path)
        assert response.status_code in (200, 404), name
        assert was_rebuilt == (name in expected), name


def test_approving_a_comment_refreshes_its_story_and_the_cards_counting_it(
    reader, site, moderator
):
    fill(reader, site.summit_pages | site.other_pages | site.feeds)

    Comment.objects.filter(pk=site.comment.pk).decide("approved", by=moderator)

    assert b"Well said." in reader.get(site.summit.get_absolute_url()).content
    assert b"1 comment</a>" in reader.get("/sections/world/").content
    # Feeds and the gallery show the story but not its comments.
    assert_only_refreshed(reader, site, {"home", "diplomacy", "jane"})


def test_a_new_comment_waiting_for_a_moderator_refreshes_nothing(reader, site):
    fill(reader, site.summit_pages | site.other_pages | site.feeds)

    make_comment(site.summit, status=Comment.Status.PENDING)

    assert_only_refreshed(reader, site, set())


def test_erasing_old_comments_addresses_refreshes_no_page(reader, site):
    make_comment(site.summit, created_at=timezone.now() - timedelta(days=200))
    Comment.objects.update(created_at=timezone.now() - timedelta(days=200))
    fill(reader, site.summit_pages | site.other_pages | site.feeds)

    call_command("purge_comment_data", stdout=StringIO())

    assert not Comment.objects.exclude(ip_address=None).exists()
    assert_only_refreshed(reader, site, set())


def test_editing_a_story_refreshes_the_pages_showing_it_and_no_other(reader, site):
    fill(reader, site.summit_pages | site.other_pages | site.feeds)

    site.summit.headline = "Summit opens early"
    site.summit.save()

    for path in site.summit_pages.values():
        assert b"Summit opens early" in reader.get(path).content, path
    assert_only_refreshed(reader, site, set(site.feeds))


def make_talks_collapse(site, **fields):
    """A World story on Diplomacy by Jane, on no page kept so far."""
    return make_article(
        headline="Talks collapse",
        slug="talks-collapse",
        section=site.world,
        authors=[site.jane],
        tags=["Diplomacy"],
        **fields,
    )


def test_publishing_a_story_refreshes_the_lists_it_enters_and_no_other(
    reader, site, editor, django_assert_num_queries
):
    draft = make_talks_collapse(site, status=Article.Status.DRAFT, published_at=None)
    pages = site.summit_pages | site.other_pages | site.feeds
    fill(reader, pages | {"sitemap": "/sitemap-articles.xml"})

    Article.objects.filter(pk=draft.pk).publish_now(editor)

    for name in ["home", "world", "diplomacy", "jane", "feed", "world feed"]:
        assert b"Talks collapse" in reader.get(pages[name]).content, name
    assert draft.slug.encode() in reader.get("/sitemap-articles.xml").content
    for path in site.other_pages.values():
        served_from_cache(reader, path, django_assert_num_queries)
    # Same section and topic: the summit's related stories now list it.
    summit_page = reader.get(site.summit.get_absolute_url()).content
    related = summit_page.split(b'id="related-title"')[1].split(b"</aside>")[0]
    assert b"Talks collapse" in related


def test_unpublishing_a_story_takes_it_off_every_list_it_was_on(
    reader, site, editor, django_assert_num_queries
):
    pages = site.summit_pages | site.other_pages | site.feeds
    fill(reader, pages | {"sitemap": "/sitemap-articles.xml"})

    Article.objects.filter(pk=site.summit.pk).back_to_draft(editor)

    assert reader.get(site.summit.get_absolute_url()).status_code == 404
    for name in ["home", "world", "diplomacy", "jane", "feed", "world feed"]:
        assert b"summit-opens" not in reader.get(pages[name]).content, name
    assert b"summit-opens" not in reader.get("/sitemap-articles.xml").content
    for path in site.other_pages.values():
        served_from_cache(reader, path, django_assert_num_queries)


def test_a_scheduled_story_goes_live_on_the_lists_it_enters_by_itself(
    reader, site, django_assert_num_queries
):
    goes_live = timezone.now() + timedelta(minutes=2)
    make_article(
        headline="Embargo lifted",
        published_at=goes_live,
        section=site.world,
        tags=["Diplomacy"],
    )
    fill(reader, site.summit_pages | site.other_pages)
    assert b"Embargo lifted" not in reader.get("/").content

    with time_machine.travel(goes_live + timedelta(seconds=1)):
        for path in ["/", "/sections/world/", "/tags/diplomacy/", "/feed.rss"]:
            assert b"Embargo lifted" in reader.get(path).content, path
        for path in site.other_pages.values():
            served_from_cache(reader, path, django_assert_num_queries)


def schedule_by_saving_a_draft(site, editor, goes_live):
    story = Article.objects.get(slug="talks-collapse")
    story.status = Article.Status.PUBLISHED
    story.published_at = goes_live
    story.save()


def schedule_a_new_story(site, editor, goes_live):
    Article.objects.filter(slug="talks-collapse").delete()  # a draft: on no page
    make_talks_collapse(site, published_at=goes_live)


def schedule_in_the_admin(site, editor, goes_live):
    story = Article.objects.get(slug="talks-collapse")
    admin_post(
        editor,
        f"/admin/articles/article/{story.pk}/change/",
        story_change_form(
            story, status=Article.Status.PUBLISHED, published_at=goes_live
        ),
    )


SCHEDULING = {
    "draft saved scheduled": schedule_by_saving_a_draft,
    "new story created scheduled": schedule_a_new_story,
    "draft scheduled in the admin": schedule_in_the_admin,
}


@pytest.mark.parametrize("how", SCHEDULING)
def test_a_story_scheduled_after_the_lists_were_kept_appears_on_them_at_its_time(
    how, reader, site, editor, django_assert_num_queries
):
    make_talks_collapse(site, status=Article.Status.DRAFT, published_at=None)
    lists = {"home": "/", "world": "/sections/world/", "diplomacy": "/tags/diplomacy/"}
    fill(reader, lists | site.other_pages)
    goes_live = timezone.now().replace(microsecond=0) + timedelta(minutes=2)

    SCHEDULING[how](site, editor, goes_live)

    story = Article.objects.get(slug="talks-collapse")
    assert story.is_scheduled()
    # Readers go on reading until then: the lists are built again, without it.
    for name, path in lists.items():
        assert b"Talks collapse" not in reader.get(path).content, name
    assert reader.get(story.get_absolute_url()).status_code == 404
    with time_machine.travel(goes_live + timedelta(seconds=1)):
        for name, path in lists.items():
            assert b"Talks collapse" in reader.get(path).content, name
        assert reader.get(story.get_absolute_url()).status_code == 200
        for path in site.other_pages.values():
            served_from_cache(reader, path, django_assert_num_queries)


def admin_post(editor, url, data):
    staff = Client()
    staff.force_login(editor)
    response = staff.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]


def story_change_form(story, **changes):
    """
    What the admin's change form of `story` sends as it stands (one byline, topics
    and no corrections), with `changes` made; `published_at` as a datetime.
    """
    published_at = timezone.localtime(changes.pop("published_at", story.published_at))
    byline = story.bylines.get()
    return {
        "headline": story.headline,
        "slug": story.slug,
        "standfirst": story.standfirst,
        "body": story.body,
        "lead_photo": story.lead_photo_id or "",
        "section": story.section_id,
        "status": story.status,
        "published_at_0": published_at.strftime("%Y-%m-%d"),
        "published_at_1": published_at.strftime("%H:%M:%S"),
        "comment_mode": story.comment_mode,
        "byline_credit": "",
        "tags": [tag.pk for tag in story.tags.all()],
        "new_tags": "",
        "language": "en",
        "bylines-TOTAL_FORMS": "1",
        "bylines-INITIAL_FORMS": "1",
        "bylines-0-id": byline.pk,
        "bylines-0-article": story.pk,
        "bylines-0-author": byline.author_id,
        "bylines-0-position": "0",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
    } | changes


def rename_summit_in_the_admin(site, editor):
    story = site.summit
    admin_post(
        editor,
        f"/admin/articles/article/{story.pk}/change/",
        story_change_form(story, headline="Summit opens early", new_tags="Summits"),
    )


def rename_jane_in_the_admin(site, editor):
    admin_post(
        editor,
        f"/admin/articles/author/{site.jane.pk}/change/",
        {"name": "Jane Doe-Levi", "slug": "jane-doe", "role": "", "bio": ""},
    )


def caption_lead_photo(site, editor):
    site.lead.caption = "Leaders at the summit, renamed."
    site.lead.save()


def approve_in_the_admin(site, moderator):
    admin_post(
        moderator,
        f"/admin/articles/comment/{site.comment.pk}/decide/approved/",
        {"expected": "pending"},
    )


# (what is done, the text the summit's page shows afterwards, or not)
WRITES = {
    "story saved": (
        lambda site, user: _save_standfirst(site, "Leaders meet for a third day."),
        "Leaders meet for a third day.",
    ),
    "story bulk update": (
        lambda site, user: Article.objects.filter(pk=site.summit.pk).update(
            standfirst="Leaders meet for a third day."
        ),
        "Leaders meet for a third day.",
    ),
    "story bulk_update": (
        lambda site, user: Article.objects.bulk_update(
            [_with(site.summit, standfirst="Leaders meet for a third day.")],
            ["standfirst"],
        ),
        "Leaders meet for a third day.",
    ),
    "story changed in the admin": (rename_summit_in_the_admin, "Summits"),
    "correction logged": (
        lambda site, user: Correction.objects.create(
            article=site.summit, kind="correction", text="The talks began on Monday."
        ),
        "The talks began on Monday.",
    ),
    "author renamed": (
        lambda site, user: _with(site.jane, name="Jane Doe-Levi").save(),
        "Jane Doe-Levi",
    ),
    "author bulk renamed": (
        lambda site, user: Author.objects.filter(pk=site.jane.pk).update(
            name="Jane Doe-Levi"
        ),
        "Jane Doe-Levi",
    ),
    "author renamed in the admin": (rename_jane_in_the_admin, "Jane Doe-Levi"),
    "byline added": (
        lambda site, user: Byline.objects.create(
            article=site.summit, author=site.joe, position=1
        ),
        "Joe Roe",
    ),
    "bylines bulk created": (
        lambda site, user: Byline.objects.bulk_create(
            [Byline(article=site.summit, author=site.joe, position=1)]
        ),
        "Joe Roe",
    ),
    "byline removed": (
        lambda site, user: Byline.objects.filter(article=site.summit).delete(),
        "!Jane Doe",
    ),
    "section renamed": (
        lambda site, user: _with(site.world, name="International").save(),
        "International",
    ),
    "section bulk renamed": (
        lambda site, user: Section.objects.filter(pk=site.world.pk).update(
            name="International"
        ),
        "International",
    ),
    "tag renamed": (
        lambda site, user: _with(
            Tag.objects.get(name="Diplomacy"), name="Talks"
        ).save(),
        "Talks",
    ),
    "tag bulk renamed": (
        lambda site, user: Tag.objects.filter(name="Diplomacy").update(name="Talks"),
        "Talks",
    ),
    "tag deleted": (
        lambda site, user: Tag.objects.filter(name="Diplomacy").delete(),
        "!Diplomacy",
    ),
    "tag added": (lambda site, user: site.summit.tags.add("Summits"), "Summits"),
    "tag removed": (
        lambda site, user: site.summit.tags.remove("Diplomacy"),
        "!Diplomacy",
    ),
    "tags cleared": (lambda site, user: site.summit.tags.clear(), "!Diplomacy"),
    "tagged items bulk deleted": (
        lambda site, user: TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Article),
            object_id=site.summit.pk,
        ).delete(),
        "!Diplomacy",
    ),
    "lead photo captioned": (caption_lead_photo, "Leaders at the summit, renamed."),
    "photo bulk captioned": (
        lambda site, user: Photo.objects.filter(pk=site.lead.pk).update(
            caption="Leaders at the summit, renamed."
        ),
        "Leaders at the summit, renamed.",
    ),
    "gallery retitled": (
        lambda site, user: _with(site.gallery, title="Summit night").save(),
        "Summit night",
    ),
    "photo added to a gallery": (
        lambda site, user: GalleryPhoto.objects.create(
            gallery=site.gallery, photo=make_photo(), position=9
        ),
        "3</span> View gallery",
    ),
    "photo taken out of a gallery": (
        lambda site, user: (
            GalleryPhoto.objects.filter(gallery=site.gallery).first().delete()
        ),
        "1</span> View gallery",
    ),
    "gallery taken out of the body": (
        lambda site, user: _save_body(site, "<p>Leaders arrived.</p>"),
        "!View gallery",
    ),
    "gallery placed through the m2m": (
        lambda site, user: site.summit.galleries.add(
            make_gallery(photos=1, slug="extra")
        ),
        None,
    ),
    "comment approved with save()": (
        lambda site, user: _with(site.comment, status=Comment.Status.APPROVED).save(),
        "Well said.",
    ),
    "comment approved in bulk": (
        lambda site, user: Comment.objects.filter(pk=site.comment.pk).decide(
            Comment.Status.APPROVED, by=user
        ),
        "Well said.",
    ),
    "comment approved in the admin": (approve_in_the_admin, "Well said."),
}


def _with(instance, **fields):
    for name, value in fields.items():
        setattr(instance, name, value)
    return instance


def _save_standfirst(site, text):
    story = Article.objects.get(pk=site.summit.pk)
    story.standfirst = text
    story.save()


def _save_body(site, body):
    story = Article.objects.get(pk=site.summit.pk)
    story.body = body
    story.save()


@pytest.mark.parametrize("write", WRITES)
def test_every_write_path_refreshes_the_story_and_leaves_the_others(
    write, reader, site, editor, django_assert_num_queries
):
    action, shown = WRITES[write]
    summit = site.summit.get_absolute_url()
    fill(reader, {"summit": summit} | site.other_pages)
    action(site, editor)  # editors may moderate too

    response, was_rebuilt = rebuilt(reader, summit)
    assert was_rebuilt
    if shown and shown.startswith("!"):
        assert shown[1:].encode() not in response.content
    elif shown:
        assert shown.encode() in response.content
    untouched = ["match", "football"]
    if write.startswith("section"):
        untouched = []  # the menu, on every page, shows the section's name
    for name in untouched:
        served_from_cache(reader, site.other_pages[name], django_assert_num_queries)


class PageChange:
    """
    A write made after the pages are kept that takes something off them or puts
    something new on them, and what each page shows afterwards: "text", "!text"
    (gone), "=text" (still there) or 404 (the page is gone); before the write, the
    kept page shows the opposite. `before` runs before the pages are kept;
    `pages` are kept besides the summit's and the others'.
    """

    def __init__(self, act, shows, before=None, pages=(), menu=False):
        self.act = act
        self.shows = shows
        self.before = before
        self.pages = dict(pages)
        self.menu = menu  # the site menu, on every page, changes


SUMMIT_LISTED = ("home", "world", "diplomacy", "jane", "feed", "world feed")
SUMMIT_GONE = {"summit": 404, "summit gallery": 404} | dict.fromkeys(
    SUMMIT_LISTED, "!summit-opens"
)
FERRY_GONE = dict.fromkeys(["home", "world", "feed", "world feed"], "!ferry-timetable")
LEAD_ALT = "Leaders in the conference hall"
NEW_COMMENT = "Thanks for the update."
COMMENTED = dict.fromkeys(["home", "world", "diplomacy", "jane"], "1 comment</a>")
UNCOMMENTED = {"summit": f"!{NEW_COMMENT}"} | {
    name: f"!{text}" for name, text in COMMENTED.items()
}
WEATHER = {"weather": "/sections/weather/"}
NO_WEATHER = {"weather": 404, "summit": "!/sections/weather/", "match": "!Weather"}


def delete_in_the_admin(model, pk, user):
    admin_post(user, f"/admin/articles/{model}/{pk}/delete/", {"post": "yes"})


def delete_selected_in_the_admin(model, pk, user):
    admin_post(
        user,
        f"/admin/articles/{model}/",
        {"action": "delete_selected", "_selected_action": [pk], "post": "yes"},
    )


def deleted_three_ways(name, model, lookup, shows, **options):
    """
    The cases of `name`, the row of `model` that `lookup(site)` finds, deleted
    alone, by a queryset and in the admin, each showing `shows` afterwards.
    """

    def find(site):
        return model.objects.filter(**lookup(site))

    def in_the_admin(site, user):
        delete_in_the_admin(model._meta.model_name, find(site).get().pk, user)

    return {
        f"{name} deleted": PageChange(
            lambda site, user: find(site).get().delete(), shows, **options
        ),
        f"{name} bulk deleted": PageChange(
            lambda site, user: find(site).delete(), shows, **options
        ),
        f"{name} deleted in the admin": PageChange(in_the_admin, shows, **options),
    }


def _without_comments(site):
    # The admin deletes no comment (readers' history stays), so it refuses (403)
    # to delete a story that has any. The summit's waits for a moderator, on no
    # page: deleting it refreshes nothing.
    Comment.objects.filter(article=site.summit).delete()


def _bare_story(site):
    make_article(headline="Ferry timetable", slug="ferry-timetable", section=site.world)


def _lead_alt(site):
    Photo.objects.filter(pk=site.lead.pk).update(alt_text=LEAD_ALT)


def _approved_comment(site):
    make_comment(site.summit, body=NEW_COMMENT)


def _weather(site):
    make_section(name="Weather", slug="weather", order=99)


def _bulk_created_story(site):
    return Article(
        headline="Talks collapse",
        slug="talks-collapse",
        standfirst="Delegates walked out.",
        body="<p>Delegates walked out.</p>",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - timedelta(minutes=1),
        section=site.world,
    )


def _bulk_created_comment(site):
    return Comment(
        article=site.summit,
        author_name="Reader",
        author_email="reader@example.org",
        body=NEW_COMMENT,
        status=Comment.Status.APPROVED,
        policy_version="2026-11",
        consented_at=timezone.now(),
    )


DELETES_AND_BULK_CREATES = {
    "story deleted": PageChange(
        lambda site, user: Article.objects.get(pk=site.summit.pk).delete(),
        SUMMIT_GONE,
    ),
    "stories bulk deleted": PageChange(
        lambda site, user: Article.objects.filter(pk=site.summit.pk).delete(),
        SUMMIT_GONE,
    ),
    # A story without bylines, topics or comments: nothing its deletion cascades
    # to makes its key stale on the deleting queryset's behalf.
    "bare stories bulk deleted": PageChange(
        lambda site, user: Article.objects.filter(slug="ferry-timetable").delete(),
        FERRY_GONE,
        before=_bare_story,
    ),
    "bare story deleted with the admin's delete selected": PageChange(
        lambda site, user: delete_selected_in_the_admin(
            "article", Article.objects.get(slug="ferry-timetable").pk, user
        ),
        FERRY_GONE,
        before=_bare_story,
    ),
    "story deleted in the admin": PageChange(
        lambda site, user: delete_in_the_admin("article", site.summit.pk, user),
        SUMMIT_GONE,
        before=_without_comments,
    ),
    "story deleted with the admin's delete selected": PageChange(
        lambda site, user: delete_selected_in_the_admin(
            "article", site.summit.pk, user
        ),
        SUMMIT_GONE,
        before=_without_comments,
    ),
    "approved comment deleted": PageChange(
        lambda site, user: Comment.objects.get(body=NEW_COMMENT).delete(),
        UNCOMMENTED,
        before=_approved_comment,
    ),
    "approved comments bulk deleted": PageChange(
        lambda site, user: Comment.objects.filter(body=NEW_COMMENT).delete(),
        UNCOMMENTED,
        before=_approved_comment,
    ),
    **deleted_three_ways(
        "lead photo",
        Photo,
        lambda site: {"pk": site.lead.pk},
        dict.fromkeys(["summit", "home", "world"], f"!{LEAD_ALT}"),
        before=_lead_alt,
    ),
    **deleted_three_ways(
        "gallery",
        Gallery,
        lambda site: {"pk": site.gallery.pk},
        {"summit": "!View gallery", "summit gallery": 404},
    ),
    **deleted_three_ways(
        "section",
        Section,
        lambda site: {"slug": "weather"},
        NO_WEATHER,
        before=_weather,
        pages=WEATHER,
        menu=True,
    ),
    "live stories bulk created": PageChange(
        lambda site, user: Article.objects.bulk_create([_bulk_created_story(site)]),
        dict.fromkeys(["home", "world", "feed", "world feed"], "Talks collapse"),
    ),
    "approved comments bulk created": PageChange(
        lambda site, user: Comment.objects.bulk_create([_bulk_created_comment(site)]),
        {"summit": NEW_COMMENT} | COMMENTED,
    ),
    # What a story shows of a gallery comes from its body; the m2m says which
    # stories a change to the gallery or its photos makes stale.
    "gallery removed through the m2m": PageChange(
        lambda site, user: site.summit.galleries.remove(site.gallery),
        {"summit": "=View gallery"},
    ),
    "galleries cleared through the m2m": PageChange(
        lambda site, user: site.summit.galleries.clear(),
        {"summit": "=View gallery"},
    ),
    "story removed from the gallery's m2m": PageChange(
        lambda site, user: site.gallery.articles.remove(site.summit),
        {"summit": "=View gallery"},
    ),
    "gallery's stories cleared through the m2m": PageChange(
        lambda site, user: site.gallery.articles.clear(),
        {"summit": "=View gallery"},
    ),
}


@pytest.mark.parametrize("write", DELETES_AND_BULK_CREATES)
def test_every_delete_and_bulk_create_refreshes_the_pages_showing_it(
    write, reader, site, editor, django_assert_num_queries
):
    change = DELETES_AND_BULK_CREATES[write]
    if change.before:
        change.before(site)
    pages = site.summit_pages | site.other_pages | site.feeds | change.pages
    fill(reader, pages)
    for name, shown in change.shows.items():
        if shown != 404:  # before the write, the kept page shows the opposite
            text = shown.lstrip("!=").encode()
            kept = reader.get(pages[name]).content
            assert (text in kept) == shown.startswith(("!", "=")), name

    change.act(site, editor)

    for name, shown in change.shows.items():
        response, was_rebuilt = rebuilt(reader, pages[name])
        assert was_rebuilt, name
        if shown == 404:
            assert response.status_code == 404, name
            continue
        assert response.status_code == 200, name
        text = shown.lstrip("!=").encode()
        assert (text in response.content) == (not shown.startswith("!")), name
    if not change.menu:
        for name in ["match", "football"]:
            served_from_cache(reader, pages[name], django_assert_num_queries)


def test_every_model_readers_see_says_what_its_writes_touch():
    assert not [e for e in checks.run_checks() if e.id == "articles.E001"]


def test_a_model_nobody_declared_fails_the_system_check(monkeypatch):
    undeclared = touches_module.NOT_SHOWN_TO_READERS - {BlockedTerm}
    monkeypatch.setattr(touches_module, "NOT_SHOWN_TO_READERS", undeclared)

    errors = [e for e in checks.run_checks() if e.id == "articles.E001"]

    assert [e.obj for e in errors] == [BlockedTerm]
    assert "articles/models/touches.py" in errors[0].msg


def test_every_model_readers_see_is_tracked_on_its_bulk_write_paths():
    from articles.pagecache.writes import TrackedQuerySet

    for model in touches_module.TOUCHES:
        for manager in model._meta.managers:
            assert issubclass(manager._queryset_class, TrackedQuerySet), model
    assert isinstance(Gallery.objects.none(), TrackedQuerySet)


def record_lookups(monkeypatch):
    """The keys of each cache lookup from now on, a list per lookup."""
    from django.core.cache import caches

    backend = caches["default"]
    lookups = []
    get_many = backend.get_many

    def recording(keys, *args, **kwargs):
        lookups.append(list(keys))
        return get_many(keys, *args, **kwargs)

    monkeypatch.setattr(backend, "get_many", recording)
    return lookups


def test_while_nothing_changes_a_cached_page_takes_one_lookup(
    reader, site, monkeypatch, django_assert_num_queries
):
    fill(reader, site.summit_pages)
    lookups = record_lookups(monkeypatch)

    # The home page shows every story's card, section, topics and authors.
    served_from_cache(reader, "/", django_assert_num_queries)

    assert len(lookups) == 1
    assert len(lookups[0]) == 3  # the page, the next go-live, the last change


def test_after_a_change_a_page_is_checked_key_by_key_once(
    reader, site, monkeypatch, django_assert_num_queries
):
    fill(reader, site.summit_pages)
    site.match.headline = "Cup final postponed"
    site.match.save()  # not on the summit's page
    lookups = record_lookups(monkeypatch)

    served_from_cache(reader, site.summit.get_absolute_url(), django_assert_num_queries)
    checked = len(lookups)
    served_from_cache(reader, site.summit.get_absolute_url(), django_assert_num_queries)

    assert checked == 2  # the page, then the versions of what it shows
    assert len(lookups) == checked + 1


def test_a_page_built_while_something_changed_is_checked_key_by_key():
    from articles.pagecache import dependencies

    with dependencies.building() as build:
        dependencies.depends_on("story-1")
        dependencies.invalidate(["story-2"])  # elsewhere, during the build

    kept_with = dependencies.stamp(build)

    assert kept_with.last_change is None
    assert dependencies.still_fresh("a page", kept_with, last_change=None)
    dependencies.invalidate(["story-1"])
    assert not dependencies.still_fresh("a page", kept_with, last_change=None)


def test_before_any_change_a_cached_page_takes_one_lookup(
    reader, site, monkeypatch, django_assert_num_queries
):
    from django.core.cache import cache

    cache.clear()  # as after a deployment, before anything is written
    fill(reader, site.summit_pages)
    lookups = record_lookups(monkeypatch)

    served_from_cache(reader, site.summit.get_absolute_url(), django_assert_num_queries)

    assert len(lookups) == 1
