"""Places at the level the network records them: a country (ISO 3166-1, from
django-countries), a state or region in it (ISO 3166-2, from pycountry) and a city
typed as text. Never a street address (DESIGN.md section 4).

A subdivision is stored as its ISO 3166-2 code ("US-TX", "MX-CMX"); its name is
looked up here, in the language of the request, so one place is always one value
(facets never count "CA" beside "California"). `match_subdivision` reads what
people typed before places were structured, and what old links still carry.
"""

import gettext
import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping
from functools import cache

import pycountry
from django.db import models
from django.utils import translation
from django_countries import countries

# ISO 3166-2 codes run to six characters ("GB-ABC", "MK-101").
SUBDIVISION_MAX_LENGTH = 6

# Other names people write for a subdivision that neither its ISO name nor
# pycountry's English and Spanish names give. Matched like the names, and searched.
SUBDIVISION_ALIASES = {
    "CH-BE": ["Bern"],
    "CH-GE": ["Geneva", "Genf"],
    "MX-CMX": ["CDMX", "Mexico City", "Distrito Federal", "DF"],
    "US-DC": ["Washington DC", "DC", "Washington D.C."],
}
# The abbreviations US newspapers and offices write for states ("Calif.",
# "Tex."; AP style, with the older GPO forms people still type). Dots do not
# matter (normalize), and those equal to the postal code are left out.
US_STATE_ABBREVIATIONS = {
    "AL": ["Ala."],
    "AK": ["Alas."],
    "AZ": ["Ariz."],
    "AR": ["Ark."],
    "CA": ["Calif.", "Cal."],
    "CO": ["Colo.", "Col."],
    "CT": ["Conn."],
    "DE": ["Del."],
    "FL": ["Fla."],
    "IL": ["Ill."],
    "IN": ["Ind."],
    "KS": ["Kan.", "Kans."],
    "KY": ["Ky."],
    "MA": ["Mass."],
    "MI": ["Mich."],
    "MN": ["Minn."],
    "MS": ["Miss."],
    "MT": ["Mont."],
    "NE": ["Neb.", "Nebr."],
    "NV": ["Nev."],
    "NM": ["N. Mex."],
    "ND": ["N. Dak."],
    "SD": ["S. Dak."],
    "OK": ["Okla."],
    "OR": ["Ore.", "Oreg."],
    "PA": ["Penn.", "Penna."],
    "TN": ["Tenn."],
    "TX": ["Tex."],
    "VT": ["Vt."],
    "WA": ["Wash."],
    "WV": ["W. Va."],
    "WI": ["Wis.", "Wisc."],
    "WY": ["Wyo."],
}
for _state, _abbreviations in US_STATE_ABBREVIATIONS.items():
    SUBDIVISION_ALIASES.setdefault(f"US-{_state}", []).extend(_abbreviations)

# The languages whose names of subdivisions are matched and searched, besides the
# ISO name (often the local one: "Genève", "Ciudad de México").
NAME_LANGUAGES = ("en", "es")


def country_name(code):
    """The country's name in the active language ("" for none)."""
    return str(countries.name(code)) if code else ""


def country_choices():
    """A blank choice and every country, by name in the active language (a
    callable, so a form's choices follow the language of each request)."""
    return [("", "---------")] + [(code, name) for code, name in countries]


class CountryNames(Mapping):
    """{code: name} of every ISO 3166-1 country, named in the active language."""

    def __getitem__(self, code):
        if code not in countries:
            raise KeyError(code)
        return country_name(code)

    def __iter__(self):
        return (code for code, _name in countries)

    def __len__(self):
        return len(countries)


COUNTRY_NAMES = CountryNames()


def normalize(text):
    """Text as places are compared: without accents, case, dots or apostrophes
    ("D.C." is "dc"), other punctuation as spaces."""
    text = unicodedata.normalize("NFKD", str(text or ""))
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = re.sub(r"[.'’]", "", text.casefold())
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


@cache
def _translation(language):
    return gettext.translation(
        "iso3166-2", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )


def _translated(name, language):
    return _translation(language).gettext(name)


def _display(name):
    """An ISO name as shown: "Barcelona [Barcelona]" as "Barcelona"."""
    return name.split(" [")[0].strip()


@cache
def _subdivisions():
    """{code: pycountry subdivision}."""
    return {subdivision.code: subdivision for subdivision in pycountry.subdivisions}


def is_subdivision(code):
    return code in _subdivisions()


def subdivision_country(code):
    """The country code of an ISO 3166-2 code ("US" for "US-TX")."""
    return code.split("-", 1)[0] if code else ""


def subdivision_name(code, language=None):
    """The subdivision's name in the active language (or `language`); the code
    itself if pycountry does not know it, "" for none."""
    subdivision = _subdivisions().get(code)
    if subdivision is None:
        return code or ""
    language = (language or translation.get_language() or "en").split("-")[0]
    return _display(_translated(subdivision.name, language))


@cache
def _codes_by_country():
    by_country = defaultdict(list)
    for code, subdivision in _subdivisions().items():
        by_country[subdivision.country_code].append(code)
    return by_country


def subdivisions_of(country, language=None):
    """[(code, name)] of the country's states or regions, by name."""
    rows = [
        (code, subdivision_name(code, language))
        for code in _codes_by_country().get(str(country or ""), ())
    ]
    return sorted(rows, key=lambda row: normalize(row[1]))


def place_label(city, subdivision, country, home_country="US"):
    """City, state or region, and country (unless it is the network's own)."""
    parts = [city, subdivision_name(subdivision)]
    if country and country != home_country:
        parts.append(country_name(country))
    return ", ".join(part for part in parts if part)


def subdivision_label(code, home_country="US"):
    """A state or region on its own: "Texas"; abroad "Genève, Switzerland"."""
    return place_label("", code, subdivision_country(code), home_country)


def _name_variants(name):
    """A name and the shorter forms people write: "Madrid, Comunidad de" also as
    "Comunidad de Madrid" and "Madrid"; "Lleida [Lérida]" also as each."""
    variants = {name}
    bracketed = re.match(r"^(.*?)\s*\[(.*)\]\s*$", name)
    if bracketed:
        # "[Sir Ynys Môn GB-YNM]": another name, then another code.
        other = re.sub(r"\b[A-Z]{2}-[A-Z0-9]{1,3}\b", "", bracketed.group(2))
        variants |= {bracketed.group(1), other}
    for variant in list(variants):
        variants.add(re.sub(r"\s*\(.*?\)", "", variant))
        if ", " in variant:
            head, tail = variant.split(", ", 1)
            variants |= {head, f"{tail} {head}"}
    return {normalize(variant) for variant in variants} - {""}


@cache
def subdivision_names(code):
    """Every name a subdivision is matched and found by: the ISO name, the names in
    NAME_LANGUAGES, their shorter forms and the aliases (not the code)."""
    subdivision = _subdivisions()[code]
    names = {subdivision.name} | {
        _translated(subdivision.name, language) for language in NAME_LANGUAGES
    }
    keys = set()
    for name in names | set(SUBDIVISION_ALIASES.get(code, ())):
        keys |= _name_variants(name)
    return frozenset(keys)


@cache
def _index():
    """{country: {normalized name or code: {codes}}}."""
    index = defaultdict(lambda: defaultdict(set))
    for code, subdivision in _subdivisions().items():
        keys = index[subdivision.country_code]
        keys[normalize(code)].add(code)
        keys[normalize(code.split("-", 1)[1])].add(code)
        for name in subdivision_names(code):
            keys[name].add(code)
    return index


def match_subdivision(text, country):
    """The ISO 3166-2 code of the country's subdivision that `text` names, by code
    ("TX", "US-TX"), name or alias, ignoring accents and case; None when nothing
    or more than one place matches. Only subdivisions of `country`: "Georgia" in
    the United States is never the country's namesake."""
    found = _index().get(str(country or ""), {}).get(normalize(text), set())
    if len(found) > 1:
        # A region and one of its provinces of the same name: the region.
        found = {code for code in found if not _subdivisions()[code].parent_code}
    return next(iter(found)) if len(found) == 1 else None


@cache
def _index_everywhere():
    """{normalized name or code: {codes}} over every country."""
    everywhere = defaultdict(set)
    for keys in _index().values():
        for key, codes in keys.items():
            everywhere[key] |= codes
    return everywhere


def read_subdivision(text, home_country="US"):
    """The ISO 3166-2 code `text` names when no country is given with it (an old
    link's ?state=California): a code as is ("US-TX", any case); else a state or
    region of the network's home country ("CA" is California); else a name only
    one place anywhere has ("Geneva", "CDMX"). None otherwise."""
    code = str(text or "").strip().upper()
    if is_subdivision(code):
        return code
    found = match_subdivision(text, home_country)
    if found:
        return found
    anywhere = _index_everywhere().get(normalize(text), set())
    return next(iter(anywhere)) if len(anywhere) == 1 else None


def place_from_text(text, country, subdivision=""):
    """(subdivision, region) for a place typed as free text: the code it names and
    nothing left over, or no code and the text kept as typed (a subdivision
    already chosen is kept, and so is the text beside it)."""
    text = " ".join(str(text or "").split())
    if subdivision or not text:
        return subdivision, text
    code = match_subdivision(text, country)
    return (code, "") if code else ("", text)


@cache
def country_search_text(code):
    """What finds an organization by its country in search: its name in
    NAME_LANGUAGES (not the code: "US" or "CA" would match whole countries where
    people mean a state)."""
    if not code or code not in countries:
        return ""
    names = []
    for language in NAME_LANGUAGES:
        with translation.override(language):
            names.append(country_name(code))
    # The ISO names too, where they differ from the shown one ("United States of
    # America", "Republic of Korea"): people search by either.
    record = pycountry.countries.get(alpha_2=str(code))
    if record is not None:
        names += [record.name, getattr(record, "official_name", record.name)]
    return " ".join(dict.fromkeys(names))


def subdivision_search_text(code):
    """What finds an organization by its state or region in search: the names
    (in NAME_LANGUAGES, with the aliases) and the code without its country ("TX",
    "CMX"), since the country part ("US") would match every organization."""
    if not is_subdivision(code):
        return ""
    words = sorted(subdivision_names(code)) + [code.split("-", 1)[1].lower()]
    return " ".join(words)


class SubdivisionField(models.CharField):
    """An ISO 3166-2 code, blank for none. The model checks it belongs to its
    country (see the models' clean()); forms offer the country's subdivisions
    (members.forms.places)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", SUBDIVISION_MAX_LENGTH)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def contribute_to_class(self, cls, name, *args, **kwargs):
        super().contribute_to_class(cls, name, *args, **kwargs)
        # As Django gives fields with choices: what admin listings and inspect
        # views show (the name, not the code).
        display = f"get_{name}_display"
        if display not in cls.__dict__:
            setattr(
                cls, display, lambda obj: subdivision_name(getattr(obj, self.attname))
            )

    def formfield(self, **kwargs):
        from members.forms.places import SubdivisionChoiceField

        # Whatever field class a form's callback suggests (a NameField for text):
        # this one is a choice from the list.
        kwargs["form_class"] = SubdivisionChoiceField
        return super().formfield(**kwargs)
