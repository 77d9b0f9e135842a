from django.db import models

from articles.caching import content_changed


class PublicContentQuerySet(models.QuerySet):
    """Bulk writes to anything readers see make the cached pages out of date."""

    # What a write makes out of date; comments override it.
    changed = staticmethod(content_changed)

    def update(self, **kwargs):
        rows = super().update(**kwargs)
        self.changed()
        return rows

    def delete(self):
        result = super().delete()
        self.changed()
        return result

    def bulk_create(self, *args, **kwargs):
        created = super().bulk_create(*args, **kwargs)
        self.changed()
        return created


class PublicContent(models.Model):
    """A model readers see: saving or deleting one makes cached pages out of date."""

    objects = PublicContentQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        content_changed()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        content_changed()
        return result
