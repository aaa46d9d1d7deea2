"""The translation catalogs under locale/: compiled and checked in pure Python
(polib), so serving the site needs no gettext tools. `make messages` extracts the
strings with Django's makemessages (that step does need gettext); translators fill
in locale/<code>/LC_MESSAGES/*.po; `make run` and `make test` compile them
(manage.py compile_translations) and `make check` refuses a catalog with an
untranslated, fuzzy or mistyped entry (manage.py check_translations).
"""

import os
import re
import tempfile
from pathlib import Path

import polib

PROJECT_DIR = Path(__file__).resolve().parents[1]
LOCALE_DIR = PROJECT_DIR / "locale"

# Placeholders a translation must keep exactly: %(name)s, %s, %d, {name}, {0}.
PLACEHOLDER = re.compile(r"%\([^)]+\)[sd]|%[sd]|\{[A-Za-z0-9_]*\}")


def catalogs(locale_dir=LOCALE_DIR):
    return sorted(locale_dir.glob("*/LC_MESSAGES/*.po"))


def compile_catalogs(locale_dir=LOCALE_DIR, force=False):
    """Write each catalog's .mo beside it when it is missing or older than the
    .po; atomically, so parallel test workers never read half a file. Returns the
    catalogs compiled."""
    compiled = []
    for po_path in catalogs(locale_dir):
        mo_path = po_path.with_suffix(".mo")
        if (
            not force
            and mo_path.exists()
            and mo_path.stat().st_mtime >= po_path.stat().st_mtime
        ):
            continue
        handle, temporary = tempfile.mkstemp(dir=po_path.parent, suffix=".mo")
        os.close(handle)
        try:
            polib.pofile(str(po_path)).save_as_mofile(temporary)
            os.replace(temporary, mo_path)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
        compiled.append(po_path)
    return compiled


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


def entry_problems(entry):
    """What is wrong with one entry, in words (empty when nothing is)."""
    if entry.obsolete:
        return []
    if "\\u" in entry.msgid:
        # xgettext keeps a Python "\u201c" as six characters: the running code
        # asks for “, finds no such entry and shows English.
        return ["written with a \\u escape in the source: write the character itself"]
    if "fuzzy" in entry.flags:
        return ["fuzzy (a guess that nobody confirmed)"]
    if entry.msgid_plural:
        forms = list(entry.msgstr_plural.values())
        if not forms or not all(forms):
            return ["untranslated (a plural form is empty)"]
        translations = forms
        expected = [placeholders(entry.msgid), placeholders(entry.msgid_plural)]
    else:
        if not entry.msgstr:
            return ["untranslated"]
        translations = [entry.msgstr]
        expected = [placeholders(entry.msgid)]
    problems = []
    for translation in translations:
        found = placeholders(translation)
        if found in expected:
            continue
        # A plural form may drop a named count ("un día" for "%(count)s day"),
        # never invent a placeholder or drop a positional one.
        named_subset = entry.msgid_plural and all(
            token.startswith("%(") for token in set(expected[-1]) - set(found)
        )
        if named_subset and set(found) <= set(expected[-1]):
            continue
        problems.append(
            f"placeholders {found} do not match the original's {expected[0]}"
        )
    return problems


def catalog_problems(locale_dir=LOCALE_DIR):
    """[(catalog, line, msgid, problem)] for every catalog."""
    found = []
    for po_path in catalogs(locale_dir):
        for entry in polib.pofile(str(po_path)):
            for problem in entry_problems(entry):
                found.append(
                    (
                        po_path.relative_to(locale_dir),
                        entry.linenum,
                        entry.msgid,
                        problem,
                    )
                )
    return found
