import datetime
import uuid
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import ItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from campaigns.admin_forms import EventAdminForm


class EventKind(models.TextChoices):
    ACTION_DAY = "action-day", _("Action day")
    UN_REVIEW = "un-review", _("UN review session")
    SUBMISSION_DEADLINE = "submission-deadline", _("Submission deadline")
    TREATY_BODY = "treaty-body", _("Treaty-body session")
    BRIEFING = "briefing", _("Briefing")
    MEETING = "meeting", _("Meeting")


# The kinds shown as "deadlines" beside the campaign list and on issue hubs.
DEADLINE_KINDS = [
    EventKind.SUBMISSION_DEADLINE,
    EventKind.UN_REVIEW,
    EventKind.TREATY_BODY,
]

# Where the network's events happen. Editors type local times in the chosen zone.
TIME_ZONE_CHOICES = [
    ("America/New_York", _("US Eastern (New York, Washington)")),
    ("America/Chicago", _("US Central (Chicago, Houston)")),
    ("America/Denver", _("US Mountain (Denver, Albuquerque)")),
    ("America/Phoenix", _("Arizona (Phoenix)")),
    ("America/Los_Angeles", _("US Pacific (Los Angeles, Seattle)")),
    ("America/Anchorage", _("Alaska (Anchorage)")),
    ("Pacific/Honolulu", _("Hawaii (Honolulu)")),
    ("America/Puerto_Rico", _("Atlantic (San Juan)")),
    ("America/Mexico_City", _("Mexico City")),
    ("America/Guatemala", _("Central America (Guatemala City)")),
    ("Europe/Zurich", _("Geneva (UN Human Rights Council, treaty bodies)")),
    ("UTC", _("UTC")),
]


class EventQuerySet(SearchableQuerySetMixin, models.QuerySet):
    """Reads of events. `public` is what anyone, feeds and iCal may see.
    Searchable like pages (`.search()`), for the site-wide search."""

    def public(self):
        from campaigns.models.campaigns import CampaignPage

        return self.filter(
            Q(campaign__isnull=True)
            | Q(campaign__in=CampaignPage.objects.published().values("pk"))
        )

    def upcoming(self, now=None):
        """Not yet over (an ongoing session still counts), soonest first."""
        return self.filter(ends_at__gte=now or timezone.now()).order_by(
            "starts_at", "title"
        )

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now()).order_by(
            "-starts_at", "title"
        )

    def of_kind(self, kind):
        return self.filter(kind=kind) if kind else self

    def deadlines(self):
        return self.filter(kind__in=DEADLINE_KINDS)

    def in_issue_area(self, issue_area):
        if issue_area is None:
            return self
        return self.filter(
            Q(issue_area_items__tag=issue_area)
            | Q(campaign__issue_area_items__tag=issue_area)
        ).distinct()

    def with_listing_data(self):
        return self.select_related("campaign").prefetch_related(
            Prefetch(
                "issue_area_items",
                queryset=EventIssueArea.objects.select_related("tag").order_by(
                    "tag__name"
                ),
            )
        )


class EventIssueArea(ItemBase):
    """Tags events with the shared IssueArea taxonomy."""

    tag = models.ForeignKey(
        "members.IssueArea",
        on_delete=models.CASCADE,
        related_name="event_items",
        verbose_name=_("issue area"),
    )
    content_object = ParentalKey(
        "campaigns.Event",
        on_delete=models.CASCADE,
        related_name="issue_area_items",
        verbose_name=_("event"),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["tag", "content_object"], name="one_tag_per_event"
            )
        ]
        verbose_name = _("event issue area")
        verbose_name_plural = _("event issue areas")


def local_datetime(day, time, zone_name):
    return datetime.datetime.combine(day, time, tzinfo=zoneinfo.ZoneInfo(zone_name))


class Event(index.Indexed, ClusterableModel):
    """A dated item on the network's calendar: an action day, a UN session, a
    submission deadline… Times are typed in the event's own time zone; `starts_at`
    and `ends_at` are the same instants, stored for ordering and feeds."""

    title = models.CharField(
        max_length=160, help_text=_("What happens, in a line."), verbose_name=_("title")
    )
    kind = models.CharField(
        max_length=24,
        choices=EventKind.choices,
        default=EventKind.MEETING,
        db_index=True,
        help_text=_("What sort of date this is."),
        verbose_name=_("kind"),
    )
    date = models.DateField(
        help_text=_("The day it happens or starts."), verbose_name=_("date")
    )
    start_time = models.TimeField(
        null=True,
        blank=True,
        help_text=_("Local time in the zone below. Leave empty for an all-day item."),
        verbose_name=_("start time"),
    )
    end_date = models.DateField(
        null=True,
        blank=True,
        help_text=_("For items over several days, the last day."),
        verbose_name=_("end date"),
    )
    end_time = models.TimeField(
        null=True,
        blank=True,
        help_text=_("Local end time, if known."),
        verbose_name=_("end time"),
    )
    time_zone = models.CharField(
        max_length=40,
        choices=TIME_ZONE_CHOICES,
        default="America/New_York",
        help_text=_("The zone the times above are in: where the event happens."),
        verbose_name=_("time zone"),
    )
    location = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("City and venue, or 'Online'. Never a private address."),
        verbose_name=_("location"),
    )
    description = models.TextField(
        max_length=2000,
        blank=True,
        help_text=_("What it is and how to take part."),
        verbose_name=_("description"),
    )
    link = models.URLField(
        blank=True,
        help_text=_("Where to find more, e.g. the UN session's page."),
        verbose_name=_("link"),
    )
    campaign = models.ForeignKey(
        "campaigns.CampaignPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text=_("The campaign this belongs to, if any."),
        verbose_name=_("campaign"),
    )
    issue_areas = ClusterTaggableManager(
        through=EventIssueArea,
        blank=True,
        verbose_name=_("issue areas"),
        help_text=_("Issue areas from the network's shared list."),
    )
    # Calendar apps match updates by UID: never changes once created.
    uid = models.UUIDField(
        default=uuid.uuid4, unique=True, editable=False, verbose_name=_("calendar ID")
    )
    starts_at = models.DateTimeField(
        editable=False, db_index=True, verbose_name=_("starts")
    )
    ends_at = models.DateTimeField(
        editable=False, db_index=True, verbose_name=_("ends")
    )
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("last changed"))

    objects = EventQuerySet.as_manager()

    # Issue areas from the curated list, as checkboxes (campaigns.admin_forms).
    base_form_class = EventAdminForm
    panels = [
        FieldPanel("title"),
        FieldPanel("kind"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("date"), FieldPanel("start_time")]),
                FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_time")]),
                FieldPanel("time_zone"),
            ],
            heading=_("When"),
        ),
        FieldPanel("location"),
        FieldPanel("description"),
        FieldPanel("link"),
        FieldPanel("campaign"),
        FieldPanel("issue_areas"),
    ]

    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("description"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("event or deadline")
        verbose_name_plural = _("events and deadlines")
        ordering = ["starts_at"]

    def __str__(self):
        return self.title

    @property
    def all_day(self):
        return self.start_time is None

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def last_day(self):
        return self.end_date or self.date

    @property
    def local_start(self):
        return self.starts_at.astimezone(self.zone)

    @property
    def local_end(self):
        return self.ends_at.astimezone(self.zone)

    @property
    def has_end_time(self):
        return self.start_time is not None and self.end_time is not None

    def clean(self):
        super().clean()
        errors = {}
        if self.end_date and self.date and self.end_date < self.date:
            errors["end_date"] = _("The last day must be on or after the first day.")
        if self.end_time and self.start_time is None:
            errors["end_time"] = _("Give a start time too, or leave both empty.")
        elif (
            self.end_time
            and self.start_time
            and self.last_day == self.date
            and self.end_time <= self.start_time
        ):
            errors["end_time"] = _("The end time must be after the start time.")
        if errors:
            raise ValidationError(errors)

    def compute_instants(self):
        if self.start_time is None:
            self.starts_at = local_datetime(self.date, datetime.time(), self.time_zone)
            # All-day items last until the end of their last day.
            self.ends_at = local_datetime(
                self.last_day + datetime.timedelta(days=1),
                datetime.time(),
                self.time_zone,
            )
        else:
            self.starts_at = local_datetime(self.date, self.start_time, self.time_zone)
            if self.end_time:
                self.ends_at = local_datetime(
                    self.last_day, self.end_time, self.time_zone
                )
            elif self.end_date:
                self.ends_at = local_datetime(
                    self.end_date + datetime.timedelta(days=1),
                    datetime.time(),
                    self.time_zone,
                )
            else:
                self.ends_at = self.starts_at

    def save(self, *args, **kwargs):
        self.compute_instants()
        super().save(*args, **kwargs)

    @property
    def ical_uid(self):
        return f"{self.uid}@common-ground-events"
