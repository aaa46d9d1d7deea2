"""Invitations: single-use links that add someone to an organization's team,
the accounts they open for addresses new to the network, and accepting one."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from members.models import Invitation, Membership, MembershipStatus, User
from members.models.applications import hash_token, invitation_lifetime


def _username_for(email):
    base = slugify(email.split("@")[0])[:30] or "member"
    username, counter = base, 2
    while User.objects.filter(username__iexact=username).exists():
        username, counter = f"{base}{counter}", counter + 1
    return username


def user_for_email(email, **names):
    """The existing account for this address, or a new one without a usable
    password (it gets one when the invitation is accepted)."""
    user = User.objects.filter(email__iexact=email).order_by("pk").first()
    if user is None:
        user = User(username=_username_for(email), email=email, **names)
        user.set_unusable_password()
        user.save()
    return user


def new_invitation(organization, email, role, by, application=None):
    token = Invitation.new_token()
    invitation = Invitation.objects.create(
        organization=organization,
        email=email,
        role=role,
        token_hash=hash_token(token),
        invited_by=by,
        application=application,
        expires_at=timezone.now() + invitation_lifetime(),
    )
    return invitation, token


class InvitationUnusable(Exception):
    """The link was already used or has expired."""


def invitation_for_token(token):
    """The invitation a link points at. Raises Http404 for an unknown token and
    InvitationUnusable for a used or expired one."""
    invitation = (
        Invitation.objects.select_related("organization")
        .filter(token_hash=hash_token(token))
        .first()
    )
    if invitation is None:
        raise Http404
    suspended = invitation.organization.membership_status == MembershipStatus.SUSPENDED
    if not invitation.is_usable or suspended:
        raise InvitationUnusable
    return invitation


def invitation_needs_password(invitation):
    """True when the invited address has no account with a password yet."""
    user = User.objects.filter(email__iexact=invitation.email).order_by("pk").first()
    return user is None or not user.has_usable_password()


@transaction.atomic
def do_accept_invitation(invitation, user=None, *, password=None, names=None):
    """Use the invitation once. With a password: set up (or finish) the invited
    person's account. Without: add the signed-in `user`, whose address must match."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable:
        raise InvitationUnusable
    if password is not None:
        user = user_for_email(invitation.email)
        if user.has_usable_password():
            raise PermissionDenied
        user.set_password(password)
        user.is_active = True
        for field, value in (names or {}).items():
            if value:
                setattr(user, field, value)
        user.save()
    elif user is None or user.email.lower() != invitation.email.lower():
        raise PermissionDenied(_("This invitation was sent to another address."))
    try:
        with transaction.atomic():
            Membership.objects.get_or_create(
                user=user,
                organization=invitation.organization,
                defaults={"role": invitation.role},
            )
    except IntegrityError:  # accepted twice at once; the first one wins
        pass
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    log(
        invitation.organization,
        "members.invitation.accept",
        user=user,
        data={"email": invitation.email},
    )
    return user
