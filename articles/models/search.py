"""
Story search: what a reader's words mean, and how each database finds them.

A query reads like a web search engine's: words must all appear, "quoted words"
in that order, `or` between two words accepts either, and `-word` leaves out
stories with the word. `parse_query()` turns the text into `SearchTerms`, which
each database backend turns into its own query language, so no text a reader
types is ever SQL or query syntax.

On PostgreSQL the index is a narrow table of its own, SEARCH_TABLE, kept by a
trigger (migration 0020): per story the columns readers' filters use (status,
published_at, section_id, under the stories' own names, so a stories queryset's
conditions run on it as written), a GIN-indexed `tsvector` of all its words, a
small one of its headline (weight A) and standfirst (B) that ranks, and its text
for excerpts. These are stored out of line, so finding the 10,000 stories a
common word matches reads about 1,500 pages, not the 8,000 the stories' rows
fill. Of more than MAX_RESULTS matches only the newest MAX_RESULTS are ranked:
ranking reads each story's vector, and every match took 500 ms with 100,000
stories. When nothing matches, the words of headlines (a table of their own,
with a trigram index) give near misses: the query with each word replaced by
the most similar one. On SQLite an FTS5 table kept by triggers (migration 0017)
ranks every match; no near misses.

English words are searched by their stems ("votes" finds "voting"): on
PostgreSQL in stories in English only, through a Snowball configuration without
stop words; on SQLite through FTS5's porter tokenizer. Hebrew has no stemmer: a
Hebrew word also finds the same word after one of the one-letter prefixes
ו ה ב כ ל מ ש ("בית" finds "הבית" and "לבית").
"""

import html
import re
from dataclasses import dataclass

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
)
from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connections
from django.db.models import Case, TextField, Value, When
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
# Stories a search lists at most; the page says "more than" past it.
MAX_RESULTS = 1000
SEARCH_TABLE = "articles_article_search"
# English stories' words are indexed by their stems (PostgreSQL's Snowball English
# stemmer, with no stop words: "the" is searched like any word); others as written.
ENGLISH_STEMMER = "newsroom_english_stem"
ENGLISH_CONFIG = "newsroom_english"
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

    def replaced(self, words):
        """These terms with the required words that `words` maps replaced."""

        def term(term):
            return Term(tuple(words.get(word, word) for word in term.words))

        return SearchTerms(
            required=tuple(tuple(map(term, group)) for group in self.required),
            excluded=self.excluded,
        )

    def words(self):
        return [
            word for group in self.required for term in group for word in term.words
        ]

    def as_tsquery(self, loose=False, stems=None):
        """
        PostgreSQL's to_tsquery() syntax, every word quoted, and also as its stem
        where `stems` maps it to one. `loose`: a phrase's words in any order, and
        phrases left out ignored, which a GIN index answers without reading each
        story's word positions.
        """
        joiner = " & " if loose else " <-> "
        stems = stems or {}

        def forms(term, word):
            forms = term.word_forms(word)
            if stems.get(word, word) not in forms:
                forms += (stems[word],)
            return forms

        def term(term):
            return joiner.join(
                "(" + " | ".join(f"'{form}'" for form in forms(term, word)) + ")"
                for word in term.words
            )

        required = " & ".join(
            "(" + " | ".join(map(term, group)) + ")" for group in self.required
        )
        excluded = [t for t in self.excluded if not (loose and len(t.words) > 1)]
        return required + "".join(f" & !({term(t)})" for t in excluded)

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


@dataclass
class Found:
    """One story found, with its headline and excerpt as HTML, matches marked."""

    article: object
    headline_html: str
    excerpt_html: str


def story_conditions(stories):
    """
    The SQL conditions of a stories queryset and their parameters, for the search
    table, which has the columns they name under the same names. Conditions on
    other tables cannot run there: a ValueError.
    """
    query = stories.query
    if sum(map(bool, query.alias_refcount.values())) > 1:
        raise ValueError("Search filters stories on their own columns only.")
    try:
        return query.get_compiler(stories.db).compile(query.where)
    except FullResultSet:
        return "TRUE", []


class PostgresSearch:
    def __init__(self, stories, terms):
        self.stories, self.terms = stories, terms
        self.fallback = False  # set by best(): nothing matched, similar words used
        self.stems = {}  # English stems of the words looked up so far

    def tsquery(self, loose=False):
        """The terms as to_tsquery() text, each word also as its English stem."""
        words = {
            *self.terms.words(),
            *(word for term in self.terms.excluded for word in term.words),
        }
        if missing := sorted(words - self.stems.keys()):
            sql = (
                "SELECT word, ts_lexize(%s::regdictionary, word) "
                "FROM unnest(%s::text[]) AS word"
            )
            with connections[self.stories.db].cursor() as cursor:
                cursor.execute(sql, [ENGLISH_STEMMER, missing])
                self.stems |= {word: (stems or [word])[0] for word, stems in cursor}
        return self.terms.as_tsquery(loose, self.stems)

    @property
    def query(self):
        return SearchQuery(self.tsquery(), search_type="raw", config="simple")

    def matching(self):
        found = RawSQL(
            f"SELECT id FROM {SEARCH_TABLE} WHERE vector @@ to_tsquery('simple', %s)",
            [self.tsquery()],
        )
        return self.stories.filter(pk__in=found)

    def best(self, limit):
        """
        The ids of at most `limit` stories, best first: matches, or else those
        of the query with each word replaced by the headline word most like it.
        """
        ids = self.best_matches(limit)
        if not ids and (similar := self.similar_terms()) != self.terms:
            self.terms, self.fallback = similar, True
            ids = self.best_matches(limit)
        return ids

    def similar_terms(self):
        """
        The terms with each word the query requires replaced by the headline
        word most like it (pg_trgm similarity), where there is one.
        """
        words = sorted(set(self.terms.words()))
        sql = f"""
            SELECT query.word, (
                SELECT word FROM {SEARCH_TABLE}_word WHERE word %% query.word
                ORDER BY similarity(word, query.word) DESC, word LIMIT 1
            )
            FROM unnest(%s::text[]) AS query(word)
        """
        with connections[self.stories.db].cursor() as cursor:
            cursor.execute(sql, [words])
            similar = {word: like for word, like in cursor.fetchall() if like}
        return self.terms.replaced(similar)

    def best_matches(self, limit):
        """
        The ids of the newest `limit` matches, best first: by rank in headline
        and standfirst (a match only in the body ranks 0), then newest first.
        """
        try:
            conditions, params = story_conditions(self.stories)
        except EmptyResultSet:
            return []
        table = self.stories.model._meta.db_table
        exact, loose = self.tsquery(), self.tsquery(loose=True)
        newest = f"""
            SELECT id, published_at, rank_vector, vector
            FROM {SEARCH_TABLE} AS {table}
            WHERE ({conditions}) AND vector @@ to_tsquery('simple', %s)
            ORDER BY published_at DESC, id DESC
        """
        params = [*params, loose]
        if exact != loose:
            # A phrase: the index finds stories with its words, whose positions
            # are then read newest first, only until `limit` have the phrase.
            newest = f"""
                SELECT * FROM ({newest} OFFSET 0) AS candidates
                WHERE vector @@ to_tsquery('simple', %s)
            """
            params.append(exact)
        sql = f"""
            SELECT id FROM ({newest} LIMIT %s) AS newest
            ORDER BY ts_rank(rank_vector, to_tsquery('simple', %s)) DESC,
                published_at DESC, id DESC
        """
        with connections[self.stories.db].cursor() as cursor:
            cursor.execute(sql, [*params, limit, exact])
            return [pk for (pk,) in cursor.fetchall()]

    def found(self, ids):
        marks = {
            "start_sel": MARK_START,
            "stop_sel": MARK_END,
            "config": Case(
                When(
                    language=self.stories.model.Language.ENGLISH,
                    then=Value(ENGLISH_CONFIG),
                ),
                default=Value("simple"),
            ),
        }
        query = self.query
        table = self.stories.model._meta.db_table
        body_text = RawSQL(
            f"SELECT body_text FROM {SEARCH_TABLE} WHERE id = {table}.id",
            [],
            output_field=TextField(),
        )
        articles = (
            self.stories.with_byline()
            .annotate(
                marked_headline=SearchHeadline(
                    "headline", query, highlight_all=True, **marks
                ),
                marked_standfirst=SearchHeadline(
                    "standfirst", query, highlight_all=True, **marks
                ),
                marked_body=SearchHeadline(
                    body_text,
                    query,
                    max_words=EXCERPT_WORDS,
                    min_words=EXCERPT_WORDS // 2,
                    **marks,
                ),
            )
            .in_bulk(ids)
        )
        return [
            found(
                a,
                a.marked_headline,
                a.marked_standfirst,
                a.marked_body,
                body_is_html=True,
            )
            for a in map(articles.get, ids)
            if a
        ]


class SQLiteSearch:
    def __init__(self, stories, terms):
        self.stories, self.terms = stories, terms
        self.match = terms.as_fts5()

    def matching(self):
        ids = RawSQL(
            f"SELECT rowid FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH %s",
            [self.match],
        )
        return self.stories.filter(pk__in=ids)

    def best(self, limit):
        """The ids of at most `limit` matches, best first."""
        allowed, params = self.stories.order_by().values("pk").query.sql_with_params()
        # bm25 weights: headline, standfirst, body.
        sql = f"""
            SELECT rowid FROM {SEARCH_TABLE}
            WHERE {SEARCH_TABLE} MATCH %s AND rowid IN ({allowed})
            ORDER BY bm25({SEARCH_TABLE}, 10.0, 4.0, 1.0), rowid DESC
            LIMIT %s
        """
        with connections[self.stories.db].cursor() as cursor:
            cursor.execute(sql, [self.match, *params, limit])
            return [pk for (pk,) in cursor.fetchall()]

    def found(self, ids):
        marks = [MARK_START, MARK_END]
        sql = f"""
            SELECT rowid, highlight({SEARCH_TABLE}, 0, %s, %s),
                highlight({SEARCH_TABLE}, 1, %s, %s),
                snippet({SEARCH_TABLE}, 2, %s, %s, '…', {EXCERPT_WORDS})
            FROM {SEARCH_TABLE}
            WHERE {SEARCH_TABLE} MATCH %s AND rowid IN ({", ".join(["%s"] * len(ids))})
        """
        with connections[self.stories.db].cursor() as cursor:
            cursor.execute(sql, [*marks, *marks, *marks, self.match, *ids])
            marked = {pk: texts for pk, *texts in cursor.fetchall()}
        articles = self.stories.with_byline().in_bulk(ids)
        return [
            found(articles[pk], *marked[pk])
            for pk in ids
            if pk in articles and pk in marked
        ]


def found(article, headline, standfirst, body, body_is_html=False):
    """A Found story; its excerpt is the body's passage with a match, if any."""
    if MARK_START in body:
        excerpt = marked_html(body, unescape=body_is_html)
    else:
        excerpt = marked_html(Truncator(standfirst).words(EXCERPT_WORDS * 2))
    return Found(article, marked_html(headline), excerpt)


BACKENDS = {"postgresql": PostgresSearch, "sqlite": SQLiteSearch}


class SearchResults:
    """
    The stories of a queryset that match SearchTerms, best first, at most
    MAX_RESULTS of them, as a sequence Django's Paginator can count and slice
    into Found stories.
    """

    def __init__(self, stories, terms):
        self.terms = terms
        self.backend = BACKENDS[connections[stories.db].vendor](stories, terms)
        self._best = None

    def best(self):
        """The ids of the stories listed, best first, and one more if there are."""
        if self._best is None:
            self._best = self.backend.best(MAX_RESULTS + 1) if self.terms else []
        return self._best

    def count(self):
        return min(len(self.best()), MAX_RESULTS)

    @property
    def more(self):
        """Whether more stories match than the MAX_RESULTS listed."""
        return len(self.best()) > MAX_RESULTS

    def __getitem__(self, bounds):
        ids = self.best()[:MAX_RESULTS][bounds]
        return self.backend.found(ids) if ids else []

    @property
    def near_misses(self):
        """
        Whether these stories match words like the query's, the query's own
        having matched nothing (PostgreSQL).
        """
        return getattr(self.backend, "fallback", False)
