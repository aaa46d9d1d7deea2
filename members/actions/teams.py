"""An organization's team: who acts for it, inviting colleagues, changing a
role, removing a member or an unused invitation. Only the team's admins manage it,
and every organization keeps at least one admin."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from members import emails, signals
from members.actions.invitations import new_invitation
from members.models import Invitation, MemberOrganizationPage, Membership
from members.viewer import Viewer


def organization_for_member(user, organization_id):
    """The organization with this id if the user is on its team and it is in good
    standing; otherwise 404, so that guessing ids reveals nothing, not even
    whether a hidden organization exists."""
    if not Viewer.for_user(user).acts_for(organization_id):
        raise Http404
    return MemberOrganizationPage.objects.get(pk=organization_id)


def membership_of(user, organization):
    return Membership.objects.filter(user=user, organization=organization).first()


def check_can_manage_team(user, organization):
    membership = membership_of(user, organization)
    if membership is None or not Viewer.for_user(user).acts_for(organization.pk):
        raise Http404
    if membership.role != Membership.Role.ADMIN:
        raise PermissionDenied(_("Only the organization's admins manage its team."))
    return membership


@transaction.atomic
def do_invite_colleague(organization, email, role, by):
    check_can_manage_team(by, organization)
    if Membership.objects.filter(
        organization=organization, user__email__iexact=email
    ).exists():
        raise ValidationError(
            {"email": _("Someone with this address is already on your team.")}
        )
    # A new invitation replaces any unused one for the same person.
    Invitation.objects.filter(
        organization=organization, email__iexact=email, accepted_at__isnull=True
    ).delete()
    invitation, token = new_invitation(organization, email, role, by)
    log(
        organization,
        "members.invitation.send",
        user=by,
        data={"email": email, "role": role},
    )
    emails.send_invitation(invitation, token)
    signals.colleague_invited.send(sender=Invitation, invitation=invitation)
    return invitation


def _check_keeps_an_admin(membership, new_role=None):
    if membership.role != Membership.Role.ADMIN or new_role == Membership.Role.ADMIN:
        return
    other_admins = (
        Membership.objects.filter(
            organization_id=membership.organization_id, role=Membership.Role.ADMIN
        )
        .exclude(pk=membership.pk)
        .exists()
    )
    if not other_admins:
        raise ValidationError(
            _(
                "Every organization needs at least one admin. Make someone else an "
                "admin first."
            ),
            code="last_admin",
        )


def team_membership(organization, membership_id):
    try:
        return Membership.objects.select_related("user").get(
            pk=membership_id, organization=organization
        )
    except Membership.DoesNotExist as missing:
        raise Http404 from missing


@transaction.atomic
def do_change_role(membership, role, by):
    check_can_manage_team(by, membership.organization)
    if role not in Membership.Role.values:
        raise ValidationError(_("Choose admin or editor."))
    _check_keeps_an_admin(membership, role)
    previous = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    log(
        membership.organization,
        "members.membership.role",
        user=by,
        data={"user": membership.user.get_username(), "from": previous, "to": role},
    )
    return membership


@transaction.atomic
def do_remove_member(membership, by):
    check_can_manage_team(by, membership.organization)
    _check_keeps_an_admin(membership)
    organization = membership.organization
    username = membership.user.get_username()
    membership.delete()
    log(organization, "members.membership.remove", user=by, data={"user": username})


@transaction.atomic
def do_cancel_invitation(invitation, by):
    check_can_manage_team(by, invitation.organization)
    invitation.delete()
