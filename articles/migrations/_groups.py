"""Helpers for the migrations that give the staff groups their permissions."""

from django.contrib.auth.management import create_permissions


def _permissions(apps, models=(), codenames=()):
    # Permissions are normally created after all migrations have run; the groups
    # need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    by_model = Permission.objects.filter(content_type__model__in=models)
    by_codename = Permission.objects.filter(codename__in=codenames)
    return by_model | by_codename


def grant(apps, group_name, models=(), codenames=()):
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=group_name)
    group.permissions.add(*_permissions(apps, models, codenames))


def revoke(apps, group_name, models=(), codenames=()):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name=group_name):
        group.permissions.remove(*_permissions(apps, models, codenames))
