"""The import engine end to end: what a run creates, skips, updates and refuses,
and what it never does (announce, invite unasked, overwrite, truncate)."""

import io

import pytest
from django.core import mail
from django.db import DatabaseError
from wagtail.models import PageLogEntry, Revision
from wagtail.signals import page_published

from home.spreadsheets import BYTE_ORDER_MARK, csv_cell
from members.columns import IMPORTED_COLUMNS, ORGANIZATION_COLUMNS, TERM_SEPARATOR
from members.imports import (
    Decisions,
    ImportRefused,
    MappingFile,
    MappingFileError,
    check_decision,
    guess_columns,
    open_table,
    run_import,
)
from members.imports.report import CREATE, ERROR, SKIP, UPDATE
from members.models import (
    Approach,
    Invitation,
    IssueArea,
    MemberOrganizationPage,
    Membership,
    OrganizationLink,
    Visibility,
)
from tests.factories import (
    MemberOrganizationPageFactory,
    SiteImageFactory,
    UserFactory,
)
from tests.members.imports.conftest import SAMPLE, csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

HEADER = ["Organisation", "Description", "Focus areas", "Country", "State", "Web site"]


def row(name, website="", focus="Housing", country="US", state="TX", summary=None):
    return [
        name,
        summary or f"{name} works on human rights.",
        focus,
        country,
        state,
        website,
    ]


def run(rows, *, name="members.csv", data=None, decisions=None, **options):
    table = open_table(io.BytesIO(data if data is not None else csv_bytes(rows)), name)
    return run_import(table, guess_columns(table.headers), decisions, **options)


def sample(**options):
    with SAMPLE.open("rb") as handle:
        table = open_table(handle, SAMPLE.name)
        return run_import(
            table,
            guess_columns(table.headers),
            options.pop("decisions", None),
            **options,
        )


def outcomes(report):
    return {outcome.row: (outcome.action, outcome.reason) for outcome in report.rows}


def organizations():
    return MemberOrganizationPage.objects.order_by("pk")


# --- The sample file ------------------------------------------------------------


def test_the_sample_imports_its_members_under_the_directory_live_and_matched(directory):
    report = sample()

    assert report.totals() == {
        "rows": 12,
        "created": 10,
        "updated": 0,
        "skipped": 1,
        "errors": 1,
        "invitations": 0,
    }
    assert all(page.get_parent().pk == directory.pk for page in organizations())
    assert all(page.live for page in organizations())
    houston = organizations().get(title="Tenants United Houston")
    assert houston.subdivision == "US-TX"
    assert sorted(houston.issue_areas.values_list("slug", flat=True)) == [
        "housing",
        "labor",
    ]
    assert organizations().get(title="Border Rights Coalition").subdivision == "US-TX"
    jalisco = organizations().get(title="Colectivo Defensoras de Jalisco")
    assert (str(jalisco.country), jalisco.subdivision) == ("MX", "MX-JAL")
    geneva = organizations().get(title="Geneva Rights Forum")
    assert (str(geneva.country), geneva.subdivision, geneva.scope) == (
        "CH",
        "CH-GE",
        "international",
    )
    assert (
        organizations().get(title="Southern Death Penalty Project").subdivision
        == "US-GA"
    )


def test_the_samples_unmatched_issue_area_is_listed_once_and_left_out_of_its_row(
    directory,
):
    report = sample()

    [value] = report.unmatched
    assert (value.field, value.value, value.rows, value.count) == (
        "issue_areas",
        "Tenant organizing",
        [9],
        1,
    )
    eastside = organizations().get(title="Eastside Tenants Network")
    assert list(eastside.issue_areas.values_list("slug", flat=True)) == ["housing"]
    [row_nine] = [outcome for outcome in report.rows if outcome.row == 9]
    assert row_nine.action == CREATE
    assert row_nine.left_out == [
        {"field": "issue_areas", "value": "Tenant organizing", "note": "left out"}
    ]


def test_the_samples_duplicate_and_broken_rows_are_named(directory):
    report = sample()

    assert outcomes(report)[10] == (SKIP, "the same organization as row 2.")
    action, reason = outcomes(report)[11]
    assert action == ERROR
    assert "“E-mail” (column H)" in reason
    assert "valid email" in reason
    assert (
        not organizations().filter(title="New Mexico Youth Justice Alliance").exists()
    )


def test_a_dry_run_writes_nothing_and_says_what_a_run_would_do(directory):
    pages, logs, revisions = (
        organizations().count(),
        PageLogEntry.objects.count(),
        Revision.objects.count(),
    )

    report = sample(dry_run=True, send_invitations=True)

    assert report.totals()["created"] == 10
    assert report.invitations == 5
    assert organizations().count() == pages
    assert PageLogEntry.objects.count() == logs
    assert Revision.objects.count() == revisions
    assert Invitation.objects.count() == 0
    assert mail.outbox == []


# --- Idempotency and updates -----------------------------------------------------


def test_importing_the_same_file_again_creates_nothing(directory):
    sample()
    before = list(organizations().values_list("pk", "title"))

    again = sample()

    assert list(organizations().values_list("pk", "title")) == before
    assert again.created == 0
    assert again.skipped == 11
    assert outcomes(again)[2] == (
        SKIP,
        "already a member (matched by website tenantsunited-houston.org).",
    )


@pytest.mark.parametrize(
    "written",
    [
        "example.org",
        "http://example.org",
        "https://www.example.org/",
        "HTTPS://WWW.EXAMPLE.ORG/about/team",
    ],
)
def test_members_match_by_website_domain_whatever_the_scheme_www_or_path(
    directory, written
):
    existing = MemberOrganizationPageFactory(
        parent=directory, title="Rights Center", website="https://www.example.org/about"
    )

    report = run([HEADER, row("A New Name Entirely", website=written)])

    assert report.rows[0].action == SKIP
    assert report.rows[0].organization_id == existing.pk
    assert organizations().count() == 1


def test_pages_on_a_shared_host_are_told_apart_by_their_path(directory):
    MemberOrganizationPageFactory(
        parent=directory,
        title="Rights Center",
        website="https://facebook.com/rightscenter",
    )

    report = run(
        [HEADER, row("Other Group", website="https://www.facebook.com/othergroup")]
    )

    assert report.rows[0].action == CREATE


def test_members_match_by_name_and_country_ignoring_case_and_spaces(directory):
    MemberOrganizationPageFactory(
        parent=directory, title="Tenants  United", country="US"
    )

    report = run(
        [
            HEADER,
            row("tenants united", country="US"),
            row("TENANTS UNITED", country="MX", state="JAL"),
        ]
    )

    assert [outcome.action for outcome in report.rows] == [SKIP, CREATE]
    assert "by name and country" in report.rows[0].reason


def test_update_fills_only_empty_fields_and_never_overwrites(directory):
    existing = MemberOrganizationPageFactory(
        parent=directory,
        title="Tenants United",
        website="https://tenants.example.org",
        city="Houston",
        contact_name="",
        visibility=Visibility.PUBLIC,
    )
    existing.save_revision().publish()
    rows = [
        ["Name", "Website", "City", "Contact", "How we work", "Visibility", "Summary"],
        [
            "Tenants United",
            "tenants.example.org",
            "Dallas",
            "Ana Ruiz",
            "Litigation",
            "hidden",
            "A new summary.",
        ],
    ]

    report = run(rows, update=True)

    existing.refresh_from_db()
    assert report.rows[0].action == UPDATE
    assert report.rows[0].filled == ["contact_name", "approaches"]
    assert existing.city == "Houston"
    assert existing.summary == "Works for human rights in its community."
    assert existing.visibility == Visibility.PUBLIC
    assert existing.contact_name == "Ana Ruiz"
    assert list(existing.approaches.values_list("slug", flat=True)) == ["litigation"]
    # The editor shows what was filled: the newest revision has it, and is live.
    revision = existing.latest_revision
    assert revision.as_object().contact_name == "Ana Ruiz"
    assert existing.live_revision_id == revision.pk
    assert not existing.has_unpublished_changes


def test_without_update_an_existing_member_is_left_alone(directory):
    existing = MemberOrganizationPageFactory(
        parent=directory, title="Tenants United", contact_name=""
    )

    report = run([["Name", "Contact"], ["Tenants United", "Ana Ruiz"]])

    existing.refresh_from_db()
    assert report.rows[0].action == SKIP
    assert existing.contact_name == ""


def test_update_leaves_a_member_with_changes_in_review_alone(directory):
    existing = MemberOrganizationPageFactory(
        parent=directory, title="Tenants United", contact_name=""
    )
    existing.save_revision().publish()
    existing.summary = "A draft the organization is writing."
    existing.save_revision()

    report = run([["Name", "Contact"], ["Tenants United", "Ana Ruiz"]], update=True)

    existing.refresh_from_db()
    assert report.rows[0].action == SKIP
    assert "changes waiting" in report.rows[0].reason
    assert existing.contact_name == ""


def test_links_fill_a_profile_without_links_and_never_replace_its_own(directory):
    bare = MemberOrganizationPageFactory(parent=directory, title="Tenants United")
    linked = MemberOrganizationPageFactory(parent=directory, title="Border Rights")
    linked.social_links = [OrganizationLink(label="Ours", url="https://ours.example")]
    linked.save()
    rows = [
        ["Name", "Social media"],
        ["Tenants United", "Bluesky: https://bsky.app/profile/tenants.example"],
        ["Border Rights", "Bluesky: https://bsky.app/profile/border.example"],
    ]

    report = run(rows, update=True)

    assert [(r.action, r.filled) for r in report.rows] == [
        (UPDATE, ["social_links"]),
        (SKIP, []),
    ]
    assert list(bare.social_links.values_list("label", "url")) == [
        ("Bluesky", "https://bsky.app/profile/tenants.example")
    ]
    assert list(linked.social_links.values_list("label", "url")) == [
        ("Ours", "https://ours.example")
    ]


def test_a_link_that_cannot_be_used_refuses_its_row_naming_the_column(directory):
    rows = [
        ["Name", "Links", "Summary"],
        [
            "Rights Center",
            "Bluesky: https://bsky.app/a\nSite: javascript:alert(1)",
            "Works on rights.",
        ],
        ["Next Row Group", "https://next.example.org", "Works on rights."],
    ]

    report = run(rows)

    assert report.rows[0].action == ERROR
    assert report.rows[0].reason == (
        "“Links” (column B) has a link that cannot be used (“Site: "
        "javascript:alert(1)”): Enter a full web address like https://example.org."
    )
    assert report.rows[1].action == CREATE, report.rows[1].reason
    created = organizations().get()
    assert list(created.social_links.values_list("label", "url")) == [
        ("next.example.org", "https://next.example.org")
    ]


def test_update_with_nothing_empty_to_fill_is_a_skip(directory):
    MemberOrganizationPageFactory(
        parent=directory, title="Tenants United", city="Houston"
    )

    report = run([["Name", "City"], ["Tenants United", "Dallas"]], update=True)

    assert report.rows[0].action == SKIP
    assert "no empty field" in report.rows[0].reason


def test_a_later_duplicate_row_is_skipped_naming_the_earlier(directory):
    report = run(
        [
            HEADER,
            row("Tenants United", website="https://tenants.example.org"),
            row("Border Rights", website="https://border.example.org"),
            row(
                "Tenants United Houston", website="http://www.tenants.example.org/about"
            ),
            row("border rights", website=""),
        ]
    )

    assert [outcome.action for outcome in report.rows] == [CREATE, CREATE, SKIP, SKIP]
    assert report.rows[2].reason == "the same organization as row 2."
    assert report.rows[3].reason == "the same organization as row 3."
    assert organizations().count() == 2


# --- Unmatched values and decisions ------------------------------------------------

UNMATCHED = [HEADER, row("Eastside Tenants", focus="Housing; Tenant organizing")]


def test_without_a_decision_an_unmatched_value_is_left_out_and_the_row_imports(
    directory,
):
    report = run(UNMATCHED)

    assert report.rows[0].action == CREATE
    assert [value.value for value in report.unmatched] == ["Tenant organizing"]


def test_strict_refuses_rows_with_undecided_values(directory):
    report = run(UNMATCHED + [row("Plain Housing Group")], strict=True)

    assert [outcome.action for outcome in report.rows] == [ERROR, CREATE]
    assert "Tenant organizing" in report.rows[0].reason
    assert "--strict" in report.rows[0].reason


def decide(field, value, action, to=""):
    return Decisions([check_decision(field, value, action, to)])


def test_a_map_decision_tags_the_row_with_the_term_for_this_file_only(directory):
    report = run(
        UNMATCHED,
        decisions=decide("issue_areas", "Tenant organizing", "map", "housing"),
        strict=True,
    )

    page = organizations().get()
    assert report.rows[0].action == CREATE
    assert list(page.issue_areas.values_list("slug", flat=True)) == ["housing"]
    assert "Tenant organizing" not in IssueArea.objects.get(slug="housing").alias_list
    assert report.unmatched[0].decision == {
        "field": "issue_areas",
        "value": "Tenant organizing",
        "action": "map",
        "to": "housing",
    }


def test_an_alias_decision_adds_the_name_to_the_term_for_every_later_file(directory):
    run(
        UNMATCHED,
        decisions=decide("issue_areas", "Tenant organizing", "alias", "housing"),
    )

    assert "Tenant organizing" in IssueArea.objects.get(slug="housing").alias_list
    later = run([HEADER, row("Westside Tenants", focus="tenant organizing")])
    assert later.unmatched == []
    assert later.rows[0].action == CREATE


def test_a_create_decision_adds_a_term_and_tags_the_row_with_it(directory):
    report = run(
        UNMATCHED, decisions=decide("issue_areas", "Tenant organizing", "create")
    )

    term = IssueArea.objects.get(name="Tenant organizing")
    assert term.slug == "tenant-organizing"
    page = organizations().get()
    assert sorted(page.issue_areas.values_list("slug", flat=True)) == [
        "housing",
        "tenant-organizing",
    ]
    assert report.applied == ["Created the issue area “Tenant organizing”."]


def test_in_a_dry_run_a_create_decision_creates_nothing(directory):
    terms = IssueArea.objects.count()

    report = run(
        UNMATCHED,
        decisions=decide("issue_areas", "Tenant organizing", "create"),
        dry_run=True,
    )

    assert IssueArea.objects.count() == terms
    assert report.rows[0].action == CREATE


def test_a_drop_decision_leaves_the_value_out_even_when_strict(directory):
    report = run(
        UNMATCHED,
        decisions=decide("issue_areas", "Tenant organizing", "drop"),
        strict=True,
    )

    assert report.rows[0].action == CREATE
    assert report.rows[0].left_out == [
        {"field": "issue_areas", "value": "Tenant organizing", "note": "dropped"}
    ]


def test_a_decision_the_vocabulary_refuses_is_reported_and_the_value_stays_unmatched(
    directory,
):
    # An alias cannot be given to a term that does not exist.
    rows = [HEADER, row("Eastside Tenants", focus="Housing; Migrant support")]
    decisions = decide("issue_areas", "Migrant support", "alias", "nonexistent-term")

    report = run(rows, decisions=decisions)

    assert len(report.refused) == 1
    assert "Migrant support" in report.refused[0]
    assert report.unmatched[0].decision is None


def test_an_unmatched_state_is_kept_as_written_for_the_staff_to_settle(directory):
    report = run([HEADER, row("Rights Group", state="Tejas del Norte")])

    page = organizations().get()
    assert (page.subdivision, page.region) == ("", "Tejas del Norte")
    assert report.unmatched[0].note == "kept as written"


def test_choices_and_countries_can_be_decided_too(directory):
    rows = [
        ["Name", "Summary", "Country", "Scope", "Visibility"],
        ["Grupo Norte", "Works on rights.", "Méjico", "metro area", "network members"],
    ]
    decisions = Decisions(
        [
            check_decision("country", "Méjico", "map", "MX"),
            check_decision("scope", "metro area", "map", "local"),
            check_decision("visibility", "network members", "map", "members"),
        ]
    )

    report = run(rows, decisions=decisions, strict=True)

    page = organizations().get()
    assert report.rows[0].action == CREATE
    assert (str(page.country), page.scope, page.visibility) == (
        "MX",
        "local",
        "members",
    )


def test_the_mapping_file_round_trips_columns_and_decisions(directory):
    headers = ["Organisation", "Focus areas", "Notes", "Town"]
    mapping = {0: "title", 1: "issue_areas", 3: "city"}
    decisions = Decisions(
        [
            check_decision("issue_areas", "Tenant organizing", "alias", "housing"),
            check_decision("populations", "Day laborers", "map", "workers"),
            check_decision("approaches", "Know your rights", "create"),
            check_decision("scope", "metro", "drop"),
        ]
    )

    text = MappingFile.for_table(headers, mapping, decisions).dumps()
    loaded = MappingFile.loads(text)

    assert loaded.mapping_for(headers) == mapping
    assert loaded.decisions.as_list() == decisions.as_list()
    # Moved columns map by their headings; an ignored one stays ignored.
    assert loaded.mapping_for(["Notes", "Town", "Organisation"]) == {
        1: "city",
        2: "title",
    }


def test_a_mapping_file_can_ignore_a_column_the_guess_would_read(directory):
    loaded = MappingFile.loads(
        '{"format": "common-ground-member-import", "version": 1, '
        '"columns": [{"heading": "City", "field": null}], "values": []}'
    )

    assert loaded.mapping_for(["Name", "City"]) == {0: "title"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"format": "other", "version": 1}', "not a member import mapping"),
        ('{"format": "common-ground-member-import", "version": 9}', "version 9"),
        (
            '{"format": "common-ground-member-import", "version": 1, "columns": '
            '[{"heading": "X", "field": "budget"}]}',
            "not a field",
        ),
        (
            '{"format": "common-ground-member-import", "version": 1, "values": '
            '[{"field": "issue_areas", "value": "X", "action": "guess"}]}',
            "cannot be decided",
        ),
        (
            '{"format": "common-ground-member-import", "version": 1, "values": '
            '[{"field": "country", "value": "X", "action": "map", "to": "Narnia"}]}',
            "not a country",
        ),
        (
            '{"format": "common-ground-member-import", "version": 1, "values": '
            '[{"field": "visibility", "value": "X", "action": "drop"}]}',
            "cannot be decided",
        ),
    ],
)
def test_a_mapping_file_that_cannot_be_used_says_why(text, message):
    with pytest.raises(MappingFileError, match=message):
        MappingFile.loads(text)


# --- Bad input: each a clear message, nothing half-imported, nothing lost ----------


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        (
            {"Description": "x" * 301},
            "“Description” (column B): Ensure this value has at most 300 characters "
            "(it has 301).",
        ),
        ({"Organisation": "N" * 256}, "at most 255 characters (it has 256)"),
        ({"Description": "<script>alert(1)</script>"}, "write plain text"),
        ({"Description": "We <b>love</b> rights"}, "write plain text"),
        ({"Organisation": '=HYPERLINK("http://evil.example","Click")'}, "formula"),
        ({"Web site": "javascript:alert(1)"}, "“Web site” (column F)"),
        ({"Organisation": "Rights\u202eCenter"}, "invisible characters"),
        ({"Country": "Atlantis"}, "names no country"),
        ({"State": "Jalisco", "Country": "US"}, None),
        ({"Organisation": ""}, "name is empty"),
    ],
)
def test_each_bad_cell_is_an_error_of_its_row_naming_the_column(
    directory, cells, message
):
    values = dict(
        zip(
            HEADER,
            row("Rights Center", website="https://rights.example.org"),
            strict=True,
        )
    )
    values.update(cells)
    rows = [HEADER, [values[h] for h in HEADER], row("Next Row Group")]

    report = run(rows)

    if message is None:  # a state of another country: kept as written, not refused
        assert report.rows[0].action == CREATE
        return
    assert report.rows[0].action == ERROR
    assert message in report.rows[0].reason
    assert report.rows[1].action == CREATE
    assert list(organizations().values_list("title", flat=True)) == ["Next Row Group"]


def test_nothing_is_truncated_an_overlong_cell_keeps_its_row_out_whole(directory):
    report = run([HEADER, row("Rights Center", summary="y" * 1000)])

    assert report.rows[0].action == ERROR
    assert organizations().count() == 0


def test_a_value_under_no_heading_is_refused_not_lost(directory):
    report = run(
        [["Name", "Summary"], ["Rights Center", "Works on rights.", "stray note"]]
    )

    assert report.rows[0].action == ERROR
    assert "column C has a value but no heading" in report.rows[0].reason


def test_a_visibility_no_one_can_read_refuses_the_row(directory):
    report = run(
        [
            ["Name", "Summary", "Visibility"],
            ["Rights Center", "Works on rights.", "sort of"],
        ]
    )

    assert report.rows[0].action == ERROR
    assert "who may see" in report.rows[0].reason


def test_a_row_whose_second_step_fails_leaves_nothing_behind(directory, monkeypatch):
    """The page is saved, then its invitation fails: the page goes too."""
    coordinator = UserFactory(username="coordinator")

    def failing_invite(organization, email, by):
        assert MemberOrganizationPage.objects.filter(pk=organization.pk).exists()
        raise DatabaseError("the invitation could not be stored")

    monkeypatch.setattr("members.imports.runner.invite", failing_invite)
    rows = [
        ["Name", "Summary", "Contact email"],
        ["Rights Center", "Works on rights.", "ana@rights.example.org"],
        ["Second Group", "Works on rights too.", ""],
    ]

    report = run(rows, send_invitations=True, user=coordinator)

    assert report.rows[0].action == ERROR
    assert "the invitation could not be stored" in report.rows[0].reason
    assert list(organizations().values_list("title", flat=True)) == ["Second Group"]
    assert (
        IssueArea.objects.filter(
            organization_items__content_object__title="Rights Center"
        ).count()
        == 0
    )


def test_no_directory_page_refuses_the_run(db):
    with pytest.raises(ImportRefused, match="no member directory"):
        run([HEADER, row("Rights Center")])


# --- Privacy ----------------------------------------------------------------------


def test_imported_organizations_are_members_only_unless_the_file_says_otherwise(
    directory,
):
    rows = [
        ["Name", "Summary", "Visibility"],
        ["Quiet Group", "Works on rights.", ""],
        ["Open Group", "Works on rights.", "Public"],
        ["Hidden Group", "Works on rights.", "hidden"],
    ]

    run(rows)

    assert dict(organizations().values_list("title", "visibility")) == {
        "Quiet Group": Visibility.MEMBERS,
        "Open Group": Visibility.PUBLIC,
        "Hidden Group": Visibility.HIDDEN,
    }
    assert list(
        MemberOrganizationPage.objects.publicly_listed().values_list("title", flat=True)
    ) == ["Open Group"]


def test_an_import_announces_nothing(directory, django_capture_on_commit_callbacks):
    from network.models import Notification, Room, RoomEvent

    published = []

    def heard(sender, instance, **kwargs):
        published.append(instance)

    page_published.connect(heard)
    rooms, events, notifications = (
        Room.objects.count(),
        RoomEvent.objects.count(),
        Notification.objects.count(),
    )
    try:
        with django_capture_on_commit_callbacks(execute=True):
            report = sample()
    finally:
        page_published.disconnect(heard)

    assert report.created == 10
    assert published == []
    assert mail.outbox == []
    assert Room.objects.count() == rooms
    assert RoomEvent.objects.count() == events
    assert Notification.objects.count() == notifications
    # No revision was published, and no page has a "created" entry of its own.
    imported = [str(pk) for pk in organizations().values_list("pk", flat=True)]
    assert not Revision.page_revisions.filter(object_id__in=imported).exists()
    assert not PageLogEntry.objects.filter(page_id__in=imported).exists()


def test_imported_organizations_are_found_by_search_once_the_run_ends(directory):
    sample()

    found = MemberOrganizationPage.objects.live().search("Geneva")

    assert [page.title for page in found] == ["Geneva Rights Forum"]
    found = MemberOrganizationPage.objects.live().search("asylum")
    assert [page.title for page in found] == ["Border Rights Coalition"]


# --- Invitations ------------------------------------------------------------------


def test_no_invitation_without_the_operators_confirmation(
    directory, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sample()

    assert Invitation.objects.count() == 0
    assert mail.outbox == []


def test_with_confirmation_each_new_organizations_contact_is_invited_to_claim_it(
    directory, django_capture_on_commit_callbacks
):
    coordinator = UserFactory(username="coordinator", first_name="Cora")

    with django_capture_on_commit_callbacks(execute=True):
        report = sample(send_invitations=True, user=coordinator)

    invited = dict(Invitation.objects.values_list("email", "organization__title"))
    assert invited == {
        "maria@tenantsunited-houston.org": "Tenants United Houston",
        "ana@defensorasjalisco.example.mx": "Colectivo Defensoras de Jalisco",
        "keisha@detroitwaterjustice.example.org": "Detroit Water Justice",
        "rosa@eastsidetenants.example.org": "Eastside Tenants Network",
        "luis@gulfcoastworkers.example.org": "Gulf Coast Workers Center",
    }
    assert set(Invitation.objects.values_list("role", flat=True)) == {
        Membership.Role.ADMIN
    }
    assert sorted(message.to[0] for message in mail.outbox) == sorted(invited)
    assert report.invitations == 5
    # A re-import invites no one again.
    with django_capture_on_commit_callbacks(execute=True):
        sample(send_invitations=True, user=coordinator)
    assert Invitation.objects.count() == 5


def test_invitations_need_someone_to_send_them(directory):
    with pytest.raises(ImportRefused, match="who sends"):
        sample(send_invitations=True)


# --- The audit log and progress --------------------------------------------------


def test_each_run_writes_one_audit_log_entry_with_its_totals(directory):
    coordinator = UserFactory(username="coordinator")

    sample(user=coordinator, file_name="sample-members.csv")

    [entry] = PageLogEntry.objects.filter(action="members.import")
    assert entry.page_id == directory.pk
    assert entry.user_id == coordinator.pk
    assert entry.data["file"] == "sample-members.csv"
    assert (entry.data["created"], entry.data["skipped"], entry.data["errors"]) == (
        10,
        1,
        1,
    )
    assert entry.message == (
        "Imported 12 organizations: 10 created, 0 updated, 1 skipped, 1 error"
    )
    assert entry.label  # the directory's title


def test_progress_is_reported_after_each_batch(directory):
    calls = []
    rows = [HEADER] + [row(f"Group {n}") for n in range(5)]

    run(rows, progress=lambda done, total: calls.append((done, total)), batch_size=2)

    assert calls == [(0, 5), (2, 5), (4, 5), (5, 5)]
    assert organizations().count() == 5


# --- Workbooks and the export's round trip ------------------------------------------


def test_an_xlsx_file_imports_numbers_and_dates_as_written(directory):
    import datetime

    data = xlsx_bytes(
        [
            [
                "Organisation",
                "Description",
                "Founded",
                "Member since",
                "Founding member",
            ],
            [
                "Rights Center",
                "Works on rights.",
                1998,
                datetime.datetime(2020, 12, 10),
                True,
            ],
        ]
    )

    report = run(None, data=data, name="members.xlsx")

    page = organizations().get()
    assert report.rows[0].action == CREATE
    assert (page.founded_year, page.member_since, page.founding_member) == (
        1998,
        datetime.date(2020, 12, 10),
        True,
    )


def exported_cell(page, column):
    """A cell as the coordinators' export writes it (members.columns)."""
    value = getattr(page, column.field)
    if column.kind == "terms":
        value = TERM_SEPARATOR.join(sorted(term.name for term in value.all()))
    elif column.kind == "choice":
        value = getattr(page, f"get_{column.field}_display")()
    elif column.kind == "yes_no":
        value = "yes" if value else "no"
    elif column.kind == "country":
        value = str(value)
    elif column.kind == "links":
        value = "\n".join(f"{link.label}: {link.url}" for link in value.all())
    elif column.kind == "image":
        value = f"https://network.example.org{value.file.url}" if value else ""
    return csv_cell(value)


def test_a_coordinators_export_re_imports_as_it_was(directory):
    original = MemberOrganizationPageFactory(
        parent=directory,
        title="Colectivo Norte",
        summary="-Rights first, always.",
        mission="Line one.\n\nLine two, with “quotes”.",
        city="Monterrey",
        country="MX",
        subdivision="MX-NLE",
        scope="regional",
        founded_year=2001,
        founding_member=True,
        member_since="2019-12-10",
        membership_status="lapsed",
        website="https://norte.example.mx",
        public_email="hola@norte.example.mx",
        contact_name="Ana",
        contact_email="ana@norte.example.mx",
        contact_phone="+52 81 5555 0100",
        looking_for_partners_on="=Border monitoring",
        led_by_directly_affected=True,
        visibility="hidden",
        logo=SiteImageFactory(),
    )
    original.social_links = [
        OrganizationLink(label="Bluesky", url="https://bsky.app/profile/norte.mx"),
        OrganizationLink(label="YouTube", url="https://www.youtube.com/@norte"),
    ]
    original.issue_areas.set(
        IssueArea.objects.filter(slug__in=["immigration", "asylum"])
    )
    original.approaches.set(Approach.objects.filter(slug__in=["litigation"]))
    original.save()
    original.refresh_from_db()
    header = [str(column.heading) for column in ORGANIZATION_COLUMNS]
    cells = [exported_cell(original, column) for column in ORGANIZATION_COLUMNS]
    data = (
        BYTE_ORDER_MARK + ",".join(f'"{c}"' for c in header) + "\r\n"
    ).encode() + csv_bytes([cells])
    # Every column but the logo is read back (an import takes no files).
    assert [c.field for c in ORGANIZATION_COLUMNS if c not in IMPORTED_COLUMNS] == [
        "logo"
    ]
    fields = [c.field for c in IMPORTED_COLUMNS if c.kind not in ("terms", "links")]
    expected = {field: str(getattr(original, field)) for field in fields}
    links = list(original.social_links.values_list("label", "url"))
    terms = {
        kind: sorted(getattr(original, kind).values_list("slug", flat=True))
        for kind in ("issue_areas", "approaches", "populations")
    }
    original.delete()

    report = run(None, data=data, strict=True)

    assert report.rows[0].action == CREATE, report.rows[0].reason
    assert report.unmatched == []
    imported = organizations().get()
    assert {field: str(getattr(imported, field)) for field in fields} == expected
    assert {
        kind: sorted(getattr(imported, kind).values_list("slug", flat=True))
        for kind in terms
    } == terms
    assert list(imported.social_links.values_list("label", "url")) == links
    assert imported.logo is None
