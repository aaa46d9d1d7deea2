"""Search that understands people, in the resource library: the queries of issue
13 find the resources they mean on SQLite and PostgreSQL, through stemming, the
kinds' names, the issue areas' aliases and, for a typo, close matching or a
"Did you mean"."""

import pytest
from django.db import connection

from members.models import IssueArea
from tests.factories import ResourcePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelf(library):
    def area(slug):
        return [IssueArea.objects.get(slug=slug)]

    def resource(title, summary, **fields):
        ResourcePageFactory(parent=library, title=title, summary=summary, **fields)

    resource(
        "Border clinic handbook",
        "Casework.",
        kind="report",
        issue_areas=area("immigration"),
    )
    resource("Know your rights cards", "Pocket cards.", kind="toolkit")
    resource(
        "Stakeholder report",
        "For the review.",
        kind="un-submission",
        un_mechanism="upr",
    )
    resource(
        "Name-change guide",
        "Step by step.",
        kind="report",
        issue_areas=area("lgbtiq-rights"),
    )
    resource(
        "Equal pay brief", "Numbers.", kind="report", issue_areas=area("womens-rights")
    )
    resource(
        "Members' immigration notes",
        "Casework.",
        kind="report",
        issue_areas=area("immigration"),
        visibility="members",
    )


def found(client, q):
    response = client.get("/resources/", {"q": q})
    assert response.status_code == 200
    results = response.context["results"]
    return sorted(page.title for page in results.page.object_list), results


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("immigrants", ["Border clinic handbook"]),
        ("migrants", ["Border clinic handbook"]),
        ("refugees", ["Border clinic handbook"]),
        ("toolkits", ["Know your rights cards"]),
        ("submissions", ["Stakeholder report"]),
        ("UN submissions", ["Stakeholder report"]),
        ("LGBTQ", ["Name-change guide"]),
        ("womens rights", ["Equal pay brief"]),
    ],
)
def test_the_queries_people_type_find_the_resources_they_mean(
    client, shelf, q, expected
):
    assert found(client, q)[0] == expected


def test_a_typo_in_the_library_is_answered_with_the_word_it_was_meant_to_be(
    client, shelf
):
    names, results = found(client, "toolkts")

    assert results.did_you_mean.q == "toolkit"
    assert found(client, results.did_you_mean.q)[0] == ["Know your rights cards"]
    html = client.get("/resources/", {"q": "toolkts"}).content.decode()
    assert "Did you mean" in html
    if connection.vendor == "postgresql":
        assert names == ["Know your rights cards"]
    else:
        assert names == []


def test_a_library_correction_never_names_a_resource_the_viewer_may_not_see(
    client, library
):
    ResourcePageFactory(
        parent=library, title="Quetzalcoatl dossier", visibility="members"
    )

    assert found(client, "quetzalcoatle")[1].did_you_mean is None
