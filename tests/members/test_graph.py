"""The network graph's page (/members/graph/): its layout runs in a worker loaded
from static/, and without JavaScript its filters lead to the directory, which lists
exactly the organizations the graph would draw. (That the page never blocks its
main thread is checked in the browser: tests/browser/test_graph.py.)"""

import re

import pytest
from django.contrib.staticfiles import finders

from tests.factories import CoordinatorFactory, build_organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(directory):
    build_organization(
        directory,
        title="Borderlands Detention Watch",
        issue_areas=["detention", "immigration"],
        region="Texas",
    )
    build_organization(
        directory, title="El Paso Tenants", issue_areas=["housing"], region="Texas"
    )
    build_organization(
        directory,
        title="Gulf Tenants Union",
        issue_areas=["housing", "immigration"],
        region="Louisiana",
    )
    build_organization(
        directory,
        title="Quiet Sanctuary Circle",
        issue_areas=["detention"],
        region="Texas",
        visibility="members",
    )


def graph_form(html):
    return re.search(r"<form class=\"graph-filters\"[^>]*>", html).group(0)


def test_without_javascript_the_graph_filters_lead_to_the_directory(client, network):
    html = client.get("/members/graph/").content.decode()

    assert 'method="get" action="/members/"' in graph_form(html)
    assert 'name="issue"' in html and 'name="state"' in html


@pytest.mark.parametrize("signed_in", [False, True])
@pytest.mark.parametrize(
    "query",
    [
        "",
        "issue=housing",
        "state=US-TX",
        "issue=detention&state=US-TX",
        "state=Texas",  # an old link's name, read as its code by both
        "issue=torture",
    ],
)
def test_the_directory_lists_what_the_graph_draws_for_the_same_filters(
    client, network, query, signed_in
):
    """The graph's filters are the directory's, so "Show" without JavaScript (and
    the list link beside the drawing) keeps the search's meaning."""
    if signed_in:
        client.force_login(CoordinatorFactory())
    drawn = client.get(f"/members/graph/data/?{query}").json()
    listed = client.get(f"/members/?{query}").context["results"]

    assert {
        node["label"] for node in drawn["nodes"] if node["kind"] == "organization"
    } == {organization.title for organization in listed.page.object_list}
    assert drawn["total"] == listed.total


def test_the_layout_runs_in_a_worker_loaded_from_static_files(client, network):
    html = client.get("/members/graph/").content.decode()
    worker = re.search(r'data-graph-worker="/static/([^"]+)"', html).group(1)
    scripts = re.search(r'data-graph-scripts="([^"]+)"', html).group(1).split()

    assert finders.find(worker)
    assert [script.rsplit("/", 1)[1] for script in scripts] == [
        "d3-dispatch.min.js",
        "d3-quadtree.min.js",
        "d3-timer.min.js",
        "d3-force.min.js",
    ]
    for script in scripts:
        assert script.startswith("/static/")
        assert finders.find(script.removeprefix("/static/"))
    # The page itself loads no d3: the simulation never runs on its thread.
    page_scripts = re.findall(r'<script src="([^"]+)"', html)
    assert "/static/js/members-graph.js" in page_scripts
    assert not [src for src in page_scripts if "d3" in src]
