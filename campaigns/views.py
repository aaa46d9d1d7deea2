"""The campaign pages' routes. They compose queryset verbs for reads and call
campaigns.actions for writes."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns import actions, emails
from campaigns.forms import (
    CalendarFilterForm,
    CampaignFilterForm,
    PledgeForm,
    PledgeRemovalRequestForm,
    SignOnForm,
    filter_values,
)
from campaigns.models import (
    CampaignOrganization,
    CampaignPage,
    Event,
    SignOn,
    SignOnStatus,
)
from home.throttle import Limit, client_address
from home.validation import parse_id
from members.models import MemberOrganizationPage

CAMPAIGNS_PER_PAGE = 12
DEADLINES_BESIDE_INDEX = 6
CALENDAR_UPCOMING_LIMIT = 200
CALENDAR_PAST_LIMIT = 60
# Pledges: a few per connection per ten minutes is plenty for people, not for bots.
PLEDGES_PER_ADDRESS = Limit("pledge", limit=5, window=600)
REMOVAL_REQUESTS_PER_ADDRESS = Limit("pledge-removal", limit=3, window=600)


def subpage_url(page, name, *args):
    return page.url + page.reverse_subpage(name, args=args)


# --- /campaigns/ ------------------------------------------------------------------


def campaign_index(request, index):
    form = CampaignFilterForm(request.GET or None)
    status, issue_area = filter_values(form, "status", "issue")
    campaigns = (
        CampaignPage.objects.child_of(index)
        .published()
        .with_status(status)
        .in_issue_area(issue_area)
        .in_listing_order()
        .with_listing_data(request.viewer)
    )
    paginator = Paginator(campaigns, CAMPAIGNS_PER_PAGE)
    page_of_campaigns = paginator.get_page(request.GET.get("page"))
    deadlines = list(
        Event.objects.public()
        .deadlines()
        .upcoming()
        .select_related("campaign")[:DEADLINES_BESIDE_INDEX]
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = index.get_context(request)
    context.update(
        {
            "filter_form": form,
            "campaigns": page_of_campaigns,
            "deadlines": deadlines,
            "filter_query": query.urlencode(),
            "is_filtered": bool(status or issue_area),
            "calendar_url": calendar_url(),
        }
    )
    return TemplateResponse(request, "campaigns/campaign_index_page.html", context)


def calendar_url():
    from campaigns.models import CalendarPage

    calendar = CalendarPage.objects.live().only("url_path").first()
    return calendar.url if calendar else None


# --- /campaigns/<slug>/ -----------------------------------------------------------


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


def sign_on(request, campaign):
    if request.method != "POST":
        return HttpResponseRedirect(campaign.url + "#sign-on")
    if request.viewer.is_anonymous:
        return HttpResponseRedirect(f"/accounts/login/?next={campaign.url}")
    form = SignOnForm(request.POST, user=request.user, campaign=campaign)
    if form.is_valid():
        organization = form.cleaned_data["organization"]
        try:
            signon = actions.do_sign_on(
                request.user,
                campaign,
                organization,
                unlisted=form.cleaned_data["unlisted"],
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, error_text(error))
        else:
            if signon.status == SignOnStatus.APPROVED:
                message = _("%(organization)s has signed on. Thank you.")
            else:
                message = _(
                    "%(organization)s has signed on. A coordinator will approve it "
                    "shortly; until then it is not counted or listed."
                )
            messages.success(request, message % {"organization": organization.title})
            return HttpResponseRedirect(campaign.url + "#sign-on")
    return render_campaign(request, campaign, sign_on_form=form)


def withdraw_sign_on(request, campaign):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if request.viewer.is_anonymous:
        return HttpResponseRedirect(f"/accounts/login/?next={campaign.url}")
    signon = (
        SignOn.objects.filter(
            campaign=campaign,
            organization__in=actions.organizations_user_can_sign_for(request.user),
            organization_id=parse_id(request.POST.get("organization")),
        )
        .select_related("organization", "campaign")
        .first()
    )
    if signon is None:
        messages.error(request, _("There is no sign-on of yours to withdraw here."))
        return HttpResponseRedirect(campaign.url + "#sign-on")
    try:
        actions.do_withdraw(request.user, signon)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request,
            _("%(organization)s's sign-on is withdrawn.")
            % {"organization": signon.organization.title},
        )
    return HttpResponseRedirect(campaign.url + "#sign-on")


def error_text(error):
    """ValidationError carries messages; PermissionDenied carries one string."""
    return " ".join(getattr(error, "messages", None) or [str(error)])


# --- Pledges ----------------------------------------------------------------------
#
# A pledge is made, changed and removed only through links emailed to its address.
# The pages answer every address alike (same page, status and wording, and the
# same work: no lookup of the address happens before the answer), so they cannot
# tell anyone whether an address has pledged, and nothing a visitor types is
# stored over someone's pledge.


def pledge(request, campaign):
    if request.method != "POST":
        return HttpResponseRedirect(campaign.url + "#pledge")
    thanks = subpage_url(campaign, "pledge_thanks")
    form = PledgeForm(request.POST)
    if form.is_bot:
        # Say nothing a bot could learn from; save nothing.
        return HttpResponseRedirect(thanks)
    if not PLEDGES_PER_ADDRESS.hit(client_address(request)):
        form.is_valid()
        form.add_error(
            None,
            _(
                "Several pledges have come from your connection in the last few "
                "minutes. Please wait ten minutes and try again; what you typed is "
                "kept below."
            ),
        )
        return render_campaign(request, campaign, status=429, pledge_form=form)
    if form.is_valid():
        try:
            actions.check_can_pledge(campaign)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            data = form.cleaned_data
            pending = actions.do_request_pledge(
                campaign,
                name=data["name"],
                email=data["email"],
                postcode=data["postcode"],
            )
            emails.send_pledge_confirmation.enqueue(
                pending.pk, request.build_absolute_uri(campaign.url)
            )
            return HttpResponseRedirect(thanks)
    return render_campaign(request, campaign, pledge_form=form)


def pledge_thanks(request, campaign):
    context = campaign.get_context(request)
    context["pledge_removal_url"] = subpage_url(campaign, "pledge_removal_request")
    return TemplateResponse(request, "campaigns/pledge_thanks.html", context)


def pledge_confirm(request, campaign, token):
    """The emailed link: GET shows what will be recorded (mail scanners open
    links), POST records it. A bad, expired or used link gets one page."""
    pending = actions.pending_pledge_for_token(campaign, token)
    context = campaign.get_context(request)
    context.update({"details": pending, "created": None, "error": None})
    if pending is not None and request.method == "POST":
        try:
            confirmed = actions.do_confirm_pledge(pending)
        except ValidationError as error:
            context["error"] = error_text(error)
        else:
            if confirmed is None:  # used by another click meanwhile
                context["details"] = None
            else:
                pledge, context["created"] = confirmed
                context["removal_url"] = subpage_url(
                    campaign, "pledge_remove", actions.pledge_removal_token(pledge)
                )
    status = 404 if context["details"] is None else 200
    return TemplateResponse(
        request, "campaigns/pledge_confirm.html", context, status=status
    )


def pledge_removal_request(request, campaign):
    form = PledgeRemovalRequestForm(request.POST or None)
    sent = False
    status = 200
    if request.method == "POST":
        if not REMOVAL_REQUESTS_PER_ADDRESS.hit(client_address(request)):
            form.is_valid()
            form.add_error(
                None,
                _("Too many requests from your connection; please try again later."),
            )
            status = 429
        elif form.is_valid():
            # The task looks the pledge up and emails it if there is one.
            emails.send_pledge_removal_link.enqueue(
                campaign.pk,
                actions.normalize_email(form.cleaned_data["email"]),
                request.build_absolute_uri(campaign.url),
            )
            sent = True
    context = campaign.get_context(request)
    context.update({"form": form, "sent": sent})
    return TemplateResponse(
        request, "campaigns/pledge_removal_request.html", context, status=status
    )


def pledge_remove(request, campaign, token):
    pledge = actions.pledge_for_removal_token(campaign, token)
    context = campaign.get_context(request)
    context.update(
        {
            "pledge": pledge,
            "removed": False,
            "pledge_removal_url": subpage_url(campaign, "pledge_removal_request"),
        }
    )
    status = 200
    if pledge is None:
        status = 404
    elif request.method == "POST":
        actions.do_remove_pledge(pledge)
        context["removed"] = True
    return TemplateResponse(
        request, "campaigns/pledge_remove.html", context, status=status
    )


# --- /calendar/ -------------------------------------------------------------------


def calendar(request, calendar_page):
    form = CalendarFilterForm(request.GET or None)
    kind, issue_area = filter_values(form, "kind", "issue")
    events = (
        Event.objects.public()
        .of_kind(kind)
        .in_issue_area(issue_area)
        .with_listing_data()
    )
    now = timezone.now()
    upcoming = list(events.upcoming(now)[: CALENDAR_UPCOMING_LIMIT + 1])
    past = list(events.past(now)[:CALENDAR_PAST_LIMIT])
    ical_url = calendar_page.url + calendar_page.reverse_subpage("ical")
    if issue_area is not None:
        ical_url += f"?issue={issue_area.slug}"
    context = calendar_page.get_context(request)
    context.update(
        {
            "filter_form": form,
            "upcoming_events": upcoming[:CALENDAR_UPCOMING_LIMIT],
            "more_upcoming": len(upcoming) > CALENDAR_UPCOMING_LIMIT,
            "past_events": past,
            "past_limit": CALENDAR_PAST_LIMIT,
            "is_filtered": bool(kind or issue_area),
            "ical_url": ical_url,
            "issue_area": issue_area,
        }
    )
    return TemplateResponse(request, "campaigns/calendar_page.html", context)
