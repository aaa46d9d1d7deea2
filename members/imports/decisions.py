"""What the coordinator decided for each value that matched nothing, for the whole
file at once, and the mapping file that carries those decisions with the column
mapping (the command line's `--map FILE`; the admin view offers it for download).

A decision is one of:

- "map": the value means an existing term ("to": its slug), country ("to": its
  ISO code), state or region ("to": its ISO 3166-2 code) or choice ("to": its
  value); for this file only;
- "alias": the value becomes another name of an existing term ("to": its slug),
  so it matches from now on, everywhere (terms only);
- "create": a new term named as the value (or "to"), added to the vocabulary
  (terms only);
- "drop": the value is left out of its rows, and the report says so no more as
  an unmatched value (not for a country or a visibility: a row needs those).

The mapping file is JSON:

    {"format": "common-ground-member-import", "version": 1,
     "columns": [{"heading": "Organisation", "field": "title"},
                 {"heading": "Notes", "field": null}, ...],
     "values": [{"field": "issue_areas", "value": "Tenant organizing",
                 "action": "alias", "to": "housing"}, ...]}

Columns are matched to a file by heading (as `columns.heading_key` compares
them), so a file whose columns moved still maps; a heading the mapping does not
name is guessed.
"""

import json
from dataclasses import dataclass

from django.utils.translation import gettext as _

from home.facets import same_words
from members.imports.columns import COLUMNS, guess_columns, heading_key
from members.imports.values import TERM_MODELS, choice_values, read_country

FORMAT = "common-ground-member-import"
VERSION = 1
ACTIONS = ("map", "alias", "create", "drop")
# The fields whose values can be unmatched, and what may be decided for them.
DECIDABLE = {
    **dict.fromkeys(TERM_MODELS, ACTIONS),
    "country": ("map",),
    "subdivision": ("map", "drop"),
    "scope": ("map", "drop"),
    "membership_status": ("map", "drop"),
    "visibility": ("map",),
}


class MappingFileError(ValueError):
    """A mapping file or a decision that cannot be used; str() says why."""


@dataclass(frozen=True)
class Decision:
    field: str
    value: str
    action: str
    to: str = ""

    @property
    def key(self):
        return (self.field, same_words(self.value))

    def as_dict(self):
        entry = {"field": self.field, "value": self.value, "action": self.action}
        if self.to:
            entry["to"] = self.to
        return entry


def check_decision(field, value, action, to=""):
    """A Decision, checked for its form (whether "to" names something that
    exists is checked when a run applies it)."""
    field, value, action, to = (
        str(x or "").strip() for x in (field, value, action, to)
    )
    if field not in DECIDABLE:
        raise MappingFileError(
            _("“%(field)s” is not a field whose values can be decided.")
            % {"field": field}
        )
    if not same_words(value):
        raise MappingFileError(_("A decision names no value."))
    if action not in DECIDABLE[field]:
        raise MappingFileError(
            _(
                "“%(action)s” cannot be decided for “%(value)s” (%(field)s): choose "
                "%(allowed)s."
            )
            % {
                "action": action,
                "value": value,
                "field": COLUMNS[field].heading,
                "allowed": ", ".join(DECIDABLE[field]),
            }
        )
    if action in ("map", "alias") and not to:
        raise MappingFileError(_("Say what “%(value)s” maps to.") % {"value": value})
    if action == "map":
        if field == "country" and read_country(to) is None:
            raise MappingFileError(_("“%(to)s” is not a country code.") % {"to": to})
        if field in (
            "scope",
            "membership_status",
            "visibility",
        ) and to not in choice_values(field):
            raise MappingFileError(
                _("“%(to)s” is not one of %(choices)s.")
                % {"to": to, "choices": ", ".join(choice_values(field))}
            )
    if field == "country" and action == "map":
        to = read_country(to)
    return Decision(field, value, action, to)


class Decisions:
    """The decisions for one file, by (field, same_words of the value)."""

    def __init__(self, decisions=()):
        self._by_key = {}
        for decision in decisions:
            self.add(decision)

    def add(self, decision):
        self._by_key[decision.key] = decision

    def get(self, field, value):
        return self._by_key.get((field, same_words(value)))

    def __iter__(self):
        return iter(self._by_key.values())

    def __len__(self):
        return len(self._by_key)

    def as_list(self):
        return [decision.as_dict() for decision in self]

    @classmethod
    def from_list(cls, entries):
        if not isinstance(entries, list):
            raise MappingFileError(_("“values” must be a list of decisions."))
        decisions = []
        for entry in entries:
            if not isinstance(entry, dict):
                raise MappingFileError(_("Each decision must be an object."))
            decisions.append(
                check_decision(
                    entry.get("field"),
                    entry.get("value"),
                    entry.get("action"),
                    entry.get("to", ""),
                )
            )
        return cls(decisions)


@dataclass
class MappingFile:
    """A column mapping (by heading) and the decisions for a file's values."""

    # [(heading, field or None)], in the file's order.
    columns: list
    decisions: Decisions

    @classmethod
    def for_table(cls, headers, mapping, decisions=None):
        return cls(
            [(heading, mapping.get(index)) for index, heading in enumerate(headers)],
            decisions or Decisions(),
        )

    def mapping_for(self, headers):
        """{column index: field} for a file with these headings: each heading
        this mapping names, as it says (None: ignored); the others guessed."""
        named = {heading_key(heading): field for heading, field in self.columns}
        guessed = guess_columns(headers)
        mapping = {}
        for index, heading in enumerate(headers):
            key = heading_key(heading)
            field = named[key] if key in named else guessed.get(index)
            if field:
                mapping[index] = field
        return mapping

    def as_dict(self):
        return {
            "format": FORMAT,
            "version": VERSION,
            "columns": [
                {"heading": heading, "field": field} for heading, field in self.columns
            ],
            "values": self.decisions.as_list(),
        }

    def dumps(self):
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_dict(cls, data):
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise MappingFileError(
                _(
                    "This is not a member import mapping file (its “format” is not "
                    "%(format)s)."
                )
                % {"format": FORMAT}
            )
        if data.get("version") != VERSION:
            raise MappingFileError(
                _(
                    "This mapping file is of version %(version)s; this import reads "
                    "version %(ours)s."
                )
                % {"version": data.get("version"), "ours": VERSION}
            )
        columns = []
        for entry in data.get("columns", []):
            if not isinstance(entry, dict) or not isinstance(entry.get("heading"), str):
                raise MappingFileError(_("Each column must have a “heading”."))
            field = entry.get("field") or None
            if field is not None and field not in COLUMNS:
                raise MappingFileError(
                    _("“%(field)s” is not a field of a member profile.")
                    % {"field": field}
                )
            columns.append((entry["heading"], field))
        return cls(columns, Decisions.from_list(data.get("values", [])))

    @classmethod
    def loads(cls, text):
        try:
            data = json.loads(text)
        except (TypeError, ValueError) as error:
            raise MappingFileError(
                _("The mapping file is not valid JSON (%(reason)s).")
                % {"reason": error}
            ) from error
        return cls.from_dict(data)
