"""A board thread's side panel: the organizations the reader may see on its issue
areas and, below them, on related ones (members.related_rights), in the same
number of queries at any size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.models import IssueArea
from tests.conftest import pass_two_factor
from tests.factories import build_organization

pytestmark = pytest.mark.django_db


def area(slug):
    return IssueArea.objects.get(slug=slug)


def test_a_thread_lists_organizations_on_its_areas_then_on_related_ones(client, board):
    directory = board.alpha.get_parent()
    poverty = area("poverty")
    for number in range(2):
        build_organization(
            directory,
            title=f"Poor Tenants {number}",
            issue_areas=[board.housing, poverty],
        )
    build_organization(
        directory,
        title="Hidden Tenants",
        issue_areas=[board.housing, poverty],
        visibility="hidden",
    )
    board.thread.issue_areas.set([board.housing])
    board.thread.save()
    client.force_login(board.alice)

    html = client.get(board.thread.get_absolute_url()).content.decode()

    side = html[html.index('id="linking-heading"') :]
    assert side.index("Beta Tenants Union") < side.index("On related rights")
    assert side.index("Poor Tenants 0") < side.index("On related rights")
    assert 'href="/issues/poverty/"' in side[side.index("On related rights") :]
    assert "Hidden Tenants" not in html
    assert "Secret Shelter Collective" not in html


def panel(html):
    """The thread page's side panel, where it lists organizations."""
    side = html[html.index('id="linking-heading"') :]
    return side[: side.index("</aside>")]


@pytest.mark.parametrize("reader", ["coordinator", "hank", "bob"])
def test_the_thread_panel_never_names_a_hidden_organization(client, board, reader):
    """A list many read: a hidden organization stays unnamed there even to a
    coordinator and to its own staff (hank), who may see it elsewhere; public and
    members-only ones are named to members and coordinators alike."""
    build_organization(
        board.alpha.get_parent(),
        title="Members Only Watch",
        issue_areas=[board.detention],
        visibility="members",
    )
    board.thread.issue_areas.set([board.detention])
    board.thread.save()
    user = getattr(board, reader)
    client.force_login(user)
    if reader == "coordinator":
        pass_two_factor(client, user)

    side = panel(client.get(board.thread.get_absolute_url()).content.decode())

    assert "Alpha Rights Project" in side
    assert "Beta Tenants Union" in side
    assert "Members Only Watch" in side
    assert "Secret Shelter Collective" not in side
    assert board.hidden.profile_url not in side


def test_the_thread_panel_takes_the_same_queries_at_any_size(client, board):
    directory = board.alpha.get_parent()
    board.thread.issue_areas.set([board.housing])
    board.thread.save()
    client.force_login(board.bob)
    counts = []
    for start, stop in [(0, 15), (15, 45)]:
        for number in range(start, stop):
            build_organization(
                directory,
                title=f"Grown {number}",
                issue_areas=[["housing", "poverty"], ["poverty"], ["detention"]][
                    number % 3
                ],
                visibility=["public", "members", "hidden"][number % 3],
            )
        client.get(board.thread.get_absolute_url())
        with CaptureQueriesContext(connection) as captured:
            response = client.get(board.thread.get_absolute_url())
        assert response.status_code == 200
        counts.append(len(captured))
        html = response.content.decode()
        assert "On related rights" in html
    assert counts[0] == counts[1]
