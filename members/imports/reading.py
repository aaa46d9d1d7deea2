"""Reading a spreadsheet as people save them, one row at a time.

`open_table(file, name)` returns a `Table`: its headings, how it was read (format,
encoding, delimiter), how many rows it has, and `rows()`, which streams
(row number, cells) from the file each time it is called. Row numbers are the ones
a spreadsheet shows (the header is row 1 when it is the first line).

- CSV: UTF-8 with or without a byte-order mark, UTF-16 with one (Excel's "Unicode
  text"), else Windows-1252 (which covers Latin-1's letters), accepted only when
  the bytes read as Western text (charset-normalizer's judgment); anything else is
  refused with the encoding it looks like. CRLF or LF, comma, semicolon or tab
  delimiters (counted in the first line), quoted fields with embedded newlines. A
  first pass checks the whole file (decoding and quoting) before any row is used,
  so a file is never half read; both passes stream.
- XLSX: openpyxl in read-only mode, which streams the sheet's XML; formulas are
  read as written ("=SUM(...)"), so a formula cell is refused, never evaluated. A
  cell the workbook marks as text stays text even when it begins with "=" (the
  coordinators' export writes "=Quiet Harbor" so): it comes as a `TextCell`.
- ODS: python-calamine (Rust), which keeps the sheet in compact native memory
  rather than as Python objects, and gives a formula's value, never the formula:
  every string it gives is text (a `TextCell` when it begins with "=").

Everything that cannot be read raises `UnreadableFile` with a message for the
person who chose the file.
"""

import codecs
import csv
import io
import os
import re
from dataclasses import dataclass, field

import charset_normalizer
from django.utils.translation import gettext as _

# Three accented letters in a row: no Western word has them, text of another
# 8-bit encoding read as Windows-1252 is made of them.
LONG_ACCENTED_RUN = re.compile(r"[^\x00-\x7f\W\d_]{3,}")
SAMPLE_BYTES = 64 * 1024
CHUNK_BYTES = 256 * 1024

# What a file named .csv really is, by its first bytes.
SIGNATURES = (
    (b"PK\x03\x04", "zip"),
    (b"\xd0\xcf\x11\xe0", "xls"),
    (b"%PDF", "pdf"),
    (b"\x89PNG", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"GIF8", "image"),
)
FORMATS = {".csv": "csv", ".txt": "csv", ".tsv": "csv", ".xlsx": "xlsx", ".ods": "ods"}


class TextCell(str):
    """A cell its workbook marks as text that begins with "=", so is no formula:
    values.check_cell lets it through. A CSV has no such mark, so none of its
    cells is one, and a CSV cell beginning with "=" is refused as a formula."""


def _marked_text(value):
    if isinstance(value, str) and value.lstrip()[:1] == "=":
        return TextCell(value)
    return value


class UnreadableFile(Exception):
    """The file cannot be read as a member spreadsheet; str() says why."""


@dataclass
class Table:
    """A spreadsheet's first sheet, read lazily."""

    format: str
    headers: list
    # How many data rows (blank ones included) the first sheet holds; None when
    # the format cannot tell without reading them all.
    total_rows: int | None
    encoding: str = ""
    delimiter: str = ""
    _open_rows: object = field(default=None, repr=False)

    def rows(self):
        """(row number, [cell, ...]) for every data row, blank ones left out.
        Cells are text for CSV; numbers, dates and booleans stay so for XLSX and
        ODS (the value readers take both)."""
        for number, cells in self._open_rows():
            if any(not _blank(cell) for cell in cells):
                yield number, cells

    def describe(self):
        """How the file was read, in words: "CSV, UTF-8, comma-separated"."""
        parts = [self.format.upper()]
        if self.encoding:
            parts.append(ENCODING_NAMES.get(self.encoding, self.encoding))
        if self.delimiter:
            parts.append(DELIMITER_NAMES.get(self.delimiter, repr(self.delimiter)))
        return ", ".join(str(part) for part in parts)


ENCODING_NAMES = {
    "utf-8-sig": "UTF-8",
    "utf-16": "UTF-16",
    "cp1252": "Windows-1252",
}
DELIMITER_NAMES = {
    ",": "comma-separated",
    ";": "semicolon-separated",
    "\t": "tab-separated",
}


def _blank(cell):
    return cell is None or (isinstance(cell, str) and not cell.strip())


def open_table(file, name=None):
    """The `Table` in `file`: a path, or a binary file object that can seek (an
    upload, a stored FieldFile). `name` (or the path's) says its format by its
    extension."""
    if isinstance(file, (str, os.PathLike)):
        name = name or os.fspath(file)
        handle = open(file, "rb")
    else:
        handle = file
        name = name or getattr(file, "name", "") or ""
    extension = os.path.splitext(str(name))[1].lower()
    kind = FORMATS.get(extension)
    if kind is None:
        raise UnreadableFile(
            _(
                "%(name)s is not a spreadsheet this import reads: save it as CSV, "
                "XLSX or ODS."
            )
            % {"name": os.path.basename(str(name)) or _("The file")}
        )
    handle.seek(0)
    start = handle.read(SAMPLE_BYTES)
    handle.seek(0)
    if not start.strip():
        raise UnreadableFile(_("The file is empty."))
    reader = {"csv": _open_csv, "xlsx": _open_xlsx, "ods": _open_ods}[kind]
    return reader(handle, start)


# --- CSV --------------------------------------------------------------------------


def _refuse_binary(start):
    for signature, what in SIGNATURES:
        if start.startswith(signature):
            if what == "zip":
                raise UnreadableFile(
                    _(
                        "This file is named .csv but is a spreadsheet workbook "
                        "(XLSX or ODS inside). Upload it with its own extension, or "
                        "save it as CSV."
                    )
                )
            if what == "xls":
                raise UnreadableFile(
                    _(
                        "This file is named .csv but is an old Excel workbook "
                        "(.xls). Save it as CSV UTF-8 or as .xlsx."
                    )
                )
            raise UnreadableFile(
                _("This file is named .csv but is not text (it is a %(what)s file).")
                % {"what": what.upper() if what == "pdf" else _("an image")}
            )
    if b"\x00" in start:
        raise UnreadableFile(
            _(
                "This file is named .csv but holds binary data, not text. Save the "
                "spreadsheet as CSV UTF-8."
            )
        )


def _choose_encoding(handle, start):
    """The encoding the whole file reads in, checked to its end."""
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    _refuse_binary(start)
    if _decodes(handle, "utf-8"):
        return "utf-8-sig"
    if not _decodes(handle, "cp1252"):
        raise UnreadableFile(
            _(
                "This file is neither UTF-8 nor Windows-1252 text. Save it as "
                "CSV UTF-8 and try again."
            )
        )
    guess = _guess_encoding(handle)
    if guess:
        raise UnreadableFile(
            _(
                "This file is not UTF-8, and its letters do not read as Western "
                "European text (it looks like %(encoding)s). Save it as CSV UTF-8 "
                "and try again, so that no name is misspelled."
            )
            % {"encoding": guess}
        )
    return "cp1252"


def _decodes(handle, encoding):
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    handle.seek(0)
    try:
        while chunk := handle.read(CHUNK_BYTES):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    finally:
        handle.seek(0)
    return True


def _non_ascii_lines(handle):
    """A sample of the file: its lines with non-ASCII bytes, up to SAMPLE_BYTES."""
    sample = bytearray()
    handle.seek(0)
    for line in handle:
        if any(byte >= 0x80 for byte in line):
            sample += line
            if len(sample) >= SAMPLE_BYTES:
                break
    handle.seek(0)
    return bytes(sample)


def _reads_as_western(text):
    """Whether text decoded as Windows-1252 looks like a Western language: its
    accented letters are few and inside words of plain letters ("Peña",
    "Genève"). Text of another 8-bit encoding read as Windows-1252 turns into
    runs of accented letters ("Ïðàâîçàùèòíûé"), which no Western word has."""
    letters = [char for char in text if char.isalpha()]
    accented = [char for char in letters if ord(char) > 0x7F]
    if not accented:
        return True
    return len(accented) / len(letters) < 0.3 and not LONG_ACCENTED_RUN.search(text)


def _guess_encoding(handle):
    """None when the file reads as Western text in Windows-1252; else the
    encoding charset-normalizer takes it for (or "another encoding")."""
    sample = _non_ascii_lines(handle)
    if not sample or _reads_as_western(sample.decode("cp1252")):
        return None
    match = charset_normalizer.from_bytes(sample).best()
    return match.encoding if match else _("another encoding")


def _choose_delimiter(first_line):
    """The delimiter the header line uses most, outside quotes (comma on a tie)."""
    counts = {",": 0, ";": 0, "\t": 0}
    quoted = False
    for char in first_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(counts, key=lambda delimiter: (counts[delimiter], delimiter == ","))
    return best


def _csv_records(handle, encoding, delimiter):
    """(row number, cells) of every record; row numbers count records."""
    handle.seek(0)
    text = io.TextIOWrapper(handle, encoding=encoding, newline="")
    try:
        reader = csv.reader(text, delimiter=delimiter, strict=True)
        number = 0
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                raise UnreadableFile(
                    _(
                        "Row %(row)s cannot be read: %(reason)s. A quote may not be "
                        "closed; check the row in a spreadsheet."
                    )
                    % {"row": number + 1, "reason": error}
                ) from error
            number += 1
            yield number, cells
    finally:
        text.detach()


def _open_csv(handle, start):
    encoding = _choose_encoding(handle, start)
    handle.seek(0)
    head = io.TextIOWrapper(handle, encoding=encoding, newline="")
    first_line = head.readline()
    head.detach()
    delimiter = _choose_delimiter(first_line.lstrip("\ufeff"))
    # The checking pass: quoting to the end (a cell past the csv module's limit,
    # 131,072 characters, is an unclosed quote), and where the header is.
    header, header_number, total = None, 0, 0
    for number, cells in _csv_records(handle, encoding, delimiter):
        if header is None:
            if any(cell.strip() for cell in cells):
                header, header_number = cells, number
            continue
        total += 1
    if header is None:
        raise UnreadableFile(_("The file is empty."))

    def rows():
        for number, cells in _csv_records(handle, encoding, delimiter):
            if number > header_number:
                yield number, cells

    return _checked(
        Table(
            format="csv",
            headers=[cell.lstrip("\ufeff").strip() for cell in header],
            total_rows=total,
            encoding=encoding,
            delimiter=delimiter,
            _open_rows=rows,
        )
    )


# --- Workbooks --------------------------------------------------------------------


def _workbook_table(kind, row_iterator, total):
    """A Table from a workbook's rows: the first non-blank row is the header."""

    def numbered():
        for number, cells in enumerate(row_iterator(), start=1):
            yield number, list(cells)

    header, header_number = None, 0
    for number, cells in numbered():
        if any(not _blank(cell) for cell in cells):
            header, header_number = cells, number
            break
    if header is None:
        raise UnreadableFile(_("The file is empty."))
    # Trailing empty header cells are the sheet's width, not columns.
    while header and _blank(header[-1]):
        header.pop()

    def rows():
        for number, cells in numbered():
            if number > header_number:
                yield number, cells

    return _checked(
        Table(
            format=kind,
            headers=[_cell_text(cell) for cell in header],
            total_rows=None if total is None else max(total - header_number, 0),
            _open_rows=rows,
        )
    )


def _cell_text(cell):
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return str(cell).strip()


def _open_xlsx(handle, start):
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    if not start.startswith(b"PK\x03\x04"):
        raise UnreadableFile(
            _("This file is named .xlsx but is not an Excel workbook.")
        )
    try:
        # read_only streams the sheet; data_only=False keeps formulas as written.
        workbook = openpyxl.load_workbook(handle, read_only=True, data_only=False)
    except (InvalidFileException, KeyError, OSError, ValueError) as error:
        raise UnreadableFile(
            _("This Excel workbook cannot be opened (%(reason)s).") % {"reason": error}
        ) from error
    if not workbook.worksheets:
        raise UnreadableFile(_("The workbook has no sheet."))
    sheet = workbook.worksheets[0]
    try:
        total = sheet.max_row
    except (TypeError, ValueError):
        total = None

    def row_iterator():
        for row in sheet.iter_rows():
            # "s" is a text cell; a formula is "f", and stays a plain string.
            yield [
                _marked_text(cell.value) if cell.data_type == "s" else cell.value
                for cell in row
            ]

    return _workbook_table("xlsx", row_iterator, total)


def _open_ods(handle, start):
    import python_calamine

    if not start.startswith(b"PK\x03\x04"):
        raise UnreadableFile(
            _("This file is named .ods but is not an OpenDocument spreadsheet.")
        )
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(handle)
        sheet = workbook.get_sheet_by_index(0)
    except (python_calamine.CalamineError, ValueError, IndexError) as error:
        raise UnreadableFile(
            _("This spreadsheet cannot be opened (%(reason)s).") % {"reason": error}
        ) from error

    def row_iterator():
        for row in sheet.iter_rows():
            yield [_marked_text(value) for value in row]

    return _workbook_table("ods", row_iterator, sheet.height)


def _checked(table):
    """A Table with at least one row under its header."""
    for _row in table.rows():
        return table
    raise UnreadableFile(
        _(
            "The file has a header row but no rows of organizations under it: "
            "nothing to import."
        )
    )
