"""What a story's revisions keep beyond its rows (articles/revisions.py)."""

from django.db import models
from reversion.models import Revision


class RevisionTags(models.Model):
    """The story's tag names when the revision was saved: tags can be renamed."""

    revision = models.OneToOneField(
        Revision, on_delete=models.CASCADE, related_name="tag_names"
    )
    names = models.JSONField(default=list)

    def __str__(self):
        return ", ".join(self.names)
