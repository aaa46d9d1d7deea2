"""Thousands of resources in seconds, for query-count tests at scale.

Creating pages one by one (tree bookkeeping, revisions, search index) takes ~0.1 s
each; here the page rows are inserted in bulk with their tree paths computed, which
is enough for listing pages, facets and template tags (not for search).
"""

import datetime
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from wagtail.models import Page

from campaigns.models import (
    ResourceContributor,
    ResourceIssueArea,
    ResourceKind,
    ResourcePage,
)


def bulk_resources(library, count, issue_areas, organizations, *, prefix="Bulk"):
    library.refresh_from_db()
    content_type = ContentType.objects.get_for_model(ResourcePage)
    last = library.get_last_child()
    start = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    now = timezone.now()
    kinds = ResourceKind.values
    pages = []
    for index in range(count):
        slug = f"{prefix.lower()}-resource-{index}"
        pages.append(
            Page(
                title=f"{prefix} resource {index}",
                draft_title=f"{prefix} resource {index}",
                slug=slug,
                content_type=content_type,
                path=Page._get_path(library.path, library.depth + 1, start + index),
                depth=library.depth + 1,
                numchild=0,
                url_path=f"{library.url_path}{slug}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                locale_id=library.locale_id,
                translation_key=uuid.uuid4(),
            )
        )
    Page.objects.bulk_create(pages, batch_size=500)
    created = list(
        Page.objects.filter(slug__startswith=f"{prefix.lower()}-resource-")
        .child_of(library)
        .order_by("path")
        .values_list("pk", flat=True)
    )
    table = ResourcePage._meta.db_table
    quote = connection.ops.quote_name
    columns = [
        "page_ptr_id",
        "summary",
        "body",
        "kind",
        "publication_date",
        "language",
        "visibility",
        "un_mechanism",
        "treaty_body",
        "special_procedure",
        "session",
        "reviewed_state",
    ]
    rows = [
        (
            pk,
            "A bulk resource.",
            "[]",
            kinds[index % len(kinds)],
            datetime.date(2015 + index % 10, 1 + index % 12, 1),
            "en" if index % 3 else "es",
            "public" if index % 5 else "members",
            "upr" if kinds[index % len(kinds)] == "un-submission" else "",
            "",
            "",
            "",
            "",
        )
        for index, pk in enumerate(created)
    ]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(table)} ({', '.join(quote(c) for c in columns)}) "  # noqa: S608
            f"VALUES ({', '.join(['%s'] * len(columns))})",
            rows,
        )
    ResourceIssueArea.objects.bulk_create(
        [
            ResourceIssueArea(
                content_object_id=pk, tag=issue_areas[index % len(issue_areas)]
            )
            for index, pk in enumerate(created)
        ],
        batch_size=500,
    )
    ResourceContributor.objects.bulk_create(
        [
            ResourceContributor(
                page_id=pk,
                organization=organizations[index % len(organizations)],
                sort_order=0,
            )
            for index, pk in enumerate(created)
        ],
        batch_size=500,
    )
    Page.objects.filter(pk=library.pk).update(numchild=library.numchild + count)
    library.refresh_from_db()
    return created
