"""manage.py import_members: what it prints, the mapping file it reads and
writes, and its refusals (a non-zero exit)."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from members.models import IssueArea, MemberOrganizationPage
from tests.factories import UserFactory
from tests.members.imports.conftest import SAMPLE, csv_bytes, write

pytestmark = pytest.mark.django_db


def command(*args):
    from io import StringIO

    out = StringIO()
    call_command("import_members", *map(str, args), stdout=out)
    return out.getvalue()


def test_a_dry_run_of_the_sample_prints_columns_values_rows_and_totals(directory):
    out = command(SAMPLE, "--dry-run")

    lines = out.splitlines()
    assert lines[0] == "Read sample-members.csv: CSV, UTF-8, comma-separated, 12 rows."
    assert lines[1].startswith(
        "Columns recognized: Organisation → Name, Description → Summary"
    )
    assert "Province/State → State or region" in lines[1]
    assert "Web site → Website" in lines[1]
    assert lines[2] == "Columns ignored: Notes"
    assert "  Issue areas: “Tenant organizing” — 1 row (9); left out" in lines
    assert (
        "  row 10: would skip “Tenants United Houston” — the same organization as row "
        "2." in lines
    )
    assert any(
        line.startswith("  row 11: error “New Mexico Youth Justice Alliance”")
        for line in lines
    )
    assert (
        "  would create 10 organizations (rows 2, 3, 4, 5, 6, 7, 8, 9, 12, 13)" in lines
    )
    assert (
        lines[-2] == "Dry run of 12 rows: would create 10, update 0, skip 1; 1 error."
    )
    assert lines[-1] == "Dry run: nothing was written."
    assert MemberOrganizationPage.objects.count() == 0


def test_a_run_prints_what_it_did_and_a_second_run_skips_everything(directory):
    first = command(SAMPLE)
    second = command(SAMPLE)

    assert first.splitlines()[-1] == (
        "Imported 12 organizations: 10 created, 0 updated, 1 skipped, 1 error."
    )
    assert (
        "row 2: skipped “Tenants United Houston” — already a member (matched by "
        "website tenantsunited-houston.org)." in second
    )
    assert second.splitlines()[-1] == (
        "Imported 12 organizations: 0 created, 0 updated, 11 skipped, 1 error."
    )


def test_save_map_writes_the_values_to_decide_and_map_applies_them(directory, tmp_path):
    map_path = tmp_path / "sample-map.json"
    command(SAMPLE, "--dry-run", "--save-map", map_path)
    mapping = json.loads(map_path.read_text())
    assert mapping["values"] == [
        {"field": "issue_areas", "value": "Tenant organizing", "action": ""}
    ]
    assert {"heading": "Notes", "field": None} in mapping["columns"]
    mapping["values"][0].update(action="alias", to="housing")
    map_path.write_text(json.dumps(mapping))

    out = command(SAMPLE, "--map", map_path, "--strict")

    assert (
        "Decided: Added “Tenant organizing” as another name of the issue area “Housing "
        "and homelessness”." in out
    )
    assert "Tenant organizing" in IssueArea.objects.get(slug="housing").alias_list
    assert MemberOrganizationPage.objects.count() == 10


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "members.csv", "The file is empty."),
        (b"Name,City\r\n", "members.csv", "no rows"),
        (b"PK\x03\x04rest", "members.csv", "named .csv but is a spreadsheet workbook"),
        (b"Dues,Liaison\nyes,Ana\n", "members.csv", "No column heading was recognized"),
    ],
)
def test_a_file_that_cannot_be_read_exits_with_its_reason(
    directory, tmp_path, data, name, message
):
    path = write(tmp_path, name, data)

    with pytest.raises(CommandError, match=message):
        command(path)


def test_refusals_before_any_row(directory, tmp_path):
    path = write(
        tmp_path, "m.csv", csv_bytes([["Name", "Summary"], ["A Group", "Works."]])
    )

    with pytest.raises(CommandError, match="no such file"):
        command(tmp_path / "missing.csv")
    with pytest.raises(CommandError, match="needs --user"):
        command(path, "--send-invitations")
    with pytest.raises(CommandError, match="No user is named"):
        command(path, "--user", "nobody")
    bad_map = write(tmp_path, "map.json", b"{nope")
    with pytest.raises(CommandError, match="not valid JSON"):
        command(path, "--map", bad_map)
    assert MemberOrganizationPage.objects.count() == 0


def test_invitations_are_counted_in_the_output(directory, tmp_path):
    UserFactory(username="cora")
    path = write(
        tmp_path,
        "m.csv",
        csv_bytes(
            [
                ["Name", "Summary", "Contact email"],
                ["A Group", "Works.", "a@example.org"],
            ]
        ),
    )

    out = command(path, "--send-invitations", "--user", "cora")

    assert "Invitations sent: 1" in out
