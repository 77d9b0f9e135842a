from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_MODELS = {
    "articles": ["article", "section", "author", "byline"],
    "taggit": ["tag", "taggeditem"],
}
EDITOR_EXTRA_PERMISSIONS = [("articles", "publish_article")]


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations have run; the groups
    # need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Editors")
    Group.objects.get_or_create(name="Moderators")

    for app_label, models in EDITOR_MODELS.items():
        editors.permissions.add(
            *Permission.objects.filter(
                content_type__app_label=app_label, content_type__model__in=models
            )
        )
    for app_label, codename in EDITOR_EXTRA_PERMISSIONS:
        editors.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


def delete_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=["Editors", "Moderators"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(create_groups, delete_groups)]
