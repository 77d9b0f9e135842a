"""An editor's story form as it was last autosaved, for recovery after a closed tab."""

import json
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.http import QueryDict
from django.utils import timezone

from articles.models.stories import Article

# Autosaves nobody came back to within this many days are deleted on the next write.
KEEP_DAYS = 7
# Far more than the longest story's form; the endpoint refuses anything larger.
MAX_BYTES = 1_000_000


class AutosaveQuerySet(models.QuerySet):
    def of_form(self, user, article):
        """The autosave of `user`'s form for `article`, or for a new story (None)."""
        return self.filter(user=user, article=article)

    def stale(self):
        return self.filter(saved_at__lt=timezone.now() - timedelta(days=KEEP_DAYS))

    def store(self, user, article, data):
        """Keep `data` as `user`'s autosave of the form, dropping stale autosaves."""
        self.stale().delete()
        autosave, _created = self.update_or_create(
            user=user,
            article=article,
            defaults={"data": data, "saved_at": timezone.now()},
        )
        return autosave


class Autosave(models.Model):
    """The story form as the editor had it, never the story itself."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="autosaves"
    )
    # Empty for the form of a story not saved yet.
    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="autosaves",
    )
    # {"fields": {name: [value, ...]}, "labels": {name: {value: label}}}: the form's
    # values as the browser would send them, and the text of the options chosen in
    # selects that load their options on demand (tags, lead photo).
    data = models.JSONField()
    saved_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = AutosaveQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "article"], name="articles_autosave_one_per_story"
            ),
            # NULLs are distinct in a unique constraint: one new-story form each.
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(article__isnull=True),
                name="articles_autosave_one_new_story",
            ),
        ]

    def __str__(self):
        return f"{self.user} on {self.article or 'a new story'} at {self.saved_at}"

    def form_data(self):
        """The autosaved fields as a form would receive them."""
        data = QueryDict(mutable=True)
        for name, values in self.data["fields"].items():
            data.setlist(name, values)
        return data


def parse_form_data(body):
    """
    The autosave data in a request body, checked for shape; ValueError says what
    is wrong.
    """
    try:
        data = json.loads(body)
    except ValueError:
        raise ValueError("The autosave is not valid JSON.") from None
    if not isinstance(data, dict):
        raise ValueError("The autosave must be a JSON object.")
    fields = data.get("fields")
    labels = data.get("labels", {})
    if not isinstance(fields, dict) or not all(
        isinstance(values, list) and all(isinstance(value, str) for value in values)
        for values in fields.values()
    ):
        raise ValueError("“fields” must map each field name to a list of strings.")
    if not isinstance(labels, dict) or not all(
        isinstance(options, dict)
        and all(isinstance(label, str) for label in options.values())
        for options in labels.values()
    ):
        raise ValueError("“labels” must map each field name to {value: label}.")
    return {"fields": fields, "labels": labels}
