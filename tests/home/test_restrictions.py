"""home.restrictions decides "in a private section" inside the query; it must mean
exactly what Wagtail's public() and not_public() mean, for every page of a tree
with restrictions at several depths, and cost no query until it runs."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from home.restrictions import in_private_section


def add(parent, slug):
    return parent.add_child(instance=Page(title=slug, slug=slug))


@pytest.fixture
def tree():
    root = Page.get_first_root_node()
    top = add(root, "top")
    open_section = add(top, "open")
    add(open_section, "open-child")
    members = add(top, "members")
    deep = add(add(members, "members-child"), "members-grandchild")
    add(deep, "members-great-grandchild")
    mixed = add(top, "mixed")
    add(mixed, "mixed-open")
    secret = add(mixed, "mixed-secret")
    add(secret, "mixed-secret-child")
    PageViewRestriction.objects.create(
        page=members, restriction_type=PageViewRestriction.LOGIN
    )
    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    return top


@pytest.mark.django_db
def test_private_sections_match_wagtails_rule_on_every_page(tree):
    pages = Page.objects.all()
    assert set(pages.filter(~in_private_section())) == set(pages.public())
    assert set(pages.filter(in_private_section())) == set(pages.not_public())
    private_slugs = set(
        pages.filter(in_private_section()).values_list("slug", flat=True)
    )
    assert private_slugs == {
        "members",
        "members-child",
        "members-grandchild",
        "members-great-grandchild",
        "mixed-secret",
        "mixed-secret-child",
    }


@pytest.mark.django_db
def test_without_restrictions_every_page_is_public(tree):
    PageViewRestriction.objects.all().delete()
    assert not Page.objects.filter(in_private_section()).exists()


@pytest.mark.django_db
def test_building_the_rule_costs_no_query(tree):
    with CaptureQueriesContext(connection) as queries:
        Page.objects.filter(~in_private_section())
    assert len(queries) == 0
    with CaptureQueriesContext(connection) as queries:
        Page.objects.public()
    assert len(queries) == 1  # what the subquery saves: Wagtail reads restrictions
