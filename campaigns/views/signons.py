"""An organization signing on to a campaign's statement, or withdrawing its
sign-on; the campaign page shows the result."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.utils.translation import gettext as _

from campaigns import actions
from campaigns.forms import SignOnForm
from campaigns.models import SignOn, SignOnStatus
from campaigns.views.campaign import error_text, render_campaign
from home.validation import parse_id


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
