"""/campaigns/<slug>/: the campaign page, with its organizations, sign-ons,
pledges, updates and events. The sign-on and pledge views re-render it with
their forms when those need correcting."""

from django.template.response import TemplateResponse
from django.utils import timezone

from campaigns import actions
from campaigns.forms import PledgeForm, SignOnForm
from campaigns.models import CampaignOrganization, SignOn, SignOnStatus
from members.models import MemberOrganizationPage


def subpage_url(page, name, *args):
    return page.url + page.reverse_subpage(name, args=args)


def campaign_context(request, campaign, *, sign_on_form=None, pledge_form=None):
    user = request.user
    viewer = request.viewer
    context = campaign.get_context(request)
    visible = MemberOrganizationPage.objects.visible_to(viewer).values("pk")
    links = list(
        CampaignOrganization.objects.filter(campaign=campaign, organization__in=visible)
        .select_related("organization")
        .order_by("sort_order")
    )
    named = list(SignOn.objects.for_campaign(campaign).named_to(viewer))
    counts = campaign.counts()
    now = timezone.now()
    events = list(campaign.events.order_by("starts_at", "pk"))

    # The sign-on panel: only for people who admin an organization.
    my_organizations = list(actions.organizations_user_can_sign_for(user))
    my_signons = []
    if my_organizations:
        my_signons = list(
            SignOn.objects.filter(
                campaign=campaign, organization__in=my_organizations
            ).select_related("organization")
        )
        if sign_on_form is None and campaign.accepts_signons:
            active = {
                s.organization_id
                for s in my_signons
                if s.status in (SignOnStatus.PENDING, SignOnStatus.APPROVED)
            }
            unsigned = [org for org in my_organizations if org.pk not in active]
            if unsigned:
                sign_on_form = SignOnForm(
                    user=user,
                    campaign=campaign,
                    organizations=my_organizations,
                    initial={"organization": unsigned[0].pk},
                )
    if pledge_form is None and campaign.takes_pledges:
        pledge_form = PledgeForm()

    context.update(
        {
            "issue_areas": [
                item.tag for item in campaign.issue_area_items.select_related("tag")
            ],
            "lead_organizations": [
                link.organization
                for link in links
                if link.role == CampaignOrganization.Role.LEAD
            ],
            "partner_organizations": [
                link.organization
                for link in links
                if link.role == CampaignOrganization.Role.PARTNER
            ],
            "named_signons": named,
            "signon_count": counts["signons"],
            "unnamed_signon_count": counts["signons"] - len(named),
            "unlisted_signon_count": counts["unlisted"],
            "pledge_count": counts["pledges"],
            "updates": list(campaign.published_updates()),
            "upcoming_events": [event for event in events if event.ends_at >= now],
            "past_events": [event for event in events if event.ends_at < now][::-1],
            "my_organizations": my_organizations,
            "my_signons": my_signons,
            "sign_on_form": sign_on_form,
            "pledge_form": pledge_form,
            "sign_on_url": subpage_url(campaign, "sign_on"),
            "withdraw_url": subpage_url(campaign, "withdraw_sign_on"),
            "pledge_url": subpage_url(campaign, "pledge"),
            "pledge_removal_url": subpage_url(campaign, "pledge_removal_request"),
            "feed_url": subpage_url(campaign, "rss_feed"),
            "atom_feed_url": subpage_url(campaign, "atom_feed"),
            "ical_url": subpage_url(campaign, "ical"),
            "login_url": f"/accounts/login/?next={campaign.url}",
        }
    )
    return context


def render_campaign(request, campaign, status=200, **forms):
    # Invalid forms re-render with 200, Django's convention: browsers treat other
    # codes as failed loads, and the page itself says what is wrong.
    context = campaign_context(request, campaign, **forms)
    return TemplateResponse(
        request, "campaigns/campaign_page.html", context, status=status
    )


def campaign_page(request, campaign):
    return render_campaign(request, campaign)


def error_text(error):
    """ValidationError carries messages; PermissionDenied carries one string."""
    return " ".join(getattr(error, "messages", None) or [str(error)])
