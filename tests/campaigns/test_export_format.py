"""Every CSV export opens cleanly in a spreadsheet: UTF-8 with a byte-order mark,
ISO dates without microseconds, and no cell that a spreadsheet would run."""

import csv
import datetime
import io
import zoneinfo

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from campaigns.models import SignOnStatus
from home.spreadsheets import BYTE_ORDER_MARK, FORMULA_STARTS, csv_cell
from tests.factories import PledgeFactory, SignOnFactory

pytestmark = pytest.mark.django_db

# Each way a cell can begin that a spreadsheet would treat as a formula.
FORMULA_NAMES = [
    start + 'HYPERLINK("http://evil.example/","Click")' for start in FORMULA_STARTS
]


def streamed(response):
    return b"".join(response.streaming_content).decode("utf-8")


def exported_rows(client, path, **filters):
    response = client.get(path, {"export": "csv", **filters})
    assert response.status_code == 200
    content = streamed(response)
    assert content.startswith(BYTE_ORDER_MARK)
    return list(csv.DictReader(io.StringIO(content[len(BYTE_ORDER_MARK) :])))


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_a_cell_beginning_like_a_formula_is_written_as_text(start):
    assert csv_cell(f"{start}1+1") == f"'{start}1+1"


@pytest.mark.parametrize(
    "value", ["Rosa Álvarez", "1 + 1", "a=b", "user@example.org", "", "'quoted"]
)
def test_ordinary_cells_are_written_as_they_are(value):
    assert csv_cell(value) == value


def test_dates_and_times_are_iso_without_microseconds_in_the_sites_zone():
    moment = datetime.datetime(2026, 7, 18, 16, 5, 9, 123456, tzinfo=datetime.UTC)
    new_york = zoneinfo.ZoneInfo("America/New_York")

    assert csv_cell(moment) == "2026-07-18T12:05:09-04:00"
    assert timezone.get_current_timezone() == new_york
    assert csv_cell(datetime.date(2026, 7, 18)) == "2026-07-18"
    assert csv_cell(datetime.time(9, 30, 0, 999)) == "09:30:00"
    assert csv_cell(None) == ""


def test_the_pledge_export_neutralizes_every_formula_and_keeps_accents(
    client, campaign, coordinator
):
    for name in FORMULA_NAMES:
        PledgeFactory(campaign=campaign, name=name)
    PledgeFactory(
        campaign=campaign,
        name="José Muñoz",
        consented_at=datetime.datetime(
            2026, 7, 18, 16, 5, 9, 654321, tzinfo=datetime.UTC
        ),
    )
    client.force_login(coordinator)

    rows = exported_rows(client, "/admin/campaigns/pledges/", campaign=campaign.pk)

    names = {row["Name"] for row in rows}
    assert {"'" + name for name in FORMULA_NAMES} <= names
    assert not any(name.startswith(FORMULA_STARTS) for name in names)
    muñoz = next(row for row in rows if row["Name"] == "José Muñoz")
    consented = next(value for key, value in muñoz.items() if "onsent" in key)
    assert consented == "2026-07-18T12:05:09-04:00"
    moments = [
        datetime.datetime.fromisoformat(value)
        for row in rows
        for key, value in row.items()
        if "onsent" in key or "reated" in key
    ]
    assert len(moments) == 2 * len(rows)
    assert all(moment.microsecond == 0 and moment.tzinfo for moment in moments)


def test_the_sign_on_export_is_written_the_same_way(
    client, campaign, coordinator, org_admin
):
    SignOnFactory(
        campaign=campaign,
        organization=org_admin.organization,
        status=SignOnStatus.APPROVED,
    )
    client.force_login(coordinator)

    rows = exported_rows(client, "/admin/campaigns/sign-ons/")

    assert len(rows) == 1
    created = next(value for key, value in rows[0].items() if "reated" in key)
    assert datetime.datetime.fromisoformat(created).microsecond == 0


def test_the_xlsx_export_stores_formula_looking_names_as_text(
    client, campaign, coordinator
):
    for name in FORMULA_NAMES:
        PledgeFactory(campaign=campaign, name=name)
    client.force_login(coordinator)

    response = client.get(
        "/admin/campaigns/pledges/", {"export": "xlsx", "campaign": campaign.pk}
    )

    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert cells
    assert all(cell.data_type != "f" for cell in cells)


def test_the_pledge_xlsx_marks_every_formula_start_and_dates_in_the_sites_zone(
    client, campaign, coordinator
):
    for name in FORMULA_NAMES:
        PledgeFactory(
            campaign=campaign,
            name=name,
            consented_at=datetime.datetime(
                2026, 7, 18, 16, 5, 9, 654321, tzinfo=datetime.UTC
            ),
        )
    client.force_login(coordinator)

    response = client.get(
        "/admin/campaigns/pledges/", {"export": "xlsx", "campaign": campaign.pk}
    )

    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    headings = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    rows = [dict(zip(headings, row, strict=True)) for row in sheet.iter_rows(min_row=2)]
    assert len(rows) == len(FORMULA_NAMES)
    for row in rows:
        assert row["Name"].data_type == "s" and row["Name"].quotePrefix
        consented = next(cell for key, cell in row.items() if "onsent" in key)
        assert consented.value == datetime.datetime(2026, 7, 18, 12, 5, 9)
        assert consented.number_format == "yyyy-mm-dd hh:mm:ss"
