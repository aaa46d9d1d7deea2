"""The directory's "Complements us" view, /members/?complements=<slug>: every
organization that works on one's own organization's issue areas in ways it does
not (members.related.complementary_partners), nearby first, a page at a time.

Only for the organization's own staff (Viewer.acts_for): anyone else, whatever
the slug (another organization's, a hidden one's, one that does not exist), gets
the same refusal after the same query, so the answer confirms nothing. Every
organization listed comes through `visible_to(viewer)`.
"""

import re

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _

from home.facets import page_notice, read_page
from members.models import MemberOrganizationPage
from members.related import complementary_partners, partner
from members.terms import profile_terms

PARAM = "complements"
PAGE_SIZE = 20
# A page's slug: letters, digits, hyphens and underscores (Wagtail allows Unicode
# letters), as long as its column allows. Anything else names no page.
SLUG = re.compile(r"[-\w]{1,255}")


def own_organizations(viewer):
    """The organizations `viewer` acts for (Viewer.acts_for), by name: one query,
    none for a visitor or someone on no team."""
    mine = (
        MemberOrganizationPage.objects.visible_to(viewer)
        .filter(pk__in=viewer.organization_ids)
        .only("title", "slug")
        .order_by("title", "pk")
    )
    return [organization for organization in mine if viewer.acts_for(organization.pk)]


def own_organization(viewer, slug):
    """The organization `slug` names when `viewer` acts for it, else None."""
    if not SLUG.fullmatch(slug or ""):
        return None
    organization = (
        MemberOrganizationPage.objects.visible_to(viewer)
        .filter(pk__in=viewer.organization_ids, slug=slug)
        .first()
    )
    if organization is None or not viewer.acts_for(organization.pk):
        return None
    return organization


def refusal_for(viewer):
    if viewer.is_anonymous:
        return _(
            "Sign in as staff of a member organization to see the organizations "
            "that complement yours."
        )
    return _(
        "This view is only for your own organization: you can see the "
        "organizations that complement the ones you work for, and no others."
    )


def notices_for(params, page_number, refused, paginator):
    """What was made of the address, in the directory's words: a page that is no
    number or past the end, and the directory's own search and filters, which
    this list does not apply."""
    paged = page_notice(page_number, refused, paginator.num_pages)
    notices = [paged] if paged else []
    if set(params) - {PARAM, "page"}:
        notices.append(
            _(
                "This list shows every organization that complements yours, so "
                "the directory's search words and filters do not apply to it."
            )
        )
    return notices


def complements_page(directory, request):
    """The view itself, rendered by the directory page."""
    viewer = request.viewer
    organization = own_organization(viewer, request.GET.get(PARAM))
    if organization is None:
        response = directory.render(
            request,
            template="members/complements.html",
            context_overrides={
                "refusal": refusal_for(viewer),
                "own_organizations": own_organizations(viewer),
            },
        )
        response.status_code = 403
    else:
        terms = profile_terms(organization)
        areas_by_id = {area.pk: area for area in terms["issue"]}
        paginator = Paginator(
            complementary_partners(
                organization,
                viewer,
                list(areas_by_id),
                [approach.pk for approach in terms["approach"]],
            )
            .select_related("logo")
            .prefetch_related("logo__renditions"),
            PAGE_SIZE,
        )
        page_number, refused = read_page(request.GET.get("page"))
        page = paginator.get_page(page_number)
        page.object_list = [
            partner(row, organization, areas_by_id) for row in page.object_list
        ]
        response = directory.render(
            request,
            template="members/complements.html",
            context_overrides={
                "organization": organization,
                "partners": page,
                "issue_area_list": terms["issue"],
                "approach_list": terms["approach"],
                "notices": notices_for(request.GET, page_number, refused, paginator),
            },
        )
    response["Cache-Control"] = "private, no-store"
    return response
