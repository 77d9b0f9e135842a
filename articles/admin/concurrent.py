"""
Two editors with one story open: who else has it open, and a save that would
overwrite another editor's changes refused with what they changed.
"""

import hashlib
import json
import time

from django import forms
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.text import get_text_list
from django.utils.timezone import localtime

# An editor who opened a story this long ago, and has not saved it since, is
# taken to have left it.
EDITING_SECONDS = 15 * 60


def _editing_key(article_pk):
    return f"editing:article:{article_pk}"


def note_editing(article_pk, username):
    """Note that `username` opened the story; return the others who have it open."""
    now = time.time()
    editors = {
        name: opened
        for name, opened in cache.get(_editing_key(article_pk), {}).items()
        if now - opened < EDITING_SECONDS
    }
    editors[username] = now
    cache.set(_editing_key(article_pk), editors, EDITING_SECONDS)
    return sorted(name for name in editors if name != username)


def done_editing(article_pk, username):
    editors = cache.get(_editing_key(article_pk), {})
    if editors.pop(username, None) is not None:
        cache.set(_editing_key(article_pk), editors, EDITING_SECONDS)


def fingerprint(article, field_names):
    """{field: digest of its value}, for the fields a form edits, tags and byline."""
    values = {
        field.name: field.value_from_object(article)
        for field in article._meta.concrete_fields
        if field.name in field_names
    }
    if values.get("published_at"):
        # As the form shows it: a first save drops the microseconds.
        values["published_at"] = values["published_at"].replace(microsecond=0)
    values["tags"] = sorted(tag.name for tag in article.tags.all())
    values["bylines"] = [byline.author_id for byline in article.bylines.all()]
    return {
        name: hashlib.sha256(
            json.dumps(value, default=str, sort_keys=True).encode()
        ).hexdigest()[:16]
        for name, value in values.items()
    }


class ConcurrentEditForm(forms.ModelForm):
    """
    A model form that remembers the story as the editor opened it, and refuses to
    save over changes someone else saved meanwhile, naming them.
    """

    opened_as = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["opened_as"].initial = json.dumps(self._fingerprint())

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk and cleaned_data.get("opened_as"):
            try:
                opened = json.loads(cleaned_data["opened_as"])
            except ValueError:
                opened = {}
            now = self._fingerprint()
            changed = [
                name for name, digest in now.items() if opened.get(name) != digest
            ]
            if changed:
                raise ValidationError(self._overwrite_message(changed))
        return cleaned_data

    def _fingerprint(self):
        # The model fields this form writes: the admin's, without read-only ones.
        return fingerprint(self.instance, self._meta.fields)

    def _overwrite_message(self, changed):
        labels = [self._label(name) for name in changed]
        story = self.instance
        who = story.updated_by.get_username() if story.updated_by else "someone"
        when = date_format(localtime(story.updated_at), "j F Y, H:i")
        return (
            f"Not saved: {who} saved this story at {when}, after you opened it, "
            f"and changed {get_text_list(labels, 'and')}. Saving now would undo "
            "their changes. Open the story again to see them, then make yours."
        )

    def _label(self, name):
        if name == "bylines":
            return "the byline"
        field = self.fields.get(name)
        label = field.label if field and field.label else name.replace("_", " ")
        return str(label).lower()
