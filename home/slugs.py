"""Free slugs for rows that are not pages.

A page's slug need only differ from its siblings': Wagtail's
`wagtail.coreutils.find_available_slug(parent, slug)` finds one, and the apps use
it for organizations and resources. A board room or an issue area is not a page
and its slug is unique across its whole table, so it gets the same numbering
from the table instead: `slug`, `slug-1`, `slug-2`…
"""


def find_available_slug_in(queryset, requested_slug):
    """`requested_slug`, or the first of `requested_slug-1`, `-2`… that no row of
    `queryset` has, in one query (as find_available_slug does among siblings)."""
    taken = set(
        queryset.filter(slug__startswith=requested_slug).values_list("slug", flat=True)
    )
    slug, number = requested_slug, 1
    while slug in taken:
        slug, number = f"{requested_slug}-{number}", number + 1
    return slug
