from django.db import migrations

from articles.migrations._groups import grant, revoke

# Comments come from readers and their history must stay: no adding or deleting.
CODENAMES = [
    "view_comment",
    "change_comment",
    "moderate_comment",
    "view_commentdecision",
    "view_blockedterm",
    "add_blockedterm",
    "change_blockedterm",
    "delete_blockedterm",
]


def grant_moderation(apps, schema_editor):
    for group in ("Moderators", "Editors"):
        grant(apps, group, codenames=CODENAMES)


def revoke_moderation(apps, schema_editor):
    for group in ("Moderators", "Editors"):
        revoke(apps, group, codenames=CODENAMES)


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_comments")]

    operations = [migrations.RunPython(grant_moderation, revoke_moderation)]
