"""
The moderation desk's figures: how long readers wait and how the desk decides,
over a period ending now. Each figure is a few queries however many comments.
"""

import math
import statistics
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property

from django.db.models import Count, Max, Min, Q
from django.utils import timezone

from articles.models.comments import Comment, CommentDecision
from articles.models.stories import Article

HOUR = timedelta(hours=1)
PERIODS = {"today": "Today", "7d": "7 days", "30d": "30 days"}


def period_start(period, now):
    """Local midnight for today, else now less the period's days."""
    if period == "today":
        return timezone.localtime(now).replace(
            hour=0, minute=0, second=0, microsecond=0
        )
    return now - timedelta(days=int(period.removesuffix("d")))


def percentile(values, fraction):
    """Nearest rank: the smallest value with `fraction` of the values at or below."""
    ordered = sorted(values)
    if not ordered:
        return None
    return ordered[max(math.ceil(fraction * len(ordered)) - 1, 0)]


def queue_now():
    """
    (pending comments, when the oldest was posted or None). Two queries, each
    answered from the queue's index: one asking both reads every pending row.
    """
    pending = Comment.objects.pending()
    oldest = pending.order_by("created_at").values_list("created_at", flat=True)
    return pending.count(), oldest.first()


@dataclass
class HourFigures:
    start: object
    queue_length: int
    median_wait: timedelta | None


@dataclass
class ModeratorFigures:
    name: str
    approved: int
    rejected: int
    spam: int

    @property
    def total(self):
        return self.approved + self.rejected + self.spam


class Desk:
    """
    The desk over `period` (a key of PERIODS) up to `now`.

    A comment's wait runs from its posting to its first decision by a moderator;
    comments a rule decided first (ban, trust, automatic approval) never waited
    and are left out. Rates and decisions count every decision made in the
    period, a rule's included, except the blocklist's, which sends a comment to
    spam before it is stored.
    """

    def __init__(self, period="today", now=None):
        self.period = period
        self.until = now or timezone.now()
        self.since = period_start(period, self.until)

    @cached_property
    def waits(self):
        """(posted, first decided) of the comments first decided in the period."""
        return list(
            CommentDecision.objects.order_by()
            .values("comment_id")
            .exclude(status=Comment.Status.PENDING)
            .annotate(
                first=Min("decided_at"),
                posted=Min("comment__created_at"),
                by_rule=Count("pk", filter=~Q(rule="")),
            )
            .filter(first__gte=self.since, first__lt=self.until, by_rule=0)
            .values_list("posted", "first")
        )

    def median_wait(self):
        waits = [decided - posted for posted, decided in self.waits]
        return statistics.median(waits) if waits else None

    def p90_wait(self):
        return percentile([decided - posted for posted, decided in self.waits], 0.9)

    def decisions(self):
        """The period's decisions; hiding a reported comment is not one."""
        return CommentDecision.objects.filter(
            decided_at__gte=self.since, decided_at__lt=self.until
        ).exclude(status=Comment.Status.PENDING)

    @cached_property
    def by_moderator(self):
        """Each moderator's decisions, most first; a rule's under "Automatic"."""
        rows = (
            self.decisions()
            .order_by()
            .values("decided_by__username", "rule")
            .annotate(
                approved=Count("pk", filter=Q(status=Comment.Status.APPROVED)),
                rejected=Count("pk", filter=Q(status=Comment.Status.REJECTED)),
                spam=Count("pk", filter=Q(status=Comment.Status.SPAM)),
            )
        )
        totals = defaultdict(lambda: [0, 0, 0])
        for row in rows:
            name = "Automatic (rules)" if row["rule"] else row["decided_by__username"]
            name = name or "A deleted user"
            for i, status in enumerate(["approved", "rejected", "spam"]):
                totals[name][i] += row[status]
        figures = [ModeratorFigures(name, *counts) for name, counts in totals.items()]
        return sorted(figures, key=lambda f: (-f.total, f.name))

    def rates(self):
        """{status: share of the period's decisions}, each 0 with none."""
        figures = self.by_moderator
        total = sum(f.total for f in figures)
        return {
            status: (sum(getattr(f, status) for f in figures) / total if total else 0)
            for status in ["approved", "rejected", "spam"]
        }

    def busiest_stories(self, number=5):
        """The stories with the most comments waiting now, with their count."""
        return (
            Article.objects.annotate(
                waiting=Count("comments", filter=Q(comments__status="pending"))
            )
            .filter(waiting__gt=0)
            .order_by("-waiting", "-published_at")
            .only("headline", "slug", "published_at", "status")[:number]
        )

    def hours(self):
        """
        Each hour of the period: the queue's length at its end (at now for the
        last) and the median wait of the comments first decided in it. A comment
        is in the queue from its posting to its first decision; one that readers
        hid and that still waits, from when it was hidden.
        """
        decided = ~Q(decisions__status=Comment.Status.PENDING)
        rows = (
            Comment.objects.filter(created_at__lt=self.until)
            .annotate(
                first=Min("decisions__decided_at", filter=decided),
                hidden=Max("decisions__decided_at", filter=~decided),
            )
            .filter(Q(status=Comment.Status.PENDING) | Q(first__gte=self.since))
            .values_list("status", "created_at", "first", "hidden")
        )
        entered, left = [], []
        for status, created, first, hidden in rows:
            if status == Comment.Status.PENDING:
                entered.append(hidden or created)
            else:
                entered.append(created)
                left.append(first)
        entered.sort()
        left.sort()
        waits = defaultdict(list)
        for created, first in self.waits:
            waits[int((first - self.since) / HOUR)].append(first - created)
        count = max(math.ceil((self.until - self.since) / HOUR), 1)
        hours = []
        for index in range(count):
            start = self.since + index * HOUR
            end = min(start + HOUR, self.until)
            length = bisect_right(entered, end) - bisect_right(left, end)
            wait = statistics.median(waits[index]) if waits[index] else None
            hours.append(HourFigures(start, length, wait))
        return hours
