"""A batch's new organizations are written together (members.imports.writing):
the result must be what Wagtail's own add_child and save would have left — a
sound tree, the same references — in a number of queries that does not grow
with the rows; and when the database refuses a batch, each row is written on
its own."""

import io

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, ReferenceIndex

from members.imports import guess_columns, open_table, run_import
from members.imports.report import CREATE, ERROR
from members.models import IssueArea, MemberOrganizationPage
from tests.factories import MemberOrganizationPageFactory
from tests.members.imports.conftest import csv_bytes

pytestmark = pytest.mark.django_db

HEADER = [
    "Organisation",
    "Description",
    "Focus areas",
    "How we work",
    "State",
    "Social media",
]
FOCUS = [
    ["Housing and homelessness", "Immigration and migrant rights"],
    ["Labor and workers' rights"],
    ["Asylum and refugee protection", "Housing and homelessness"],
]


def rows(count, start=0):
    return [HEADER] + [
        [
            f"Group {number}",
            f"Group {number} works on rights.",
            "; ".join(FOCUS[number % len(FOCUS)]),
            "Direct services",
            "TX",
            f"Bluesky: https://bsky.app/profile/group{number}\n"
            f"https://www.youtube.com/@group{number}",
        ]
        for number in range(start, start + count)
    ]


def run(table_rows, **options):
    table = open_table(io.BytesIO(csv_bytes(table_rows)), "members.csv")
    return run_import(table, guess_columns(table.headers), **options)


def test_a_batch_written_together_is_a_sound_tree_of_live_pages_with_terms(
    directory,
):
    before = MemberOrganizationPageFactory(parent=directory, title="Already Here")

    report = run(rows(12), batch_size=5)

    assert [outcome.action for outcome in report.rows] == [CREATE] * 12
    assert all(not problems for problems in Page.find_problems())
    directory.refresh_from_db()
    children = list(directory.get_children().specific().order_by("path"))
    assert directory.numchild == len(children) == 13
    assert children[0].pk == before.pk
    for number, page in enumerate(children[1:]):
        assert isinstance(page, MemberOrganizationPage)
        assert page.title == page.draft_title == f"Group {number}"
        assert page.url_path == f"{directory.url_path}{page.slug}/"
        assert page.get_parent().pk == directory.pk
        assert page.live and not page.has_unpublished_changes
        assert page.subdivision == "US-TX"
        assert sorted(page.issue_areas.values_list("name", flat=True)) == sorted(
            FOCUS[number % len(FOCUS)]
        )
        assert list(page.approaches.values_list("name", flat=True)) == [
            "Direct services"
        ]
        assert list(page.social_links.values_list("label", "url")) == [
            ("Bluesky", f"https://bsky.app/profile/group{number}"),
            ("youtube.com", f"https://www.youtube.com/@group{number}"),
        ]
    # A page added afterwards the usual way takes the next place in the tree.
    after = MemberOrganizationPageFactory(parent=directory, title="Joined Later")
    assert after.path > children[-1].path
    assert all(not problems for problems in Page.find_problems())


def test_the_references_recorded_are_the_ones_wagtail_would_record(directory):
    run(rows(6), batch_size=4)

    recorded = set(ReferenceIndex.objects.values_list("object_id", "to_object_id"))
    housing = IssueArea.objects.get(name="Housing and homelessness")
    users = {
        int(reference.object_id)
        for reference in ReferenceIndex.get_references_to(housing)
    }
    assert users == set(
        MemberOrganizationPage.objects.filter(issue_areas=housing).values_list(
            "pk", flat=True
        )
    )
    # Wagtail's own call, run again on each page, finds nothing to add or remove.
    for page in MemberOrganizationPage.objects.all():
        ReferenceIndex.create_or_update_for_object(page)
    assert (
        set(ReferenceIndex.objects.values_list("object_id", "to_object_id")) == recorded
    )


def test_the_queries_of_a_batch_do_not_grow_with_its_rows(directory):
    with CaptureQueriesContext(connection) as few:
        run(rows(5), batch_size=100)
    with CaptureQueriesContext(connection) as many:
        run(rows(40, start=5), batch_size=100)

    # The same statements, a few more where the database takes fewer rows each.
    assert len(many.captured_queries) <= len(few.captured_queries) + 6


def test_when_the_database_refuses_a_batch_each_row_is_written_on_its_own(
    directory, monkeypatch
):
    from members.imports import runner

    written_together = runner.create_organizations

    def refused(*args, **kwargs):
        # Refused once everything is written: the savepoint takes it all back.
        written_together(*args, **kwargs)
        raise IntegrityError("refused")

    monkeypatch.setattr("members.imports.runner.create_organizations", refused)

    written_one_by_one = runner.create_organization

    def one_row_fails(directory, page, plan, owner=None):
        if page.title == "Group 2":
            raise IntegrityError("this row could not be stored")
        return written_one_by_one(directory, page, plan, owner=owner)

    monkeypatch.setattr("members.imports.runner.create_organization", one_row_fails)

    report = run(rows(4))

    assert [outcome.action for outcome in report.rows] == [
        CREATE,
        CREATE,
        ERROR,
        CREATE,
    ]
    assert "this row could not be stored" in report.rows[2].reason
    assert report.rows[2].organization_id is None
    titles = MemberOrganizationPage.objects.order_by("path").values_list(
        "title", flat=True
    )
    assert list(titles) == ["Group 0", "Group 1", "Group 3"]
    # Each page written again keeps its links, once.
    for page in MemberOrganizationPage.objects.all():
        assert page.social_links.count() == 2
    directory.refresh_from_db()
    assert directory.numchild == 3
    assert all(not problems for problems in Page.find_problems())
    assert MemberOrganizationPage.objects.live().search("Group 3").count() == 1
