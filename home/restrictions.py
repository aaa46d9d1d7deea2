"""Wagtail's view restrictions as one subquery.

`PageQuerySet.public()` first reads every restriction, then builds its filter from
them: a query of its own each time it is called. A rule that must cost nothing
until it runs (the header's unread count on every signed-in page, listings built
many times a request) uses `in_private_section` instead: the same meaning (the
page, or one of its ancestors, is restricted), decided inside the query.
"""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr


def in_private_section(path="path"):
    """True where a view restriction covers the page whose tree path is the
    outer query's `path` field (e.g. "path", or "page__path" through a key)."""
    from wagtail.models import PageViewRestriction

    # A restriction covers a page when its own page's path starts the page's path.
    return Exists(
        PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef(path), 1, Length("page__path"))
        )
    )
