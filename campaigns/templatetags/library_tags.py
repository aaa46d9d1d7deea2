"""Inclusion tags other apps' templates use to show resources and news:
the home page, issue-area hubs and organization profiles. Each runs a fixed number of
queries and applies the visibility verbs."""

from django import template
from django.db.models import Exists, OuterRef, Q

from campaigns.models import NewsPage, ResourcePage
from members.viewer import viewer_of

register = template.Library()

HOME_NEWS = 3
HUB_ITEMS = 5
PROFILE_RESOURCES = 10
CALENDAR_SUBMISSIONS = 10


def _viewer(context):
    return viewer_of(context.get("request"))


@register.inclusion_tag("campaigns/components/latest_news.html", takes_context=True)
def latest_news(context, limit=HOME_NEWS, heading_level=2):
    """The newest news items, for the home page."""
    items = list(
        NewsPage.objects.published().newest_first().with_listing_data()[:limit]
    )
    return {"request": context.get("request"), "items": items, "level": heading_level}


@register.inclusion_tag("campaigns/components/issue_area_news.html", takes_context=True)
def issue_area_news(context, issue_area, limit=HUB_ITEMS):
    """News tagged with one issue area, for its hub."""
    items = list(
        NewsPage.objects.published()
        .in_issue_areas([issue_area])
        .newest_first()
        .with_listing_data()[:limit]
    )
    return {"request": context.get("request"), "items": items, "issue_area": issue_area}


@register.inclusion_tag(
    "campaigns/components/issue_area_resources.html", takes_context=True
)
def issue_area_resources(context, issue_area, limit=HUB_ITEMS):
    """Resources in one issue area (excluding UN submissions, listed apart), for
    its hub, with a link to the library filtered by it."""
    viewer = _viewer(context)
    visible = ResourcePage.objects.visible_to(viewer).in_issue_areas([issue_area])
    items = list(
        visible.exclude(kind="un-submission")
        .newest_first()
        .with_listing_data(viewer)[:limit]
    )
    return {
        "request": context.get("request"),
        "items": items,
        "issue_area": issue_area,
        "library_url": _library_url(context, issue=issue_area.slug),
    }


@register.inclusion_tag(
    "campaigns/components/issue_area_un_submissions.html", takes_context=True
)
def issue_area_un_submissions(context, issue_area, limit=HUB_ITEMS):
    """Joint submissions to UN mechanisms in one issue area, for its hub."""
    viewer = _viewer(context)
    items = list(
        ResourcePage.objects.visible_to(viewer)
        .in_issue_areas([issue_area])
        .un_submissions()
        .newest_first()
        .with_listing_data(viewer)[:limit]
    )
    return {
        "request": context.get("request"),
        "items": items,
        "issue_area": issue_area,
        "library_url": _library_url(
            context, issue=issue_area.slug, kind="un-submission"
        ),
    }


@register.inclusion_tag(
    "campaigns/components/organization_resources.html", takes_context=True
)
def organization_resources(context, organization, limit=PROFILE_RESOURCES):
    """Resources an organization contributed to or co-signed, for its profile: a
    compact list in two queries. The profile has already decided the person may see
    the organization."""
    viewer = _viewer(context)
    credited = ResourcePage.objects.visible_to(viewer).filter(
        Q(contributors__organization=organization)
        | Q(cosigners__organization=organization)
    )
    items = list(
        ResourcePage.objects.filter(pk__in=credited.values("pk"))
        .newest_first()
        .only(
            "title",
            "url_path",
            "path",
            "depth",
            "kind",
            "publication_date",
            "visibility",
        )[:limit]
    )
    return {
        "request": context.get("request"),
        "items": items,
        "organization": organization,
        "library_url": _library_url(context, org=organization.slug) if items else "",
    }


@register.inclusion_tag(
    "campaigns/components/calendar_un_submissions.html", takes_context=True
)
def calendar_un_submissions(context, limit=CALENDAR_SUBMISSIONS):
    """The network's latest joint UN submissions with the deadline each answered,
    for the calendar. Deadlines of unpublished campaigns are not named."""
    from campaigns.models import Event

    viewer = _viewer(context)
    public_deadlines = Event.objects.public().filter(pk=OuterRef("answers_deadline_id"))
    items = list(
        ResourcePage.objects.visible_to(viewer)
        .un_submissions()
        .newest_first()
        .select_related("answers_deadline")
        .annotate(deadline_shown=Exists(public_deadlines))[:limit]
    )
    return {
        "request": context.get("request"),
        "items": items,
        "library_url": _library_url(context, kind="un-submission") if items else "",
    }


@register.inclusion_tag(
    "campaigns/components/campaign_resources.html", takes_context=True
)
def campaign_resources(context, campaign, limit=HUB_ITEMS):
    """Resources that belong to a campaign, for its page: one query."""
    viewer = _viewer(context)
    items = list(
        ResourcePage.objects.visible_to(viewer)
        .filter(related_campaign=campaign)
        .newest_first()
        .only("title", "url_path", "path", "depth", "kind", "publication_date")[:limit]
    )
    return {"request": context.get("request"), "items": items}


def _library_url(context, **params):
    """The library's address with these filters; the library is looked up once per
    request."""
    from urllib.parse import urlencode

    from campaigns.models import ResourceIndexPage

    request = context.get("request")
    base = getattr(request, "_resource_library_url", None)
    if base is None:
        index = ResourceIndexPage.objects.live().only("url_path", "path").first()
        base = index.get_url(request) if index is not None else ""
        if request is not None:
            request._resource_library_url = base
    if not base:
        return ""
    return f"{base}?{urlencode(params)}"
