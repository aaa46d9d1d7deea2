"""Writes for campaigns: `check_*` validates and authorizes, `do_*` writes.

HTTP views and the admin call these, so there is one code path for each action.
"""

import base64

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from campaigns.models import Pledge, SignOn, SignOnStatus
from home.validation import parse_id
from members.models import MemberOrganizationPage, Membership, MembershipStatus

# Links emailed to a supporter's address: the only way a pledge is made, changed or
# removed, so that nobody but the address's owner can do either, and the pledge
# form answers the same for every address.
PLEDGE_CONFIRMATION_SALT = "campaigns.pledge-confirmation"
PLEDGE_REMOVAL_SALT = "campaigns.pledge-removal"
# A confirmation link works for a week; a removal link for a year (a supporter can
# always ask for a fresh one).
PLEDGE_CONFIRMATION_MAX_AGE = 60 * 60 * 24 * 7
PLEDGE_REMOVAL_MAX_AGE = 60 * 60 * 24 * 365


# --- Sign-ons -------------------------------------------------------------------


def organizations_user_can_sign_for(user):
    """Live organizations in good standing where this person is an admin."""
    if user is None or not user.is_authenticated or not user.is_active:
        return MemberOrganizationPage.objects.none()
    admin_of = Membership.objects.filter(user=user, role=Membership.Role.ADMIN).values(
        "organization_id"
    )
    return (
        MemberOrganizationPage.objects.live()
        .filter(pk__in=admin_of)
        .exclude(membership_status=MembershipStatus.SUSPENDED)
        .order_by("title")
    )


def check_can_sign_on(user, campaign, organization):
    """Raise ValidationError (plain words for the form) or PermissionDenied."""
    if not organizations_user_can_sign_for(user).filter(pk=organization.pk).exists():
        raise PermissionDenied(
            _("Only an admin of %(organization)s can sign on for it.")
            % {"organization": organization.title}
        )
    if not campaign.accepts_signons:
        raise ValidationError(_("This campaign is not taking sign-ons."))
    existing = (
        SignOn.objects.filter(campaign=campaign, organization=organization)
        .only("status")
        .first()
    )
    if existing is None or existing.status == SignOnStatus.WITHDRAWN:
        return existing
    if existing.status == SignOnStatus.DECLINED:
        raise ValidationError(
            _(
                "A coordinator declined %(organization)s's sign-on to this campaign. "
                "Please write to the network's coordinators if you think that is a "
                "mistake."
            )
            % {"organization": organization.title}
        )
    raise ValidationError(
        _("%(organization)s has already signed on to this campaign.")
        % {"organization": organization.title}
    )


def do_sign_on(user, campaign, organization, *, unlisted=False):
    """Sign on (or renew a withdrawn sign-on). Returns the SignOn."""
    existing = check_can_sign_on(user, campaign, organization)
    status = (
        SignOnStatus.APPROVED if campaign.auto_approve_signons else SignOnStatus.PENDING
    )
    now = timezone.now()
    try:
        with transaction.atomic():
            if existing is None:
                signon = SignOn.objects.create(
                    campaign=campaign,
                    organization=organization,
                    signed_by=user,
                    unlisted=unlisted,
                    status=status,
                    decided_at=now if campaign.auto_approve_signons else None,
                )
            else:
                signon = existing
                signon.signed_by = user
                signon.unlisted = unlisted
                signon.status = status
                signon.decided_at = now if campaign.auto_approve_signons else None
                signon.decided_by = None
                signon.save()
    except IntegrityError as error:
        # Two admins of one organization pressed the button at the same moment.
        raise ValidationError(
            _("%(organization)s has already signed on to this campaign.")
            % {"organization": organization.title}
        ) from error
    return signon


def check_can_withdraw(user, signon):
    if (
        not organizations_user_can_sign_for(user)
        .filter(pk=signon.organization_id)
        .exists()
    ):
        raise PermissionDenied(
            _("Only an admin of the organization can withdraw its sign-on.")
        )
    if signon.status not in (SignOnStatus.PENDING, SignOnStatus.APPROVED):
        raise ValidationError(_("This sign-on is not active."))
    if signon.campaign.is_closed:
        raise ValidationError(
            _("The campaign has closed; sign-ons can no longer be withdrawn.")
        )


def do_withdraw(user, signon):
    check_can_withdraw(user, signon)
    signon.status = SignOnStatus.WITHDRAWN
    signon.save(update_fields=["status", "updated_at"])
    return signon


def check_can_decide(user, signon):
    if not (user.is_authenticated and user.is_coordinator):
        raise PermissionDenied(_("Only coordinators approve sign-ons."))


def do_decide(user, signon, status):
    """A coordinator approves or declines (or re-opens) a sign-on."""
    check_can_decide(user, signon)
    signon.status = status
    signon.decided_at = timezone.now()
    signon.decided_by = user
    signon.save()
    return signon


# --- Pledges --------------------------------------------------------------------


def normalize_email(email):
    return email.strip().lower()


def check_can_pledge(campaign):
    if not campaign.takes_pledges:
        raise ValidationError(_("This campaign is not taking pledges."))


def do_pledge(campaign, *, name, email, postcode):
    """Record a pledge, confirmed by its address's owner through the link sent to
    it (see pledge_confirmation_token). The same address again updates the name
    and postal code rather than counting twice. Returns (pledge, created)."""
    check_can_pledge(campaign)
    email = normalize_email(email)
    now = timezone.now()
    defaults = {"name": name, "postcode": postcode, "consented_at": now}
    try:
        with transaction.atomic():
            return Pledge.objects.update_or_create(
                campaign=campaign, email=email, defaults=defaults
            )
    except IntegrityError:
        # The same address arrived twice at once: the other request created it.
        Pledge.objects.filter(campaign=campaign, email=email).update(**defaults)
        return Pledge.objects.get(campaign=campaign, email=email), False


def _link_token(data, salt):
    """`data` signed, re-encoded so it is one URL path segment of letters, digits,
    '-' and '_' (Wagtail's page URLs allow nothing else)."""
    signed = signing.dumps(data, salt=salt, compress=True)
    return base64.urlsafe_b64encode(signed.encode()).decode().rstrip("=")


def _link_data(token, salt, max_age):
    """The dict a link token carries, or None if it is bad or expired."""
    try:
        signed = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        data = signing.loads(signed, salt=salt, max_age=max_age)
    except (signing.BadSignature, ValueError):
        return None
    return data if isinstance(data, dict) else None


def pledge_confirmation_token(campaign, *, name, email, postcode):
    """What a visitor typed in the pledge form, signed into the link emailed to
    the address they gave: nothing is stored until its owner opens it."""
    return _link_token(
        {"c": campaign.pk, "n": name, "e": normalize_email(email), "z": postcode},
        PLEDGE_CONFIRMATION_SALT,
    )


def pledge_for_confirmation_token(campaign, token):
    """{"name", "email", "postcode"} a confirmation link carries for this campaign,
    or None if the link is bad, expired or for another campaign."""
    data = _link_data(token, PLEDGE_CONFIRMATION_SALT, PLEDGE_CONFIRMATION_MAX_AGE)
    if data is None or data.get("c") != campaign.pk:
        return None
    details = {"name": data.get("n"), "email": data.get("e"), "postcode": data.get("z")}
    if not all(isinstance(value, str) and value for value in details.values()):
        return None
    return details


def pledge_removal_token(pledge):
    return _link_token({"p": pledge.pk, "e": pledge.email}, PLEDGE_REMOVAL_SALT)


def pledge_for_removal_token(campaign, token):
    """The pledge a removal link names, or None if the link is bad, expired or the
    pledge is already gone."""
    data = _link_data(token, PLEDGE_REMOVAL_SALT, PLEDGE_REMOVAL_MAX_AGE)
    if data is None or parse_id(data.get("p")) is None:
        return None
    return Pledge.objects.filter(
        pk=data["p"], email=data.get("e"), campaign=campaign
    ).first()


def do_remove_pledge(pledge):
    pledge.delete()


# --- Exports --------------------------------------------------------------------

EXPORT_ACTION = "campaigns.export"


def log_export(user, instance, what, count):
    """Record a coordinator's export in Wagtail's audit log."""
    log(
        instance=instance,
        action=EXPORT_ACTION,
        user=user,
        data={"what": what, "rows": count},
    )
