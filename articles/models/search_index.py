"""
The story search's indexes in each database (articles/models/search.py searches
them): PostgreSQL's search table, its trigger and its text search configuration,
created by migration 0020; SQLite's FTS5 table and triggers, by migration 0017.
"""

from django.db import connections

from articles.models.search import (
    ANY_TAG,
    ENGLISH_CONFIG,
    ENGLISH_STEMMER,
    INLINE_TAG,
    SEARCH_TABLE,
    plain_text,
)

POSTGRESQL_INDEX = [
    f"""
    CREATE TEXT SEARCH DICTIONARY {ENGLISH_STEMMER}
    (TEMPLATE = snowball, LANGUAGE = english)
    """,
    f"CREATE TEXT SEARCH CONFIGURATION {ENGLISH_CONFIG} (COPY = english)",
    f"""
    ALTER TEXT SEARCH CONFIGURATION {ENGLISH_CONFIG}
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
    WITH {ENGLISH_STEMMER}
    """,
    # PostgreSQL moves long values out of a row only once the row passes 2 kB;
    # toast_tuple_target then moves them all, leaving rows of about 100 bytes.
    # A story's vectors and text pass 2 kB unless the story is very short.
    f"""
    CREATE TABLE {SEARCH_TABLE} (
        id bigint PRIMARY KEY,
        status varchar(10) NOT NULL,
        published_at timestamp with time zone,
        section_id bigint NOT NULL,
        rank_vector tsvector NOT NULL,
        vector tsvector NOT NULL,
        body_text text NOT NULL
    ) WITH (toast_tuple_target = 128)
    """,
    # What the index holds of a story, in one place for the trigger and the fill.
    f"""
    CREATE FUNCTION {SEARCH_TABLE}_entry(story articles_article)
    RETURNS SETOF {SEARCH_TABLE} AS $$
        SELECT story.id, story.status, story.published_at, story.section_id,
            ranked.vector, ranked.vector || to_tsvector(config, story.body),
            regexp_replace(
                regexp_replace(story.body, '{INLINE_TAG}', '', 'gi'),
                '{ANY_TAG}', ' ', 'g'
            )
        FROM (
            SELECT CASE story.language WHEN 'en' THEN '{ENGLISH_CONFIG}'
                ELSE 'simple' END::regconfig AS config
        ) AS language, LATERAL (
            SELECT setweight(to_tsvector(config, story.headline), 'A')
                || setweight(to_tsvector(config, story.standfirst), 'B') AS vector
        ) AS ranked
    $$ LANGUAGE sql STABLE
    """,
    f"CREATE TABLE {SEARCH_TABLE}_word (word text PRIMARY KEY)",
    # No foreign key: Django empties the stories' table with TRUNCATE between
    # some tests, which a table referring to it would refuse.
    f"""
    CREATE FUNCTION {SEARCH_TABLE}_update() RETURNS trigger AS $$
    BEGIN
        IF TG_OP = 'TRUNCATE' THEN
            TRUNCATE {SEARCH_TABLE}, {SEARCH_TABLE}_word;
        ELSIF TG_OP = 'DELETE' THEN
            DELETE FROM {SEARCH_TABLE} WHERE id = OLD.id;
        ELSE
            INSERT INTO {SEARCH_TABLE} SELECT * FROM {SEARCH_TABLE}_entry(NEW)
            ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status,
                published_at = EXCLUDED.published_at,
                section_id = EXCLUDED.section_id,
                rank_vector = EXCLUDED.rank_vector, vector = EXCLUDED.vector,
                body_text = EXCLUDED.body_text;
            -- Words stay when a headline changes or goes: a word no story has
            -- any more finds nothing.
            INSERT INTO {SEARCH_TABLE}_word
            SELECT lexeme FROM unnest(to_tsvector('simple', NEW.headline))
            ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
    END
    $$ LANGUAGE plpgsql
    """,
    f"""
    CREATE TRIGGER {SEARCH_TABLE}_update
    AFTER INSERT OR DELETE OR UPDATE OF headline, standfirst, body, language,
        status, published_at, section_id ON articles_article
    FOR EACH ROW EXECUTE FUNCTION {SEARCH_TABLE}_update()
    """,
    f"""
    CREATE TRIGGER {SEARCH_TABLE}_truncate AFTER TRUNCATE ON articles_article
    FOR EACH STATEMENT EXECUTE FUNCTION {SEARCH_TABLE}_update()
    """,
    f"""
    INSERT INTO {SEARCH_TABLE}
    SELECT entry.* FROM articles_article, {SEARCH_TABLE}_entry(articles_article) entry
    """,
    f"""
    INSERT INTO {SEARCH_TABLE}_word
    SELECT DISTINCT lexeme
    FROM articles_article, unnest(to_tsvector('simple', headline))
    """,
    f"CREATE INDEX {SEARCH_TABLE}_vector ON {SEARCH_TABLE} USING gin (vector)",
    f"CREATE INDEX {SEARCH_TABLE}_word_trigram ON {SEARCH_TABLE}_word "
    "USING gin (word gin_trgm_ops)",
    f"ANALYZE {SEARCH_TABLE}",
    f"ANALYZE {SEARCH_TABLE}_word",
]
POSTGRESQL_INDEX_REMOVED = [
    f"DROP TRIGGER {SEARCH_TABLE}_truncate ON articles_article",
    f"DROP TRIGGER {SEARCH_TABLE}_update ON articles_article",
    f"DROP FUNCTION {SEARCH_TABLE}_update()",
    f"DROP TABLE {SEARCH_TABLE} CASCADE",
    f"DROP TABLE {SEARCH_TABLE}_word",
    f"DROP TEXT SEARCH CONFIGURATION {ENGLISH_CONFIG}",
    f"DROP TEXT SEARCH DICTIONARY {ENGLISH_STEMMER}",
]
SQLITE_TRIGGERS = {
    "articles_article_search_insert": f"""
        AFTER INSERT ON articles_article BEGIN
            INSERT INTO {SEARCH_TABLE} (rowid, headline, standfirst, body)
            VALUES (new.id, new.headline, new.standfirst,
                newsroom_plain_text(new.body));
        END""",
    "articles_article_search_update": f"""
        AFTER UPDATE OF headline, standfirst, body ON articles_article BEGIN
            UPDATE {SEARCH_TABLE} SET headline = new.headline,
                standfirst = new.standfirst, body = newsroom_plain_text(new.body)
            WHERE rowid = new.id;
        END""",
    "articles_article_search_delete": f"""
        AFTER DELETE ON articles_article BEGIN
            DELETE FROM {SEARCH_TABLE} WHERE rowid = old.id;
        END""",
}


def add_plain_text_function(connection, **kwargs):
    """Give a new SQLite connection the function the index triggers call."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "newsroom_plain_text", 1, plain_text, deterministic=True
        )


def remove_sqlite_index(connection):
    with connection.cursor() as cursor:
        for name in SQLITE_TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        cursor.execute(f"DROP TABLE IF EXISTS {SEARCH_TABLE}")


def restore_sqlite_triggers(using, **kwargs):
    """After a migrate, triggers a table rebuild dropped are put back (SQLite)."""
    connection = connections[using]
    if (
        connection.vendor == "sqlite"
        and SEARCH_TABLE in connection.introspection.table_names()
    ):
        ensure_sqlite_index(connection)


def ensure_sqlite_index(connection):
    """
    Create SQLite's index and its triggers where missing, and fill the index
    again if a trigger was: Django's SQLite migrations rebuild a table they
    alter, and the triggers on the old table go with it. Run on every migrate.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {SEARCH_TABLE} USING fts5"
            "(headline, standfirst, body, "
            "tokenize = 'porter unicode61 remove_diacritics 2')"
        )
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
            ["articles_article"],
        )
        present = {name for (name,) in cursor.fetchall()}
        missing = set(SQLITE_TRIGGERS) - present
        for name in missing:
            cursor.execute(f"CREATE TRIGGER {name} {SQLITE_TRIGGERS[name]}")
        if missing:
            cursor.execute(f"DELETE FROM {SEARCH_TABLE}")
            cursor.execute(
                f"INSERT INTO {SEARCH_TABLE} (rowid, headline, standfirst, body) "
                "SELECT id, headline, standfirst, newsroom_plain_text(body) "
                "FROM articles_article"
            )
