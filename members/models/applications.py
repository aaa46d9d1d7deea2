"""Joining the network: what an applying organization submitted, and invitations
that let a person set a password and join an organization's team."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.search import index

from home.languages import current_language
from members.geography import SubdivisionField
from members.models.choices import Scope, Visibility
from members.models.organizations import current_year
from members.models.places import PlaceNames
from members.models.users import Membership

# How long an emailed invitation link works. Override with MEMBERS_INVITATION_DAYS.
DEFAULT_INVITATION_DAYS = 7


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for a decision")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class MembershipApplicationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=ApplicationStatus.SUBMITTED)

    def newest_first(self):
        return self.order_by("-submitted_at", "-pk")


class MembershipApplication(PlaceNames, index.Indexed, models.Model):
    """An organization's application to join, as submitted on /join/, and the
    coordinators' decision on it. The profile page is created only on approval.

    What the applicant fills in is labelled and explained as the application asks
    it: /join/'s form (members.forms.application.ApplicationForm) takes its wording
    from here."""

    organization_name = models.CharField(
        max_length=255,
        help_text=_("As it should appear on the site."),
        verbose_name=_("organization name"),
    )
    summary = models.CharField(
        max_length=300,
        verbose_name=_("in one or two sentences, what does your organization do?"),
        help_text=_("Up to 300 characters. Shown on your profile."),
    )
    mission = models.TextField(
        max_length=4000,
        blank=True,
        verbose_name=_("your mission and work (optional)"),
        help_text=_("A few paragraphs; leave an empty line between them."),
    )
    website = models.URLField(blank=True, verbose_name=_("website (optional)"))
    public_email = models.EmailField(
        blank=True,
        verbose_name=_("public email address (optional)"),
        help_text=_("An address you are happy to show on your profile."),
    )
    issue_areas = models.ManyToManyField(
        "members.IssueArea",
        related_name="applications",
        verbose_name=_("issue areas you work on"),
    )
    approaches = models.ManyToManyField(
        "members.Approach",
        blank=True,
        related_name="applications",
        verbose_name=_("how you work"),
    )
    city = models.CharField(
        max_length=100,
        verbose_name=_("city or town"),
        help_text=_("Only the city or town; never a street address."),
    )
    country = CountryField(default="US", verbose_name=_("country"))
    subdivision = SubdivisionField(
        verbose_name=_("state or region"),
        help_text=_("Your state, province or region, from the list for your country."),
    )
    # Applications sent before places were chosen from a list: what was typed,
    # kept while no state or region matched it (see the organization's `region`).
    region = models.CharField(
        max_length=100,
        blank=True,
        verbose_name=_("state or region as first written"),
    )
    scope = models.CharField(
        max_length=16,
        choices=Scope.choices,
        default=Scope.LOCAL,
        verbose_name=_("how far your work reaches"),
    )
    founded_year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(current_year)],
        verbose_name=_("year founded (optional)"),
        help_text=_("Four digits, like 1998."),
    )
    led_by_directly_affected = models.BooleanField(
        default=False,
        verbose_name=_(
            "our leadership includes people directly affected by the issues we work on."
        ),
    )
    contact_name = models.CharField(
        max_length=120,
        verbose_name=_("your name"),
        help_text=_("The person coordinators should talk to."),
    )
    contact_role = models.CharField(
        max_length=120,
        blank=True,
        verbose_name=_("your role in the organization (optional)"),
        help_text=_("For example: director, organizer, volunteer."),
    )
    contact_email = models.EmailField(
        verbose_name=_("your email address"),
        help_text=_(
            "We send the decision here and, if approved, a link to set your password."
        ),
    )
    contact_phone = models.CharField(
        max_length=40,
        blank=True,
        verbose_name=_("your phone number (optional)"),
        help_text=_("Only coordinators see it until you choose otherwise."),
    )
    visibility = models.CharField(
        max_length=16,
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
        verbose_name=_("who can see your organization?"),
        help_text=_("Who will see the organization once it is a member."),
    )
    agrees_to_principles = models.BooleanField(
        default=False, verbose_name=_("we agree to the network's principles.")
    )
    message = models.TextField(
        max_length=2000,
        blank=True,
        verbose_name=_("anything else the coordinators should know? (optional)"),
        help_text=_("Only the coordinators read this."),
    )

    # The language the application was written in (the page's): the decision
    # and the invitation that follows are written to the contact in it.
    language = models.CharField(
        max_length=10,
        blank=True,
        choices=settings.LANGUAGES,
        default=current_language,
        verbose_name=_("language"),
    )
    status = models.CharField(
        max_length=16,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
        db_index=True,
        verbose_name=_("status"),
    )
    submitted_at = models.DateTimeField(
        default=timezone.now, db_index=True, verbose_name=_("submitted")
    )
    decided_at = models.DateTimeField(null=True, blank=True, verbose_name=_("decided"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decision_reason = models.TextField(
        max_length=2000,
        blank=True,
        help_text=_("Sent to the contact when an application is declined."),
        verbose_name=_("decision reason"),
    )
    organization = models.ForeignKey(
        "members.MemberOrganizationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
        help_text=_("The profile created when the application was approved."),
        verbose_name=_("organization"),
    )

    objects = MembershipApplicationQuerySet.as_manager()

    search_fields = [
        index.SearchField("organization_name"),
        index.SearchField("contact_name"),
        index.SearchField("contact_email"),
        index.SearchField("city"),
        index.SearchField("summary"),
        index.FilterField("status"),
    ]

    class Meta:
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        ordering = ["-submitted_at", "-pk"]

    def __str__(self):
        return self.organization_name

    def clean(self):
        super().clean()
        error = self.check_place()
        if error:
            raise ValidationError({"subdivision": error})

    @property
    def place(self):
        """City, state or region (or what was first written) and country."""
        parts = [self.city, self.subdivision_name or self.region, self.country_name]
        return ", ".join(part for part in parts if part)

    @property
    def is_pending(self):
        return self.status == ApplicationStatus.SUBMITTED


def hash_token(token):
    """Only a digest of an invitation token is stored: a leaked database backup
    cannot be used to join an organization."""
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_lifetime():
    days = getattr(settings, "MEMBERS_INVITATION_DAYS", DEFAULT_INVITATION_DAYS)
    return datetime.timedelta(days=days)


class InvitationQuerySet(models.QuerySet):
    def usable(self):
        """Not yet accepted and not expired."""
        return self.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())

    def for_email(self, email):
        return self.filter(email__iexact=email)

    def of_organizations_in_good_standing(self):
        from members.models.choices import MembershipStatus

        return self.exclude(organization__membership_status=MembershipStatus.SUSPENDED)


class Invitation(models.Model):
    """An emailed, single-use, expiring link to join an organization's team."""

    # Not content, and saved often: kept out of Wagtail's reference index (the
    # admin's "usage" lists), which would otherwise be rewritten at every save.
    wagtail_reference_index_ignore = True

    email = models.EmailField(verbose_name=_("email"))
    organization = models.ForeignKey(
        "members.MemberOrganizationPage",
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("organization"),
    )
    role = models.CharField(
        max_length=16,
        choices=Membership.Role.choices,
        default=Membership.Role.EDITOR,
        verbose_name=_("role"),
    )
    token_hash = models.CharField(
        max_length=64,
        unique=True,
        editable=False,
        verbose_name=_("invitation code (hashed)"),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("invited by"),
    )
    application = models.ForeignKey(
        MembershipApplication,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations",
        verbose_name=_("application"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    expires_at = models.DateTimeField(verbose_name=_("expires"))
    accepted_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("accepted")
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("accepted by"),
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.email} → {self.organization_id}"

    @classmethod
    def new_token(cls):
        return secrets.token_urlsafe(32)

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()

    @property
    def is_usable(self):
        return self.accepted_at is None and not self.is_expired
