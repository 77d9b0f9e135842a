from importlib import import_module

from django.db import migrations

from articles.models import search_index

# The first index, kept as migration 0017 made it, to go back to.
first = import_module("articles.migrations.0017_search")
# Near misses come from a table of headline words (see search.py) now.
HEADLINE_TRIGRAM = (
    "CREATE INDEX articles_article_headline_trigram ON articles_article "
    "USING gin (headline gin_trgm_ops)"
)


def create_table(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX articles_article_headline_trigram")
        for statement in first.POSTGRESQL_VECTOR_REMOVED + search_index.POSTGRESQL_INDEX:
            schema_editor.execute(statement)
    elif schema_editor.connection.vendor == "sqlite":
        # Made again with the English stemmer (porter).
        search_index.remove_sqlite_index(schema_editor.connection)
        search_index.ensure_sqlite_index(schema_editor.connection)


def remove_table(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in search_index.POSTGRESQL_INDEX_REMOVED + first.POSTGRESQL_VECTOR:
            schema_editor.execute(statement)
        schema_editor.execute(HEADLINE_TRIGRAM)


class Migration(migrations.Migration):
    """
    PostgreSQL's search index moves to a narrow table of its own, which a search
    reads far less of than the stories' table, and near misses to a table of
    headline words (see articles/models/search.py). English words are searched
    by their stems on both databases.
    """

    dependencies = [
        ("articles", "0019_read_counts"),
    ]

    operations = [
        migrations.RunPython(create_table, remove_table),
    ]
