"""How often each story was read, hour by hour: the database's most-read counts."""

from datetime import timedelta

from django.db import IntegrityError, models, transaction
from django.db.models import F, Sum

from articles.models.stories import Article

# Counts older than this are deleted when a new hour starts being counted.
KEEP_HOURS = 48


class ReadCountQuerySet(models.QuerySet):
    def most_read_since(self, hour, number):
        """
        {story id: reads} of the `number` stories read most from `hour` on: the
        counts summed from the hour's index, never a walk through the stories.
        """
        rows = (
            self.filter(hour__gte=hour)
            .values("article_id")
            .annotate(reads=Sum("count"))
            .order_by("-reads", "-article_id")[:number]
        )
        return {row["article_id"]: row["reads"] for row in rows}

    def add_reads(self, article_id, hour, reads=1):
        """
        Count `reads` of the story in `hour`; a story's first read of an hour also
        deletes the counts past KEEP_HOURS.
        """
        counted = self.filter(article_id=article_id, hour=hour)
        if counted.update(count=F("count") + reads):
            return
        try:
            with transaction.atomic():
                self.create(article_id=article_id, hour=hour, count=reads)
        except IntegrityError:
            # Another reader's first read of this hour got there first.
            counted.update(count=F("count") + reads)
            return
        self.filter(hour__lt=hour - timedelta(hours=KEEP_HOURS)).delete()


class ReadCount(models.Model):
    """
    Reads of one story in one hour, as counted by the beacon of its page. Nothing
    about the reader is kept.
    """

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="read_counts"
    )
    hour = models.DateTimeField(help_text="The start of the hour counted.")
    count = models.PositiveIntegerField(default=0)

    objects = ReadCountQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["article", "hour"], name="articles_readcount_one_per_hour"
            ),
        ]
        indexes = [models.Index(fields=["hour"], name="articles_readcount_hour")]

    def __str__(self):
        return f"{self.article_id} at {self.hour:%Y-%m-%d %H:00}: {self.count}"
