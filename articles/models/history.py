"""What a story's revisions keep beyond its rows (articles/revisions.py)."""

from django.db import models
from reversion.models import Revision


class RevisionTags(models.Model):
    """A story's tag names when a revision was saved: tags can be renamed."""

    # A revision may hold several stories (the story list saves them together).
    revision = models.ForeignKey(
        Revision, on_delete=models.CASCADE, related_name="tag_names"
    )
    article_id = models.IntegerField()
    names = models.JSONField(default=list)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "article_id"], name="articles_revisiontags_once"
            )
        ]

    def __str__(self):
        return ", ".join(self.names)
