"""Validation at the edge: ids and numbers read from a request, and name-like text.

Every id a request carries (a query parameter, a form's chosen options, a socket
message) is read with `parse_id` or through the choice fields below, so a value
the database cannot hold ("99999999999999999999", "²", "-1") is a clear 4xx, never
an OverflowError or a database error turned into a 500.

Names people type (organizations, threads, pledges) go through
`refuse_invisible_characters`: a right-to-left override or a zero-width space in a
name makes it read differently from what it is, in the page and in every email
that carries it on.
"""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Primary keys are 64-bit signed integers (BigAutoField) on every backend.
MAX_ID = 2**63 - 1
_DIGITS = re.compile(r"[0-9]{1,19}")


def parse_id(raw):
    """The positive database id `raw` spells in ASCII digits, or None."""
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw if 0 < raw <= MAX_ID else None
    if not isinstance(raw, str) or not _DIGITS.fullmatch(raw):
        return None
    value = int(raw)
    return value if 0 < value <= MAX_ID else None


def parse_bounded_int(raw, minimum, maximum):
    """An integer between minimum and maximum spelled in ASCII digits (with an
    optional leading minus), or None."""
    if not isinstance(raw, str) or not re.fullmatch(r"-?[0-9]{1,19}", raw):
        return None
    value = int(raw)
    return value if minimum <= value <= maximum else None


def _integer_key(field):
    """True when the choice field looks its options up by an integer column."""
    key = field.to_field_name or "pk"
    model_field = field.queryset.model._meta.pk if key == "pk" else None
    if model_field is None:
        model_field = field.queryset.model._meta.get_field(key)
    # A page's pk is its link to Page (page_ptr): the column it points to decides.
    while model_field.is_relation:
        model_field = model_field.target_field
    return model_field.get_internal_type() in {
        "AutoField",
        "BigAutoField",
        "SmallAutoField",
        "IntegerField",
        "BigIntegerField",
        "PositiveIntegerField",
        "PositiveBigIntegerField",
        "SmallIntegerField",
    }


class ModelChoiceField(forms.ModelChoiceField):
    """Django's field, refusing ids no row can have before it asks the database."""

    def to_python(self, value):
        if value not in self.empty_values and _integer_key(self):
            if parse_id(str(value)) is None:
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice"
                )
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, refusing ids no row can have before it asks the database
    (a huge number in `pk__in` overflows SQLite and PostgreSQL alike)."""

    def _check_values(self, value):
        if _integer_key(self):
            try:
                values = frozenset(value)
            except TypeError as error:
                raise ValidationError(
                    self.error_messages["invalid_list"], code="invalid_list"
                ) from error
            for each in values:
                if parse_id(str(each)) is None:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": each},
                    )
        return super()._check_values(value)


# Joiners stay: Persian, Hindi and other scripts spell words with ZWNJ/ZWJ, and
# emoji sequences are built with ZWJ.
_ALLOWED_FORMAT_CHARACTERS = {"\u200c", "\u200d"}


def invisible_characters(value):
    """The control, format and separator characters in `value` that would change
    how it reads (bidirectional overrides and isolates, zero-width spaces, line
    separators, byte-order marks)."""
    found = []
    for character in value or "":
        if character in _ALLOWED_FORMAT_CHARACTERS:
            continue
        if unicodedata.category(character) in {"Cc", "Cf", "Zl", "Zp", "Co", "Cs"}:
            found.append(character)
    return found


def refuse_invisible_characters(value):
    """Validator for single-line names: refuse, naming what was found, so the
    person sees exactly what to remove and keeps everything else they typed."""
    found = invisible_characters(value)
    if found:
        codes = ", ".join(dict.fromkeys(f"U+{ord(c):04X}" for c in found))
        raise ValidationError(
            _(
                "This contains invisible characters that change how it reads "
                "(%(codes)s). Please remove them and type it again."
            )
            % {"codes": codes},
            code="invisible_characters",
        )


class NameField(forms.CharField):
    """A single-line name: organizations, threads, pledges, people."""

    default_validators = [refuse_invisible_characters]


class EmailField(forms.EmailField):
    """An email address, refusing invisible characters too: Django's domain check
    lets a U+202E through, and the address is shown and written to."""

    default_validators = [
        *forms.EmailField.default_validators,
        refuse_invisible_characters,
    ]


class URLField(forms.URLField):
    """A web address, refusing invisible characters too (Django's check lets them
    through in the host and the path, where they change how a link reads)."""

    default_validators = [
        *forms.URLField.default_validators,
        refuse_invisible_characters,
    ]
