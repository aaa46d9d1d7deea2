"""The forms of the coordinators' member import (members/admin_desk/imports.py):
the upload, the columns, the decisions for values that match nothing and the
confirmation. Each checks what it reads with the import engine's own checks
(open_table, MappingFile.loads, check_mapping, check_decision), so the admin
refuses exactly what `manage.py import_members` refuses, with the same words."""

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries import countries

from home.validation import refuse_invisible_characters
from members.columns import IMPORTED_COLUMNS
from members.geography import read_subdivision
from members.imports import (
    MappingError,
    MappingFile,
    MappingFileError,
    UnreadableFile,
    check_decision,
    check_mapping,
    open_table,
)
from members.imports.decisions import DECIDABLE
from members.imports.rows import column_letter
from members.imports.values import CHOICES, TERM_MODELS

# The largest spreadsheet the admin takes: about 75,000 rows of a typical
# member list. Larger files: split them, or use manage.py import_members.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# A mapping file names columns and decisions: a few kilobytes in practice.
MAX_MAPPING_FILE_BYTES = 1024 * 1024
# More columns than a member profile has fields many times over is not a member
# list (and would make a form too long to use).
MAX_COLUMNS = 200
# Sample values shown for each column on the columns step.
SAMPLE_VALUES = 3
SAMPLE_LENGTH = 60

LEAVE_OUT = ""
FIELD_CHOICES = [(LEAVE_OUT, _("— leave out —"))] + [
    (column.field, column.heading) for column in IMPORTED_COLUMNS
]
FIELD_ORDER = {column.field: number for number, column in enumerate(IMPORTED_COLUMNS)}


def too_large_message():
    return _(
        "The file is larger than %(size)s, the most this page takes. Split it into "
        "smaller files, or import it with manage.py import_members."
    ) % {"size": filesizeformat(MAX_UPLOAD_BYTES)}


def update_field():
    return forms.BooleanField(
        label=_("Fill empty fields of existing members"),
        required=False,
        help_text=_(
            "A row for an organization already in the directory (same website, or "
            "same name and country) fills only the fields it left empty; nothing "
            "already written is changed. Unticked, such rows are skipped."
        ),
    )


def strict_field():
    return forms.BooleanField(
        label=_("Refuse rows with values nobody decided"),
        required=False,
        help_text=_(
            "A row with a value that matches nothing (an issue area, an approach, a "
            "state…) that you leave undecided is refused whole. Unticked, the row "
            "is imported without that value, and the report lists it."
        ),
    )


def version_field():
    """The mapping version a page was shown for, posted back with it."""
    return forms.IntegerField(
        min_value=0, max_value=2**31 - 1, widget=forms.HiddenInput
    )


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet"),
        allow_empty_file=True,  # the engine says "The file is empty."
        max_length=255,
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.tsv,.txt,.xlsx,.ods"}),
    )
    mapping_file = forms.FileField(
        label=_("Mapping file (optional)"),
        required=False,
        allow_empty_file=True,
        max_length=255,
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
        help_text=_(
            "The JSON file downloaded from the preview of an earlier import (or "
            "written by manage.py import_members --save-map). Its columns and its "
            "decisions for values that match nothing are filled in for you; you "
            "can still change them."
        ),
    )
    update = update_field()
    strict = strict_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "CSV (UTF-8 or Windows-1252; comma, semicolon or tab), XLSX or ODS, up "
            "to %(size)s. The first row names the columns, like Name, Country, "
            "Website; the directory's own export is one such file."
        ) % {"size": filesizeformat(MAX_UPLOAD_BYTES)}
        self.table = None
        self.mapping_file = None

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(too_large_message())
        try:
            table = open_table(upload, upload.name)
        except UnreadableFile as error:
            raise ValidationError(str(error)) from error
        if len(table.headers) > MAX_COLUMNS:
            raise ValidationError(
                _(
                    "The first row has %(count)s columns; a member spreadsheet has "
                    "at most %(max)s. Remove the columns you do not need and upload "
                    "it again."
                )
                % {"count": len(table.headers), "max": MAX_COLUMNS}
            )
        self.table = table
        return upload

    def clean_mapping_file(self):
        upload = self.cleaned_data.get("mapping_file")
        if not upload:
            return None
        if upload.size > MAX_MAPPING_FILE_BYTES:
            raise ValidationError(
                _(
                    "A mapping file is a few kilobytes; this one is larger than "
                    "%(size)s."
                )
                % {"size": filesizeformat(MAX_MAPPING_FILE_BYTES)}
            )
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValidationError(
                _("The mapping file is not text (UTF-8): choose the .json file.")
            ) from error
        try:
            self.mapping_file = MappingFile.loads(text)
        except MappingFileError as error:
            raise ValidationError(str(error)) from error
        return upload


def shown_heading(heading):
    return heading or _("(no heading)")


class ColumnsForm(forms.Form):
    """One select per column of the file: the profile field it fills, or none."""

    update = update_field()
    strict = strict_field()

    def __init__(self, headers, samples, mapping, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.headers = headers
        self.column_names = []
        for index, heading in enumerate(headers):
            name = f"column_{index}"
            examples = [
                Truncator(value).chars(SAMPLE_LENGTH) for value in samples[index]
            ]
            self.fields[name] = forms.ChoiceField(
                label=_("Column %(letter)s: %(heading)s")
                % {"letter": column_letter(index), "heading": shown_heading(heading)},
                choices=FIELD_CHOICES,
                required=False,
                initial=mapping.get(index, LEAVE_OUT),
                help_text=(
                    _("For example: %(values)s") % {"values": "; ".join(examples)}
                    if examples
                    else _("Empty in the first rows.")
                ),
            )
            self.column_names.append(name)
        # The options after the columns.
        self.order_fields([*self.column_names, "update", "strict"])

    def column_fields(self):
        return [self[name] for name in self.column_names]

    def option_fields(self):
        return [self["update"], self["strict"]]

    def clean(self):
        cleaned = super().clean()
        mapping = {
            index: cleaned[name]
            for index, name in enumerate(self.column_names)
            if cleaned.get(name)
        }
        try:
            cleaned["mapping"] = check_mapping(mapping, self.headers)
        except MappingError as error:
            raise ValidationError(str(error)) from error
        return cleaned


# --- the values that match nothing ---------------------------------------------------

UNDECIDED = ""


def field_kind(field):
    if field in TERM_MODELS:
        return "terms"
    if field in CHOICES:
        return "choice"
    return field  # "country", "subdivision"


def action_choices(field, value):
    """The decisions a value of this field may get (members.imports.decisions),
    in words."""
    kind = field_kind(field)
    words = {
        "map": {
            "terms": _("Use an existing term"),
            "country": _("It is this country"),
            "subdivision": _("It is this state or region"),
            "choice": _("It means"),
        }[kind],
        "alias": _("Add as another name of a term"),
        "create": _("Create a new term “%(value)s”") % {"value": value},
        "drop": _("Drop it"),
    }
    return [(UNDECIDED, _("Leave it undecided"))] + [
        (action, words[action]) for action in DECIDABLE[field]
    ]


def target_choices(field, vocabularies):
    """What "map" and "alias" may name for this field: [(value, label)]."""
    kind = field_kind(field)
    if kind == "terms":
        return [(term.slug, term.name) for term in vocabularies[field]]
    if kind == "country":
        return list(countries)
    if kind == "choice":
        return list(CHOICES[field].choices)
    return None  # a state or region is typed


def undecided_note(value, strict):
    """What a run does with this value when nobody decides it."""
    if value.field in ("country", "visibility") or value.note == "row refused":
        return _("Undecided, its rows are refused: a row needs it.")
    if strict:
        return _("Undecided, its rows are refused (you chose to refuse them).")
    if value.note == "kept as written":
        return _(
            "Undecided, it is kept as written, for the staff to settle later "
            "(manage.py places_report lists it)."
        )
    return _("Undecided, it is left out of its rows.")


def rows_text(rows, shown=10):
    listed = ", ".join(str(row) for row in rows[:shown])
    if len(rows) > shown:
        listed += ", …"
    return ngettext(
        "%(count)s row (%(rows)s)", "%(count)s rows (%(rows)s)", len(rows)
    ) % {"count": len(rows), "rows": listed}


class ValuesForm(forms.Form):
    """A decision for each value that matched nothing, for the whole file."""

    version = version_field()

    def __init__(self, values, decisions, vocabularies, strict, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.values = values
        self.entries = []
        for number, value in enumerate(values):
            decision = decisions.get(value.field, value.value)
            action_name, target_name = f"action_{number}", f"to_{number}"
            self.fields[action_name] = forms.ChoiceField(
                label=_("Decision"),
                choices=action_choices(value.field, value.value),
                required=False,
                initial=decision.action if decision else UNDECIDED,
            )
            targets = target_choices(value.field, vocabularies)
            if targets is None:
                self.fields[target_name] = forms.CharField(
                    label=_("Its code or name"),
                    required=False,
                    max_length=100,
                    validators=[refuse_invisible_characters],
                    initial=decision.to if decision else "",
                    help_text=_("Like US-TX, or Texas."),
                )
            else:
                self.fields[target_name] = forms.ChoiceField(
                    label=_("Which one"),
                    choices=[("", _("— choose —")), *targets],
                    required=False,
                    initial=decision.to if decision else "",
                )
            self.entries.append(
                {
                    "value": value,
                    "heading": value.heading,
                    "rows": rows_text(value.rows),
                    "undecided": undecided_note(value, strict),
                    "action": self[action_name],
                    "to": self[target_name],
                }
            )

    def clean(self):
        cleaned = super().clean()
        decided = []
        for number, value in enumerate(self.values):
            action = cleaned.get(f"action_{number}")
            to = cleaned.get(f"to_{number}") or ""
            if action is None:
                continue  # the field already has its error
            if action == UNDECIDED:
                decided.append((value, None))
                continue
            if action in ("create", "drop"):
                to = ""
            elif value.field == "subdivision" and to:
                code = read_subdivision(to)
                if code is None:
                    self.add_error(
                        f"to_{number}",
                        _(
                            "“%(to)s” names no state or region this import knows: "
                            "type its ISO code, like US-TX or MX-JAL."
                        )
                        % {"to": to},
                    )
                    continue
                to = code
            try:
                decided.append(
                    (value, check_decision(value.field, value.value, action, to))
                )
            except MappingFileError as error:
                self.add_error(
                    f"to_{number}"
                    if action in ("map", "alias")
                    else f"action_{number}",
                    str(error),
                )
        cleaned["decided"] = decided
        return cleaned


class ConfirmForm(forms.Form):
    """The last step: the version of the preview it confirms, and invitations."""

    version = version_field()
    send_invitations = forms.BooleanField(
        label=_(
            "Email an invitation to each new organization's contact to claim its "
            "profile"
        ),
        required=False,
        help_text=_(
            "Sent to the address in the contact email column, once the organization "
            "is created, from you. Organizations already in the directory are not "
            "invited again."
        ),
    )
