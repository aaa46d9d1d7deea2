from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

# The Wagtail group whose users run the network (review, publish, moderate, export).
COORDINATORS_GROUP = "Coordinators"


class User(AbstractUser):
    """A person. Organizations are pages, not users; Membership links the two."""

    # The language the person last chose with the switcher: emails and
    # notifications reach them in it (home.languages.language_of).
    language = models.CharField(
        _("language"),
        max_length=10,
        blank=True,
        choices=settings.LANGUAGES,
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    # is_coordinator and member_organization_ids are the data members.viewer.Viewer
    # is built from; everything else asks the Viewer (request.viewer).

    @cached_property
    def is_coordinator(self):
        """Network staff: superusers and members of the Coordinators group."""
        if not self.is_active:
            return False
        return self.is_superuser or self.groups.filter(name=COORDINATORS_GROUP).exists()

    @cached_property
    def member_organization_ids(self):
        """Ids of the organizations this person may act for: memberships in
        organizations that are not suspended. Cached per request-bound user object."""
        from members.models.choices import MembershipStatus

        return frozenset(
            self.memberships.exclude(
                organization__membership_status=MembershipStatus.SUSPENDED
            ).values_list("organization_id", flat=True)
        )


class Membership(models.Model):
    """A user works for an organization, with a role there."""

    # Not content, and saved often: kept out of Wagtail's reference index (the
    # admin's "usage" lists), which would otherwise be rewritten at every save.
    wagtail_reference_index_ignore = True

    class Role(models.TextChoices):
        ADMIN = "admin", _("Organization admin")
        EDITOR = "editor", _("Editor")

    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    organization = models.ForeignKey(
        "members.MemberOrganizationPage",
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organization"),
    )
    role = models.CharField(
        max_length=16,
        choices=Role.choices,
        default=Role.EDITOR,
        help_text=_(
            "Admins manage colleagues and sign on for the organization; editors "
            "keep its profile current."
        ),
        verbose_name=_("role"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization"], name="one_membership_per_user_and_org"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.organization} ({self.get_role_display()})"
