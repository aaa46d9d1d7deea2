"""Applications to join: storing one from /join/, and the coordinators'
approval (which creates the profile and invites the contact) or decline."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.coreutils import find_available_slug
from wagtail.log_actions import log

from members import emails, signals
from members.actions.invitations import new_invitation, user_for_email
from members.actions.suggestions import do_suggest_issue_area
from members.models import (
    ApplicationStatus,
    MemberDirectoryPage,
    MemberOrganizationPage,
    Membership,
    MembershipApplication,
    MembershipStatus,
)
from members.models.organizations import RESERVED_DIRECTORY_SLUGS
from members.viewer import Viewer


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
    signals.application_submitted.send(
        sender=MembershipApplication, application=application
    )
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
        country=application.country,
        subdivision=application.subdivision,
        region=application.region,
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
    contact = user_for_email(
        application.contact_email, first_name=first[:150], last_name=last[:150]
    )
    Membership.objects.update_or_create(
        user=contact,
        organization=organization,
        defaults={"role": Membership.Role.ADMIN},
    )
    invitation, token = new_invitation(
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
    signals.application_decided.send(
        sender=MembershipApplication, application=application
    )
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
    signals.application_decided.send(
        sender=MembershipApplication, application=application
    )
    return application
