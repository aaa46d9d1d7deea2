"""A supporter's pledge: made, confirmed and removed through links emailed to
its address."""

from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from campaigns import actions, emails
from campaigns.forms import PledgeForm, PledgeRemovalRequestForm
from campaigns.views.campaign import error_text, render_campaign, subpage_url
from home.links import page_url
from home.throttle import Limit, client_address

# Pledges: a few per connection per ten minutes is plenty for people, not for bots.
PLEDGES_PER_ADDRESS = Limit("pledge", limit=5, window=600)
REMOVAL_REQUESTS_PER_ADDRESS = Limit("pledge-removal", limit=3, window=600)


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
            emails.send_pledge_confirmation.enqueue(pending.pk, page_url(campaign))
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
                page_url(campaign),
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
