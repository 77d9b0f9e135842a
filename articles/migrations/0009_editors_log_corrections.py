from django.db import migrations

from articles.migrations._groups import grant, revoke

MODELS = ["correction"]


def grant_editors(apps, schema_editor):
    grant(apps, "Editors", MODELS)


def revoke_editors(apps, schema_editor):
    revoke(apps, "Editors", MODELS)


class Migration(migrations.Migration):
    dependencies = [("articles", "0008_corrections_log")]

    operations = [migrations.RunPython(grant_editors, revoke_editors)]
