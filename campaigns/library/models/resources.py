"""One resource page: a toolkit, report, training, model policy or UN submission,
with what it is, who made it, who may see it, and its documents and links."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.contrib.taggit import ClusterTaggableManager
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from campaigns.admin_forms import IssueAreaTaggedPageForm
from campaigns.library.models.queries import (
    ResourceManager,
    sees_members_only_resources,
)
from campaigns.library.models.relations import ResourceIssueArea
from campaigns.library.models.vocabularies import (
    LANGUAGE_CHOICES,
    LANGUAGE_NAMES,
    ResourceKind,
    ResourceVisibility,
    TreatyBody,
    UNMechanism,
)
from home.blocks import BaseStreamBlock
from home.chrome import section_url
from home.search_index import IndexedWithRelations
from members.geography import country_name
from members.models import MemberOrganizationPage
from members.models.taxonomy import TERM_SEARCH_FIELDS


def today():
    return datetime.date.today()


class ResourcePage(IndexedWithRelations, Page):
    """One resource: what it is, who made it, its documents and links."""

    summary = models.CharField(
        max_length=400,
        help_text=_("One or two sentences: what this resource is and who it is for."),
        verbose_name=_("summary"),
    )
    body = StreamField(
        BaseStreamBlock(),
        blank=True,
        help_text=_("More about the resource: contents, how to use it, credits."),
        verbose_name=_("body"),
    )
    kind = models.CharField(
        max_length=20,
        choices=ResourceKind.choices,
        default=ResourceKind.TOOLKIT,
        db_index=True,
        help_text=_("What sort of resource this is."),
        verbose_name=_("kind"),
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
        verbose_name=_("publication date"),
    )
    language = models.CharField(
        max_length=8,
        choices=LANGUAGE_CHOICES,
        default="en",
        help_text=_("The language the resource is written or recorded in."),
        verbose_name=_("language"),
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
        verbose_name=_("visibility"),
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
        verbose_name=_("submitting organization"),
    )
    related_campaign = models.ForeignKey(
        "campaigns.CampaignPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resources",
        help_text=_("Optional. The network campaign this resource belongs to."),
        verbose_name=_("related campaign"),
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
        verbose_name=_("treaty body"),
    )
    special_procedure = models.CharField(
        max_length=200,
        blank=True,
        help_text=_(
            "For special procedures: the mandate, e.g. 'Special Rapporteur on the "
            "right to adequate housing'."
        ),
        verbose_name=_("special procedure"),
    )
    session = models.CharField(
        max_length=120,
        blank=True,
        help_text=_("For UN submissions: the session, e.g. '51st session (2026)'."),
        verbose_name=_("session"),
    )
    reviewed_state = CountryField(
        blank=True,
        verbose_name=_("state under review"),
        help_text=_("For UN submissions: the country whose record is reviewed."),
    )

    objects = ResourceManager()

    # Issue areas from the curated list, as checkboxes (campaigns.admin_forms).
    base_form_class = IssueAreaTaggedPageForm
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
        # Its kind's name: "toolkits" finds every toolkit, "submissions" every
        # UN submission, whatever their text says.
        index.SearchField("get_kind_display"),
        index.RelatedFields("issue_areas", TERM_SEARCH_FIELDS),
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
        verbose_name_plural = _("resources")

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
        return country_name(self.reviewed_state)

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
            # From the site chrome: page.url would ask the cache.
            calendar = section_url("calendarpage")
            if calendar is not None:
                context["calendar_url"] = f"{calendar}?kind={context['deadline'].kind}"
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
