from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

from articles.models import search


def create_index(apps, schema_editor):
    search.create_index(schema_editor)


def remove_index(apps, schema_editor):
    search.remove_index(schema_editor)


class Migration(migrations.Migration):
    """Story search: PostgreSQL's search vector and trigram indexes, or SQLite's FTS5."""

    dependencies = [
        ('articles', '0016_help_text_names_insert_gallery'),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_index, remove_index),
    ]
