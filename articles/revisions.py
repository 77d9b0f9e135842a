"""
Story revisions (django-reversion): what a revision holds, and how two compare.

Every save of a story from the admin records a revision of the story with its
bylines, its tag links and its corrections log; its gallery placements are a
field of the story. Restoring one saves it as a new revision, so no later one is
lost; a deleted story can be recovered from the story list.
"""

import difflib
from dataclasses import dataclass

import reversion
from django.contrib.contenttypes.models import ContentType
from django.utils.html import strip_tags
from taggit.models import Tag, TaggedItem

from articles.models import Article, Author, Byline, Correction, RevisionTags

reversion.register(Byline)
reversion.register(TaggedItem)
reversion.register(Correction)
reversion.register(Article, follow=["bylines", "tagged_items", "corrections"])

# Fields compared, in the order the comparison lists them.
COMPARED_FIELDS = [
    "headline",
    "standfirst",
    "body",
    "status",
    "published_at",
    "section",
    "lead_photo",
    "byline_credit",
    "comment_mode",
    "language",
    "slug",
]

# Compared word by word.
TEXT_FIELDS = {"headline", "standfirst", "body"}


@dataclass
class Change:
    label: str
    before: str
    after: str
    # [(kind, words)]: kind is "same", "removed" or "added" (word-level diff).
    words: list | None = None


def compare(older, newer):
    """The fields that differ between two versions of a story, with word diffs."""
    changes = []
    for name in COMPARED_FIELDS:
        field = Article._meta.get_field(name)
        before = _shown(older, field)
        after = _shown(newer, field)
        if before != after:
            words = (
                word_diff(before, after)
                if name in ("headline", "standfirst", "body")
                else None
            )
            changes.append(Change(str(field.verbose_name), before, after, words))
    for label, read in (("tags", _tags), ("byline", _byline)):
        before, after = read(older), read(newer)
        if before != after:
            changes.append(Change(label, before, after))
    return changes


def word_diff(before, after):
    """[(kind, text)] turning `before` into `after`, word by word."""
    old, new = before.split(), after.split()
    pieces = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(("same", " ".join(old[a1:a2])))
            continue
        if a2 > a1:
            pieces.append(("removed", " ".join(old[a1:a2])))
        if b2 > b1:
            pieces.append(("added", " ".join(new[b1:b2])))
    return pieces


def _shown(version, field):
    value = version.field_dict.get(field.attname, version.field_dict.get(field.name))
    if field.name == "body":
        return strip_tags(value or "")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        related = field.related_model.objects.filter(pk=value).first()
        return (
            str(related)
            if related
            else ("" if value is None else f"#{value} (deleted)")
        )
    return "" if value is None else str(value)


def _followed(version, model):
    """The versions of `model` rows the revision holds with the story."""
    content_type = ContentType.objects.get_for_model(model)
    return version.revision.version_set.filter(content_type=content_type)


def _tags(version):
    kept = RevisionTags.objects.filter(
        revision_id=version.revision_id, article_id=version.object_id
    ).first()
    if kept is not None:
        return ", ".join(kept.names)
    # A revision saved outside the admin: its tag links, named as tags are now.
    ids = [v.field_dict["tag_id"] for v in _followed(version, TaggedItem)]
    names = dict(Tag.objects.filter(pk__in=ids).values_list("pk", "name"))
    return ", ".join(sorted(names.get(pk, f"#{pk} (deleted)") for pk in ids))


def _byline(version):
    bylines = sorted(
        (v.field_dict["position"], v.field_dict["author_id"])
        for v in _followed(version, Byline)
    )
    authors = Author.objects.filter(pk__in=[author for _, author in bylines])
    names = dict(authors.values_list("pk", "name"))
    return ", ".join(names.get(a, f"#{a}") for _, a in bylines)
