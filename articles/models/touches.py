"""
What each write makes stale: for every model readers see, the keys
(articles/pagecache/keys.py) of the cached pages its rows are shown on. Each
function gets the changed rows as (before, after) pairs, None for a row created or
deleted, and answers in a fixed number of queries however many rows changed.

Anything shown as part of a story (its byline's names, photos, galleries, tags)
makes the story stale, so a page or part keyed by the story is always right.
Adding a model? `manage.py check` fails until it is in TOUCHES or in
NOT_SHOWN_TO_READERS.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from taggit.models import Tag, TaggedItem

from articles.models.authors import Author, Byline
from articles.models.commenters import Ban, CommenterMark
from articles.models.comments import BlockedTerm, Comment, CommentDecision
from articles.models.corrections import Correction
from articles.models.drafts import Autosave
from articles.models.history import RevisionTags
from articles.models.live import LiveUpdate
from articles.models.photos import Gallery, GalleryPhoto, Photo
from articles.models.reads import ReadCount
from articles.models.replication import ChangeMark
from articles.models.reports import CommentReport
from articles.models.sections import Section
from articles.models.stories import Article, FormerSlug
from articles.pagecache import keys

# What decides which lists a story is on, and where in them.
LISTED_FIELDS = ("status", "published_at", "section_id", "front_page_position")
# What search matches a story by.
SEARCHED_FIELDS = ("headline", "standfirst", "body")
# What readers see of a comment.
SHOWN_COMMENT_FIELDS = ("article_id", "parent_id", "author_name", "body", "created_at")


def rows(changes):
    """Every row state of the changes, before and after, deleted and created."""
    return [row for pair in changes for row in pair if row is not None]


def stories(article_ids):
    return {keys.story(pk) for pk in article_ids}


def story_lists(articles):
    """The lists these stories are on: home, feeds, sitemaps; section, topic, author."""
    articles = [a for a in articles if a.status == Article.Status.PUBLISHED]
    if not articles:
        return set()
    ids = [article.pk for article in articles]
    tagged = TaggedItem.objects.filter(
        content_type=ContentType.objects.get_for_model(Article), object_id__in=ids
    )
    authors = Byline.objects.filter(article_id__in=ids)
    return (
        {keys.STORIES}
        | {keys.section(article.section_id) for article in articles}
        | {keys.tag(pk) for pk in tagged.values_list("tag_id", flat=True)}
        | {keys.author(pk) for pk in authors.values_list("author_id", flat=True)}
    )


def went_live(since):
    """What scheduled stories that went live from `since` until now enter."""
    due = list(Article.objects.live().filter(published_at__gte=since))
    return stories(a.pk for a in due) | story_lists(due)


def article(changes):
    moved = [
        row
        for before, after in changes
        if _listing(before) != _listing(after)
        for row in (before, after)
        if row is not None
    ]
    searched = any(_searched(before) != _searched(after) for before, after in changes)
    return (
        stories(row.pk for row in rows(changes))
        | story_lists(moved)
        | ({keys.SEARCH} if searched else set())
    )


def _listing(article):
    return article and tuple(getattr(article, name) for name in LISTED_FIELDS)


def _searched(article):
    """What search finds a story by; nothing for a story readers cannot find."""
    if article is None or article.status != Article.Status.PUBLISHED:
        return None
    return tuple(getattr(article, name) for name in SEARCHED_FIELDS)


def byline(changes):
    return {
        key
        for row in rows(changes)
        for key in (keys.story(row.article_id), keys.author(row.author_id))
    }


def article_gallery(changes):
    return stories(row.article_id for row in rows(changes))


def tagged_item(changes):
    article_type = ContentType.objects.get_for_model(Article)
    return {
        key
        for row in rows(changes)
        if row.content_type_id == article_type.pk
        for key in (keys.story(row.object_id), keys.tag(row.tag_id))
    }


def tag(changes):
    ids = [row.pk for row in rows(changes)]
    tagged = TaggedItem.objects.filter(
        content_type=ContentType.objects.get_for_model(Article), tag_id__in=ids
    )
    return {keys.tag(pk) for pk in ids} | stories(
        tagged.values_list("object_id", flat=True)
    )


def author(changes):
    ids = [row.pk for row in rows(changes)]
    bylines = Byline.objects.filter(author_id__in=ids)
    return {keys.author(pk) for pk in ids} | stories(
        bylines.values_list("article_id", flat=True)
    )


def correction(changes):
    return {keys.CORRECTIONS} | stories(row.article_id for row in rows(changes))


def live_update(changes):
    """A story's updates show on its page and in the answer its readers poll."""
    return {keys.live(row.article_id) for row in rows(changes)}


def section(changes):
    return {keys.MENU} | {keys.section(row.pk) for row in rows(changes)}


def photo(changes):
    ids = [row.pk for row in rows(changes)]
    showing = Article.objects.filter(
        Q(lead_photo__in=ids)
        | Q(galleries__photos__in=ids)
        | Q(live_updates__photo__in=ids)
    )
    return stories(showing.values_list("pk", flat=True).distinct())


def gallery(changes):
    ids = [row.pk for row in rows(changes)]
    placing = Article.objects.filter(galleries__in=ids)
    return stories(placing.values_list("pk", flat=True).distinct())


def gallery_photo(changes):
    ids = [row.gallery_id for row in rows(changes)]
    placing = Article.objects.filter(galleries__in=ids)
    return stories(placing.values_list("pk", flat=True).distinct())


def comment(changes):
    """
    Only approved comments are shown: a comment waiting for a moderator, or
    erasing a comment's IP address, changes no page.
    """
    return {
        keys.comments(row.article_id)
        for before, after in changes
        if _shown_comment(before) != _shown_comment(after)
        for row in (before, after)
        if row is not None
    }


def _shown_comment(comment):
    if comment is None or comment.status != Comment.Status.APPROVED:
        return None
    return tuple(getattr(comment, name) for name in SHOWN_COMMENT_FIELDS)


TOUCHES = {
    Article: article,
    Article.galleries.through: article_gallery,
    Author: author,
    Byline: byline,
    Comment: comment,
    Correction: correction,
    # An old address answers a redirect, which is never cached; the story's own
    # key all the same, for a CDN that keeps redirects.
    FormerSlug: article_gallery,
    Gallery: gallery,
    GalleryPhoto: gallery_photo,
    LiveUpdate: live_update,
    Photo: photo,
    Section: section,
    Tag: tag,
    TaggedItem: tagged_item,
}

# A report hides a comment by changing the comment (tracked above), never by itself.
# Autosaves are an editor's unsaved form: the story is unchanged until it is saved.
# Read counts reach readers only through the most-read list, which is refreshed
# every MOST_READ_SECONDS (articles/popularity.py), not by each read.
NOT_SHOWN_TO_READERS = {
    Autosave,
    Ban,
    BlockedTerm,
    ChangeMark,
    CommentDecision,
    CommenterMark,
    CommentReport,
    ReadCount,
    RevisionTags,
}
