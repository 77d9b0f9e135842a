"""
Every write to a model readers see makes stale what it changed, whichever way it
is made: save() and delete() (cascades included, so the admin's forms, inlines
and delete actions too), bulk update(), bulk_create() and bulk_update(), and
many-to-many changes, whose through models are tracked like any other model.
What a write touches is declared once, in articles/models/touches.py.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.apps import apps
from django.core import checks
from django.db import models, transaction
from django.db.models.signals import post_save, pre_delete, pre_save

from articles.pagecache.dependencies import invalidate

# model -> function(list of (row before, row after)) -> keys made stale
_touches = {}
# (model, pk) of the rows a bulk delete has already accounted for.
_deleting_in_bulk = ContextVar("pagecache_deleting_in_bulk", default=frozenset())


def changed(model, changes):
    """Make stale what these changes to `model` rows touch: (before, after) pairs."""
    if changes:
        invalidate(_touches[model](changes))


class TrackedQuerySet(models.QuerySet):
    """Bulk writes make stale what they change, as save() and delete() do."""

    def update(self, **kwargs):
        before = list(self._chain())
        rows = super().update(**kwargs)
        changed(self.model, list(zip(before, _reloaded(before), strict=True)))
        return rows

    update.alters_data = True

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        before = _reloaded(objs)
        rows = super().bulk_update(objs, fields, *args, **kwargs)
        changed(self.model, list(zip(before, _reloaded(objs), strict=True)))
        return rows

    bulk_update.alters_data = True

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        changed(self.model, [(None, obj) for obj in created])
        return created

    bulk_create.alters_data = True

    def delete(self):
        # Accounted for here in one batch, not row by row by the signal; rows
        # the deletion cascades to are still accounted for by the signal. In one
        # transaction with the deletion, so pages go stale again once it commits.
        with transaction.atomic(using=self.db):
            rows = list(self._chain())
            changed(self.model, [(row, None) for row in rows])
            with _deleting({(self.model, row.pk) for row in rows}):
                return super().delete()

    delete.alters_data = True


def _reloaded(rows):
    """The rows as the database holds them now, in the same order."""
    if not rows:
        return []
    model = type(rows[0])
    by_pk = model._base_manager.in_bulk([row.pk for row in rows])
    return [by_pk.get(row.pk) for row in rows]


@contextmanager
def _deleting(rows):
    token = _deleting_in_bulk.set(_deleting_in_bulk.get() | rows)
    try:
        yield
    finally:
        _deleting_in_bulk.reset(token)


def track(touches):
    """Apply `touches` ({model: function}) on every write path of each model."""
    _touches.update(touches)
    for model in touches:
        uid = f"pagecache:{model._meta.label}"
        pre_save.connect(_before_save, sender=model, dispatch_uid=uid)
        post_save.connect(_after_save, sender=model, dispatch_uid=uid)
        pre_delete.connect(_before_delete, sender=model, dispatch_uid=uid)
        # Models of other apps (taggit's, many-to-many through models) get the
        # tracked queryset on their managers; this app's declare it themselves.
        for manager in model._meta.managers:
            if not issubclass(manager._queryset_class, TrackedQuerySet):
                manager._queryset_class = type(
                    f"Tracked{manager._queryset_class.__name__}",
                    (TrackedQuerySet, manager._queryset_class),
                    {},
                )


def _before_save(sender, instance, raw=False, **kwargs):
    if instance.pk is not None and not instance._state.adding:
        instance._pagecache_before = sender._base_manager.filter(pk=instance.pk).first()


def _after_save(sender, instance, **kwargs):
    before = instance.__dict__.pop("_pagecache_before", None)
    changed(sender, [(before, instance)])


def _before_delete(sender, instance, **kwargs):
    if (sender, instance.pk) not in _deleting_in_bulk.get():
        changed(sender, [(instance, None)])


@checks.register()
def check_every_model_says_what_it_touches(app_configs, **kwargs):
    """Each model of this app and taggit's is declared shown to readers or not."""
    from articles.models.touches import NOT_SHOWN_TO_READERS, TOUCHES

    declared = set(TOUCHES) | set(NOT_SHOWN_TO_READERS)
    errors = []
    for label in ("articles", "taggit"):
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if model not in declared:
                errors.append(
                    checks.Error(
                        f"{model._meta.label} is not in TOUCHES or "
                        "NOT_SHOWN_TO_READERS (articles/models/touches.py).",
                        hint="Say which cached pages a write to it makes stale.",
                        obj=model,
                        id="articles.E001",
                    )
                )
    return errors
