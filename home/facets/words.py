"""What people type into a search box, made safe: the one sanitizer for search
terms (the directory, the library and the JSON API all use it), full-text search
through Wagtail's backend as a subquery, and a correction to offer when the words
find nothing."""

import difflib
import re
import unicodedata
from dataclasses import dataclass, replace

from django.db import connection
from wagtail.search.query import Fuzzy

MAX_QUERY_LENGTH = 200
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
NOT_WORD = re.compile(r"[\W_]+")


def without_control_characters(text):
    """Text without NUL and other control characters (PostgreSQL refuses NUL)."""
    return CONTROL_CHARACTERS.sub("", text)


# What a search engine could read as query syntax: quotes, brackets, wildcards,
# column filters and boosts, a leading + or -, and AND, OR, NOT, NEAR in capitals.
SEARCH_SYNTAX = re.compile(r"""["*^(){}\[\]:~|&!<>\\=;]|(?:^|\s)[-+](?=\w)""")
OPERATOR_WORDS = {"AND", "OR", "NOT", "NEAR"}


def has_search_syntax(text):
    """Whether `text` holds what could be meant as query syntax. search_words reads
    none of it as syntax; a list says so, so nobody thinks it was."""
    return bool(SEARCH_SYNTAX.search(text)) or any(
        word in OPERATOR_WORDS for word in text.split()
    )


def search_words(text):
    """The words of a search, for a search backend: letters and digits only, in
    lower case, so that quotes, brackets and full-text operators (AND, OR, NEAR,
    *, ^, -, :) are never read as query syntax. Empty when nothing searchable was
    typed: the caller then finds nothing rather than asking the backend. AND, OR,
    NOT and NEAR typed in capitals were meant as operators, not words: left out."""
    words = [word for word in text.split() if word not in OPERATOR_WORDS]
    return " ".join(NOT_WORD.sub(" ", " ".join(words)).lower().split())


APOSTROPHES = re.compile(r"['\u2019\u02bc]")


def same_words(text):
    """A key under which two spellings of the same words are equal, whatever their
    letter case, accents, apostrophes and punctuation: "Women\u2019s rights",
    "womens rights" and "WOMENS-RIGHTS" share one. Vocabulary aliases are
    compared by it."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    unmarked = "".join(c for c in decomposed if not unicodedata.combining(c))
    return search_words(APOSTROPHES.sub("", unmarked).casefold())


@dataclass(frozen=True)
class TypedText:
    """What was typed into a search box, as it is shown back: without control
    characters, runs of spaces collapsed, at most MAX_QUERY_LENGTH characters
    (`shortened` says whether it was cut)."""

    text: str = ""
    shortened: bool = False
    # Control characters were taken out.
    cleaned: bool = False

    @classmethod
    def read(cls, raw):
        raw = raw or ""
        kept = without_control_characters(raw)
        text = " ".join(kept.split())
        return cls(text[:MAX_QUERY_LENGTH], len(text) > MAX_QUERY_LENGTH, kept != raw)

    @property
    def words(self):
        return search_words(self.text)

    @property
    def has_syntax(self):
        return has_search_syntax(self.text)


# Close matches beyond this many are too far to help.
LOOSE_MATCHES_KEPT = 200


@dataclass(frozen=True)
class TextSearch:
    """Full-text search through Wagtail's search backend (PostgreSQL full text, or
    SQLite FTS), over `queryset` before any privacy rule: what it finds is only
    ever used inside a list's base queryset, which applies the rule."""

    queryset: object
    # "and" or "or"; Wagtail's database backends default to "and".
    operator: str | None = None
    # Close spellings match too (see `loosened`).
    loose: bool = False

    def matching(self, words, *, order_by_relevance=False):
        """A queryset of the rows the words find (best first on request); none
        when there are no words."""
        if not words:
            return self.queryset.none()
        query, operator = (Fuzzy(words), None) if self.loose else (words, self.operator)
        return (
            self.queryset.search(
                query, operator=operator, order_by_relevance=order_by_relevance
            )
            # The backend's own queryset, unevaluated: a subquery, not a list.
            .get_queryset()
        )

    def loosened(self):
        """The same search matching close spellings as well ("imigration" finds
        "immigration"), or None where the backend cannot: Wagtail's Fuzzy query
        (pg_trgm word similarity, home's migration 0005) runs on PostgreSQL only."""
        if connection.vendor != "postgresql" or self.loose:
            return None
        return replace(self, loose=True)

    def ids(self, words):
        """The ids the words find: a subquery, or for close spellings a list of the
        closest LOOSE_MATCHES_KEPT. Their similarity is worked out for every index
        entry; as a subquery PostgreSQL may work it out again for each row a facet
        count reads (minutes at a few hundred organizations), so it runs once."""
        if self.loose:
            found = self.matching(words, order_by_relevance=True).values_list(
                "pk", flat=True
            )
            return list(found[:LOOSE_MATCHES_KEPT])
        return self.matching(words).order_by().values("pk")


# A word is corrected only when it is this long and a known word this close
# (difflib's ratio: "imigration" and "immigration" are 0.95 apart).
MIN_CORRECTED_LENGTH = 4
CLOSE_ENOUGH = 0.8


def known_words(phrases):
    """The distinct words of `phrases` (names, terms, aliases), as search_words
    spells them, for did_you_mean."""
    words = set()
    for phrase in phrases:
        words.update(search_words(phrase or "").split())
    return words


def did_you_mean(words, known):
    """`words` (as search_words gives them) with every word that no known word
    spells replaced by the closest known word, if one is close enough; None when
    nothing would change. `known` is a set of words (known_words)."""
    candidates = sorted(known)
    corrected, changed = [], False
    for word in words.split():
        if word in known or len(word) < MIN_CORRECTED_LENGTH or word.isdigit():
            corrected.append(word)
            continue
        close = difflib.get_close_matches(word, candidates, n=1, cutoff=CLOSE_ENOUGH)
        corrected.append(close[0] if close else word)
        changed = changed or bool(close)
    return " ".join(corrected) if changed else None
