from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

from articles.models import search_index

# PostgreSQL's first index: a search vector column on the stories' table, kept by
# a trigger. Migration 0020 replaces it with a table of its own.
POSTGRESQL_VECTOR = [
    "ALTER TABLE articles_article ADD COLUMN search_vector tsvector",
    """
    CREATE FUNCTION articles_article_search_vector() RETURNS trigger AS $$
    BEGIN
        NEW.search_vector :=
            setweight(to_tsvector('simple', coalesce(NEW.headline, '')), 'A')
            || setweight(to_tsvector('simple', coalesce(NEW.standfirst, '')), 'B')
            || setweight(to_tsvector('simple', coalesce(NEW.body, '')), 'C');
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER articles_article_search_vector
    BEFORE INSERT OR UPDATE ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_article_search_vector()
    """,
    "UPDATE articles_article SET headline = headline",
    "CREATE INDEX articles_article_search ON articles_article "
    "USING gin (search_vector)",
]
POSTGRESQL_VECTOR_REMOVED = [
    "DROP TRIGGER articles_article_search_vector ON articles_article",
    "DROP FUNCTION articles_article_search_vector()",
    "ALTER TABLE articles_article DROP COLUMN search_vector",
]


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRESQL_VECTOR:
            schema_editor.execute(statement)
        schema_editor.execute(
            "CREATE INDEX articles_article_headline_trigram ON articles_article "
            "USING gin (headline gin_trgm_ops)"
        )
    elif schema_editor.connection.vendor == "sqlite":
        search_index.ensure_sqlite_index(schema_editor.connection)


def remove_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX articles_article_headline_trigram")
        for statement in POSTGRESQL_VECTOR_REMOVED:
            schema_editor.execute(statement)
    elif schema_editor.connection.vendor == "sqlite":
        search_index.remove_sqlite_index(schema_editor.connection)


class Migration(migrations.Migration):
    """Story search: PostgreSQL's search vector and trigram indexes, or SQLite's FTS5."""

    dependencies = [
        ('articles', '0016_help_text_names_insert_gallery'),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_index, remove_index),
    ]
