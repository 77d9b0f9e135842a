"""Which stories readers see, and in what order: the story querysets."""

from dataclasses import dataclass

from django.db import connections, models
from django.db.models import (
    Case,
    Count,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.db.models.query import ModelIterable
from django.utils import timezone

from articles.models.photos import Photo
from articles.models.search import BACKENDS, SearchResults, parse_query
from articles.models.sections import Section
from articles.pagecache import depends_on, keys, shows_item
from articles.pagecache.writes import TrackedQuerySet


class ArticleQuerySet(TrackedQuerySet):
    def live(self):
        """Stories a reader may see: published, and not scheduled for later."""
        return self.filter(
            status=self.model.Status.PUBLISHED, published_at__lte=timezone.now()
        )

    def scheduled(self):
        """Published stories whose publication time is still to come."""
        return self.filter(
            status=self.model.Status.PUBLISHED, published_at__gt=timezone.now()
        )

    def with_byline(self):
        """Each story with its section, lead photo and authors, in two queries."""
        return self.select_related("section", "lead_photo").prefetch_related("bylines")

    def for_listing(self):
        """What a story card shows, its number of comments included."""
        return self.with_byline().with_comment_count()

    def with_comment_count(self):
        """
        Annotate `comment_count`, the comments the story's page shows, in the same
        query; a page showing the count shows the story's comments.
        """
        comment_model = self.model._meta.get_field("comments").related_model
        shown = (
            comment_model.objects.shown()
            .filter(article=OuterRef("pk"))
            .values("article")
            .annotate(count=Count("pk"))
            .values("count")
        )
        counted = self.annotate(comment_count=Coalesce(Subquery(shown), 0))
        counted._iterable_class = CountingCommentsIterable
        return counted

    def for_detail(self):
        """
        One story's page. Its authors and tags are read when first shown
        (`Article.byline_authors`, `tag_list`), so a story kept in the cache is
        small; its comments are counted by the page that shows them.
        """
        return self.select_related("section", "lead_photo")

    def for_story_list(self):
        """
        What a short list of stories shows (related, most read): headline, link,
        section and time, not the rest of each story.
        """
        return self.select_related("section").only(
            "headline", "slug", "published_at", "language", "section__name"
        )

    def for_feed(self):
        """Stories with everything a feed item shows, in three queries."""
        return self.with_byline().prefetch_related("tags")

    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def front_page(self, per_section=4):
        """
        The lead, the top stories under it, then the newest `per_section` stories
        of each section, none twice, in section order. Editors pin the lead and
        the top stories (`front_page_position`: 1 leads); with none pinned the
        newest story leads. Three queries however many stories there are: each
        section with the publication time of its (per_section + 1)th newest
        story, read from the section index; the stories from then on and the
        pinned ones; their bylines.
        """
        depends_on(keys.STORIES)
        newest = self.filter(section=OuterRef("pk")).newest_first()
        sections = Section.objects.annotate(
            cutoff=Subquery(
                newest.values("published_at")[per_section : per_section + 1]
            )
        )
        wanted = Q(front_page_position__isnull=False)
        for section in sections:
            recent = Q(section=section)
            if section.cutoff:
                recent &= Q(published_at__gte=section.cutoff)
            wanted |= recent
        articles = list(self.filter(wanted).for_listing().newest_first())
        pinned = sorted(
            (a for a in articles if a.front_page_position is not None),
            key=lambda article: article.front_page_position,
        )
        if not pinned and articles:
            pinned = [articles[0]]
        by_section = {}
        for article in articles:
            if article not in pinned and article.front_page_position is None:
                by_section.setdefault(article.section, []).append(article)
        groups = [
            SectionGroup(section, by_section[section][:per_section])
            for section in sections
            if section in by_section
        ]
        return FrontPage(
            lead=pinned[0] if pinned else None, top=pinned[1:], sections=groups
        )

    def published_between(self, first_day=None, last_day=None):
        """Stories published on these days (local dates, both included), if given."""
        stories = self
        if first_day:
            stories = stories.filter(published_at__date__gte=first_day)
        if last_day:
            stories = stories.filter(published_at__date__lte=last_day)
        return stories

    def search(self, text):
        """
        These stories matching a reader's search `text`, best first: a match in
        the headline ranks above one in the standfirst, above one in the body.
        """
        depends_on(keys.STORIES, keys.SEARCH)
        return SearchResults(self, parse_query(text))

    def matching(self, text):
        """These stories matching a search `text`, in their own order (the admin)."""
        terms = parse_query(text)
        if not terms:
            return self.none()
        return BACKENDS[connections[self.db].vendor](self, terms).matching()

    def related_to(self, story, limit=4):
        """
        Live stories to read after `story`: most topics shared with it, plus one
        for the same section, then newest first; never the story itself. Small
        queries however many topics: its topics (unless already read), the best
        stories by shared topics and, when fewer than `limit` of them score above
        a story that shares only the section, the section's newest. The list
        depends on the section's and the topics' lists.
        """
        tag_ids = [tag.pk for tag in story.tag_list]
        depends_on(keys.section(story.section_id), *map(keys.tag, tag_ids))
        live = self.live().exclude(pk=story.pk).for_story_list()
        ranked = []
        if tag_ids:
            same_section = Case(When(section_id=story.section_id, then=1), default=0)
            ranked = list(
                live.filter(tags__in=tag_ids)
                .annotate(score=Count("pk") + same_section)
                .order_by("-score", "-published_at", "-pk")[:limit]
            )
        # A story sharing no topic scores 1 for the same section, so it ranks by
        # date among the section's, and only the section's newest can make the list.
        if sum(other.score > 1 for other in ranked) < limit:
            found = {story.pk for story in ranked}
            for other in live.filter(section_id=story.section_id).newest_first()[
                :limit
            ]:
                if other.pk not in found:
                    other.score = 1
                    ranked.append(other)
            ranked.sort(key=lambda o: (o.score, o.published_at, o.pk), reverse=True)
        return ranked[:limit]

    def most_read(self, limit=5, now=None):
        """
        The live stories read most in the 24 hours up to `now`, most read first,
        each with its `reads` (articles/popularity.py): two queries (one with Redis).
        """
        from articles import popularity

        return popularity.most_read(self.live().for_story_list(), limit, now=now)

    def needing_photo_details(self):
        """Stories showing a photo without alt text or credit, or processing."""
        incomplete = Photo.objects.unpublishable()
        return self.filter(
            Q(galleries__photos__in=incomplete) | Q(lead_photo__in=incomplete)
        ).distinct()

    def publish_now(self, user):
        """
        Publish these stories, except those needing photo details; ones never
        published before go live now. Return how many were published.
        """
        now = timezone.now()
        ready = self.exclude(pk__in=self.needing_photo_details().values("pk"))
        return ready.update(
            status=self.model.Status.PUBLISHED,
            published_at=Case(
                When(published_at__lte=now, then=F("published_at")),
                default=Value(now),
            ),
            updated_at=now,
            updated_by=user,
        )

    def back_to_draft(self, user):
        return self.update(
            status=self.model.Status.DRAFT, updated_at=timezone.now(), updated_by=user
        )


class CountingCommentsIterable(ModelIterable):
    """Stories with their comment count: the page depends on those comments."""

    def __iter__(self):
        for article in super().__iter__():
            shows_item(keys.comments(article.pk))
            yield article


@dataclass
class SectionGroup:
    section: Section
    articles: list


@dataclass
class FrontPage:
    lead: models.Model | None  # an Article
    top: list  # the stories pinned under the lead, in order
    sections: list[SectionGroup]
