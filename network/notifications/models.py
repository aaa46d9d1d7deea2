"""What reaches a person: their notifications, how each kind reaches them
(NotificationPreference), what they follow or mute (Follow) and the searches
they asked to hear about (SavedSearch).

A notification points at what it is about (a post, an organization, a page, an
event, an application, a suggestion) and never copies its words: every surface
reads through `Notification.objects.readable_by(viewer)`, so what the person may
no longer see (a post hidden, an organization made hidden, a room closed to
them, a coordinator's role taken away) vanishes from their list, their badge,
their emails and their digest at once.
"""

import functools
import operator

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from home.restrictions import in_private_section
from members.viewer import require_viewer
from network.board.models.access import may_use_board, organization_named_to
from network.board.models.threads import post_readable_by


class NotificationKind(models.TextChoices):
    MENTION = "mention", _("My organization or I am mentioned on the board")
    REPLY = "reply", _("Replies in threads I follow")
    APPLICATION_DECIDED = "application_decided", _("My application is decided")
    PROFILE_DECIDED = (
        "profile_decided",
        _("My organization's profile change is approved or sent back"),
    )
    SIGNON_DECIDED = (
        "signon_decided",
        _("My organization's sign-on is approved or declined"),
    )
    INVITED = "invited", _("I am invited to an organization")
    NEW_CAMPAIGN = "new_campaign", _("A new campaign in my issue areas")
    NEW_EVENT = "new_event", _("A new event or UN deadline in my issue areas")
    NEW_MEMBER = "new_member", _("A new member organization in my issue areas")
    DEADLINE_SOON = "deadline_soon", _("A deadline in my issue areas is near")
    SAVED_SEARCH = "saved_search", _("Something new matches a search I saved")
    FOLLOWED = "followed", _("News from what I follow")
    PROFILE_STALE = "profile_stale", _("My organization's profile needs a yearly check")
    NEW_APPLICATION = "new_application", _("A new application to join")
    FLAGGED_POST = "flagged_post", _("A post is flagged")
    ISSUE_AREA_SUGGESTED = "issue_area_suggested", _("An issue area is suggested")


# Only coordinators hear of these, and only while they are coordinators.
COORDINATOR_KINDS = frozenset(
    {
        NotificationKind.NEW_APPLICATION,
        NotificationKind.FLAGGED_POST,
        NotificationKind.ISSUE_AREA_SUGGESTED,
    }
)


class Delivery(models.TextChoices):
    EMAIL = "email", _("Email me at once")
    DIGEST = "digest", _("In my weekly digest")
    IN_APP = "in_app", _("Only on the site")
    OFF = "off", _("Off")


class NotificationQuerySet(models.QuerySet):
    def readable_by(self, viewer):
        """A person's notifications about what they may see now. Each target is
        asked its own one rule: a post through post_readable_by, an organization
        through visible_to (by name), a page as Wagtail serves it (live, not
        restricted) and, for a resource, the library's own rule (members-only
        ones for members now); an event as the calendar lists it; the
        coordinators' kinds only while the person is a coordinator."""
        from campaigns.library.models import ResourcePage
        from campaigns.models import Event

        if require_viewer(viewer).user_id is None:
            return self.none()
        rules = [
            Q(post__isnull=True)
            | (
                post_readable_by(viewer, prefix="post__")
                if may_use_board(viewer)
                else Q(pk__in=[])
            ),
            Q(organization__isnull=True)
            | Q(organization_named_to(viewer, "organization_id")),
            Q(page__isnull=True)
            | Q(page__live=True, page__isnull=False)
            & ~in_private_section("page__path"),
            ~Q(page__in=ResourcePage.objects.values("pk"))
            | Q(page__in=ResourcePage.objects.visible_to(viewer).values("pk")),
            Q(event__isnull=True) | Q(event__in=Event.objects.public().values("pk")),
        ]
        if not viewer.is_coordinator:
            rules.append(~Q(kind__in=COORDINATOR_KINDS))
        return self.filter(*rules, user_id=viewer.user_id)

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    # Not content, and saved often: kept out of Wagtail's reference index (the
    # admin's "usage" lists), which would otherwise be rewritten at every save.
    wagtail_reference_index_ignore = True

    Kind = NotificationKind

    class Outcome(models.TextChoices):
        APPROVED = "approved", _("approved")
        DECLINED = "declined", _("declined")
        SENT_BACK = "sent_back", _("sent back")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    kind = models.CharField(
        max_length=40, choices=NotificationKind.choices, verbose_name=_("kind")
    )
    # How a decision went, for the kinds that tell one.
    outcome = models.CharField(
        max_length=20, choices=Outcome.choices, blank=True, verbose_name=_("outcome")
    )
    post = models.ForeignKey(
        "network.Post",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("post"),
    )
    organization = models.ForeignKey(
        "members.MemberOrganizationPage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The organization it is about."),
        verbose_name=_("organization"),
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The campaign, update or resource it is about."),
        verbose_name=_("page"),
    )
    event = models.ForeignKey(
        "campaigns.Event",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("event"),
    )
    application = models.ForeignKey(
        "members.MembershipApplication",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("application"),
    )
    suggestion = models.ForeignKey(
        "members.IssueAreaSuggestion",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("suggestion"),
    )
    saved_search = models.ForeignKey(
        "network.SavedSearch",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("saved search"),
    )
    # Set for what must reach a person once only (a reminder per deadline and
    # lead time): a second attempt with the same key adds nothing.
    once_key = models.CharField(
        max_length=100, blank=True, verbose_name=_("sent-once key")
    )
    created_at = models.DateTimeField(
        auto_now_add=True, db_index=True, verbose_name=_("created")
    )
    read_at = models.DateTimeField(null=True, blank=True, verbose_name=_("read"))
    emailed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("emailed"))
    digested_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("sent in a digest")
    )

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "once_key"],
                condition=~Q(once_key=""),
                name="a_notification_once_per_key",
            )
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self):
        return f"{self.get_kind_display()} for {self.user_id}"


class NotificationPreference(models.Model):
    """How one kind reaches one person, when they changed the default
    (network.notifications.kinds.DEFAULT_DELIVERY)."""

    wagtail_reference_index_ignore = True

    # The weekly digest itself: on (EMAIL) or OFF.
    DIGEST = "digest"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    kind = models.CharField(max_length=40, verbose_name=_("kind"))
    delivery = models.CharField(
        max_length=10, choices=Delivery.choices, verbose_name=_("delivery")
    )
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("last changed"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"], name="one_preference_per_user_and_kind"
            )
        ]
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        return f"{self.kind}: {self.delivery} for {self.user_id}"


FOLLOW_TARGETS = ("issue_area", "room", "thread", "campaign", "organization")


def exactly_one_target():
    """True when one of FOLLOW_TARGETS is set and the others are not."""
    return functools.reduce(
        operator.or_,
        (
            Q(**{f"{t}__isnull": t != chosen for t in FOLLOW_TARGETS})
            for chosen in FOLLOW_TARGETS
        ),
    )


class Follow(models.Model):
    """A person follows (or, with `muted`, mutes) one issue area, room, thread,
    campaign or organization: exactly one of the five is set."""

    wagtail_reference_index_ignore = True

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    issue_area = models.ForeignKey(
        "members.IssueArea",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("issue area"),
    )
    room = models.ForeignKey(
        "network.Room",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("room"),
    )
    thread = models.ForeignKey(
        "network.Thread",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("thread"),
    )
    campaign = models.ForeignKey(
        "campaigns.CampaignPage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("campaign"),
    )
    organization = models.ForeignKey(
        "members.MemberOrganizationPage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organization"),
    )
    muted = models.BooleanField(default=False, verbose_name=_("muted"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=exactly_one_target(), name="a_follow_has_one_target"
            ),
            *(
                models.UniqueConstraint(
                    fields=["user", target],
                    condition=Q(**{f"{target}__isnull": False}),
                    name=f"one_follow_per_user_and_{target}",
                )
                for target in FOLLOW_TARGETS
            ),
        ]
        verbose_name = _("follow")
        verbose_name_plural = _("follows")

    def __str__(self):
        verb = "mutes" if self.muted else "follows"
        return f"{self.user_id} {verb} {self.target_field}"

    @property
    def target_field(self):
        return next(t for t in FOLLOW_TARGETS if getattr(self, f"{t}_id") is not None)


class SavedSearch(models.Model):
    """A directory or library search a person asked to hear about: its query
    string, as the page's own URL has it, and when it was last looked at for
    what is new."""

    wagtail_reference_index_ignore = True

    class Kind(models.TextChoices):
        DIRECTORY = "directory", _("Member directory")
        LIBRARY = "library", _("Resource library")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, verbose_name=_("kind"))
    query = models.CharField(max_length=1000, blank=True, verbose_name=_("query"))
    name = models.CharField(max_length=120, verbose_name=_("name"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    checked_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("last checked")
    )

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "query"], name="one_saved_search_per_query"
            )
        ]
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")

    def __str__(self):
        return self.name
