"""Reading files as people save them: encodings, delimiters, line ends, quoting,
workbooks, and every file that cannot be read named for what it is."""

import io
import zipfile

import pytest

from members.imports.reading import UnreadableFile, open_table
from tests.members.imports.conftest import csv_bytes, ods_bytes, xlsx_bytes

HEADER = ["Organisation", "City", "Notes"]
ROWS = [
    HEADER,
    ["Asociación Niñez Digna", "Querétaro", "“Quoted” — and curly"],
    ["Café des Droits", "Genève", "naïve résumé"],
]


def read(data, name="members.csv"):
    table = open_table(io.BytesIO(data), name)
    return table, [cells for _number, cells in table.rows()]


@pytest.mark.parametrize(
    ("encoding", "bom", "described"),
    [
        ("utf-8", False, "UTF-8"),
        ("utf-8", True, "UTF-8"),
        ("cp1252", False, "Windows-1252"),
        ("utf-16", False, "UTF-16"),  # Excel's "Unicode text"; Python writes a BOM
    ],
)
def test_accented_letters_and_curly_quotes_read_alike_in_every_accepted_encoding(
    encoding, bom, described
):
    table, rows = read(csv_bytes(ROWS, encoding=encoding, bom=bom))

    assert table.headers == HEADER
    assert rows == ROWS[1:]
    assert described in table.describe()


def test_latin_1_letters_read_as_windows_1252_which_covers_them():
    data = csv_bytes(
        [["Name", "City"], ["Peña Defensores", "Año Nuevo"]], encoding="latin-1"
    )

    table, rows = read(data)

    assert rows == [["Peña Defensores", "Año Nuevo"]]
    assert table.encoding == "cp1252"


def test_text_in_another_eight_bit_encoding_is_refused_rather_than_misspelled():
    data = csv_bytes(
        [["Name", "City"]] + [["Правозащитный центр", "Москва"]] * 5, encoding="cp1251"
    )

    with pytest.raises(UnreadableFile, match="UTF-8"):
        read(data)


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_comma_semicolon_and_tab_files_with_either_line_end(delimiter, newline):
    rows = [
        ["Name", "Issue areas", "City"],
        ["Tenants United", "Housing, Health care", "Houston"],
        ["Border Rights", "Migrant rights; Asylum", "El Paso"],
    ]

    table, read_rows = read(csv_bytes(rows, delimiter=delimiter, newline=newline))

    assert table.delimiter == delimiter
    assert read_rows == rows[1:]


def test_a_quoted_cell_keeps_its_line_breaks_and_rows_keep_spreadsheet_numbers():
    rows = [
        ["Name", "Mission"],
        ["Tenants United", 'First paragraph.\n\nSecond, with a "quote".'],
        ["Border Rights", "One line."],
    ]

    table, _rows = read(csv_bytes(rows, newline="\r\n"))

    numbered = list(table.rows())
    assert numbered == [(2, rows[1]), (3, rows[2])]
    assert table.total_rows == 2


def test_blank_rows_are_passed_over_and_rows_keep_their_numbers():
    data = b"Name,City\n\nTenants United,Houston\n,\nBorder Rights,El Paso\n"

    table = open_table(io.BytesIO(data), "m.csv")

    assert list(table.rows()) == [
        (3, ["Tenants United", "Houston"]),
        (5, ["Border Rights", "El Paso"]),
    ]


def test_a_file_read_from_a_path_and_one_read_twice_give_the_same_rows(tmp_path):
    path = tmp_path / "members.csv"
    path.write_bytes(csv_bytes(ROWS))

    table = open_table(path)

    assert list(table.rows()) == list(table.rows())


def test_xlsx_cells_keep_their_types_and_formulas_stay_as_written():
    table, rows = read(
        xlsx_bytes(
            [
                ["Name", "Founded", "Notes"],
                ["Tenants United", 2009, '=HYPERLINK("http://x")'],
                [None, None, None],
                ["Border Rights", 1998, "Line one\nline two"],
            ]
        ),
        "members.xlsx",
    )

    assert table.format == "xlsx"
    assert table.headers == ["Name", "Founded", "Notes"]
    assert rows[0] == ["Tenants United", 2009, '=HYPERLINK("http://x")']
    assert rows[1] == ["Border Rights", 1998, "Line one\nline two"]
    assert table.total_rows == 3


def test_an_xlsx_text_cell_beginning_with_equals_is_text_and_a_formula_is_not():
    from openpyxl import Workbook

    from members.imports.reading import TextCell
    from members.imports.values import CellError, cell_text, check_cell

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Name", "Notes"])
    sheet.append(["=Quiet Harbor Network", "=SUM(1, 2)"])
    # As the coordinators' export writes it (home.spreadsheets): marked as text.
    sheet["A2"].data_type = "s"
    sheet["A2"].quotePrefix = True
    out = io.BytesIO()
    workbook.save(out)

    _table, rows = read(out.getvalue(), "members.xlsx")

    name, notes = rows[0]
    assert isinstance(name, TextCell) and name == "=Quiet Harbor Network"
    check_cell(name, cell_text(name))
    assert not isinstance(notes, TextCell) and notes == "=SUM(1, 2)"
    with pytest.raises(CellError, match="formula"):
        check_cell(notes, cell_text(notes))


def test_ods_cells_are_read_with_python_calamine():
    table, rows = read(
        ods_bytes(
            [
                ["Organisation", "Founded", "City"],
                ["Colectivo Defensoras", 2014, "Guadalajara"],
                ["Geneva Rights Forum", 2005, "Genève"],
            ]
        ),
        "members.ods",
    )

    assert table.format == "ods"
    assert table.headers == ["Organisation", "Founded", "City"]
    assert [row[0] for row in rows] == ["Colectivo Defensoras", "Geneva Rights Forum"]
    assert [int(row[1]) for row in rows] == [2014, 2005]
    assert rows[1][2] == "Genève"


def zip_file():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "m.csv", "empty"),
        (b"  \r\n\r\n", "m.csv", "empty"),
        (b"Name,City\r\n", "m.csv", "no rows"),
        (b"Name,City\n\n,\n", "m.csv", "no rows"),
        (zip_file(), "m.csv", "workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "m.csv", ".xls"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "m.csv", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "m.csv", "image"),
        (b"Name,City\nA\x00B,C\n", "m.csv", "binary"),
        (b'Name,City\n"Tenants United,Houston\nBorder,El Paso\n', "m.csv", "quote"),
        (b"Name,City\nA,B\n", "members.pdf", "CSV, XLSX or ODS"),
        (b"Name,City\nA,B\n", "members.xlsx", "not an Excel workbook"),
        (zip_file(), "members.xlsx", "cannot be opened"),
        (b"Name,City\nA,B\n", "members.ods", "not an OpenDocument"),
        (zip_file(), "members.ods", "cannot be opened"),
    ],
)
def test_each_file_that_cannot_be_read_is_refused_with_what_it_is(data, name, message):
    with pytest.raises(UnreadableFile, match=message):
        open_table(io.BytesIO(data), name)


def test_an_empty_workbook_and_a_workbook_with_only_its_header_are_refused():
    with pytest.raises(UnreadableFile, match="empty"):
        read(xlsx_bytes([]), "m.xlsx")
    with pytest.raises(UnreadableFile, match="no rows"):
        read(xlsx_bytes([["Name", "City"]]), "m.xlsx")
    with pytest.raises(UnreadableFile, match="no rows"):
        read(ods_bytes([["Name", "City"]]), "m.ods")


def test_rows_are_streamed_not_read_whole():
    """A long file is read a row at a time: the first row arrives before the
    reader has gone through the file's end (the checking pass aside)."""
    header = b"Name,City\n"
    body = b"".join(b"Org %d,Houston\n" % n for n in range(50_000))
    handle = io.BytesIO(header + body)
    table = open_table(handle, "m.csv")
    rows = table.rows()

    first = next(rows)

    assert first == (2, ["Org 0", "Houston"])
    assert handle.tell() < len(header + body) // 4
    assert table.total_rows == 50_000
