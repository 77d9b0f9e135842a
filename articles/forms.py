import time
from datetime import date

from django import forms
from django.conf import settings
from django.core import signing
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import MaxLengthValidator
from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles import images
from articles.models import Article, Comment, Photo, Section
from articles.models.search import canonical_query
from articles.pagecache import positive_int

STARTED_SALT = "articles.comment-form-started"


def started_token():
    """A signed note of when a reader was handed the comment form."""
    return signing.dumps(time.time(), salt=STARTED_SALT)


ACCEPT_IMAGES = "image/jpeg,image/png,image/webp,image/gif"


class PhotoForm(forms.ModelForm):
    # A plain file field: the upload pipeline decodes the image and says exactly
    # what is wrong, where Django's ImageField would only say "not an image".
    image = forms.FileField(
        help_text=Photo._meta.get_field("image").help_text,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_IMAGES}),
    )

    class Meta:
        model = Photo
        fields = ["image", "alt_text", "caption", "credit", "focal_x", "focal_y"]

    def clean_image(self):
        image = self.cleaned_data["image"]
        if isinstance(image, UploadedFile):
            return images.clean_upload(image)
        return image


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """
    Up to PHOTO_MAX_FILES_PER_UPLOAD files. Each one is checked later, on its
    own, so that one bad file does not send back the good ones.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT_IMAGES}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        uploads = [upload for upload in files if upload]
        limit = settings.PHOTO_MAX_FILES_PER_UPLOAD
        if len(uploads) > limit:
            raise forms.ValidationError(
                "At most %(limit)d files can be uploaded at once; you chose "
                "%(count)d. Upload them in several goes.",
                code="too_many_files",
                params={"limit": limit, "count": len(uploads)},
            )
        return uploads


class CommentForm(forms.ModelForm):
    consent = forms.BooleanField(
        error_messages={
            "required": _(
                "Please tick the box to accept the comment policy, or your "
                "comment cannot be published."
            )
        }
    )
    # Bots fill in every field; people never see this one.
    website = forms.CharField(required=False, label=_("Leave this field empty"))
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Comment
        fields = ["parent", "author_name", "author_email", "body"]
        widgets = {
            "parent": forms.HiddenInput,
            # Names and comments come in either language: each box follows
            # what is typed into it.
            "author_name": forms.TextInput(attrs={"dir": "auto"}),
            "body": forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
        }
        labels = {
            "author_name": _("name"),
            "author_email": _("email"),
            "body": _("comment"),
        }
        error_messages = {
            "author_name": {
                "required": _("Please give a name to show with your comment.")
            },
            "author_email": {
                "required": _("Please give your email address; it is never shown."),
                "invalid": _("That does not look like an email address."),
            },
            "body": {"required": _("Please write your comment.")},
            "parent": {
                "invalid_choice": _("The comment you are replying to is not available.")
            },
        }

    def __init__(self, *args, article, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article
        self.fields["parent"].queryset = article.comments.approved().filter(parent=None)
        body = self.fields["body"]
        body.widget.attrs["maxlength"] = settings.COMMENT_MAX_LENGTH
        body.validators.append(
            MaxLengthValidator(
                settings.COMMENT_MAX_LENGTH,
                _(
                    "Comments can be at most %(limit_value)d characters long; this "
                    "one has %(show_value)d."
                ),
            )
        )

    @property
    def policy_text(self):
        # The default text is in the catalogue; a site's own is shown as written.
        return gettext(settings.COMMENT_POLICY_TEXT)

    @property
    def policy_version(self):
        return settings.COMMENT_POLICY_VERSION

    def bot_signal(self):
        """Why the post looks automated (honeypot filled, too fast, form too old)."""
        if self.cleaned_data.get("website"):
            return "honeypot"
        try:
            started = signing.loads(self.cleaned_data["started"], salt=STARTED_SALT)
        except signing.BadSignature:
            return "forged form"
        seconds = time.time() - started
        if seconds < settings.COMMENT_MIN_SECONDS:
            return "sent too fast"
        if seconds > settings.COMMENT_FORM_MAX_AGE:
            return "form too old"
        return None

    def save(self, *, ip_address, user_agent):
        """
        Store the comment for moderation and return it; None when the same text
        from the same address is already on the story.
        """
        comment = super().save(commit=False)
        comment.article = self.article
        comment.ip_address = ip_address
        comment.user_agent = user_agent[:300]
        comment.policy_version = settings.COMMENT_POLICY_VERSION
        comment.consented_at = timezone.now()
        try:
            comment.save_screened()
        except IntegrityError:
            return None
        return comment


class CommentReportForm(forms.Form):
    """A reader's report of a comment: a reason from the comment policy, a note."""

    reason = forms.ChoiceField(
        label=_("Why should a moderator look at this comment?"),
        choices=[("", _("Choose a reason")), *Comment.RejectionReason.choices],
        error_messages={"required": _("Please choose a reason.")},
    )
    note = forms.CharField(
        label=_("Anything the moderator should know (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )


def canonical_date(value):
    """
    A date as YYYY-MM-DD; anything else is kept (shortened) for SearchForm to
    refuse with a message.
    """
    value = value.strip()[:20]
    if not value:
        raise ValueError(value)
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        return value


def canonical_slug(value):
    value = value.strip()[:50]
    if not value:
        raise ValueError(value)
    return value


class SearchForm(forms.Form):
    """A reader's search: words, and optionally a section and a date range."""

    # The query parameters of the search page, in the form the page cache keys by.
    PARAMETERS = {
        "q": canonical_query,
        "section": canonical_slug,
        "from": canonical_date,
        "to": canonical_date,
        "page": positive_int,
    }
    DATE_ERROR = "Enter a date as YYYY-MM-DD, such as 2026-11-30."

    q = forms.CharField(label="Search for", required=False)
    section = forms.ModelChoiceField(
        queryset=Section.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="All sections",
        error_messages={"invalid_choice": "There is no such section."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # "from" is a Python keyword, so the date fields are added by name.
        for name, label in (("from", "From"), ("to", "To")):
            self.fields[name] = forms.DateField(
                label=label,
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}),
                error_messages={"invalid": self.DATE_ERROR},
            )

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("from"), cleaned.get("to")
        if first and last and first > last:
            raise forms.ValidationError(
                "The “From” date is after the “To” date.", code="date_range"
            )
        return cleaned

    def results(self):
        """SearchResults for a valid search with words, else None."""
        if not self.is_valid() or not self.cleaned_data["q"]:
            return None
        stories = Article.objects.live().published_between(
            self.cleaned_data["from"], self.cleaned_data["to"]
        )
        if self.cleaned_data["section"]:
            stories = stories.filter(section=self.cleaned_data["section"])
        return stories.search(self.cleaned_data["q"])
