from django.db import migrations

from articles.migrations._groups import grant

EDITOR_MODELS = ["article", "section", "author", "byline", "tag", "taggeditem"]


def create_groups(apps, schema_editor):
    grant(apps, "Editors", EDITOR_MODELS, ["publish_article"])
    grant(apps, "Moderators")


def delete_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=["Editors", "Moderators"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        (
            "taggit",
            "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx",
        ),
    ]

    operations = [migrations.RunPython(create_groups, delete_groups)]
