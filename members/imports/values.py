"""What a cell says, matched loosely but never guessed.

- Terms (issue areas, approaches, populations): by name, slug or alias, through the
  vocabulary's own matching (`TermQuerySet.by_name`, `same_words`), several per
  cell. A cell is split on ";" and line breaks; a piece that names no term is
  split again on "," and "/" (so a term whose name holds a comma still matches
  whole).
- Places: a country by its ISO code (alpha-2 or alpha-3) or its names (the shown
  one in English and Spanish, the ISO names: "US", "USA", "United States",
  "United States of America"); a state or region through
  `members.geography.match_subdivision` (TX and Texas, JAL and Jalisco), only
  within the row's country.
- Choices (scope, membership status, visibility): by value or label, and a few
  words people use ("statewide", "members-only").
- Yes/no, years and dates: the few ways spreadsheets write them; anything else is
  an error, never a guess (a date like 05/06/2024 is refused: day or month?).
- Links elsewhere: one a line (or between ";"), "Name: address" as the export
  writes them, or a bare address, named after its site as on the profile form.

Everything is loaded once per run (`Lookups.load()`), so reading a row asks the
database nothing.
"""

import datetime
import functools
import re
from dataclasses import dataclass

import pycountry
from django.utils import translation
from django.utils.translation import gettext as _
from django_countries import countries

from home.facets import same_words
from home.spreadsheets import FORMULA_STARTS
from members.forms.profile import SOCIAL_LINKS_MAX, SocialLinkForm
from members.geography import NAME_LANGUAGES, match_subdivision, normalize
from members.imports.reading import TextCell
from members.models import (
    Approach,
    IssueArea,
    MembershipStatus,
    Population,
    Scope,
    Visibility,
)

TERM_MODELS = {
    "issue_areas": IssueArea,
    "approaches": Approach,
    "populations": Population,
}
CHOICES = {
    "scope": Scope,
    "membership_status": MembershipStatus,
    "visibility": Visibility,
}
# Other words for choices, by same_words key.
CHOICE_WORDS = {
    "scope": {
        "city": Scope.LOCAL,
        "community": Scope.LOCAL,
        "statewide": Scope.STATE,
        "state wide": Scope.STATE,
        "provincial": Scope.STATE,
        "nationwide": Scope.NATIONAL,
        "country": Scope.NATIONAL,
        "global": Scope.INTERNATIONAL,
        "worldwide": Scope.INTERNATIONAL,
    },
    "membership_status": {
        "current": MembershipStatus.ACTIVE,
        "member": MembershipStatus.ACTIVE,
        "inactive": MembershipStatus.LAPSED,
        "expired": MembershipStatus.LAPSED,
    },
    "visibility": {
        "everyone": Visibility.PUBLIC,
        "members only": Visibility.MEMBERS,
        "member only": Visibility.MEMBERS,
        "network": Visibility.MEMBERS,
        "network only": Visibility.MEMBERS,
        "internal": Visibility.MEMBERS,
        # The protective reading of words that promise secrecy.
        "private": Visibility.HIDDEN,
        "confidential": Visibility.HIDDEN,
        "do not list": Visibility.HIDDEN,
    },
}
YES = {"yes", "y", "true", "1", "x", "si", "sí", "oui", "ja"}
NO = {"no", "n", "false", "0", "non", "nein"}
# Country names people write that neither django-countries nor ISO give.
COUNTRY_ALIASES = {"US": ["U.S.", "U.S.A.", "America"], "GB": ["UK", "U.K."]}

TERM_SEPARATORS = re.compile(r"[;\r\n]+")
PIECE_SEPARATORS = re.compile(r"[,/]+")
MARKUP = re.compile(r"<[/!?]?[A-Za-z]|&#?[A-Za-z0-9]+;")
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?.*)?$")
YEAR = re.compile(r"^\d{4}$")


class CellError(ValueError):
    """A cell that cannot be used as it is; str() says why, for its row."""


def cell_text(cell):
    """A cell as text, as a person wrote it: numbers without a spurious ".0",
    dates in ISO form, surrounding spaces trimmed. A leading apostrophe the
    export put before a formula-like value (home.spreadsheets) is taken off again,
    so an export re-imports as it was."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return _("yes") if cell else _("no")
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, (datetime.date, datetime.datetime)):
        return cell.isoformat()
    text = str(cell).strip()
    if text.startswith("'") and text[1:2] and text[1:2] in FORMULA_STARTS:
        return text[1:]
    return text


def check_cell(cell, text):
    """Refuse what must never be stored from a spreadsheet: a formula (the
    spreadsheet would run it when the data is exported again) and markup (a
    profile is plain text)."""
    is_text = isinstance(cell, TextCell)  # a workbook's text cell, not a formula
    if isinstance(cell, str) and not is_text and cell.lstrip().startswith("="):
        raise CellError(
            _("is a spreadsheet formula; type the value itself, without “=”.")
        )
    if MARKUP.search(text):
        raise CellError(_("holds HTML or script markup; write plain text."))


# --- Terms ------------------------------------------------------------------------


class Vocabulary:
    """One vocabulary's terms by every name they are matched by."""

    def __init__(self, kind, terms):
        self.kind = kind
        self.model = TERM_MODELS[kind]
        self.terms = list(terms)
        self.by_key = {}
        for term in self.terms:
            for key in term.name_keys:
                self.by_key.setdefault(key, term)
        for term in self.terms:
            self.by_key.setdefault(same_words(term.slug), term)
        self.by_slug = {term.slug: term for term in self.terms}

    @classmethod
    def load(cls, kind):
        return cls(kind, TERM_MODELS[kind]._default_manager.order_by("pk"))

    def match(self, text):
        key = same_words(text)
        return self.by_key.get(key) if key else None

    def find(self, slug_or_name):
        """The term a decision names, by slug or by any of its names."""
        return self.by_slug.get(slug_or_name) or self.match(slug_or_name)

    def add(self, term):
        """A term created or given an alias during the run."""
        if term not in self.terms:
            self.terms.append(term)
        self.by_slug[term.slug] = term
        for key in term.name_keys:
            self.by_key[key] = term


def split_terms(text):
    """The parts of a terms cell, split on ";" and line breaks, spaces tidied
    (read_terms splits a part that names no term again on "," and "/")."""
    pieces = []
    for part in TERM_SEPARATORS.split(text):
        part = " ".join(part.split())
        if part:
            pieces.append(part)
    return pieces


def read_terms(text, vocabulary):
    """([term, ...], [value that matched nothing, ...]) for a terms cell, each
    term and each value once, in the order written."""
    terms, unmatched = [], []
    for part in split_terms(text):
        term = vocabulary.match(part)
        if term is not None:
            candidates = [(part, term)]
        else:
            smaller = [
                " ".join(piece.split()) for piece in PIECE_SEPARATORS.split(part)
            ]
            candidates = [
                (piece, vocabulary.match(piece)) for piece in smaller if piece
            ]
        for piece, term in candidates:
            if term is None:
                if same_words(piece) not in {same_words(u) for u in unmatched}:
                    unmatched.append(piece)
            elif term not in terms:
                terms.append(term)
    return terms, unmatched


# --- Places -----------------------------------------------------------------------


@functools.cache
def _country_index():
    """{normalized code or name: {codes}} for every ISO 3166-1 country."""
    index = {}

    def add(text, code):
        key = normalize(text)
        if key:
            index.setdefault(key, set()).add(code)

    for code, _name in countries:
        add(code, code)
        add(countries.alpha3(code), code)
        for language in NAME_LANGUAGES:
            with translation.override(language):
                add(str(countries.name(code)), code)
        record = pycountry.countries.get(alpha_2=code)
        if record is not None:
            for attribute in ("name", "official_name", "common_name"):
                if getattr(record, attribute, None):
                    add(getattr(record, attribute), code)
        for alias in COUNTRY_ALIASES.get(code, ()):
            add(alias, code)
    return index


def read_country(text):
    """The ISO 3166-1 code `text` names; None when none, or several, do."""
    found = _country_index().get(normalize(text), set())
    return next(iter(found)) if len(found) == 1 else None


def read_subdivision(text, country):
    """The ISO 3166-2 code of `country`'s state or region `text` names, or None."""
    return match_subdivision(text, country)


# --- Choices, yes/no, numbers and dates ----------------------------------------------


@functools.cache
def _choice_index(field_name):
    choices = CHOICES[field_name]
    index = {}
    for value, label in choices.choices:
        for text in (value, label, str(label).split(":")[0]):
            index[same_words(str(text))] = value
        with translation.override("en"):
            index[same_words(str(label))] = value
            index[same_words(str(label).split(":")[0])] = value
    for words, value in CHOICE_WORDS.get(field_name, {}).items():
        index.setdefault(same_words(words), value)
    return index


def read_choice(text, field_name):
    """The choice's value that `text` names by value or label; None if none."""
    return _choice_index(field_name).get(same_words(text))


def choice_values(field_name):
    return [value for value, _label in CHOICES[field_name].choices]


def read_yes_no(cell, text):
    if isinstance(cell, bool):
        return cell
    key = text.casefold().strip(" .!")
    if key in YES:
        return True
    if key in NO:
        return False
    raise CellError(_("is not yes or no (“%(text)s”).") % {"text": text})


def read_year(cell, text):
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        if float(cell).is_integer():
            return int(cell)
    if YEAR.match(text):
        return int(text)
    raise CellError(
        _("is not a year (“%(text)s”); write four digits, like 1998.") % {"text": text}
    )


def read_date(cell, text):
    if isinstance(cell, datetime.datetime):
        return cell.date()
    if isinstance(cell, datetime.date):
        return cell
    match = ISO_DATE.match(text)
    if match:
        try:
            return datetime.date(*(int(part) for part in match.groups()))
        except ValueError:
            pass
    if YEAR.match(text):
        raise CellError(
            _(
                "is a year, not a date (“%(text)s”); write it as %(text)s-01-01 if "
                "that is meant."
            )
            % {"text": text}
        )
    raise CellError(
        _(
            "is not a date this import reads (“%(text)s”); write it as YYYY-MM-DD, "
            "like 2024-05-01."
        )
        % {"text": text}
    )


LINK_SEPARATORS = re.compile(r"[;\r\n]+")
LINK_NAME_ENDS = " :-–—|"


def read_links(text):
    """[(name, address), ...] of a links cell, checked as the profile form checks
    them (members.forms.profile.SocialLinkForm), and no more than a profile
    holds. Any link that cannot be used refuses the cell, naming it."""
    links, seen = [], set()
    for piece in LINK_SEPARATORS.split(text):
        piece = piece.strip()
        if not piece:
            continue
        # The address is the last word; any words before it are its name.
        name, _space, address = piece.rpartition(" ")
        form = SocialLinkForm({"label": name.strip(LINK_NAME_ENDS), "url": address})
        if not form.is_valid() or not form.is_kept:
            messages = [m for errors in form.errors.values() for m in errors]
            raise CellError(
                _("has a link that cannot be used (“%(link)s”): %(why)s")
                % {"link": piece, "why": " ".join(messages)}
            )
        key = form.cleaned_data["url"].rstrip("/").lower()
        if key not in seen:
            seen.add(key)
            links.append((form.cleaned_data["label"], form.cleaned_data["url"]))
    if len(links) > SOCIAL_LINKS_MAX:
        raise CellError(
            _("lists %(count)d links; a profile holds up to %(max)d.")
            % {"count": len(links), "max": SOCIAL_LINKS_MAX}
        )
    return links


@dataclass
class Lookups:
    """Every vocabulary a run matches against, loaded once."""

    vocabularies: dict

    @classmethod
    def load(cls):
        return cls({kind: Vocabulary.load(kind) for kind in TERM_MODELS})
