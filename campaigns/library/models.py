"""The resource library: toolkits, reports, trainings, model policies, UN submissions.

A resource is public or members-only. Who may see it is decided in one place,
ResourceQuerySet.visible_to, which asks the Viewer's own notion of "a network
member" (Viewer.sees_member_details) rather than re-deciding it; the names of the
organizations credited on a resource go through MemberOrganizationPage's own verb.
Attached documents follow their resources: see campaigns/wagtail_hooks.py.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager, PageQuerySet
from wagtail.search import index
from wagtail.search.tasks import insert_or_update_object_task

from home.blocks import BaseStreamBlock
from members.geography import COUNTRY_CHOICES, COUNTRY_NAMES
from members.models import MemberOrganizationPage
from members.viewer import require_viewer


class ResourceKind(models.TextChoices):
    TOOLKIT = "toolkit", _("Toolkit")
    REPORT = "report", _("Report")
    TRAINING = "training", _("Training material")
    MODEL_POLICY = "model-policy", _("Model policy")
    UN_SUBMISSION = "un-submission", _("UN submission")
    FACT_SHEET = "fact-sheet", _("Fact sheet")
    RECORDING = "recording", _("Recording")


class ResourceVisibility(models.TextChoices):
    PUBLIC = "public", _("Public: anyone can find and read it")
    MEMBERS = "members", _("Members only: signed-in network members only")


# Languages members publish in most; ISO 639-1 codes.
LANGUAGE_CHOICES = [
    ("en", _("English")),
    ("es", _("Spanish")),
    ("fr", _("French")),
    ("ht", _("Haitian Creole")),
    ("zh", _("Chinese")),
    ("vi", _("Vietnamese")),
    ("ko", _("Korean")),
    ("tl", _("Tagalog")),
    ("ar", _("Arabic")),
    ("ru", _("Russian")),
    ("pt", _("Portuguese")),
    ("nv", _("Navajo")),
    ("other", _("Another language")),
]
LANGUAGE_NAMES = dict(LANGUAGE_CHOICES)


class UNMechanism(models.TextChoices):
    UPR = "upr", _("Universal Periodic Review")
    TREATY_BODY = "treaty-body", _("Treaty body")
    SPECIAL_PROCEDURE = "special-procedure", _("Special procedure")


class TreatyBody(models.TextChoices):
    CCPR = "ccpr", _("Human Rights Committee (ICCPR)")
    CESCR = "cescr", _("Committee on Economic, Social and Cultural Rights")
    CERD = "cerd", _("Committee on the Elimination of Racial Discrimination")
    CAT = "cat", _("Committee against Torture")
    CEDAW = "cedaw", _("Committee on the Elimination of Discrimination against Women")
    CRC = "crc", _("Committee on the Rights of the Child")
    CRPD = "crpd", _("Committee on the Rights of Persons with Disabilities")
    CMW = "cmw", _("Committee on Migrant Workers")
    CED = "ced", _("Committee on Enforced Disappearances")


def sees_members_only_resources(viewer):
    """Members-only resources are for the same people who may see members-only
    profiles and contacts: network members in good standing and coordinators."""
    return require_viewer(viewer).sees_member_details


def _resource_visible_q(viewer):
    if sees_members_only_resources(viewer):
        return Q()
    return Q(visibility=ResourceVisibility.PUBLIC)


class ResourceQuerySet(PageQuerySet):
    """Reads of resources. `visible_to` is the resource library's privacy rule;
    ResourcePage.is_visible_to is its instance form, over the same two facts."""

    def visible_to(self, viewer):
        return self.live().filter(_resource_visible_q(viewer))

    def publicly_listed(self):
        """What machine surfaces (API, sitemap, feeds) may ever publish."""
        return self.live().filter(visibility=ResourceVisibility.PUBLIC)

    def editable_by(self, viewer):
        """Resources this person may change from the front end: those their own
        organizations submitted, live or not; everything for coordinators."""
        viewer = require_viewer(viewer)
        if viewer.is_coordinator:
            return self.all()
        if not viewer.is_active:
            return self.none()
        return self.filter(submitting_organization__in=viewer.organization_ids)

    def un_submissions(self):
        return self.filter(kind=ResourceKind.UN_SUBMISSION)

    def in_issue_areas(self, issue_areas):
        return self.filter(issue_area_items__tag__in=issue_areas).distinct()

    def newest_first(self):
        return self.order_by("-publication_date", "-pk")

    def with_listing_data(self, viewer):
        """What a list of resources shows, in a fixed number of queries: the issue
        areas, and the credited organizations with `shown` telling whether this
        person may see each one's name."""
        visible_orgs = MemberOrganizationPage.objects.visible_to(viewer)
        credited = ResourceContributor.objects.select_related("organization").annotate(
            shown=Exists(visible_orgs.filter(pk=OuterRef("organization_id")))
        )
        return self.select_related("submitting_organization").prefetch_related(
            Prefetch(
                "issue_area_items",
                queryset=ResourceIssueArea.objects.select_related("tag"),
            ),
            Prefetch("contributors", queryset=credited.order_by("sort_order")),
        )


ResourceManager = PageManager.from_queryset(ResourceQuerySet)


class ResourceIndexPage(Page):
    """/resources/: the library, with facets and full-text search in the URL."""

    introduction = models.TextField(
        max_length=600,
        blank=True,
        help_text=_("A sentence or two above the search box."),
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaigns.ResourcePage"]
    max_count = 1

    class Meta:
        verbose_name = _("resource library")

    def route(self, request, path_components):
        # One query for the resource and its own fields, and the parent kept for
        # the breadcrumb (the generic route fetches the page, then its row).
        if path_components:
            resource = (
                ResourcePage.objects.child_of(self)
                .filter(slug=path_components[0])
                .first()
            )
            if resource is not None:
                resource._cached_parent_obj = self
                return resource.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from campaigns.library.search import LibraryResults

        context = super().get_context(request, *args, **kwargs)
        results = LibraryResults(self, request.viewer, request.GET)
        # The directory's shapes: the results, and the search they answer.
        context.update(results=results, search=results.search)
        return context


class ResourceIssueArea(ItemBase):
    """Tags resources with the shared IssueArea taxonomy."""

    tag = models.ForeignKey(
        "members.IssueArea", on_delete=models.CASCADE, related_name="resource_items"
    )
    content_object = ParentalKey(
        "campaigns.ResourcePage",
        on_delete=models.CASCADE,
        related_name="issue_area_items",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["tag", "content_object"], name="one_tag_per_resource"
            )
        ]


def today():
    return datetime.date.today()


class ResourcePage(Page):
    """One resource: what it is, who made it, its documents and links."""

    summary = models.CharField(
        max_length=400,
        help_text=_("One or two sentences: what this resource is and who it is for."),
    )
    body = StreamField(
        BaseStreamBlock(),
        blank=True,
        help_text=_("More about the resource: contents, how to use it, credits."),
    )
    kind = models.CharField(
        max_length=20,
        choices=ResourceKind.choices,
        default=ResourceKind.TOOLKIT,
        db_index=True,
        help_text=_("What sort of resource this is."),
    )
    issue_areas = ClusterTaggableManager(
        through=ResourceIssueArea,
        blank=True,
        verbose_name=_("issue areas"),
        help_text=_("The issue areas it serves, from the network's shared list."),
    )
    publication_date = models.DateField(
        default=today,
        db_index=True,
        help_text=_("When the resource was published (not when it was added here)."),
    )
    language = models.CharField(
        max_length=8,
        choices=LANGUAGE_CHOICES,
        default="en",
        help_text=_("The language the resource is written or recorded in."),
    )
    visibility = models.CharField(
        max_length=16,
        choices=ResourceVisibility.choices,
        default=ResourceVisibility.PUBLIC,
        db_index=True,
        help_text=_(
            "Members-only resources and their documents are never shown to visitors, "
            "search engines, feeds or the API."
        ),
    )
    submitting_organization = models.ForeignKey(
        "members.MemberOrganizationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submitted_resources",
        help_text=_(
            "The member organization that submitted it; its staff may edit it from "
            "their account."
        ),
    )
    related_campaign = models.ForeignKey(
        "campaigns.CampaignPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resources",
        help_text=_("Optional. The network campaign this resource belongs to."),
    )
    # UN submissions only.
    answers_deadline = models.ForeignKey(
        "campaigns.Event",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="un_submissions",
        limit_choices_to={"kind": "submission-deadline"},
        verbose_name=_("deadline answered"),
        help_text=_(
            "For UN submissions: the submission deadline on the network's calendar "
            "that this submission answered."
        ),
    )
    un_mechanism = models.CharField(
        max_length=20,
        choices=UNMechanism.choices,
        blank=True,
        verbose_name=_("UN mechanism"),
        help_text=_("For UN submissions: the mechanism it was sent to."),
    )
    treaty_body = models.CharField(
        max_length=8,
        choices=TreatyBody.choices,
        blank=True,
        help_text=_("For treaty-body submissions: which committee."),
    )
    special_procedure = models.CharField(
        max_length=200,
        blank=True,
        help_text=_(
            "For special procedures: the mandate, e.g. 'Special Rapporteur on the "
            "right to adequate housing'."
        ),
    )
    session = models.CharField(
        max_length=120,
        blank=True,
        help_text=_("For UN submissions: the session, e.g. '51st session (2026)'."),
    )
    reviewed_state = models.CharField(
        max_length=2,
        choices=COUNTRY_CHOICES,
        blank=True,
        verbose_name=_("state under review"),
        help_text=_("For UN submissions: the country whose record is reviewed."),
    )

    objects = ResourceManager()

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("language")]),
        FieldPanel("publication_date"),
        FieldPanel("issue_areas"),
        FieldPanel("body"),
        InlinePanel("document_items", label=_("Documents")),
        InlinePanel("links", label=_("Links")),
    ]
    credit_panels = [
        FieldPanel("related_campaign"),
        FieldPanel("submitting_organization"),
        InlinePanel("contributors", label=_("Contributing organizations")),
        FieldPanel("visibility"),
    ]
    un_panels = [
        MultiFieldPanel(
            [
                FieldPanel("un_mechanism"),
                FieldPanel("treaty_body"),
                FieldPanel("special_procedure"),
                FieldRowPanel([FieldPanel("session"), FieldPanel("reviewed_state")]),
                FieldPanel("answers_deadline"),
            ],
            heading=_("UN submission"),
        ),
        InlinePanel("cosigners", label=_("Co-signing organizations")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Resource")),
            ObjectList(credit_panels, heading=_("Credit and privacy")),
            ObjectList(un_panels, heading=_("UN submission")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.AutocompleteField("title"),
        index.SearchField("session"),
        index.SearchField("special_procedure"),
        index.RelatedFields("issue_areas", [index.SearchField("name")]),
        index.RelatedFields(
            "document_items",
            [index.RelatedFields("document", [index.SearchField("title")])],
        ),
        index.FilterField("kind"),
        index.FilterField("language"),
        index.FilterField("visibility"),
        index.FilterField("publication_date"),
    ]

    parent_page_types = ["campaigns.ResourceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("resource")

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        if kwargs.get("update_fields") is not None:
            return result  # bookkeeping saves (revisions, locks) change no content
        # The search index is updated on post_save, before modelcluster saves the
        # documents and issue areas; index again now so searches find them.
        insert_or_update_object_task.enqueue(
            self._meta.app_label, self._meta.model_name, str(self.pk)
        )
        return result

    def clean(self):
        super().clean()
        errors = {}
        if self.kind == ResourceKind.UN_SUBMISSION:
            if not self.un_mechanism:
                errors["un_mechanism"] = _(
                    "Say which UN mechanism this submission went to."
                )
            elif self.un_mechanism == UNMechanism.TREATY_BODY and not self.treaty_body:
                errors["treaty_body"] = _("Say which treaty body it went to.")
            elif (
                self.un_mechanism == UNMechanism.SPECIAL_PROCEDURE
                and not self.special_procedure
            ):
                errors["special_procedure"] = _("Name the special procedure.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_un_submission(self):
        return self.kind == ResourceKind.UN_SUBMISSION

    @property
    def language_name(self):
        return LANGUAGE_NAMES.get(self.language, self.language)

    @property
    def reviewed_state_name(self):
        return COUNTRY_NAMES.get(self.reviewed_state, self.reviewed_state)

    @property
    def mechanism_label(self):
        """'Universal Periodic Review', 'Committee against Torture', or the
        special procedure's name."""
        if self.un_mechanism == UNMechanism.TREATY_BODY and self.treaty_body:
            return self.get_treaty_body_display()
        if (
            self.un_mechanism == UNMechanism.SPECIAL_PROCEDURE
            and self.special_procedure
        ):
            return self.special_procedure
        return self.get_un_mechanism_display()

    @cached_property
    def year(self):
        return self.publication_date.year if self.publication_date else None

    def is_visible_to(self, viewer):
        """The instance form of ResourceQuerySet.visible_to (same rule, no query;
        tests/campaigns/library/test_library.py proves them equal)."""
        sees_members_only = sees_members_only_resources(viewer)
        return self.live and (
            self.visibility == ResourceVisibility.PUBLIC or sees_members_only
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        visible_orgs = MemberOrganizationPage.objects.visible_to(request.viewer)
        shown = Exists(visible_orgs.filter(pk=OuterRef("organization_id")))
        context["credited"] = list(
            self.contributors.select_related("organization")
            .annotate(shown=shown)
            .order_by("sort_order")
        )
        context["cosigning"] = list(
            self.cosigners.select_related("organization")
            .annotate(shown=shown)
            .order_by("sort_order")
        )
        context["documents"] = list(
            self.document_items.select_related("document").order_by("sort_order")
        )
        context["resource_issue_areas"] = list(self.issue_areas.all())
        context["resource_links"] = list(self.links.all())
        context["campaign"] = self.shown_campaign()
        context["deadline"] = self.shown_deadline()
        if context["deadline"] is not None:
            from campaigns.models.sections import CalendarPage

            calendar = CalendarPage.objects.live().only("url_path", "path").first()
            if calendar is not None:
                context["calendar_url"] = (
                    f"{calendar.get_url(request)}?kind={context['deadline'].kind}"
                )
        return context

    def shown_campaign(self):
        """The related campaign if it is published (one query, none if unset)."""
        if not self.related_campaign_id:
            return None
        from campaigns.models.campaigns import CampaignPage

        return (
            CampaignPage.objects.published().filter(pk=self.related_campaign_id).first()
        )

    def shown_deadline(self):
        """The deadline answered, if the calendar shows it to anyone."""
        if not self.answers_deadline_id:
            return None
        from campaigns.models.events import Event

        return Event.objects.public().filter(pk=self.answers_deadline_id).first()

    def serve(self, request, *args, **kwargs):
        # 404, not 403: a members-only resource's address must not confirm it exists.
        if not self.is_visible_to(request.viewer):
            raise Http404
        response = super().serve(request, *args, **kwargs)
        if self.visibility != ResourceVisibility.PUBLIC:
            response["Cache-Control"] = "private, no-store"
        return response

    def get_sitemap_urls(self, request=None):
        if self.visibility != ResourceVisibility.PUBLIC:
            return []
        return super().get_sitemap_urls(request)


class ResourceContributor(Orderable):
    """An organization credited as having made the resource."""

    page = ParentalKey(
        ResourcePage, on_delete=models.CASCADE, related_name="contributors"
    )
    organization = models.ForeignKey(
        "members.MemberOrganizationPage",
        on_delete=models.CASCADE,
        related_name="contributed_resources",
        help_text=_("A member organization that made this resource."),
    )

    panels = [FieldPanel("organization")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["page", "organization"], name="one_credit_per_org_and_resource"
            )
        ]


class ResourceCoSigner(Orderable):
    """An organization that co-signed a UN submission."""

    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="cosigners")
    organization = models.ForeignKey(
        "members.MemberOrganizationPage",
        on_delete=models.CASCADE,
        related_name="cosigned_submissions",
        help_text=_("A member organization that signed on to the submission."),
    )

    panels = [FieldPanel("organization")]

    class Meta(Orderable.Meta):
        verbose_name = _("co-signing organization")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "organization"], name="one_cosign_per_org_and_resource"
            )
        ]


class ResourceDocument(Orderable):
    """A file attached to a resource. Served only to those who may see every
    resource it is attached to."""

    page = ParentalKey(
        ResourcePage, on_delete=models.CASCADE, related_name="document_items"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="resource_items",
        help_text=_("A PDF, text or office document."),
    )

    panels = [FieldPanel("document")]


class ResourceLink(Orderable):
    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(
        max_length=120, help_text=_("What the link leads to, e.g. 'Recording'.")
    )
    url = models.URLField(help_text=_("The full address."))

    panels = [FieldPanel("label"), FieldPanel("url")]
