"""The coordinators' import in the admin (members/admin_desk/imports.py): upload →
columns → values that match nothing → preview → confirm → progress and report,
through the one engine, with docs/sample-members.csv; bad files refused with the
engine's words and nothing stored; steps that cannot be skipped; the mapping file
round trip; strict; invitations only when ticked; long files previewed in the
background; and nobody but coordinators."""

import json

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from members.admin_desk import import_forms, import_reports, imports
from members.imports import MappingFile
from members.models import (
    Invitation,
    IssueArea,
    MemberImport,
    MemberOrganizationPage,
)
from tests.conftest import pass_two_factor
from tests.factories import (
    CoordinatorFactory,
    MembershipFactory,
    UserFactory,
    build_organization,
)
from tests.members.imports.conftest import SAMPLE, csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

LIST = "/admin/members/imports/"
NEW = "/admin/members/imports/new/"
# The sample's columns, as guess_columns maps them ("Notes" is left out).
SAMPLE_MAPPING = {
    0: "title",
    1: "summary",
    2: "issue_areas",
    3: "city",
    4: "subdivision",
    5: "country",
    6: "website",
    7: "public_email",
    8: "contact_name",
    9: "contact_email",
    10: "founded_year",
    11: "scope",
    12: "visibility",
}


def url(member_import, step=""):
    return f"/admin/members/imports/{member_import.pk}/{step + '/' if step else ''}"


def upload(client, data=None, name="sample-members.csv", mapping_file=None, **options):
    form = {
        "file": SimpleUploadedFile(name, SAMPLE.read_bytes() if data is None else data)
    }
    if mapping_file is not None:
        form["mapping_file"] = SimpleUploadedFile("map.json", mapping_file)
    form.update({key: "on" for key, value in options.items() if value})
    return client.post(NEW, form)


def columns_form(mapping, **options):
    form = {f"column_{index}": field for index, field in mapping.items()}
    form.update({key: "on" for key, value in options.items() if value})
    return form


def the_import():
    return MemberImport.objects.get()


def stored_files():
    root = settings.PRIVATE_MEDIA_ROOT / "member-imports"
    return sorted(path for path in root.rglob("*") if path.is_file())


def text(response):
    return response.content.decode()


def tenant_organizing(import_page):
    """The index of "Tenant organizing" among the values the page shows."""
    form = import_page.context["form"]
    [number] = [
        n
        for n, entry in enumerate(form.entries)
        if entry["value"].value == "Tenant organizing"
    ]
    return number


def prepared(client, *, mapping=None, decide=True, **options):
    """The sample uploaded, its columns saved and "Tenant organizing" decided as
    another name of Housing: the draft at its preview."""
    upload(client, **options)
    member_import = the_import()
    client.post(
        url(member_import, "columns"),
        columns_form(mapping or SAMPLE_MAPPING, **options),
    )
    if decide:
        page = client.get(url(member_import, "values"))
        number = tenant_organizing(page)
        client.post(
            url(member_import, "values"),
            {
                "version": page.context["form"]["version"].value(),
                f"action_{number}": "alias",
                f"to_{number}": "housing",
            },
        )
    member_import.refresh_from_db()
    return member_import


def confirm(client, member_import, django_capture_on_commit_callbacks, **form):
    member_import.refresh_from_db(fields=["mapping_version"])
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(
            url(member_import, "preview"),
            {"version": member_import.mapping_version, **form},
        )


# --- the whole walk ------------------------------------------------------------------


def test_a_coordinator_imports_the_sample_file_step_by_step(
    coordinator_client, coordinator, directory, django_capture_on_commit_callbacks
):
    client = coordinator_client
    assert NEW in text(client.get(LIST))

    # 1. Upload: the file is stored as a draft, nothing imported.
    response = upload(client)
    member_import = the_import()
    assert response.status_code == 302
    assert response["Location"] == url(member_import, "columns")
    assert member_import.status == MemberImport.Status.DRAFT
    assert member_import.original_name == "sample-members.csv"
    assert member_import.rows_total == 12
    assert member_import.mapping_version == 0
    assert member_import.file.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert MemberOrganizationPage.objects.count() == 0

    # 2. Columns: each heading with sample values and its guessed field.
    page = client.get(url(member_import, "columns"))
    assert page.status_code == 200
    html = text(page)
    assert "Column A: Organisation" in html
    assert "Tenants United Houston" in html  # a sample value
    form = page.context["form"]
    assert form["column_0"].value() == "title"
    assert form["column_2"].value() == "issue_areas"
    assert form["column_13"].value() == ""  # Notes: left out
    # The coordinator leaves "E-mail" out (row 11's is no address).
    mapping = {**SAMPLE_MAPPING, 7: ""}
    response = client.post(url(member_import, "columns"), columns_form(mapping))
    assert response.status_code == 302
    assert response["Location"] == url(member_import, "values")
    member_import.refresh_from_db()
    assert member_import.mapping_version == 1
    assert member_import.has_current_preview  # 12 rows: dry-run in the request
    assert MemberOrganizationPage.objects.count() == 0

    # 3. Values that match nothing: "Tenant organizing", once, with its row.
    page = client.get(url(member_import, "values"))
    assert page.status_code == 200
    html = text(page)
    assert "Issue areas: “Tenant organizing”" in html
    assert "1 row (9)" in html
    assert "Undecided, it is left out of its rows." in html
    number = tenant_organizing(page)
    response = client.post(
        url(member_import, "values"),
        {"version": "1", f"action_{number}": "alias", f"to_{number}": "housing"},
    )
    assert response.status_code == 302
    assert response["Location"] == url(member_import, "preview")
    # Decided, not yet applied: a dry run writes nothing.
    assert "Tenant organizing" not in IssueArea.objects.get(slug="housing").aliases

    # 4. Preview: the totals and every row.
    page = client.get(url(member_import, "preview"))
    assert page.status_code == 200
    html = text(page)
    totals = {label: number for label, number, _action in page.context["totals"]}
    assert totals == {"Will create": 11, "Will update": 0, "Will skip": 1, "Errors": 0}
    assert "Will create" in html and "Will skip" in html
    assert "the same organization as row 2." in html
    assert "Eastside Tenants Network" in html
    assert "Download the mapping file" in html
    assert "Email an invitation to each new organization" in html

    # 5. Confirm (no invitations): the run is queued and runs.
    response = confirm(client, member_import, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == url(member_import)
    member_import.refresh_from_db()
    assert member_import.status == MemberImport.Status.DONE
    assert member_import.created_by == coordinator
    assert not member_import.send_invitations
    assert MemberOrganizationPage.objects.count() == 11
    housing = IssueArea.objects.get(slug="housing")
    assert "Tenant organizing" in housing.alias_list
    eastside = MemberOrganizationPage.objects.get(title="Eastside Tenants Network")
    assert housing in eastside.issue_areas.all()
    assert mail.outbox == []

    # 6. The report.
    page = client.get(url(member_import))
    html = text(page)
    assert page.status_code == 200
    assert "Done" in html
    assert "What the import did" in html
    totals = {label: number for label, number, _action in page.context["totals"]}
    assert totals == {"Created": 11, "Updated": 0, "Skipped": 1, "Errors": 0}
    assert "Added “Tenant organizing” as another name" in html
    assert "New Mexico Youth Justice Alliance" in html
    # ... and the list of imports, newest first, with its totals.
    listing = client.get(LIST)
    assert list(listing.context["imports"]) == [member_import]
    assert f'href="{url(member_import)}"' in text(listing)


def test_with_nothing_unmatched_the_values_step_is_skipped(
    coordinator_client, directory
):
    data = csv_bytes([["Name", "City"], ["Harbor Light", "Houston"]])
    upload(coordinator_client, data, name="one.csv")
    member_import = the_import()

    response = coordinator_client.post(
        url(member_import, "columns"), columns_form({0: "title", 1: "city"})
    )

    assert response["Location"] == url(member_import, "preview")
    assert coordinator_client.get(url(member_import, "values"))["Location"] == url(
        member_import, "preview"
    )


def test_the_progress_page_polls_a_json_address_until_the_run_is_over(
    coordinator_client, directory
):
    member_import = prepared(coordinator_client)
    MemberImport.objects.filter(pk=member_import.pk).update(
        status=MemberImport.Status.RUNNING, rows_done=5
    )

    page = coordinator_client.get(url(member_import))
    progress = coordinator_client.get(url(member_import, "progress")).json()

    assert "js/member-import-progress.js" in text(page)
    assert 'data-url="' + url(member_import, "progress") + '"' in text(page)
    assert progress["waiting"] is True
    assert progress["status"] == "running"
    assert progress["message"] == "5 of about 12 rows read."
    MemberImport.objects.filter(pk=member_import.pk).update(
        status=MemberImport.Status.DONE
    )
    assert coordinator_client.get(url(member_import, "progress")).json()["waiting"] is (
        False
    )
    assert "member-import-progress.js" not in text(
        coordinator_client.get(url(member_import))
    )


# --- bad files -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("members.csv", b"", "The file is empty."),
        ("members.csv", b"   \n\n", "The file is empty."),
        ("members.csv", b"Name,City\n", "has a header row but no rows"),
        ("members.csv", b"%PDF-1.4 binary", "named .csv but is not text"),
        (
            "members.csv",
            b"PK\x03\x04zipped",
            "named .csv but is a spreadsheet workbook",
        ),
        ("members.csv", b"Name,City\n\x00\x01\x02,x\n", "holds binary data"),
        ("members.xlsx", b"Name,City\nA,B\n", "not an Excel workbook"),
        ("members.pdf", b"Name,City\nA,B\n", "is not a spreadsheet this import reads"),
        ("members.csv", b'Name,City\n"Open,Houston\n', "A quote may not be closed"),
    ],
)
def test_a_file_the_engine_cannot_read_comes_back_with_its_reason_and_nothing_kept(
    coordinator_client, directory, name, data, message
):
    before = stored_files()

    response = upload(coordinator_client, data, name=name)

    assert response.status_code == 400
    assert message in text(response)
    assert MemberImport.objects.count() == 0
    assert stored_files() == before


def test_a_file_over_the_limit_is_refused_and_not_read_past_it(
    coordinator_client, directory, monkeypatch
):
    monkeypatch.setattr(import_forms, "MAX_UPLOAD_BYTES", 1000)
    data = csv_bytes([["Name"]] + [[f"Organization {n}"] for n in range(200)])

    response = upload(coordinator_client, data, name="big.csv")

    assert response.status_code == 400
    assert "The file is larger than 1000" in text(response)
    assert response.wsgi_request.upload_too_large == ["file"]
    assert "file" not in response.wsgi_request.FILES
    assert MemberImport.objects.count() == 0


def test_an_upload_without_the_csrf_token_is_refused(coordinator, directory):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    pass_two_factor(client, coordinator)

    response = upload(client)

    assert response.status_code == 403
    assert MemberImport.objects.count() == 0


def test_the_upload_page_says_the_size_limit(coordinator_client, directory):
    html = text(coordinator_client.get(NEW))

    assert "up to 20.0\xa0MB" in html


def test_a_mapping_file_that_is_not_one_is_refused_and_nothing_kept(
    coordinator_client, directory
):
    before = stored_files()

    bad_json = upload(coordinator_client, mapping_file=b"{not json")
    wrong_kind = upload(coordinator_client, mapping_file=b'{"format": "other"}')

    assert bad_json.status_code == wrong_kind.status_code == 400
    assert "The mapping file is not valid JSON" in text(bad_json)
    assert "This is not a member import mapping file" in text(wrong_kind)
    assert MemberImport.objects.count() == 0
    assert stored_files() == before


def test_an_xlsx_file_goes_through_the_same_steps(coordinator_client, directory):
    data = xlsx_bytes([["Organisation", "Country"], ["Harbor Light", "US"]])

    upload(coordinator_client, data, name="members.xlsx")
    member_import = the_import()
    response = coordinator_client.post(
        url(member_import, "columns"), columns_form({0: "title", 1: "country"})
    )

    assert response["Location"] == url(member_import, "preview")
    assert "Harbor Light" in text(coordinator_client.get(url(member_import, "preview")))


# --- columns -------------------------------------------------------------------------


def test_a_mapping_the_engine_refuses_is_shown_on_the_form(
    coordinator_client, directory
):
    upload(coordinator_client)
    member_import = the_import()

    twice = coordinator_client.post(
        url(member_import, "columns"), columns_form({**SAMPLE_MAPPING, 1: "title"})
    )
    nameless = coordinator_client.post(
        url(member_import, "columns"), columns_form({**SAMPLE_MAPPING, 0: ""})
    )
    unknown = coordinator_client.post(
        url(member_import, "columns"), columns_form({**SAMPLE_MAPPING, 1: "password"})
    )

    assert twice.status_code == nameless.status_code == unknown.status_code == 400
    assert "Columns “Organisation” and “Description” both fill Name" in text(twice)
    assert "No column holds the organizations&#x27; names" in text(nameless)
    assert "Select a valid choice" in text(unknown)
    member_import.refresh_from_db()
    assert member_import.mapping_version == 0


def test_a_file_with_no_heading_recognized_says_so_plainly(
    coordinator_client, directory
):
    data = csv_bytes([["Harbor Light", "Houston"], ["Open Door", "El Paso"]])
    upload(coordinator_client, data, name="headless.csv")

    page = coordinator_client.get(url(the_import(), "columns"))

    assert "No column heading was recognized" in text(page)
    assert "“Harbor Light”, “Houston”" in text(page)


def test_a_file_whose_first_column_alone_is_recognized_gets_no_such_warning(
    coordinator_client, directory
):
    data = csv_bytes([["Name", "Remarks"], ["Harbor Light", "Paid"]])
    upload(coordinator_client, data, name="first.csv")

    page = coordinator_client.get(url(the_import(), "columns"))

    assert "No column heading was recognized" not in text(page)


# --- values that match nothing -------------------------------------------------------


def test_a_decision_the_engine_refuses_is_shown_beside_its_value(
    coordinator_client, directory
):
    member_import = prepared(coordinator_client, decide=False)
    page = coordinator_client.get(url(member_import, "values"))
    number = tenant_organizing(page)

    response = coordinator_client.post(
        url(member_import, "values"),
        {"version": member_import.mapping_version, f"action_{number}": "map"},
    )

    assert response.status_code == 400
    assert "Say what “Tenant organizing” maps to." in text(response)
    assert response.context["form"].errors[f"to_{number}"]


def test_a_term_that_does_not_exist_cannot_be_chosen(coordinator_client, directory):
    member_import = prepared(coordinator_client, decide=False)
    number = tenant_organizing(coordinator_client.get(url(member_import, "values")))

    response = coordinator_client.post(
        url(member_import, "values"),
        {
            "version": member_import.mapping_version,
            f"action_{number}": "alias",
            f"to_{number}": "no-such-term",
        },
    )

    assert response.status_code == 400
    assert MappingFile.from_dict(the_import().mapping).decisions.as_list() == []


def test_values_posted_from_an_older_page_are_not_saved(coordinator_client, directory):
    member_import = prepared(coordinator_client, decide=False)
    number = tenant_organizing(coordinator_client.get(url(member_import, "values")))

    response = coordinator_client.post(
        url(member_import, "values"),
        {"version": "0", f"action_{number}": "create"},
    )

    assert response.status_code == 409
    assert "changed in another window" in text(response)
    assert MappingFile.from_dict(the_import().mapping).decisions.as_list() == []


def test_create_and_drop_decisions_are_applied_when_the_import_runs(
    coordinator_client, directory, django_capture_on_commit_callbacks
):
    data = csv_bytes(
        [
            ["Name", "Summary", "Focus areas"],
            ["Harbor Light", "Water for all.", "Water justice; Tenant organizing"],
            ["Open Door", "Homes for all.", "Water justice"],
        ]
    )
    upload(coordinator_client, data, name="two.csv")
    member_import = the_import()
    coordinator_client.post(
        url(member_import, "columns"),
        columns_form({0: "title", 1: "summary", 2: "issue_areas"}),
    )
    page = coordinator_client.get(url(member_import, "values"))
    numbers = {
        entry["value"].value: n for n, entry in enumerate(page.context["form"].entries)
    }
    assert "2 rows (2, 3)" in text(page)
    coordinator_client.post(
        url(member_import, "values"),
        {
            "version": "1",
            f"action_{numbers['Water justice']}": "create",
            f"action_{numbers['Tenant organizing']}": "drop",
        },
    )
    member_import.refresh_from_db()
    preview = text(coordinator_client.get(url(member_import, "preview")))
    assert "“Tenant organizing”: dropped, as decided" in preview
    assert preview.count("Will create") >= 2

    confirm(coordinator_client, member_import, django_capture_on_commit_callbacks)

    water = IssueArea.objects.get(name="Water justice")
    tagged = MemberOrganizationPage.objects.filter(issue_areas=water)
    assert set(tagged.values_list("title", flat=True)) == {"Harbor Light", "Open Door"}
    assert not IssueArea.objects.filter(name="Tenant organizing").exists()


def test_a_state_is_decided_by_its_code(coordinator_client, directory):
    data = csv_bytes([["Name", "Country", "State"], ["Harbor Light", "US", "Tejas"]])
    upload(coordinator_client, data, name="state.csv")
    member_import = the_import()
    coordinator_client.post(
        url(member_import, "columns"),
        columns_form({0: "title", 1: "country", 2: "subdivision"}),
    )
    page = coordinator_client.get(url(member_import, "values"))
    assert "kept as written" in text(page)

    wrong = coordinator_client.post(
        url(member_import, "values"),
        {"version": "1", "action_0": "map", "to_0": "Atlantis"},
    )
    right = coordinator_client.post(
        url(member_import, "values"),
        {"version": "1", "action_0": "map", "to_0": "texas"},
    )

    assert wrong.status_code == 400
    assert "“Atlantis” names no state or region" in text(wrong)
    assert right.status_code == 302
    [decision] = MappingFile.from_dict(the_import().mapping).decisions
    assert (decision.action, decision.to) == ("map", "US-TX")


# --- preview, confirm and the steps' order -------------------------------------------


def test_steps_cannot_be_skipped(coordinator_client, directory):
    upload(coordinator_client)
    member_import = the_import()

    for step in ("values", "preview"):
        response = coordinator_client.get(url(member_import, step))
        assert response["Location"] == url(member_import, "columns"), step
    response = coordinator_client.post(url(member_import, "preview"), {"version": "0"})
    assert response["Location"] == url(member_import, "columns")
    assert the_import().status == MemberImport.Status.DRAFT


def test_a_confirmation_of_an_older_preview_answers_with_the_preview_again(
    coordinator_client, directory, django_capture_on_commit_callbacks
):
    member_import = prepared(coordinator_client)

    with django_capture_on_commit_callbacks(execute=True):
        stale = coordinator_client.post(
            url(member_import, "preview"),
            {"version": member_import.mapping_version - 1},
        )
        forged = coordinator_client.post(url(member_import, "preview"), {})

    assert stale.status_code == 409
    assert "changed after that preview was shown" in text(stale)
    assert "What the import will do" in text(stale)
    assert forged.status_code == 400
    assert the_import().status == MemberImport.Status.DRAFT
    assert MemberOrganizationPage.objects.count() == 0


def test_a_confirmed_import_is_not_queued_twice(
    coordinator_client, directory, django_capture_on_commit_callbacks
):
    member_import = prepared(coordinator_client)

    confirm(coordinator_client, member_import, django_capture_on_commit_callbacks)
    again = confirm(
        coordinator_client, member_import, django_capture_on_commit_callbacks
    )

    assert again["Location"] == url(member_import)
    assert MemberOrganizationPage.objects.count() == 10  # row 11 is an error
    for step in ("columns", "values", "preview"):
        assert coordinator_client.get(url(member_import, step))["Location"] == url(
            member_import
        )


def test_the_preview_pages_its_rows_and_filters_them(
    coordinator_client, directory, monkeypatch
):
    monkeypatch.setattr(import_reports, "ROWS_PER_PAGE", 5)
    member_import = prepared(coordinator_client)
    preview = url(member_import, "preview")

    first = coordinator_client.get(preview)
    third = coordinator_client.get(preview, {"page": "3"})
    skipped = coordinator_client.get(preview, {"show": "skip"})
    hostile = coordinator_client.get(preview, {"show": "<b>", "page": "x²"})

    assert [row["row"] for row in first.context["rows"]] == [2, 3, 4, 5, 6]
    assert [row["row"] for row in third.context["rows"]] == [12, 13]
    # The totals count every row, whatever the page.
    assert [n for _label, n, _a in third.context["totals"]] == [10, 0, 1, 1]
    assert [row["row"] for row in skipped.context["rows"]] == [10]
    assert hostile.status_code == 200
    assert "There is no “&lt;b&gt;” list of rows" in text(hostile)
    assert "is not a page number" in text(hostile)


def test_strict_refuses_rows_with_values_nobody_decided(coordinator_client, directory):
    member_import = prepared(coordinator_client, decide=False, strict=True)

    page = coordinator_client.get(url(member_import, "values"))
    preview = coordinator_client.get(url(member_import, "preview"))

    assert "Undecided, its rows are refused (you chose to refuse them)." in text(page)
    [row] = [row for row in preview.context["rows"] if row["row"] == 9]
    assert row["action"] == "error"
    assert "Tenant organizing" in row["reason"]
    assert "Rows with values nobody decided are refused." in text(preview)


def test_the_columns_step_can_change_the_options(coordinator_client, directory):
    upload(coordinator_client)
    member_import = the_import()

    coordinator_client.post(
        url(member_import, "columns"), columns_form(SAMPLE_MAPPING, update=True)
    )

    member_import.refresh_from_db()
    assert member_import.update and not member_import.strict
    assert member_import.preview_report["update"] is True


# --- the mapping file ----------------------------------------------------------------


def test_the_mapping_file_download_round_trips_into_the_next_upload(
    coordinator_client, directory
):
    member_import = prepared(coordinator_client, mapping={**SAMPLE_MAPPING, 7: ""})

    response = coordinator_client.get(url(member_import, "mapping"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="sample-members-mapping.json"'
    )
    mapping_file = MappingFile.loads(response.content.decode())
    headers = [heading for heading, _field in mapping_file.columns]
    assert mapping_file.mapping_for(headers) == {
        index: field for index, field in SAMPLE_MAPPING.items() if index != 7
    }
    assert mapping_file.decisions.as_list() == [
        {
            "field": "issue_areas",
            "value": "Tenant organizing",
            "action": "alias",
            "to": "housing",
        }
    ]

    # Uploaded with the next file, it fills in the columns and the decisions.
    upload(coordinator_client, mapping_file=response.content)
    second = MemberImport.objects.latest("pk")
    columns = coordinator_client.get(url(second, "columns")).context["form"]
    assert columns["column_7"].value() == ""  # left out, as the file says
    assert columns["column_0"].value() == "title"
    coordinator_client.post(
        url(second, "columns"),
        columns_form({**SAMPLE_MAPPING, 7: ""}),
    )
    values = coordinator_client.get(url(second, "values"))
    number = tenant_organizing(values)
    assert values.context["form"][f"action_{number}"].value() == "alias"
    assert values.context["form"][f"to_{number}"].value() == "housing"


# --- invitations ---------------------------------------------------------------------


def test_invitations_are_sent_only_when_ticked(
    coordinator_client, directory, django_capture_on_commit_callbacks
):
    member_import = prepared(coordinator_client)
    preview = coordinator_client.get(url(member_import, "preview"))
    assert "5 new organizations have a contact email that could be invited." in text(
        preview
    )

    confirm(
        coordinator_client,
        member_import,
        django_capture_on_commit_callbacks,
        send_invitations="on",
    )

    member_import.refresh_from_db()
    assert member_import.status == MemberImport.Status.DONE
    assert member_import.send_invitations
    addresses = sorted(address for message in mail.outbox for address in message.to)
    assert addresses == [
        "ana@defensorasjalisco.example.mx",
        "keisha@detroitwaterjustice.example.org",
        "luis@gulfcoastworkers.example.org",
        "maria@tenantsunited-houston.org",
        "rosa@eastsidetenants.example.org",
    ]
    assert Invitation.objects.count() == 5
    assert "5 invitations sent." in text(coordinator_client.get(url(member_import)))


def test_without_a_contact_email_column_no_invitation_is_offered_or_sent(
    coordinator_client, directory, django_capture_on_commit_callbacks
):
    member_import = prepared(coordinator_client, mapping={**SAMPLE_MAPPING, 9: ""})
    preview = coordinator_client.get(url(member_import, "preview"))
    assert "No contact email column is mapped, so no invitation will be sent" in text(
        preview
    )
    assert "send_invitations" not in text(preview)

    confirm(
        coordinator_client,
        member_import,
        django_capture_on_commit_callbacks,
        send_invitations="on",
    )

    assert not the_import().send_invitations
    assert mail.outbox == []


# --- long files ----------------------------------------------------------------------


def test_a_long_file_is_previewed_in_the_background_with_its_progress(
    coordinator_client, directory, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(imports, "PREVIEW_INLINE_ROWS", 5)
    rows = [["Name", "Focus areas"]] + [
        [f"Organization {n}", "Housing; Tenant organizing"] for n in range(8)
    ]
    upload(coordinator_client, csv_bytes(rows), name="long.csv")
    member_import = the_import()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = coordinator_client.post(
            url(member_import, "columns"), columns_form({0: "title", 1: "issue_areas"})
        )
    assert response["Location"] == url(member_import) + "?next=values"
    waiting = coordinator_client.get(response["Location"])
    assert waiting.status_code == 200
    assert "Checking every row" in text(waiting)
    assert "member-import-progress.js" in text(waiting)
    progress = coordinator_client.get(url(member_import, "progress")).json()
    assert progress["waiting"] is True
    assert progress["preview_status"] == "queued"
    # Nor can the next steps be reached before it is done.
    assert coordinator_client.get(url(member_import, "preview"))["Location"] == (
        url(member_import) + "?next=preview"
    )

    for callback in callbacks:
        callback()  # the worker runs the preview task

    progress = coordinator_client.get(url(member_import, "progress")).json()
    assert progress["waiting"] is False
    assert progress["message"] == "8 of about 8 rows read."
    after = coordinator_client.get(url(member_import) + "?next=values")
    assert after["Location"] == url(member_import, "values")


def test_a_preview_of_a_replaced_mapping_is_dropped(
    coordinator_client, directory, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(imports, "PREVIEW_INLINE_ROWS", 0)
    upload(coordinator_client)
    member_import = the_import()
    with django_capture_on_commit_callbacks(execute=False) as first:
        coordinator_client.post(
            url(member_import, "columns"), columns_form(SAMPLE_MAPPING)
        )
    with django_capture_on_commit_callbacks(execute=False) as second:
        coordinator_client.post(
            url(member_import, "columns"), columns_form({**SAMPLE_MAPPING, 2: ""})
        )

    for callback in first:
        callback()
    member_import.refresh_from_db()
    assert not member_import.has_current_preview
    assert member_import.preview_report == {}
    for callback in second:
        callback()
    member_import.refresh_from_db()
    assert member_import.has_current_preview
    assert member_import.preview_report["unmatched"] == []  # no issue areas read


def test_a_file_that_breaks_during_the_check_says_why(coordinator_client, directory):
    upload(coordinator_client)
    member_import = the_import()
    member_import.file.open("wb").write(b"%PDF-1.4 replaced")
    member_import.file.close()

    response = coordinator_client.post(
        url(member_import, "columns"), columns_form(SAMPLE_MAPPING), follow=True
    )

    assert response.redirect_chain == [(LIST, 302)]
    assert "The stored file can no longer be read" in text(response)
    assert "named .csv but is not text" in text(response)
    assert the_import().mapping_version == 0


# --- the list, discarding, and who may -----------------------------------------------


def test_the_list_of_imports_takes_the_same_queries_at_any_size(
    coordinator_client, coordinator, directory, django_assert_max_num_queries
):
    def make(count):
        for number in range(count):
            MemberImport.objects.create(
                original_name=f"file-{number}.csv",
                file=f"member-imports/file-{number}.csv",
                status=MemberImport.Status.DONE,
                created_by=coordinator,
                report={"totals": {"created": number, "updated": 0}},
            )

    make(2)
    with django_assert_max_num_queries(20) as small:
        coordinator_client.get(LIST)
    make(20)
    with django_assert_max_num_queries(len(small)) as large:
        page = coordinator_client.get(LIST)

    assert len(large) == len(small)
    names = [str(item) for item in page.context["imports"]]
    assert names[:2] == ["file-19.csv", "file-18.csv"]  # newest first
    assert page.context["imports"][0].created == 19


def test_a_draft_can_be_discarded_with_its_file(coordinator_client, directory):
    upload(coordinator_client)
    member_import = the_import()
    path = member_import.file.path

    assert coordinator_client.get(url(member_import, "discard")).status_code == 405
    response = coordinator_client.post(url(member_import, "discard"))

    assert response["Location"] == LIST
    assert not MemberImport.objects.exists()
    assert path not in [str(file) for file in stored_files()]


def test_another_coordinator_may_see_and_continue_an_import(
    client, coordinator_client, directory
):
    member_import = prepared(coordinator_client)
    colleague = CoordinatorFactory()
    client.force_login(colleague)
    pass_two_factor(client, colleague)

    assert client.get(url(member_import, "preview")).status_code == 200
    assert client.get(url(member_import, "mapping")).status_code == 200


def test_the_menu_offers_the_import_to_coordinators_only(
    client, coordinator_client, directory
):
    assert LIST in text(coordinator_client.get("/admin/"))


@pytest.fixture
def member_with_admin_access(directory):
    """Someone let into the admin who is no coordinator: Wagtail's own gate
    passes them, the import's does not."""
    from django.contrib.auth.models import Permission

    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def every_address(member_import):
    return [
        ("get", LIST),
        ("get", NEW),
        ("post", NEW),
        *[
            (method, url(member_import, step))
            for step in ("columns", "values", "preview")
            for method in ("get", "post")
        ],
        ("get", url(member_import)),
        ("get", url(member_import, "progress")),
        ("get", url(member_import, "mapping")),
        ("post", url(member_import, "discard")),
    ]


@pytest.mark.parametrize("who", ["member", "admin access", "visitor"])
def test_nobody_but_coordinators_may_import_or_look(
    client, coordinator_client, directory, member_with_admin_access, who
):
    member_import = prepared(coordinator_client)
    before = (member_import.mapping_version, MemberImport.objects.count())
    client.logout()
    if who == "member":
        user = UserFactory()
        MembershipFactory(
            user=user, organization=build_organization(directory), role="admin"
        )
        client.force_login(user)
    elif who == "admin access":
        client.force_login(member_with_admin_access)

    for method, address in every_address(member_import):
        response = getattr(client, method)(address)
        if who == "member":
            assert response.status_code == 403, (method, address)
        else:  # Wagtail sends them to the sign-in or the dashboard
            assert response.status_code == 302, (method, address)
            assert "Tenant" not in text(response)
    xhr = client.get(
        url(member_import, "progress"), headers={"x-requested-with": "XMLHttpRequest"}
    )
    assert xhr.status_code in (302, 403)
    member_import.refresh_from_db()
    assert (member_import.mapping_version, MemberImport.objects.count()) == before
    assert member_import.status == MemberImport.Status.DRAFT


def test_a_coordinator_awaiting_two_factor_may_not_import(
    client, coordinator, directory, two_factor_required
):
    client.force_login(coordinator)

    response = upload(client)

    assert response.status_code == 302
    assert "/accounts/two-factor/" in response["Location"]
    assert MemberImport.objects.count() == 0


def test_ids_no_import_can_have_answer_not_found(coordinator_client, directory):
    for address in (
        "/admin/members/imports/99999999999999999999/",
        "/admin/members/imports/0/columns/",
        "/admin/members/imports/12345/preview/",
    ):
        assert coordinator_client.get(address).status_code == 404, address


def test_the_progress_address_answers_json(coordinator_client, directory):
    upload(coordinator_client)

    response = coordinator_client.get(url(the_import(), "progress"))

    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["status"] == "draft"
