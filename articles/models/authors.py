"""Who writes stories, and the bylines that name them."""

from django.db import models
from django.urls import reverse

from articles.pagecache.writes import TrackedQuerySet


def join_with_and(items, language="en"):
    """["A", "B", "C"] -> "A, B and C"; in Hebrew the "and" (ו) joins the last."""
    if len(items) <= 1:
        return "".join(items)
    conjunction = " ו" if language == "he" else " and "
    return f"{', '.join(items[:-1])}{conjunction}{items[-1]}"


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
