"""Issue areas members propose. The vocabulary is shared by profiles, campaigns and
the board, so a new term waits for a coordinator: added as a new issue area,
matched to one already on the list, or declined. Nothing typed is thrown away."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SuggestionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a coordinator")
    ADDED = "added", _("Added as a new issue area")
    MATCHED = "matched", _("Matched to an issue area on the list")
    DECLINED = "declined", _("Declined")


class IssueAreaSuggestionQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=SuggestionStatus.PENDING)


class IssueAreaSuggestion(models.Model):
    name = models.CharField(
        max_length=80, help_text=_("The issue area as typed."), verbose_name=_("name")
    )
    # Exactly one of these: an application to join, or a member's profile edit.
    application = models.ForeignKey(
        "members.MembershipApplication",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="issue_area_suggestions",
        verbose_name=_("application"),
    )
    organization = models.ForeignKey(
        "members.MemberOrganizationPage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="issue_area_suggestions",
        verbose_name=_("organization"),
    )
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("suggested by"),
    )
    suggested_at = models.DateTimeField(
        auto_now_add=True, db_index=True, verbose_name=_("suggested")
    )

    status = models.CharField(
        max_length=16,
        choices=SuggestionStatus.choices,
        default=SuggestionStatus.PENDING,
        db_index=True,
        verbose_name=_("status"),
    )
    issue_area = models.ForeignKey(
        "members.IssueArea",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The issue area it was added as or matched to."),
        verbose_name=_("issue area"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(null=True, blank=True, verbose_name=_("decided"))
    decision_note = models.TextField(
        max_length=1000,
        blank=True,
        help_text=_("Why, in a sentence; shown to the organization's team."),
        verbose_name=_("decision note"),
    )

    objects = IssueAreaSuggestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("issue area suggestion")
        verbose_name_plural = _("issue area suggestions")
        ordering = ["-suggested_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(application__isnull=True)
                | models.Q(organization__isnull=True),
                name="suggestion_from_one_source",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def is_pending(self):
        return self.status == SuggestionStatus.PENDING

    @property
    def suggested_for(self):
        """The organization it is for, once there is one (an application's after
        its approval)."""
        if self.organization_id:
            return self.organization
        if self.application_id:
            return self.application.organization
        return None

    @property
    def source_name(self):
        if self.organization_id:
            return self.organization.title
        if self.application_id:
            return self.application.organization_name
        return ""
