"""Writes of the membership lifecycle. `check_*` validates and authorizes (raising
PermissionDenied or ValidationError); `do_*` writes, logs to Wagtail's audit log and
queues emails after commit. Views in members/views.py and the coordinator desk in
members/admin_desk.py call these, so each rule lives in one place.

Actions take the acting user (they record who did it); what that person may do is
asked of Viewer.for_user(user), never of the user's own attributes."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.coreutils import find_available_slug
from wagtail.log_actions import log
from wagtail.models import Revision, Workflow, WorkflowState
from wagtail.search.index import insert_or_update_object

from home.models import NetworkSettings, SiteImage
from home.slugs import find_available_slug_in
from members import emails
from members.models import (
    ApplicationStatus,
    Invitation,
    IssueArea,
    IssueAreaSuggestion,
    MemberDirectoryPage,
    MemberOrganizationPage,
    Membership,
    MembershipApplication,
    MembershipStatus,
    SuggestionStatus,
    User,
)
from members.models.applications import hash_token, invitation_lifetime
from members.models.organizations import RESERVED_DIRECTORY_SLUGS
from members.viewer import Viewer

REVIEW_WORKFLOW_NAME = "Member profile review"


# --- applications -----------------------------------------------------------------


def pending_application_like(cleaned_data):
    """The pending application from this contact address for this organization
    name, if there is one."""
    return (
        MembershipApplication.objects.pending()
        .filter(
            contact_email__iexact=cleaned_data["contact_email"],
            organization_name__iexact=cleaned_data["organization_name"],
        )
        .order_by("submitted_at", "pk")
        .first()
    )


@transaction.atomic
def do_submit_application(form):
    """Store a valid application and confirm it to its contact address.

    The same contact and organization name again, while the first waits, is not
    stored a second time: whoever submits is answered exactly as for a new
    application (the page must not confirm that an address has applied), and the
    address on the pending application is told, with nothing the new submitter
    typed, how to reach the coordinators if something should change."""
    pending = pending_application_like(form.cleaned_data)
    if pending is not None:
        log(pending, "members.application.resubmit", user=None)
        emails.send_application_resubmitted(pending)
        return pending
    application = form.save()
    log(application, "members.application.submit", user=None)
    if form.cleaned_data.get("suggested_issue_area"):
        do_suggest_issue_area(
            form.cleaned_data["suggested_issue_area"], application=application
        )
    emails.send_application_received(application)
    return application


def check_can_decide(user, application):
    if not Viewer.for_user(user).is_coordinator:
        raise PermissionDenied
    if not application.is_pending:
        raise ValidationError(
            _("This application was already decided."), code="already_decided"
        )


def _unique_slug(directory, name):
    """A profile's address under the directory: the name's slug, never one of the
    directory's own routes, numbered if a sibling has it."""
    base = slugify(name)[:70] or "member"
    if base in RESERVED_DIRECTORY_SLUGS:
        base = f"{base}-org"
    return find_available_slug(directory, base)


def _username_for(email):
    base = slugify(email.split("@")[0])[:30] or "member"
    username, counter = base, 2
    while User.objects.filter(username__iexact=username).exists():
        username, counter = f"{base}{counter}", counter + 1
    return username


def _user_for_email(email, **names):
    """The existing account for this address, or a new one without a usable
    password (it gets one when the invitation is accepted)."""
    user = User.objects.filter(email__iexact=email).order_by("pk").first()
    if user is None:
        user = User(username=_username_for(email), email=email, **names)
        user.set_unusable_password()
        user.save()
    return user


def _new_invitation(organization, email, role, by, application=None):
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


@transaction.atomic
def do_approve_application(application, by):
    """Create the organization's profile from the application (published, with the
    visibility it chose), make the contact its organization admin, and email them a
    single-use link to set a password."""
    application = MembershipApplication.objects.select_for_update().get(
        pk=application.pk
    )
    check_can_decide(by, application)
    directory = MemberDirectoryPage.objects.first()
    if directory is None:
        raise ValidationError(_("There is no member directory to add the profile to."))
    organization = MemberOrganizationPage(
        title=application.organization_name,
        slug=_unique_slug(directory, application.organization_name),
        summary=application.summary,
        mission=application.mission,
        website=application.website,
        public_email=application.public_email,
        city=application.city,
        region=application.region,
        country=application.country,
        scope=application.scope,
        founded_year=application.founded_year,
        led_by_directly_affected=application.led_by_directly_affected,
        contact_name=application.contact_name,
        contact_email=application.contact_email,
        contact_phone=application.contact_phone,
        visibility=application.visibility,
        membership_status=MembershipStatus.ACTIVE,
        member_since=timezone.localdate(),
    )
    organization.issue_areas.set(list(application.issue_areas.all()))
    organization.approaches.set(list(application.approaches.all()))
    directory.add_child(instance=organization)
    organization.save_revision(user=by, log_action=True).publish(
        user=by, skip_permission_checks=True
    )

    first, _space, last = application.contact_name.partition(" ")
    contact = _user_for_email(
        application.contact_email, first_name=first[:150], last_name=last[:150]
    )
    Membership.objects.update_or_create(
        user=contact,
        organization=organization,
        defaults={"role": Membership.Role.ADMIN},
    )
    invitation, token = _new_invitation(
        organization, contact.email, Membership.Role.ADMIN, by, application
    )

    application.status = ApplicationStatus.APPROVED
    application.decided_by = by
    application.decided_at = timezone.now()
    application.organization = organization
    application.save()
    log(
        application,
        "members.application.approve",
        user=by,
        data={"organization_id": organization.pk, "contact": contact.email},
    )
    emails.send_invitation(invitation, token, application=application)
    return organization


@transaction.atomic
def do_decline_application(application, by, reason):
    application = MembershipApplication.objects.select_for_update().get(
        pk=application.pk
    )
    check_can_decide(by, application)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {
                "decision_reason": _(
                    "Give the applicant a reason; it is emailed to them."
                )
            }
        )
    application.status = ApplicationStatus.DECLINED
    application.decided_by = by
    application.decided_at = timezone.now()
    application.decision_reason = reason
    application.save()
    log(application, "members.application.decline", user=by, data={"reason": reason})
    emails.send_application_declined(application)
    return application


# --- teams --------------------------------------------------------------------------


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
    invitation, token = _new_invitation(organization, email, role, by)
    log(
        organization,
        "members.invitation.send",
        user=by,
        data={"email": email, "role": role},
    )
    emails.send_invitation(invitation, token)
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


# --- invitations --------------------------------------------------------------------


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
        user = _user_for_email(invitation.email)
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


# --- profile edits -----------------------------------------------------------------


def check_can_edit_profile(user, organization_id):
    """Any user on the organization's team (admin or editor) edits its profile,
    while the organization is in good standing."""
    organization = organization_for_member(user, organization_id)
    return organization


def review_workflow():
    """The coordinators' one-step review of member edits (members migration 0009)."""
    return Workflow.objects.get(name=REVIEW_WORKFLOW_NAME)


def _revisions_of(organization):
    return Revision.page_revisions.filter(object_id=str(organization.pk))


def do_set_visibility(organization, visibility, by):
    """Apply a visibility choice to the live profile at once.

    Privacy must not wait on moderation: an organization that asks to be hidden
    because its staff are under threat must vanish from the directory, search, feeds
    and the board now, not after a coordinator gets round to reviewing its other
    edits. So the choice is written to the live row directly (visible_to reads that
    row everywhere) and copied into every revision newer than the live one, so that
    publishing a draft later can never undo it.
    """
    previous = MemberOrganizationPage.objects.filter(pk=organization.pk).values_list(
        "visibility", flat=True
    )[0]
    if previous == visibility:
        return False
    MemberOrganizationPage.objects.filter(pk=organization.pk).update(
        visibility=visibility
    )
    live_revision_id = (
        MemberOrganizationPage.objects.filter(pk=organization.pk)
        .values_list("live_revision_id", flat=True)
        .first()
    )
    pending = _revisions_of(organization)
    if live_revision_id:
        pending = pending.filter(pk__gte=live_revision_id)
    for revision in pending:
        revision.content["visibility"] = visibility
        revision.save(update_fields=["content"])
    live = MemberOrganizationPage.objects.get(pk=organization.pk)
    insert_or_update_object(live)
    log(
        live,
        "members.profile.visibility",
        user=by,
        data={"from": previous, "to": visibility},
    )
    return True


@transaction.atomic
def do_save_profile_edit(
    organization, draft, by, *, logo_upload=None, suggested_issue_area=""
):
    """Save `draft` (the organization's latest revision object with the member's
    changes applied) as a new revision, with a new logo and an issue-area
    suggestion if given, then publish it or send it to review as the network's
    setting says. Returns "published" or "in_review". An unreadable logo raises
    ValidationError({"logo": …}) and nothing is saved."""
    check_can_edit_profile(by, organization.pk)
    if logo_upload:
        try:
            draft.logo = SiteImage.objects.create(
                title=_("%(name)s logo") % {"name": draft.title}, file=logo_upload
            )
        except ValidationError as error:
            raise ValidationError({"logo": error.messages}) from error
    if suggested_issue_area:
        do_suggest_issue_area(suggested_issue_area, by=by, organization=organization)
    do_set_visibility(organization, draft.visibility, by)
    revision = draft.save_revision(user=by, log_action=True)
    live = MemberOrganizationPage.objects.get(pk=organization.pk)
    workflow_state = live.current_workflow_state
    if not NetworkSettings.load().member_edits_need_review:
        if workflow_state is not None:
            workflow_state.cancel(user=by)
        revision.publish(user=by, skip_permission_checks=True)
        return "published"
    if workflow_state is not None:
        if workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            workflow_state.resume(user=by)
        # Already in review: the coordinator approves the latest revision.
        return "in_review"
    review_workflow().start(live, by)
    return "in_review"


# --- issue areas members suggest ---------------------------------------------------


def issue_area_named(name):
    """The issue area on the list with this name, whatever its letter case."""
    return IssueArea.objects.filter(name__iexact=name).first()


def check_suggestion_is_new(name, *, organization=None):
    """A typed issue area must not already be on the list, nor already waiting."""
    existing = issue_area_named(name)
    if existing is not None:
        raise ValidationError(
            _("\u201c%(name)s\u201d is on the list already: tick it above."),
            params={"name": existing.name},
            code="exists",
        )
    if (
        organization is not None
        and IssueAreaSuggestion.objects.pending()
        .filter(organization=organization, name__iexact=name)
        .exists()
    ):
        raise ValidationError(
            _("You suggested \u201c%(name)s\u201d already; it waits for review."),
            params={"name": name},
            code="duplicate",
        )


def do_suggest_issue_area(name, *, by=None, application=None, organization=None):
    suggestion = IssueAreaSuggestion.objects.create(
        name=name, suggested_by=by, application=application, organization=organization
    )
    log(suggestion, "members.suggestion.submit", user=by)
    return suggestion


def check_can_decide_suggestion(user, suggestion):
    if not Viewer.for_user(user).is_coordinator:
        raise PermissionDenied
    if not suggestion.is_pending:
        raise ValidationError(
            _("This suggestion was already decided."), code="already_decided"
        )


def _unique_issue_area_slug(name):
    # An issue area is a snippet, not a page: its slug is unique in its table.
    base = slugify(name)[:90] or "issue"
    return find_available_slug_in(IssueArea.objects.all(), base)


@transaction.atomic
def do_decide_suggestion(suggestion, by, decision, *, issue_area=None, note="", **new):
    """Settle a suggestion: "add" creates an issue area from `new` (name,
    description, rights_category), "match" points to an existing `issue_area`,
    "decline" records `note`. Added and matched areas are given to the organization
    (or to its application, if that still waits)."""
    suggestion = IssueAreaSuggestion.objects.select_for_update().get(pk=suggestion.pk)
    check_can_decide_suggestion(by, suggestion)
    if decision == "add":
        name = new["name"]
        if issue_area_named(name) is not None:
            raise ValidationError(
                _("An issue area with this name exists: match it instead.")
            )
        issue_area = IssueArea.objects.create(
            name=name,
            slug=_unique_issue_area_slug(name),
            description=new.get("description", ""),
            rights_category=new["rights_category"],
        )
        suggestion.status = SuggestionStatus.ADDED
    elif decision == "match":
        suggestion.status = SuggestionStatus.MATCHED
    elif decision == "decline":
        suggestion.status = SuggestionStatus.DECLINED
        issue_area = None
    else:
        raise ValidationError(_("Choose add, match or decline."))
    suggestion.issue_area = issue_area
    suggestion.decided_by = by
    suggestion.decided_at = timezone.now()
    suggestion.decision_note = note
    suggestion.save()
    if issue_area is not None:
        organization = suggestion.suggested_for
        if organization is not None:
            tag_organization(organization, issue_area, by)
        elif suggestion.application_id and suggestion.application.is_pending:
            suggestion.application.issue_areas.add(issue_area)
    log(
        suggestion,
        f"members.suggestion.{decision}",
        user=by,
        data={"issue_area": issue_area.name if issue_area else ""},
    )
    emails.send_suggestion_decided(suggestion)
    return suggestion


def tag_organization(organization, issue_area, by):
    """Give an organization an issue area through a new revision. It goes live at
    once unless the organization has changes waiting; then it joins those, and the
    coordinator who reviews them publishes it too."""
    live = MemberOrganizationPage.objects.get(pk=organization.pk)
    draft = live.get_latest_revision_as_object()
    if issue_area in draft.issue_areas.all():
        return
    draft.issue_areas.add(issue_area)
    had_pending_changes = live.has_unpublished_changes
    revision = draft.save_revision(user=by, log_action=True)
    if not had_pending_changes:
        revision.publish(user=by, skip_permission_checks=True)
