from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["photo", "gallery", "galleryphoto"]


def grant_editors(apps, schema_editor):
    # Permissions for the new models are normally created after all migrations.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.get(name="Editors").permissions.add(
        *Permission.objects.filter(
            content_type__app_label="articles", content_type__model__in=MODELS
        )
    )


def revoke_editors(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="articles", content_type__model__in=MODELS
    )
    for editors in Group.objects.filter(name="Editors"):
        editors.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_photos_and_galleries")]

    operations = [migrations.RunPython(grant_editors, revoke_editors)]
