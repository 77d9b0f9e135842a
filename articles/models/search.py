"""
Story search: what a reader's words mean, and how each database finds them.

A query reads like a web search engine's: words must all appear, "quoted words"
in that order, `or` between two words accepts either, and `-word` leaves out
stories with the word. `parse_query()` turns the text into `SearchTerms`, which
each database backend turns into its own query language, so no text a reader
types is ever SQL or query syntax. On PostgreSQL a weighted `tsvector` column
kept by a trigger (headline A, standfirst B, body C) with a GIN index, and a
trigram index on headlines for near misses; on SQLite an FTS5 table kept by
triggers. Both are created in migration 0017.

Hebrew has no stemmer: a Hebrew word also finds the same word after one of the
one-letter prefixes ו ה ב כ ל מ ש ("בית" finds "הבית" and "לבית").
"""

import html
import re
from dataclasses import dataclass

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
    TrigramWordSimilarity,
)
from django.db import connections
from django.db.models import Expression, F, Func, Value
from django.db.models.expressions import RawSQL
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

# Longest query kept, after spaces are collapsed: a 10,000-character query is
# its first 100 characters, so each query costs about the same.
MAX_QUERY_LENGTH = 100
# Words, phrases and exclusions a query may use; any more are ignored.
MAX_TERMS = 8
HEBREW_PREFIXES = "והבכלמש"
WORD = re.compile(r"[^\W_]+")
HEBREW = re.compile(r"[\u05d0-\u05ea]")
# -word, -"a phrase", "a phrase" (the closing quote optional), or a bare token.
TOKEN = re.compile(r'(-?)(?:"([^"]*)"?|(\S+))')
# Around each matching word in excerpts: characters no story text contains.
MARK_START, MARK_END = "\x02", "\x03"
MARKED = re.compile(f"{MARK_START}(.*?){MARK_END}", re.DOTALL)
EXCERPT_WORDS = 30
FTS_TABLE = "articles_article_search"
# Removing a story body's HTML: inline tags join the words around them, others
# separate them. Python and PostgreSQL read these patterns alike.
INLINE_TAG = r"</?(a|b|i|em|strong|code|s|u|sub|sup|span)([\s/][^>]*)?>"
ANY_TAG = r"<[^>]*>"


def canonical_query(text):
    """
    A query as the page cache keeps it: trimmed, spaces collapsed, lower case,
    at most MAX_QUERY_LENGTH characters. Empty is a ValueError (no query).
    """
    canonical = " ".join(text.split()).casefold()[:MAX_QUERY_LENGTH].strip()
    if not canonical:
        raise ValueError(text)
    return canonical


@dataclass(frozen=True)
class Term:
    """A word, or the words of a phrase in order."""

    words: tuple

    def word_forms(self, word):
        """The word, and the same Hebrew word after each one-letter prefix."""
        if HEBREW.match(word):
            return (word, *(prefix + word for prefix in HEBREW_PREFIXES))
        return (word,)


@dataclass(frozen=True)
class SearchTerms:
    """Groups of terms that must all match (any term of a group), and exclusions."""

    required: tuple  # of tuples of Term
    excluded: tuple  # of Term

    def __bool__(self):
        return bool(self.required)

    def words(self):
        return [
            word for group in self.required for term in group for word in term.words
        ]

    def as_tsquery(self):
        """PostgreSQL's to_tsquery() syntax, every word quoted."""

        def term(term):
            return " <-> ".join(
                "(" + " | ".join(f"'{form}'" for form in term.word_forms(word)) + ")"
                for word in term.words
            )

        required = " & ".join(
            "(" + " | ".join(map(term, group)) + ")" for group in self.required
        )
        return required + "".join(f" & !({term(t)})" for t in self.excluded)

    def as_fts5(self):
        """SQLite FTS5's MATCH syntax, every word quoted."""

        def term(term):
            if len(term.words) > 1:
                return '"' + " ".join(term.words) + '"'
            forms = term.word_forms(term.words[0])
            return "(" + " OR ".join(f'"{form}"' for form in forms) + ")"

        required = " AND ".join(
            "(" + " OR ".join(map(term, group)) + ")" for group in self.required
        )
        return f"({required})" + "".join(f" NOT {term(t)}" for t in self.excluded)


def parse_query(text):
    """
    SearchTerms for what a reader typed. Anything that is not a letter or a digit
    only separates words, so quotes, SQL and emoji cannot make the query fail:
    at worst it finds nothing.
    """
    required, excluded = [], []
    either = False
    for negated, phrase, bare in TOKEN.findall(text.casefold()):
        if bare == "or" and not negated:
            either = bool(required)
            continue
        words = tuple(WORD.findall(phrase or bare))
        if not words:
            continue
        if negated:
            excluded.append(Term(words))
        elif either:
            required[-1] = (*required[-1], Term(words))
        else:
            required.append((Term(words),))
        either = False
    return SearchTerms(tuple(required[:MAX_TERMS]), tuple(excluded[:MAX_TERMS]))


def marked_html(text, unescape=False):
    """
    Text with MARK_START/MARK_END around matching words, as HTML: everything
    escaped, the matches in <mark>. `unescape`: the text comes from HTML.
    """

    def escaped(part):
        return conditional_escape(html.unescape(part) if unescape else part)

    pieces = MARKED.split(text)
    # split() with a group: text, match, text, match, ..., text.
    return mark_safe(
        "".join(
            f"<mark>{escaped(piece)}</mark>" if index % 2 else escaped(piece)
            for index, piece in enumerate(pieces)
        )
    )


def plain_text(body):
    """A story body's text without its HTML, as SQLite's index holds it."""
    without_inline = re.sub(INLINE_TAG, "", body or "", flags=re.IGNORECASE)
    return html.unescape(re.sub(ANY_TAG, " ", without_inline))


class SearchVectorColumn(Expression):
    """
    The stories' search vector (PostgreSQL), a column no model field maps, so
    that stories loaded or kept in the cache never carry it.
    """

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f"{table}.search_vector", []


@dataclass
class Found:
    """One story found, with its headline and excerpt as HTML, matches marked."""

    article: object
    headline_html: str
    excerpt_html: str


class PostgresSearch:
    def __init__(self, stories, terms):
        self.stories, self.terms = stories, terms
        self.fallback = False  # set by count(): nothing matched, near misses shown
        self.query = SearchQuery(terms.as_tsquery(), search_type="raw", config="simple")

    def matching(self):
        return self.stories.alias(search_vector=SearchVectorColumn()).filter(
            search_vector=self.query
        )

    def near_misses(self):
        """
        Stories whose headline has a word like the query's (pg_trgm), without
        the words the query leaves out.
        """
        similar = self.stories.filter(headline__trigram_word_similar=self.text())
        if not self.terms.excluded:
            return similar
        left_out = SearchTerms(required=(self.terms.excluded,), excluded=())
        return similar.exclude(pk__in=PostgresSearch(self.stories, left_out).matching())

    def text(self):
        return " ".join(self.terms.words())

    def count(self):
        found = self.matching().count()
        if not found and self.terms:
            self.fallback = True
            found = self.near_misses().count()
        return found

    def page(self, start, stop):
        if self.fallback:
            return self.near_miss_page(start, stop)
        marks = {"start_sel": MARK_START, "stop_sel": MARK_END, "config": "simple"}
        without_inline = Func(
            F("body"),
            Value(INLINE_TAG),
            Value(""),
            Value("gi"),
            function="regexp_replace",
        )
        body_text = Func(
            without_inline,
            Value(ANY_TAG),
            Value(" "),
            Value("g"),
            function="regexp_replace",
        )
        rows = (
            self.matching()
            .for_listing()
            .annotate(
                rank=SearchRank(SearchVectorColumn(), self.query),
                marked_headline=SearchHeadline(
                    "headline", self.query, highlight_all=True, **marks
                ),
                marked_standfirst=SearchHeadline(
                    "standfirst", self.query, highlight_all=True, **marks
                ),
                marked_body=SearchHeadline(
                    body_text,
                    self.query,
                    max_words=EXCERPT_WORDS,
                    min_words=EXCERPT_WORDS // 2,
                    **marks,
                ),
            )
            .order_by("-rank", "-published_at", "-pk")[start:stop]
        )
        return [
            found(a, a.marked_headline, a.marked_standfirst, a.marked_body, True)
            for a in rows
        ]

    def near_miss_page(self, start, stop):
        rows = (
            self.near_misses()
            .for_listing()
            .annotate(similarity=TrigramWordSimilarity(self.text(), "headline"))
            .order_by("-similarity", "-published_at", "-pk")[start:stop]
        )
        return [found(a, a.headline, a.standfirst, "", False) for a in rows]


class SQLiteSearch:
    def __init__(self, stories, terms):
        self.stories, self.terms = stories, terms
        self.match = terms.as_fts5()

    def matching(self):
        ids = RawSQL(
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [self.match]
        )
        return self.stories.filter(pk__in=ids)

    def count(self):
        return self.matching().count()

    def page(self, start, stop):
        allowed, params = self.stories.order_by().values("pk").query.sql_with_params()
        marks = [MARK_START, MARK_END]
        # bm25 weights: headline, standfirst, body.
        sql = f"""
            SELECT rowid, highlight({FTS_TABLE}, 0, %s, %s),
                highlight({FTS_TABLE}, 1, %s, %s),
                snippet({FTS_TABLE}, 2, %s, %s, '…', {EXCERPT_WORDS})
            FROM {FTS_TABLE}
            WHERE {FTS_TABLE} MATCH %s AND rowid IN ({allowed})
            ORDER BY bm25({FTS_TABLE}, 10.0, 4.0, 1.0), rowid DESC
            LIMIT %s OFFSET %s
        """
        with connections[self.stories.db].cursor() as cursor:
            cursor.execute(
                sql, [*marks, *marks, *marks, self.match, *params, stop - start, start]
            )
            rows = cursor.fetchall()
        articles = self.stories.for_listing().in_bulk([row[0] for row in rows])
        return [
            found(articles[pk], headline, standfirst, body, False)
            for pk, headline, standfirst, body in rows
            if pk in articles
        ]


def found(article, headline, standfirst, body, body_is_html):
    """A Found story; its excerpt is the body's passage with a match, if any."""
    if MARK_START in body:
        excerpt = marked_html(body, unescape=body_is_html)
    else:
        excerpt = marked_html(Truncator(standfirst).words(EXCERPT_WORDS * 2))
    return Found(article, marked_html(headline), excerpt)


BACKENDS = {"postgresql": PostgresSearch, "sqlite": SQLiteSearch}


class SearchResults:
    """
    The stories of a queryset that match SearchTerms, best first, as a sequence
    Django's Paginator can count and slice into Found stories.
    """

    def __init__(self, stories, terms):
        self.terms = terms
        self.backend = BACKENDS[connections[stories.db].vendor](stories, terms)

    def count(self):
        return self.backend.count() if self.terms else 0

    def __getitem__(self, bounds):
        if not self.terms:
            return []
        return self.backend.page(bounds.start or 0, bounds.stop)

    @property
    def near_misses(self):
        """Whether these are near misses, nothing having matched (PostgreSQL)."""
        return getattr(self.backend, "fallback", False)


# The indexes, created by migration 0017 for the database in use.

POSTGRESQL_INDEX = [
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
    "CREATE INDEX articles_article_headline_trigram ON articles_article "
    "USING gin (headline gin_trgm_ops)",
]
POSTGRESQL_INDEX_REMOVED = [
    "DROP INDEX articles_article_headline_trigram",
    "DROP TRIGGER articles_article_search_vector ON articles_article",
    "DROP FUNCTION articles_article_search_vector()",
    "ALTER TABLE articles_article DROP COLUMN search_vector",
]
SQLITE_TRIGGERS = {
    "articles_article_search_insert": f"""
        AFTER INSERT ON articles_article BEGIN
            INSERT INTO {FTS_TABLE} (rowid, headline, standfirst, body)
            VALUES (new.id, new.headline, new.standfirst,
                newsroom_plain_text(new.body));
        END""",
    "articles_article_search_update": f"""
        AFTER UPDATE OF headline, standfirst, body ON articles_article BEGIN
            UPDATE {FTS_TABLE} SET headline = new.headline,
                standfirst = new.standfirst, body = newsroom_plain_text(new.body)
            WHERE rowid = new.id;
        END""",
    "articles_article_search_delete": f"""
        AFTER DELETE ON articles_article BEGIN
            DELETE FROM {FTS_TABLE} WHERE rowid = old.id;
        END""",
}


def add_plain_text_function(connection, **kwargs):
    """Give a new SQLite connection the function the index triggers call."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "newsroom_plain_text", 1, plain_text, deterministic=True
        )


def create_index(schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRESQL_INDEX:
            schema_editor.execute(statement)
    elif schema_editor.connection.vendor == "sqlite":
        ensure_sqlite_index(schema_editor.connection)


def remove_index(schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRESQL_INDEX_REMOVED:
            schema_editor.execute(statement)
    elif schema_editor.connection.vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            for name in SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


def restore_sqlite_triggers(using, **kwargs):
    """After a migrate, triggers a table rebuild dropped are put back (SQLite)."""
    connection = connections[using]
    if (
        connection.vendor == "sqlite"
        and FTS_TABLE in connection.introspection.table_names()
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
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5"
            "(headline, standfirst, body, tokenize = 'unicode61 remove_diacritics 2')"
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
            cursor.execute(f"DELETE FROM {FTS_TABLE}")
            cursor.execute(
                f"INSERT INTO {FTS_TABLE} (rowid, headline, standfirst, body) "
                "SELECT id, headline, standfirst, newsroom_plain_text(body) "
                "FROM articles_article"
            )
