"""Moderators' blocklist: find a blocked word in a reader's comment, Hebrew included."""

import re
import unicodedata
from collections.abc import Iterable

MAQAF = "\u05be"
# Conjunctions (ו ש), the article (ה) and prepositions (ב כ ל מ), joined to a word.
PREFIX_LETTERS = frozenset("והבכלמש")

_FINAL_FORMS = str.maketrans("ךםןףץ", "כמנפצ")
# Nonspacing marks are niqqud, cantillation and Latin accents once decomposed;
# format characters (RLM, zero-width space, soft hyphen) would split a word in two.
_DROPPED_CATEGORIES = {"Mn", "Cf"}
# Quotes inside a word mark an abbreviation (ר"ת) or a borrowed sound (ג'); word
# processors often turn the typed ' and " into curly ones.
_QUOTE_IN_HEBREW_WORD = re.compile(
    "(?<=[\u05d0-\u05ea])['\"\u05f3\u05f4\u2018\u2019\u201c\u201d](?=[\u05d0-\u05ea])"
)
_WORD = re.compile(r"[^\W_]+")


def normalize(text: str) -> str:
    """
    Fold `text` for matching: compatibility forms, case, niqqud and accents,
    quotes inside Hebrew words, Hebrew final letters and runs of whitespace.
    A maqaf becomes a space.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(
        char
        for char in unicodedata.normalize("NFKD", text)
        if unicodedata.category(char) not in _DROPPED_CATEGORIES
    )
    text = unicodedata.normalize("NFC", text).replace(MAQAF, " ")
    text = _QUOTE_IN_HEBREW_WORD.sub("", text).translate(_FINAL_FORMS)
    return " ".join(text.split())


def words(text: str) -> list[str]:
    """The normalised words of `text`: runs of letters and digits."""
    return _WORD.findall(normalize(text))


def find_blocked_word(text: str, blocked_words: Iterable[str]) -> str | None:
    """
    The first entry of `blocked_words`, spelled as given, that occurs in `text`
    as a whole word or a run of whole words; None if there is none. A Hebrew
    word may carry one or two prefix letters (והבוגד matches בוגד).
    """
    text_words = words(text)
    stems = [_stems(word) for word in text_words]
    for entry in blocked_words:
        phrase = words(entry)
        if phrase and any(
            phrase[0] in word_stems
            and text_words[start + 1 : start + len(phrase)] == phrase[1:]
            for start, word_stems in enumerate(stems)
        ):
            return entry
    return None


def _stems(word: str) -> set[str]:
    """The word, and the word without one or two leading prefix letters."""
    stems = {word}
    for cut in (1, 2):
        # A one-letter remainder means nothing: מה would match ה.
        if set(word[:cut]) <= PREFIX_LETTERS and len(word) - cut >= 2:
            stems.add(word[cut:])
    return stems
