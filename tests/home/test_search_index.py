"""Pages searched by their child relations (an organization's issue areas, a
resource's documents) are indexed again once those are saved, and only after a
full save: bookkeeping saves of named fields are not indexed a second time."""

import pytest
from modelsearch import index

from campaigns.models import ResourcePage
from members.models import MemberOrganizationPage
from tests.factories import (
    DocumentFactory,
    IssueAreaFactory,
    ResourceIndexPageFactory,
    ResourcePageFactory,
    build_organization,
)

pytestmark = pytest.mark.django_db

WORD = "Lighthousekeeping"


def organization_with_relations(home_page, directory):
    area = IssueAreaFactory(name=WORD, slug=WORD.lower())
    return build_organization(directory, title="Harbour Group", issue_areas=[area])


def resource_with_relations(home_page, directory):
    library = ResourceIndexPageFactory(parent=home_page)
    document = DocumentFactory(title=f"{WORD} checklist")
    return ResourcePageFactory(
        parent=library, title="Harbour kit", documents=[document]
    )


PAGES = {
    "organization": (MemberOrganizationPage, organization_with_relations),
    "resource": (ResourcePage, resource_with_relations),
}


@pytest.fixture(params=list(PAGES))
def page(request, directory, home_page):
    model, build = PAGES[request.param]
    return model, build(home_page, directory)


def test_a_page_is_found_by_its_relations_as_soon_as_it_is_saved(page):
    model, built = page
    assert [found.pk for found in model.objects.search(WORD)] == [built.pk]


@pytest.fixture
def indexed(monkeypatch):
    """The (model, pk) of every search-index update, as it is written."""
    written = []
    write = index.insert_or_update_object

    def record(instance):
        written.append((type(instance), instance.pk))
        return write(instance)

    monkeypatch.setattr(index, "insert_or_update_object", record)
    return written


def lock(page):
    # As the admin's lock view saves it.
    page.locked = True
    page.save(update_fields=["locked", "locked_by", "locked_at"])


SAVES = {
    # Wagtail's post_save indexes every save once; a full save saves the child
    # relations after that, so the page is indexed once more.
    "full save": (lambda page: page.save(), 2),
    "lock": (lock, 1),
    # save_revision saves the page with update_fields (latest_revision, ...).
    "revision": (lambda page: page.save_revision(), 1),
}


@pytest.mark.parametrize("save", list(SAVES))
def test_only_a_full_save_indexes_the_page_again_after_its_relations(
    page, indexed, save
):
    model, built = page
    do_save, times = SAVES[save]
    built = model.objects.get(pk=built.pk)

    do_save(built)

    assert indexed.count((model, built.pk)) == times
