"""Who writes stories, and the bylines that name them."""

from django.db import models
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import get_language_bidi, gettext, pgettext

from articles.models.photos import text_direction
from articles.pagecache.writes import TrackedQuerySet


def join_with_and(items):
    """
    ["A", "B", "C"] -> "A, B and C" in the active language: in Hebrew the "and"
    (ו) is joined to the last name, "יעל כהן ורויטרס", with a hyphen before a
    name in Latin letters, "יעל כהן ו-Reuters". Items may be HTML.
    """
    if len(items) <= 1:
        return "".join(items)
    language_direction = "rtl" if get_language_bidi() else "ltr"
    if text_direction(strip_tags(items[-1])) == language_direction:
        joined = gettext("%(items)s and %(last)s")
    else:
        joined = pgettext(
            "the last item is in another script", "%(items)s and %(last)s"
        )
    return joined % {"items": ", ".join(items[:-1]), "last": items[-1]}


class Author(models.Model):
    name = models.CharField(max_length=120, help_text="As printed in the byline.")
    slug = models.SlugField(max_length=120, unique=True, allow_unicode=True)
    role = models.CharField(
        max_length=120, blank=True, help_text="For example “Diplomatic correspondent”."
    )
    bio = models.TextField(
        blank=True, help_text="A few lines shown on the author page."
    )
    is_agency = models.BooleanField(
        "news agency",
        default=False,
        help_text="Tick for wire services such as Reuters or AFP.",
    )

    objects = TrackedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:author-detail", kwargs={"slug": self.slug})


class BylineManager(models.Manager.from_queryset(TrackedQuerySet)):
    def get_queryset(self):
        # A byline is always shown with its author's name.
        return super().get_queryset().select_related("author")


class Byline(models.Model):
    """One author of one story, in the order the byline names them."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="bylines"
    )
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    objects = BylineManager()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "author"], name="articles_byline_author_once"
            )
        ]

    def __str__(self):
        return f"{self.author} on {self.article}"
