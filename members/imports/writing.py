"""Writing a batch of new organizations in a handful of queries, not a dozen a row.

`add_child` and `Page.save` cost about thirty queries a page (the parent locked
and read again, the last sibling looked up, the slug checked, the parent's count
updated, each term written on its own); a 10,000-row file spent most of its time
there. A batch of rows that passed `rows.build_page` (the model's full_clean)
is written here instead:

- the pages' tree paths are worked out in memory after the directory's last child
  (the directory row locked first, as treebeard does), their `url_path`,
  content type and owner set as `Page.save` would;
- `wagtailcore_page` rows go in with Page's `bulk_create` (which returns the
  ids); the organization table's rows go in with one multi-row insert, because
  Django's `bulk_create` refuses a multi-table-inherited model (it cannot fill
  the parent table, which is done just above);
- each kind of term goes in with one `bulk_create` of its link table, and the
  links elsewhere (which build_page gave each unsaved page) with one more;
- the directory's child count is raised once.

No signal is sent and no revision saved, as in `rows.create_organization`: the
run indexes the pages in batches afterwards (members.imports.indexing) and
writes one audit-log entry for the whole file.

The caller holds a savepoint around `create_organizations`; if the database
refuses the batch (say a concurrent save took a slug), the savepoint is rolled
back and the batch written row by row, so each row still succeeds or fails on
its own.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F
from wagtail.models import Page

from members.models import MemberOrganizationPage, OrganizationLink
from members.spreadsheets import TERM_LINKS


def create_organizations(directory, new_pages, owner=None):
    """Insert `new_pages` ([(page, terms)]: an unsaved MemberOrganizationPage from
    `build_page` and its {relation: [term, ...]}) as the directory's last
    children, in order, with their terms. The pages come back saved (ids set).
    Call inside a transaction."""
    if not new_pages:
        return []
    pages = [page for page, _terms in new_pages]
    parent = Page.objects.select_for_update().get(pk=directory.pk)
    place_in_tree(parent, pages, owner)
    Page.objects.bulk_create(pages)
    for page in pages:
        page.page_ptr_id = page.id
    insert_organization_rows(pages)
    # The link tables as the exports read them (members.spreadsheets.TERM_LINKS).
    for relation, (_kind, link_model, owner, term_column) in TERM_LINKS.items():
        link_model.objects.bulk_create(
            link_model(**{owner: page.pk, term_column: term.pk})
            for page, terms in new_pages
            for term in terms.get(relation) or ()
        )
    # New rows, not the page's own unsaved ones: should the batch be refused and
    # written again one by one, the page still holds its links to save.
    OrganizationLink.objects.bulk_create(
        OrganizationLink(
            organization_id=page.pk,
            label=link.label,
            url=link.url,
            sort_order=link.sort_order,
        )
        for page in pages
        for link in page.social_links.all()
    )
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    directory.numchild = parent.numchild + len(pages)
    return pages


def place_in_tree(parent, pages, owner):
    """Give each page the tree path after the parent's last child, its depth,
    url_path, content type and owner."""
    last_path = (
        parent.get_children().order_by("-path").values_list("path", flat=True).first()
    )
    last_step = Page._str2int(last_path[-Page.steplen :]) if last_path else 0
    content_type = ContentType.objects.get_for_model(MemberOrganizationPage)
    depth = parent.depth + 1
    for step, page in enumerate(pages, start=last_step + 1):
        page.path = Page._get_path(parent.path, depth, step)
        page.depth = depth
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.draft_title = page.draft_title or page.title
        page.content_type = content_type
        page.owner = owner


def insert_organization_rows(pages):
    """The organization table's own columns, as many rows a statement as the
    database takes."""
    fields = MemberOrganizationPage._meta.local_concrete_fields
    queryset = MemberOrganizationPage._base_manager.all()
    size = connection.ops.bulk_batch_size(fields, pages) or len(pages)
    for start in range(0, len(pages), size):
        queryset._insert(pages[start : start + size], fields=fields)
    for page in pages:
        page._state.adding = False
        page._state.db = queryset.db
