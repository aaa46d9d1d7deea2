"""/account/: my organizations, their teams, and editing their profile."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import Revision, TaskState, WorkflowState

from home.models import NetworkSettings
from members.actions.profiles import (
    check_can_edit_profile,
    do_confirm_profile,
    do_save_profile_edit,
)
from members.actions.teams import (
    check_can_manage_team,
    do_cancel_invitation,
    do_change_role,
    do_invite_colleague,
    do_remove_member,
    membership_of,
    organization_for_member,
    team_membership,
)
from members.forms.fields import VISIBILITY_EXPLANATIONS
from members.forms.profile import ProfileForm
from members.forms.teams import InviteColleagueForm, RoleForm
from members.freshness import is_stale
from members.middleware import needs_two_factor
from members.models import Invitation, Membership, MembershipStatus


def profile_state(organization):
    """Where the organization's latest edit stands, for the member to see."""
    workflow_state = organization.current_workflow_state
    if workflow_state is not None:
        if workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
            return {"code": "in_review", "label": _("Waiting for review")}
        if workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            rejected = (
                TaskState.objects.filter(
                    workflow_state=workflow_state, status=TaskState.STATUS_REJECTED
                )
                .order_by("-finished_at")
                .first()
            )
            return {
                "code": "needs_changes",
                "label": _("Coordinators asked for changes"),
                "comment": rejected.comment if rejected else "",
            }
    if organization.has_unpublished_changes:
        return {"code": "draft", "label": _("Unpublished changes")}
    return {"code": "published", "label": _("Published")}


@login_required
def account(request):
    user = request.user
    memberships = list(
        Membership.objects.filter(user=user)
        .select_related("organization")
        .order_by("organization__title")
    )
    member_of = {membership.organization_id for membership in memberships}
    invitations = [
        invitation
        for invitation in Invitation.objects.usable()
        .for_email(user.email)
        .of_organizations_in_good_standing()
        .select_related("organization", "invited_by")
        if invitation.organization_id not in member_of
    ]
    return render(
        request,
        "members/account/account.html",
        {
            "memberships": memberships,
            "invitations": invitations,
            "suspended": MembershipStatus.SUSPENDED,
            "needs_two_factor": needs_two_factor(user),
        },
    )


def _organization_context(request, organization):
    membership = membership_of(request.user, organization)
    is_admin = membership.role == Membership.Role.ADMIN
    context = {
        "organization": organization,
        "membership": membership,
        "is_admin": is_admin,
        "state": profile_state(organization),
        "profile_stale": is_stale(organization),
        "revisions": Revision.page_revisions.filter(object_id=str(organization.pk))
        .select_related("user")
        .defer("content")
        .order_by("-created_at", "-pk")[:5],
    }
    if is_admin:
        context["team"] = (
            Membership.objects.filter(organization=organization)
            .select_related("user")
            .order_by("user__last_name", "user__username")
        )
        context["pending_invitations"] = Invitation.objects.filter(
            organization=organization, accepted_at__isnull=True
        ).order_by("email")
        context.setdefault("invite_form", InviteColleagueForm())
        context["role_choices"] = Membership.Role.choices
    return context


@login_required
def organization_detail(request, organization_id, invite_form=None, status=200):
    organization = organization_for_member(request.user, organization_id)
    context = _organization_context(request, organization)
    if invite_form is not None:
        context["invite_form"] = invite_form
    return render(request, "members/account/organization.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request, organization_id):
    organization = check_can_edit_profile(request.user, organization_id)
    draft = organization.get_latest_revision_as_object()
    bound = request.method == "POST"
    form = ProfileForm(
        request.POST if bound else None,
        request.FILES if bound else None,
        instance=draft,
        # 0 for a page never saved as a revision (the demo's, imported ones).
        latest_revision_id=organization.latest_revision_id or 0,
    )
    status = 200
    if request.method == "POST":
        # The profile and its links are validated together: every problem shows
        # at once.
        if form.is_valid():
            draft = form.save()
            suggested = form.cleaned_data["suggested_issue_area"]
            try:
                outcome = do_save_profile_edit(
                    organization,
                    draft,
                    request.user,
                    logo_upload=form.cleaned_data.get("logo"),
                    suggested_issue_area=suggested,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if suggested:
                    messages.info(
                        request,
                        _(
                            "Thank you for suggesting “%(name)s”. A "
                            "coordinator will review it."
                        )
                        % {"name": suggested},
                    )
                if outcome == "published":
                    messages.success(request, _("Your changes are live."))
                else:
                    messages.success(
                        request,
                        _(
                            "Your changes are saved and waiting for a coordinator's "
                            "review. Visibility changes apply at once."
                        ),
                    )
                return redirect("account_organization", organization_id=organization.pk)
        status = 400
    return render(
        request,
        "members/account/profile_edit.html",
        {
            "organization": organization,
            "draft": draft,
            "form": form,
            "links": form.links,
            "state": profile_state(organization),
            "needs_review": NetworkSettings.load().member_edits_need_review,
            "suggestions": organization.issue_area_suggestions.select_related(
                "issue_area"
            )[:10],
            "visibility_explanations": VISIBILITY_EXPLANATIONS,
        },
        status=status,
    )


@login_required
def revision_preview(request, organization_id, revision_id):
    organization = check_can_edit_profile(request.user, organization_id)
    try:
        revision = Revision.page_revisions.get(
            pk=revision_id, object_id=str(organization.pk)
        )
    except Revision.DoesNotExist as missing:
        raise Http404 from missing
    preview = revision.as_object()
    if not isinstance(preview, type(organization)):
        raise Http404
    return render(
        request,
        "members/account/revision_preview.html",
        {"organization": organization, "revision": revision, "preview": preview},
    )


@login_required
@require_POST
def confirm_profile(request, organization_id):
    organization = organization_for_member(request.user, organization_id)
    do_confirm_profile(organization, request.user)
    messages.success(
        request, _("Thank you. Your profile is marked as confirmed today.")
    )
    return redirect("account_organization", organization_id=organization.pk)


def _team_action(request, organization_id, action):
    """Run a team change for an organization admin; explain refusals plainly."""
    organization = organization_for_member(request.user, organization_id)
    try:
        action(organization)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("account_organization", organization_id=organization.pk)


@login_required
@require_POST
def invite_colleague(request, organization_id):
    organization = organization_for_member(request.user, organization_id)
    check_can_manage_team(request.user, organization)
    form = InviteColleagueForm(request.POST)
    if form.is_valid():
        try:
            do_invite_colleague(
                organization,
                form.cleaned_data["email"],
                form.cleaned_data["role"],
                request.user,
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(
                request,
                _("We emailed an invitation to %(email)s.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect("account_organization", organization_id=organization.pk)
    return organization_detail(request, organization_id, invite_form=form, status=400)


@login_required
@require_POST
def change_role(request, organization_id, membership_id):
    def run(organization):
        check_can_manage_team(request.user, organization)
        membership = team_membership(organization, membership_id)
        form = RoleForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Choose admin or editor."))
        do_change_role(membership, form.cleaned_data["role"], request.user)
        messages.success(
            request,
            _("%(name)s is now %(role)s.")
            % {
                "name": membership.user.get_full_name() or membership.user.username,
                "role": membership.get_role_display(),
            },
        )

    return _team_action(request, organization_id, run)


@login_required
@require_POST
def remove_member(request, organization_id, membership_id):
    def run(organization):
        check_can_manage_team(request.user, organization)
        membership = team_membership(organization, membership_id)
        name = membership.user.get_full_name() or membership.user.username
        do_remove_member(membership, request.user)
        messages.success(
            request,
            _("%(name)s is no longer on the team.") % {"name": name},
        )

    response = _team_action(request, organization_id, run)
    if not request.user.memberships.filter(organization_id=organization_id).exists():
        return redirect("account")  # they removed themselves
    return response


@login_required
@require_POST
def cancel_invitation(request, organization_id, invitation_id):
    def run(organization):
        check_can_manage_team(request.user, organization)
        invitation = Invitation.objects.filter(
            pk=invitation_id, organization=organization, accepted_at__isnull=True
        ).first()
        if invitation is None:
            raise Http404
        do_cancel_invitation(invitation, request.user)
        messages.success(request, _("The invitation is cancelled."))

    return _team_action(request, organization_id, run)
