"""Personas and data helpers shared by the tests: plain functions, sensible defaults."""

from datetime import timedelta
from itertools import count

from django.contrib.auth.models import Group, User
from django.utils import timezone

from articles.models import Article, Author, Byline, Section

_serial = count(1)


def make_section(**overrides):
    n = next(_serial)
    fields = {"name": f"Section {n}", "slug": f"section-{n}", "order": n}
    return Section.objects.create(**fields | overrides)


def make_author(**overrides):
    n = next(_serial)
    fields = {"name": f"Reporter {n}", "slug": f"reporter-{n}", "role": "Reporter"}
    return Author.objects.create(**fields | overrides)


def make_article(*, authors=(), tags=(), **overrides):
    """A live story published an hour ago, unless `overrides` say otherwise."""
    n = next(_serial)
    fields = {
        "headline": f"Story number {n}",
        "slug": f"story-{n}",
        "standfirst": f"What happened in story {n}.",
        "body": f"<p>First paragraph of story {n}.</p>",
        "status": Article.Status.PUBLISHED,
        "published_at": timezone.now() - timedelta(hours=1),
    }
    fields |= overrides
    if "section" not in fields:
        fields["section"] = Section.objects.first() or make_section()
    article = Article.objects.create(**fields)
    Byline.objects.bulk_create(
        Byline(article=article, author=author, position=position)
        for position, author in enumerate(authors)
    )
    if tags:
        article.tags.add(*tags)
    return article


def make_articles(number, **overrides):
    """`number` live stories, newest first, one minute apart."""
    now = timezone.now()
    return [
        make_article(**{"published_at": now - timedelta(minutes=i + 1)} | overrides)
        for i in range(number)
    ]


def make_staff(username, group_name):
    user = User.objects.create_user(
        username, f"{username}@newsroom.test", "correct horse battery", is_staff=True
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user
