"""What people type into a search box, made safe: the one sanitizer for search
terms (the directory, the library and the JSON API all use it), and full-text
search through Wagtail's backend as a subquery."""

import re
import unicodedata
from dataclasses import dataclass

MAX_QUERY_LENGTH = 200
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
NOT_WORD = re.compile(r"[\W_]+")


def without_control_characters(text):
    """Text without NUL and other control characters (PostgreSQL refuses NUL)."""
    return CONTROL_CHARACTERS.sub("", text)


def search_words(text):
    """The words of a search, for a search backend: letters and digits only, in
    lower case, so that quotes, brackets and full-text operators (AND, OR, NEAR,
    *, ^, -, :) are never read as query syntax. Empty when nothing searchable was
    typed: the caller then finds nothing rather than asking the backend."""
    return " ".join(NOT_WORD.sub(" ", text).lower().split())


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

    @classmethod
    def read(cls, raw):
        text = " ".join(without_control_characters(raw or "").split())
        return cls(text[:MAX_QUERY_LENGTH], len(text) > MAX_QUERY_LENGTH)

    @property
    def words(self):
        return search_words(self.text)


@dataclass(frozen=True)
class TextSearch:
    """Full-text search through Wagtail's search backend (PostgreSQL full text, or
    SQLite FTS), over `queryset` before any privacy rule: what it finds is only
    ever used inside a list's base queryset, which applies the rule."""

    queryset: object
    # "and" or "or"; Wagtail's database backends default to "and".
    operator: str | None = None

    def matching(self, words, *, order_by_relevance=False):
        """A queryset of the rows the words find (best first on request); none
        when there are no words."""
        if not words:
            return self.queryset.none()
        return (
            self.queryset.search(
                words, operator=self.operator, order_by_relevance=order_by_relevance
            )
            # The backend's own queryset, unevaluated: a subquery, not a list.
            .get_queryset()
        )

    def ids(self, words):
        return self.matching(words).order_by().values("pk")
