"""Live coverage: the short, timed updates editors post while a story is live."""

import hashlib
import json
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from articles.models.photos import Photo
from articles.pagecache import depends_on, keys, remember
from articles.pagecache.writes import TrackedQuerySet

# Updates shown on a page of the story (and in the shared poll answer); older ones
# are on the story's "Older updates" pages.
UPDATES_PER_PAGE = 20
# Key events listed in the summary above the updates.
KEY_EVENTS_SHOWN = 10


class LiveUpdateQuerySet(TrackedQuerySet):
    def of_story(self, article):
        """A story's updates, newest first, with their photos."""
        depends_on(keys.live(article.pk))
        return (
            self.filter(article=article)
            .select_related("photo")
            .order_by("-published_at", "-pk")
        )

    def with_newer_count(self):
        """Annotate `newer`: how many of the story's updates come before each one."""
        newer = (
            type(self)(self.model)
            .filter(article=OuterRef("article"))
            .filter(
                Q(published_at__gt=OuterRef("published_at"))
                | Q(published_at=OuterRef("published_at"), pk__gt=OuterRef("pk"))
            )
            .values("article")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(newer=Coalesce(Subquery(newer), 0))


class LiveCoverageMixin(models.Model):
    """A story's live coverage: whether it is (or was) live, and its updates."""

    live_started_at = models.DateTimeField(
        "live coverage started", null=True, blank=True, editable=False
    )
    live_ended_at = models.DateTimeField(
        "live coverage ended", null=True, blank=True, editable=False
    )

    class Meta:
        abstract = True

    def is_live(self):
        """Whether editors are posting updates: readers' pages look for new ones."""
        return self.live_started_at is not None and self.live_ended_at is None

    def has_live_coverage(self):
        """Whether the story is or was live: its page shows its updates."""
        return self.live_started_at is not None

    def get_live_updates_url(self):
        """The answer every reader's open page polls for new updates."""
        return reverse("articles:live-updates", kwargs=self.url_kwargs())

    def start_live_coverage(self):
        """Mark the story live; after it ended, its coverage goes on."""
        self.live_started_at = self.live_started_at or timezone.now()
        self.live_ended_at = None
        self._save_coverage()

    def end_live_coverage(self):
        if self.is_live():
            self.live_ended_at = timezone.now()
            self._save_coverage()

    def _save_coverage(self):
        type(self).objects.filter(pk=self.pk).update(
            live_started_at=self.live_started_at, live_ended_at=self.live_ended_at
        )

    def live_coverage(self, number=1):
        """
        Page `number` of the story's updates and its key events, in two queries
        however many updates there are.
        """
        start = (number - 1) * UPDATES_PER_PAGE
        # One more than a page: whether there are older updates, without counting.
        updates = list(
            LiveUpdate.objects.of_story(self)[start : start + UPDATES_PER_PAGE + 1]
        )
        key_events = list(
            LiveUpdate.objects.of_story(self)
            .filter(is_key_event=True)
            .with_newer_count()[:KEY_EVENTS_SHOWN]
        )
        for update in [*updates, *key_events]:
            update.article = self
        for event in key_events:
            event.url = event.url_on_page(event.newer // UPDATES_PER_PAGE + 1)
        return LiveCoverage(
            updates=updates[:UPDATES_PER_PAGE],
            key_events=key_events,
            number=number,
            has_older=len(updates) > UPDATES_PER_PAGE,
            story_url=self.get_absolute_url(),
            # Only the newest updates' page looks for newer ones.
            poll_url=self.get_live_updates_url()
            if self.is_live() and number == 1
            else "",
        )

    def newest_live_coverage(self):
        """
        The first page of updates, kept in the cache: the story's page, its
        JSON-LD and the answer readers poll all read it.
        """
        return remember(f"live:{self.pk}", self.live_coverage, keys=self.cache_keys())

    def live_blog_posting(self):
        """What a story with live coverage adds to its schema.org data."""
        updates = self.newest_live_coverage().updates
        data = {
            "@type": "LiveBlogPosting",
            "coverageStartTime": self.live_started_at.isoformat(timespec="seconds"),
            "liveBlogUpdate": [update.json_ld() for update in updates],
        }
        if updates:
            newest = max(self.modified_at, updates[0].published_at)
            data["dateModified"] = newest.isoformat(timespec="seconds")
        if self.live_ended_at:
            data["coverageEndTime"] = self.live_ended_at.isoformat(timespec="seconds")
        return data


@dataclass
class LiveCoverage:
    """One page of a story's updates, newest first, and its key events."""

    updates: list
    key_events: list
    number: int
    has_older: bool
    story_url: str
    poll_url: str  # where an open page asks for new updates; empty: it does not

    @property
    def newer_url(self):
        return self._page_url(self.number - 1) if self.number > 1 else None

    @property
    def older_url(self):
        return self._page_url(self.number + 1) if self.has_older else None

    def _page_url(self, number):
        page = f"?updates={number}" if number > 1 else ""
        return f"{self.story_url}{page}#live"

    @property
    def key_events_digest(self):
        """Changes when the key events summary does; empty when there is none."""
        if not self.key_events:
            return ""
        return _digest(
            [(event.pk, event.digest, event.url) for event in self.key_events]
        )


def _digest(shown):
    return hashlib.blake2b(json.dumps(shown).encode(), digest_size=8).hexdigest()


class LiveUpdate(models.Model):
    """A short update on a live story, shown newest first on the story's page."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="live_updates"
    )
    text = models.TextField(
        max_length=2000,
        help_text="What happened, in a few sentences of plain text. Readers see "
        "it at once; a blank line starts a new paragraph.",
    )
    photo = models.ForeignKey(
        Photo,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Optional. It needs alt text and a credit.",
    )
    is_key_event = models.BooleanField(
        "key event",
        default=False,
        help_text="Listed in the story's key events summary above the updates.",
    )
    published_at = models.DateTimeField(
        "time",
        default=timezone.now,
        help_text="When it happened; now, or earlier, never later.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = LiveUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = "live update"
        indexes = [
            models.Index(
                "article",
                models.F("published_at").desc(),
                models.F("id").desc(),
                name="articles_liveupdate_newest",
            )
        ]

    def __str__(self):
        return Truncator(self.text).chars(60)

    def get_absolute_url(self):
        return self.url_on_page(1)

    def url_on_page(self, number):
        """This update on page `number` of the story's updates."""
        page = f"?updates={number}" if number > 1 else ""
        return f"{self.article.get_absolute_url()}{page}#update-{self.pk}"

    def clean(self):
        errors = {}
        if self.article_id and not self.article.has_live_coverage():
            errors["article"] = ValidationError(
                "Start live coverage on this story first (on the story's form).",
                code="not_live",
            )
        if self.photo and not self.photo.is_publishable():
            errors["photo"] = ValidationError(
                "This photo needs alt text and a credit, and its processing "
                "finished, before readers can see it (%(missing)s).",
                code="photo_details_missing",
                params={"missing": ", ".join(self.photo.what_is_missing())},
            )
        # Readers' pages are refreshed when an update is posted, not when its
        # time comes: an update cannot wait for later.
        if self.published_at and self.published_at > timezone.now():
            errors["published_at"] = ValidationError(
                "An update cannot be dated in the future.", code="future_update"
            )
        if errors:
            raise ValidationError(errors)

    @property
    def headline(self):
        return Truncator(" ".join(self.text.split())).chars(110)

    @property
    def digest(self):
        """
        Changes when what readers see of the update does: an open page that shows
        the update replaces it then (live.js).
        """
        return _digest(
            [self.text, self.photo_id, self.is_key_event, self.published_at.isoformat()]
        )

    def json_ld(self):
        return {
            "@type": "BlogPosting",
            "headline": self.headline,
            "articleBody": self.text,
            "datePublished": self.published_at.isoformat(timespec="seconds"),
            "url": settings.SITE_URL + self.get_absolute_url(),
        }
