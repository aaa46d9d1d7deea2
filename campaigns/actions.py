"""Writes for campaigns: `check_*` validates and authorizes, `do_*` writes.

HTTP views and the admin call these, so there is one code path for each action.
Actions take the acting user (they record who signed or decided) and ask
Viewer.for_user(user) what that person may do.
"""

import base64
import secrets

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns import signals
from campaigns.models import PendingPledge, Pledge, SignOn, SignOnStatus
from campaigns.models.pledges import token_digest
from home.validation import parse_id
from members.models import MemberOrganizationPage, Membership
from members.viewer import Viewer

# A removal link works for a year (a supporter can always ask for a fresh one).
PLEDGE_REMOVAL_SALT = "campaigns.pledge-removal"
PLEDGE_REMOVAL_MAX_AGE = 60 * 60 * 24 * 365


# --- Sign-ons -------------------------------------------------------------------


def organizations_user_can_sign_for(user):
    """Live organizations this person may act for (Viewer.organization_ids: on
    the team, in good standing) where they are an admin."""
    viewer = Viewer.for_user(user)
    if not viewer.is_active:
        return MemberOrganizationPage.objects.none()
    admin_of = Membership.objects.filter(
        user_id=viewer.user_id, role=Membership.Role.ADMIN
    ).values("organization_id")
    return (
        MemberOrganizationPage.objects.live()
        .filter(pk__in=admin_of)
        .filter(pk__in=viewer.organization_ids)
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
    if not Viewer.for_user(user).is_coordinator:
        raise PermissionDenied(_("Only coordinators approve sign-ons."))


def do_decide(user, signon, status):
    """A coordinator approves or declines (or re-opens) a sign-on."""
    check_can_decide(user, signon)
    signon.status = status
    signon.decided_at = timezone.now()
    signon.decided_by = user
    signon.save()
    signals.signon_decided.send(sender=SignOn, signon=signon)
    return signon


# --- Pledges --------------------------------------------------------------------
#
# A pledge is made, changed and removed only through links emailed to its address,
# so that nobody but the address's owner can do either and the pledge form answers
# the same for every address. What was typed waits in a PendingPledge; the link
# carries only a random token (URLs end up in logs and browser histories).


def normalize_email(email):
    return email.strip().lower()


def check_can_pledge(campaign):
    if not campaign.takes_pledges:
        raise ValidationError(_("This campaign is not taking pledges."))


def do_request_pledge(campaign, *, name, email, postcode):
    """Keep what was typed until the address's owner confirms it. The same work
    for every address: nothing is looked up by it. Returns the PendingPledge,
    whose link emails.send_pledge_confirmation issues and sends."""
    check_can_pledge(campaign)
    now = timezone.now()
    # Cleaning here keeps the table to about a week of submissions with no
    # scheduler to run.
    PendingPledge.objects.expired(now).delete()
    return PendingPledge.objects.create(
        campaign=campaign,
        name=name,
        email=normalize_email(email),
        postcode=postcode,
        consented_at=now,
    )


def issue_pledge_confirmation_token(pending):
    """A new random token for the pending pledge's link; only its digest is kept,
    so the token exists nowhere but in the email."""
    token = secrets.token_urlsafe(32)
    pending.token_digest = token_digest(token)
    pending.save(update_fields=["token_digest"])
    return token


def pending_pledge_for_token(campaign, token):
    """The unexpired pending pledge a confirmation link names for this campaign,
    or None (bad, expired, already used, or for another campaign)."""
    return (
        PendingPledge.objects.unexpired()
        .for_token(token)
        .filter(campaign=campaign)
        .select_related("campaign")
        .first()
    )


def do_confirm_pledge(pending):
    """Record what the pending pledge holds, confirmed by its address's owner: a
    new pledge, or the same address's pledge updated rather than counted twice.
    Its link is used up, and so are the address's other links for this campaign
    (an older one would undo what was just confirmed). Returns (pledge, created),
    or None if the link was used meanwhile (two clicks at once)."""
    check_can_pledge(pending.campaign)
    with transaction.atomic():
        # Deleting the row claims the link: of two clicks, one deletes it.
        if not PendingPledge.objects.filter(pk=pending.pk).delete()[0]:
            return None
        PendingPledge.objects.filter(
            campaign_id=pending.campaign_id, email=pending.email
        ).delete()
        return do_pledge(
            pending.campaign,
            name=pending.name,
            email=pending.email,
            postcode=pending.postcode,
        )


def do_pledge(campaign, *, name, email, postcode):
    """Record a pledge (do_confirm_pledge is the only caller outside tests). The
    same address again updates the name and postal code rather than counting
    twice. Returns (pledge, created)."""
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


def pledge_removal_token(pledge):
    """The pledge's id, signed: the link carries nothing personal. (Links issued
    before this also carry the address, "e"; it is ignored, since a pledge's
    address never changes.)"""
    signed = signing.dumps({"p": pledge.pk}, salt=PLEDGE_REMOVAL_SALT)
    # One URL path segment of letters, digits, '-' and '_' (Wagtail's page URLs
    # allow nothing else).
    return base64.urlsafe_b64encode(signed.encode()).decode().rstrip("=")


def pledge_for_removal_token(campaign, token):
    """The pledge a removal link names, or None if the link is bad, expired or the
    pledge is already gone."""
    try:
        signed = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        data = signing.loads(
            signed, salt=PLEDGE_REMOVAL_SALT, max_age=PLEDGE_REMOVAL_MAX_AGE
        )
    except (signing.BadSignature, ValueError):
        return None
    pledge_id = parse_id(data.get("p")) if isinstance(data, dict) else None
    if pledge_id is None:
        return None
    return Pledge.objects.filter(pk=pledge_id, campaign=campaign).first()


def do_remove_pledge(pledge):
    pledge.delete()
