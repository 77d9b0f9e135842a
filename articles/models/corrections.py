"""The corrections and updates log: what a story got wrong, or added, and when."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models.stories import Article
from articles.pagecache import depends_on, keys
from articles.pagecache.writes import TrackedQuerySet


class CorrectionQuerySet(TrackedQuerySet):
    def live(self):
        """
        Entries of stories a reader may see, with their story, newest first. A
        page listing them shows the log and which stories are live.
        """
        depends_on(keys.CORRECTIONS, keys.STORIES)
        return (
            self.filter(
                article__in=Article.objects.live(), published_at__lte=timezone.now()
            )
            .select_related("article")
            .order_by("-published_at", "-pk")
        )


class Correction(models.Model):
    """One entry of a story's log, shown to readers in a box on the story."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        CLARIFICATION = "clarification", _("Clarification")
        UPDATE = "update", _("Update")

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="corrections"
    )
    kind = models.CharField(max_length=13, choices=Kind.choices)
    text = models.TextField(
        help_text="What was wrong and what is right, or what was added, as readers "
        "will read it."
    )
    published_at = models.DateTimeField("time", default=timezone.now)

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["published_at", "pk"]
        verbose_name = "correction or update"
        verbose_name_plural = "Corrections and updates (shown to readers)"
        indexes = [models.Index(fields=["-published_at", "-id"])]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.article}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # A log entry is a change readers are told about: the story's modified
        # time moves to it (and never back).
        Article.objects.filter(pk=self.article_id).filter(
            Q(revised_at__isnull=True) | Q(revised_at__lt=self.published_at)
        ).update(revised_at=self.published_at)

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#correction-{self.pk}"

    def json_ld(self):
        return {
            "@type": "CorrectionComment",
            "text": f"{self.get_kind_display()}: {self.text}",
            "datePublished": self.published_at.isoformat(timespec="seconds"),
        }
