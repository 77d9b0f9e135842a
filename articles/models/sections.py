"""The sections stories are filed under, which make the site's menu."""

from django.db import models
from django.urls import reverse

from articles.pagecache import depends_on, keys
from articles.pagecache.writes import TrackedQuerySet


class Section(models.Model):
    name = models.CharField(max_length=80, help_text="As shown in the site menu.")
    slug = models.SlugField(max_length=80, unique=True, help_text="Used in the URL.")
    description = models.TextField(
        blank=True, help_text="One or two sentences shown on the section page."
    )
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Sections are listed from the lowest number up."
    )

    objects = TrackedQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:section-detail", kwargs={"slug": self.slug})

    @classmethod
    def from_db(cls, db, field_names, values, *args, **kwargs):
        # A page that shows a section's name shows what the menu shows.
        depends_on(keys.MENU)
        return super().from_db(db, field_names, values, *args, **kwargs)
