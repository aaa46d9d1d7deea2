"""Issue areas members suggest (on the application or the profile) and the
coordinators' decision on each: add it to the list, match it to one there, or
decline it. Added and matched areas are given to the organization."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from home.facets import same_words
from home.slugs import find_available_slug_in
from members import emails, signals
from members.models import (
    IssueArea,
    IssueAreaSuggestion,
    MemberOrganizationPage,
    SuggestionStatus,
)
from members.viewer import Viewer


def issue_area_named(name):
    """The issue area on the list that `name` names, by its name or one of its
    aliases (IssueArea.objects.named), whatever the letter case and accents."""
    return IssueArea.objects.named(name)


def check_suggestion_is_new(name, *, organization=None):
    """A typed issue area must not already be on the list, under its name or
    another, nor already waiting."""
    existing = issue_area_named(name)
    if existing is not None and same_words(existing.name) == same_words(name):
        raise ValidationError(
            _("“%(name)s” is on the list already: tick it above."),
            params={"name": existing.name},
            code="exists",
        )
    if existing is not None:
        raise ValidationError(
            _(
                "“%(typed)s” is another name for “%(name)s”, "
                "which is on the list already: tick it above."
            ),
            params={"typed": name, "name": existing.name},
            code="alias",
        )
    if (
        organization is not None
        and IssueAreaSuggestion.objects.pending()
        .filter(organization=organization, name__iexact=name)
        .exists()
    ):
        raise ValidationError(
            _("You suggested “%(name)s” already; it waits for review."),
            params={"name": name},
            code="duplicate",
        )


def do_suggest_issue_area(name, *, by=None, application=None, organization=None):
    """A suggestion waiting for a coordinator; one that names a term on the list
    (a door that does not run check_suggestion_is_new, an import) points at it."""
    suggestion = IssueAreaSuggestion.objects.create(
        name=name,
        suggested_by=by,
        application=application,
        organization=organization,
        issue_area=issue_area_named(name),
    )
    log(suggestion, "members.suggestion.submit", user=by)
    signals.issue_area_suggested.send(sender=IssueAreaSuggestion, suggestion=suggestion)
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
