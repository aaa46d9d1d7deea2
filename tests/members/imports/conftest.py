"""Fixtures of the member import's tests: a directory to import into, the
starting vocabulary (loaded by the data migrations), and helpers that write the
files people save, built in the test rather than committed as binaries."""

import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

SAMPLE = Path(__file__).resolve().parents[3] / "docs" / "sample-members.csv"


@pytest.fixture
def import_directory(directory):
    return directory


def csv_bytes(rows, *, delimiter=",", encoding="utf-8", newline="\n", bom=False):
    """A CSV file's bytes, quoted as spreadsheets write them."""
    import csv

    text = io.StringIO()
    csv.writer(text, delimiter=delimiter, lineterminator=newline).writerows(rows)
    data = text.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def xlsx_bytes(rows):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def ods_bytes(rows):
    """A minimal OpenDocument spreadsheet (the parts LibreOffice writes that a
    reader needs): text cells, and numbers as float cells."""
    cells_xml = []
    for row in rows:
        cells = []
        for value in row:
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                cells.append(
                    '<table:table-cell office:value-type="float" '
                    f'office:value="{value}">'
                    f"<text:p>{value}</text:p></table:table-cell>"
                )
            elif value in (None, ""):
                cells.append("<table:table-cell/>")
            else:
                paragraphs = "".join(
                    f"<text:p>{escape(line)}</text:p>"
                    for line in str(value).split("\n")
                )
                cells.append(
                    f'<table:table-cell office:value-type="string">{paragraphs}'
                    "</table:table-cell>"
                )
        cells_xml.append(f"<table:table-row>{''.join(cells)}</table:table-row>")
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        "<office:document-content "
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'office:version="1.2"><office:body><office:spreadsheet>'
        '<table:table table:name="Members">'
        + "".join(cells_xml)
        + "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest manifest:version="1.2" xmlns:manifest='
        '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type='
        '"application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" '
        'manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"),
            "application/vnd.oasis.opendocument.spreadsheet",
        )
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)
    return out.getvalue()
