"""Readers' reports of approved comments, for a moderator to look at."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class CommentReportQuerySet(models.QuerySet):
    def open(self):
        """Reports no moderator has acted on yet."""
        return self.filter(handled_at__isnull=True)


class CommentReport(models.Model):
    """
    One reader's report of a comment. Readers are told apart by a keyed hash of
    their address, never the address itself; each may report a comment once.
    """

    comment = models.ForeignKey(
        "articles.Comment", on_delete=models.CASCADE, related_name="reports"
    )
    reason = models.CharField(max_length=20)
    note = models.TextField(blank=True)
    reporter = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    handled_at = models.DateTimeField(
        null=True, blank=True, help_text="When a moderator decided the comment."
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = CommentReportQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter"], name="articles_commentreport_once"
            )
        ]
        indexes = [
            models.Index(
                fields=["comment"],
                condition=Q(handled_at__isnull=True),
                name="articles_commentreport_open",
            )
        ]

    def __str__(self):
        return f"{self.reason}: {self.comment_id}"
