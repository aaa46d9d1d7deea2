"""Template tags of the members app: the home page's newest members, and the
directory's URL helpers."""

from django import template

from members.models import MemberOrganizationPage
from members.viewer import viewer_of

register = template.Library()

NEWEST_MEMBERS = 6


@register.inclusion_tag("members/components/newest_members.html", takes_context=True)
def newest_members(context, count=NEWEST_MEMBERS):
    """The organizations that joined most recently, among those the viewer may see
    (two queries: the organizations, and their logos' renditions)."""
    request = context.get("request")
    organizations = list(
        MemberOrganizationPage.objects.visible_to(viewer_of(request))
        .filter(member_since__isnull=False)
        .select_related("logo")
        .prefetch_related("logo__renditions")
        .order_by("-member_since", "title")[:count]
    )
    return {"request": request, "organizations": organizations}


@register.filter
def directory_params(search, page):
    """The directory search's query string on another page."""
    return search.params(page=page)


@register.filter
def directory_params_any(search):
    return search.params_matching_any()


@register.filter
def directory_params_without_q(search):
    return search.params_without_q()


@register.inclusion_tag("members/components/complements_links.html", takes_context=True)
def complements_links(context, directory):
    """For staff of member organizations: a link to the "Complements us" view of
    each organization they work for (one query; none for anyone else)."""
    from members.complements import own_organizations

    request = context.get("request")
    return {
        "directory": directory,
        "organizations": own_organizations(viewer_of(request)),
    }
