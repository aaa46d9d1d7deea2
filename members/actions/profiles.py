"""Members' edits of their organization's profile: saved as a new revision,
published at once or sent to the coordinators' review, and the visibility choice,
which never waits for review."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import Revision, Workflow, WorkflowState
from wagtail.search.index import insert_or_update_object

from home.models import NetworkSettings, SiteImage
from members.actions.suggestions import do_suggest_issue_area
from members.actions.teams import membership_of, organization_for_member
from members.models import MemberOrganizationPage, Membership

REVIEW_WORKFLOW_NAME = "Member profile review"


def check_can_edit_profile(user, organization_id):
    """Any user on the organization's team (admin or editor) edits its profile,
    while the organization is in good standing."""
    organization = organization_for_member(user, organization_id)
    return organization


def check_can_confirm_profile(user, organization_id):
    """Only the organization's admins say its profile is still right (404 for
    anyone not on its team, 403 for its editors)."""
    organization = organization_for_member(user, organization_id)
    membership = membership_of(user, organization)
    if membership is None or membership.role != Membership.Role.ADMIN:
        raise PermissionDenied(
            _("Only the organization's admins confirm that its profile is up to date.")
        )
    return organization


def _mark_confirmed(organization, when):
    """Write the confirmation to the live row, and into every revision newer than
    the live one, so that publishing a draft later does not set it back (revisions
    carry every column; see do_set_visibility)."""
    MemberOrganizationPage.objects.filter(pk=organization.pk).update(
        profile_confirmed_at=when
    )
    live_revision_id = (
        MemberOrganizationPage.objects.filter(pk=organization.pk)
        .values_list("live_revision_id", flat=True)
        .first()
    )
    pending = _revisions_of(organization)
    if live_revision_id:
        pending = pending.filter(pk__gt=live_revision_id)
    for revision in pending:
        revision.content["profile_confirmed_at"] = when.isoformat()
        revision.save(update_fields=["content"])
    organization.profile_confirmed_at = when


@transaction.atomic
def do_confirm_profile(organization, by):
    """The admin says the profile is still right: an UPDATE of the confirmation
    date, no new revision, nothing published."""
    organization = check_can_confirm_profile(by, organization.pk)
    now = timezone.now()
    _mark_confirmed(organization, now)
    log(organization, "members.profile.confirm", user=by)
    return now


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
    # Saving the profile is saying it is right as it now stands.
    draft.profile_confirmed_at = timezone.now()
    revision = draft.save_revision(user=by, log_action=True)
    _mark_confirmed(organization, draft.profile_confirmed_at)
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
