import hashlib
import re
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from articles.blocklist import find_blocked_word
from articles.models.commenters import Ban, CommenterMark
from articles.models.reports import CommentReport
from articles.models.stories import Article
from articles.pagecache.writes import TrackedQuerySet

LINK = re.compile(r"https?://|(?<![/.\w])www\.", re.IGNORECASE)


@dataclass(frozen=True)
class CommenterRecord:
    """How a commenter's comments were decided, for the moderator."""

    approved: int = 0
    rejected: int = 0
    spam: int = 0


class CommentQuerySet(TrackedQuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def erase_expired_personal_data(self):
        """
        Erase the IP address and browser of comments older than
        COMMENT_DATA_RETENTION_DAYS; return how many comments had them.
        """
        cutoff = timezone.now() - timedelta(days=settings.COMMENT_DATA_RETENTION_DAYS)
        return (
            self.filter(created_at__lt=cutoff)
            .exclude(ip_address=None, user_agent="")
            .update(ip_address=None, user_agent="")
        )

    def shown(self):
        """
        The comments readers see: approved, and either a comment on the story or
        a reply to one that is shown itself. Story pages list them and story cards
        count them, from this one definition.
        """
        return self.approved().filter(
            Q(parent__isnull=True)
            | Q(
                parent__status=Comment.Status.APPROVED,
                parent__parent__isnull=True,
            )
        )

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)

    def reported(self):
        """Comments with reports no moderator has acted on, most reported first."""
        return self.annotate(
            open_reports=Count("reports", filter=Q(reports__handled_at__isnull=True))
        ).filter(Exists(CommentReport.objects.open().filter(comment=OuterRef("pk"))))

    def report_summaries(self):
        """{comment id: "3 reports: abuse ×2, spam"} for those with open reports."""
        rows = (
            CommentReport.objects.open()
            .filter(comment__in=self)
            .order_by()
            .values("comment_id", "reason")
            .annotate(count=Count("pk"))
            .order_by("comment_id", "-count", "reason")
        )
        reasons, totals = {}, {}
        for row in rows:
            label = Comment.RejectionReason(row["reason"]).label.lower()
            if row["count"] > 1:
                label += f" ×{row['count']}"
            reasons.setdefault(row["comment_id"], []).append(label)
            totals[row["comment_id"]] = totals.get(row["comment_id"], 0) + row["count"]
        return {
            pk: f"{totals[pk]} report{'s' if totals[pk] > 1 else ''}: "
            + ", ".join(labels)
            for pk, labels in reasons.items()
        }

    def by_commenter(self, email):
        """A commenter's comments: by email, whatever its case."""
        return self.alias(commenter=Lower("author_email")).filter(
            commenter=email.lower()
        )

    def by_commenters_of(self, comments):
        """The comments of whoever wrote `comments`: by email, whatever its case."""
        emails = comments.annotate(commenter=Lower("author_email")).values("commenter")
        return self.alias(commenter=Lower("author_email")).filter(commenter__in=emails)

    def history_of(self, comment):
        """The commenter's other comments, newest first, with what the moderator
        reads of each."""
        return (
            self.by_commenter(comment.author_email)
            .exclude(pk=comment.pk)
            .select_related("article", "moderated_by")
            .order_by("-created_at", "-pk")
        )

    def records(self, emails):
        """{email in lower case: CommenterRecord} of these commenters, one query."""
        rows = (
            self.annotate(commenter=Lower("author_email"))
            .filter(commenter__in={email.lower() for email in emails})
            .order_by()
            .values("commenter")
            .annotate(
                approved=Count("pk", filter=Q(status=Comment.Status.APPROVED)),
                rejected=Count("pk", filter=Q(status=Comment.Status.REJECTED)),
                spam=Count("pk", filter=Q(status=Comment.Status.SPAM)),
            )
        )
        return {row.pop("commenter"): CommenterRecord(**row) for row in rows}

    def for_story_page(self):
        """Shown comments, oldest first, with the fields a reader may see."""
        return (
            self.shown()
            .order_by("created_at", "pk")
            .only("article_id", "parent_id", "author_name", "body", "created_at")
        )

    def caught_by(self, bans):
        """These comments that any of `bans` covers."""
        pks = [
            pk
            for pk, email, address in self.values_list(
                "pk", "author_email", "ip_address"
            )
            if any(ban.covers(email, address) for ban in bans)
        ]
        return self.filter(pk__in=pks)

    def decide(self, status, by, reason="", expected=None, rule=""):
        """
        Move these comments to `status`, recording who decided (or which `rule`)
        and when, and return how many changed. With `expected`, only comments
        still in that status are changed, so when two moderators act on one
        comment at once the first decision stands and the second changes nothing.
        A moderator's decision settles the comment's open reports.
        """
        now = timezone.now()
        candidates = self.exclude(status=status)
        if expected is not None:
            candidates = candidates.filter(status=expected)
        with transaction.atomic():
            # Lock the rows: a concurrent decision waits, then finds its
            # condition no longer true.
            ids = list(candidates.select_for_update().values_list("pk", flat=True))
            changed = Comment.objects.filter(pk__in=ids).update(
                status=status,
                rejection_reason=reason,
                moderated_by=by,
                moderated_at=now,
                rule=rule,
            )
            CommentDecision.objects.bulk_create(
                CommentDecision(
                    comment_id=pk,
                    status=status,
                    reason=reason,
                    decided_by=by,
                    rule=rule,
                )
                for pk in ids
            )
            if by is not None:
                CommentReport.objects.open().filter(comment_id__in=ids).update(
                    handled_at=now, handled_by=by
                )
        return changed

    def keep(self, by):
        """
        Settle the open reports of these comments, leaving them shown: a
        moderator read them and found nothing wrong. Returns how many comments.
        """
        with transaction.atomic():
            ids = list(self.approved().select_for_update().values_list("pk", flat=True))
            reports = CommentReport.objects.open().filter(comment_id__in=ids)
            kept = reports.values("comment_id").distinct().count()
            reports.update(handled_at=timezone.now(), handled_by=by)
        return kept


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        SPAM = "spam", "Spam"

    class RejectionReason(models.TextChoices):
        """The comment policy's reasons, which readers report comments by too."""

        INCITEMENT = "incitement", _("Incitement")
        LIBEL = "libel", _("Libel")
        PRIVACY = "privacy", _("Invades privacy")
        ABUSE = "abuse", _("Abuse")
        OFF_TOPIC = "off_topic", _("Off topic")
        SPAM = "spam", _("Spam")
        OTHER = "other", _("Other")

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        help_text="The comment this one answers; replies go one level deep.",
    )
    author_name = models.CharField("name", max_length=80)
    author_email = models.EmailField("email", help_text="Never shown publicly.")
    body = models.TextField("comment")
    body_hash = models.CharField(max_length=64, editable=False)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING
    )
    policy_version = models.CharField(
        max_length=40, help_text="Version of the comment policy the author accepted."
    )
    consented_at = models.DateTimeField()
    ip_address = models.GenericIPAddressField(
        null=True, blank=True, help_text="Kept for abuse handling; see README."
    )
    user_agent = models.CharField(max_length=300, blank=True)
    link_count = models.PositiveSmallIntegerField(default=0)
    blocklist_match = models.CharField(
        max_length=200, blank=True, help_text="The blocklist entry the comment hit."
    )
    is_first_comment = models.BooleanField(
        default=False, help_text="No earlier comment from this email was approved."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.CharField(
        max_length=20, choices=RejectionReason.choices, blank=True
    )
    rule = models.CharField(
        max_length=200,
        blank=True,
        help_text="What decided the comment when no moderator did.",
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        permissions = [("moderate_comment", "Can approve, reject and mark spam")]
        constraints = [
            # The same text from the same address on the same story is one comment,
            # however many times (or however fast) it is sent.
            models.UniqueConstraint(
                fields=["article", "ip_address", "body_hash"],
                name="articles_comment_once_per_address",
            ),
            models.CheckConstraint(
                condition=Q(rejection_reason="") | Q(status__in=["rejected", "spam"]),
                name="articles_comment_reason_only_when_refused",
            ),
            # A rejection says why; nothing stands in for the moderator's choice.
            models.CheckConstraint(
                condition=~Q(status="rejected", rejection_reason=""),
                name="articles_comment_rejected_with_reason",
            ),
        ]
        indexes = [
            models.Index(
                fields=["article", "created_at"],
                condition=Q(status="approved"),
                name="articles_comment_approved",
            ),
            models.Index(
                fields=["created_at"],
                condition=Q(status="pending"),
                name="articles_comment_queue",
            ),
            models.Index(
                Lower("author_email"), "status", name="articles_comment_commenter"
            ),
        ]

    def __str__(self):
        return f"{self.author_name}: {self.excerpt()}"

    def save(self, *args, **kwargs):
        self.body_hash = hashlib.sha256(
            " ".join(self.body.split()).encode()
        ).hexdigest()
        self.link_count = len(LINK.findall(self.body))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#comment-{self.pk}"

    def get_report_url(self):
        return reverse(
            "articles:comment-report",
            kwargs={**self.article.url_kwargs(), "pk": self.pk},
        )

    def excerpt(self, chars=80):
        return Truncator(" ".join(self.body.split())).chars(chars)

    def record(self):
        return Comment.objects.records([self.author_email]).get(
            self.author_email.lower(), CommenterRecord()
        )

    def report(self, reason, note, reporter):
        """
        Record one reader's report (`reporter`: a keyed hash of their address);
        once COMMENT_REPORTS_TO_HIDE readers have reported the comment, and no
        moderator has acted on their reports, it is hidden until one does.
        """
        with transaction.atomic():
            try:
                with transaction.atomic():
                    CommentReport.objects.create(
                        comment=self, reason=reason, note=note, reporter=reporter
                    )
            except IntegrityError:
                return  # This reader reported it already.
            reporters = self.reports.open().values("reporter").distinct().count()
            if reporters >= settings.COMMENT_REPORTS_TO_HIDE:
                Comment.objects.filter(pk=self.pk).decide(
                    self.Status.PENDING,
                    by=None,
                    expected=self.Status.APPROVED,
                    rule=f"Hidden after {reporters} readers' reports",
                )

    def has_many_links(self):
        return self.link_count >= settings.COMMENT_LINKS_TO_FLAG

    def screen(self):
        """
        Before the first save: note whether the author has had a comment approved,
        and decide what needs no moderator. A ban, or a word on the blocklist, sends
        the comment straight to spam; otherwise a commenter marked "always hold"
        waits, and one marked trusted, or with a clean record (settings
        COMMENT_AUTO_APPROVE_AFTER and _DAYS), is approved at once.
        """
        self.is_first_comment = not (
            Comment.objects.approved().by_commenter(self.author_email).exists()
        )
        if ban := Ban.objects.matching(self.author_email, self.ip_address):
            self.decide_by_rule(self.Status.SPAM, f"Ban on {ban}")
            return
        words = BlockedTerm.objects.values_list("value", flat=True)
        if match := find_blocked_word(f"{self.author_name}\n{self.body}", words):
            self.status = self.Status.SPAM
            self.blocklist_match = match
            return
        mark = CommenterMark.objects.filter(email=self.author_email.lower()).first()
        if mark and mark.kind == CommenterMark.Kind.TRUSTED:
            self.decide_by_rule(self.Status.APPROVED, "Trusted commenter")
        elif not mark and self.has_clean_record():
            self.decide_by_rule(
                self.Status.APPROVED,
                f"{settings.COMMENT_AUTO_APPROVE_AFTER}+ approved, none refused, "
                f"in {settings.COMMENT_AUTO_APPROVE_DAYS} days",
            )

    def has_clean_record(self):
        """Whether the commenter qualifies for automatic approval (off with 0)."""
        needed = settings.COMMENT_AUTO_APPROVE_AFTER
        if not needed:
            return False
        since = timezone.now() - timezone.timedelta(
            days=settings.COMMENT_AUTO_APPROVE_DAYS
        )
        records = Comment.objects.filter(created_at__gte=since).records(
            [self.author_email]
        )
        record = records.get(self.author_email.lower(), CommenterRecord())
        return record.approved >= needed and not (record.rejected or record.spam)

    def decide_by_rule(self, status, rule):
        self.status = status
        self.rule = rule
        self.moderated_at = timezone.now()
        if status == self.Status.SPAM:
            self.rejection_reason = self.RejectionReason.SPAM

    def save_screened(self):
        """
        Screen and store a new comment, with the decision a rule made, if any,
        in its history; IntegrityError when the same text from the same address
        is already on the story.
        """
        self.screen()
        with transaction.atomic():
            self.save()
            if self.rule:
                CommentDecision.objects.create(
                    comment=self,
                    status=self.status,
                    reason=self.rejection_reason,
                    rule=self.rule,
                )


class CommentDecision(models.Model):
    """One moderation decision; a comment's history is the list of them."""

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="decisions"
    )
    status = models.CharField(max_length=10, choices=Comment.Status.choices)
    reason = models.CharField(
        max_length=20, choices=Comment.RejectionReason.choices, blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    rule = models.CharField(
        max_length=200, blank=True, help_text="What decided when no moderator did."
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decided_at", "pk"]

    def __str__(self):
        by = self.decided_by or f"rule ({self.rule})"
        return f"{self.get_status_display()} by {by} at {self.decided_at}"


class BlockedTerm(models.Model):
    """A word or phrase whose comments go straight to spam."""

    value = models.CharField(
        "word or phrase",
        max_length=200,
        help_text="Words match in any form: niqqud, final letters and one-letter "
        "Hebrew prefixes are ignored.",
    )
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["value"]
        constraints = [
            models.UniqueConstraint(fields=["value"], name="articles_blockedterm_once")
        ]

    def __str__(self):
        return self.value
