"""A member organization's profile page (MemberOrganizationPage): what it
records, how coordinators edit it, and how it is served to those who may see it.
Its choices are in choices.py, its reads (the privacy rule) in queries.py, the
rows it holds inline in relations.py, and its parent page in directory.py."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalManyToManyField
from rest_framework import serializers
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from home.search_index import IndexedWithRelations
from home.validation import refuse_invisible_characters
from members.forms.places import OrganizationAdminPageForm
from members.geography import (
    SubdivisionField,
    place_label,
)
from members.models.choices import MembershipStatus, Scope, Visibility
from members.models.places import PlaceNames
from members.models.queries import MemberOrganizationManager
from members.models.relations import OrganizationIssueArea
from members.models.taxonomy import TERM_SEARCH_FIELDS

# Slugs the directory keeps for its own routes (/members/graph/ and friends).
RESERVED_DIRECTORY_SLUGS = {"graph", "search", "export", "api"}


def current_year():
    return datetime.date.today().year


class MemberOrganizationPage(IndexedWithRelations, PlaceNames, Page):
    """One member organization's profile. Its `visibility` decides who may see it
    anywhere; MemberOrganizationQuerySet.visible_to enforces that."""

    logo = models.ForeignKey(
        "home.SiteImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Square works best. Re-encoded on upload without metadata."),
        verbose_name=_("logo"),
    )
    # Labels and help texts are worded for the organization's own staff: the
    # profile form at /account/ takes them from here (members.forms.profile).
    summary = models.CharField(
        max_length=300,
        help_text=_("One or two sentences, up to 300 characters."),
        verbose_name=_("summary"),
    )
    # Plain text as members type it; the page shows its paragraphs (`linebreaks`).
    mission = models.TextField(
        max_length=6000,
        blank=True,
        verbose_name=_("mission and work"),
        help_text=_("Plain text; leave an empty line between paragraphs."),
    )
    issue_areas = ClusterTaggableManager(
        through=OrganizationIssueArea,
        blank=True,
        verbose_name=_("issue areas"),
        help_text="",  # not taggit's "A comma-separated list of tags."
    )
    approaches = ParentalManyToManyField(
        "members.Approach",
        blank=True,
        related_name="organizations",
        verbose_name=_("how you work"),
    )
    populations = ParentalManyToManyField(
        "members.Population",
        blank=True,
        related_name="organizations",
        verbose_name=_("who you serve"),
    )
    city = models.CharField(
        max_length=100,
        blank=True,
        verbose_name=_("city or town"),
        help_text=_("Never a street address."),
    )
    country = CountryField(default="US", verbose_name=_("country"))
    subdivision = SubdivisionField(
        db_index=True,
        verbose_name=_("state or region"),
        help_text=_("Your state, province or region, from the list for your country."),
    )
    # What was typed before places were chosen from a list, kept only while no
    # state or region has been chosen for it (see members.geography and the
    # places migration): the organization's staff and coordinators see it until
    # they choose one; no reader of the profile ever does.
    region = models.CharField(
        max_length=100,
        blank=True,
        verbose_name=_("state or region as first written"),
        help_text=_(
            "Kept from before states and regions were chosen from a list; "
            "cleared once one is chosen."
        ),
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
        verbose_name=_("year founded"),
    )
    founding_member = models.BooleanField(
        default=False,
        help_text=_("Among the organizations that founded the network."),
        verbose_name=_("founding member"),
    )
    member_since = models.DateField(
        null=True,
        blank=True,
        help_text=_("When the network admitted you."),
        verbose_name=_("member since"),
    )
    membership_status = models.CharField(
        max_length=16,
        choices=MembershipStatus.choices,
        default=MembershipStatus.ACTIVE,
        help_text=_(
            "Set by coordinators. Suspended organizations lose member access and "
            "leave the directory."
        ),
        verbose_name=_("membership status"),
    )
    website = models.URLField(blank=True, verbose_name=_("website"))
    public_email = models.EmailField(
        blank=True,
        verbose_name=_("public email address"),
        help_text=_("Shown to everyone who may see your profile."),
    )
    contact_name = models.CharField(
        max_length=120,
        blank=True,
        verbose_name=_("contact person"),
        help_text=_("Members-only: never shown to visitors."),
    )
    contact_email = models.EmailField(
        blank=True,
        help_text=_("Members-only: never shown to visitors."),
        verbose_name=_("contact email"),
    )
    contact_phone = models.CharField(
        max_length=40,
        blank=True,
        help_text=_("Members-only: never shown to visitors."),
        verbose_name=_("contact phone"),
    )
    looking_for_partners_on = models.TextField(
        max_length=1000, blank=True, verbose_name=_("looking for partners on")
    )
    led_by_directly_affected = models.BooleanField(
        default=False,
        verbose_name=_(
            "our leadership includes people directly affected by our issues."
        ),
    )
    visibility = models.CharField(
        max_length=16,
        choices=Visibility.choices,
        # Least permissive that still lets allies in the network find you.
        default=Visibility.MEMBERS,
        db_index=True,
        verbose_name=_("who can see your organization?"),
        help_text=_(
            "Who can see this organization anywhere on the site, in search, feeds "
            "and the board."
        ),
    )
    # When the organization last said its profile is right (saved or confirmed
    # it); a year later its admins are asked again.
    profile_confirmed_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        db_index=True,
        verbose_name=_("profile last confirmed"),
    )

    objects = MemberOrganizationManager()

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("logo"),
        FieldPanel("mission"),
        # Guidance for coordinators that the member's form does without.
        FieldPanel(
            "issue_areas",
            help_text=_("The issue areas you work on, from the network's shared list."),
        ),
        FieldPanel("approaches", widget=forms.CheckboxSelectMultiple),
        FieldPanel(
            "populations",
            widget=forms.CheckboxSelectMultiple,
            help_text=_("Who you serve or work with."),
        ),
        FieldPanel(
            "looking_for_partners_on",
            help_text=_("What you would like to work on with other members."),
        ),
        FieldPanel(
            "led_by_directly_affected",
            help_text=_(
                "Self-attested: your leadership includes people directly affected "
                "by the issues you work on."
            ),
        ),
    ]
    place_panels = [
        FieldRowPanel([FieldPanel("country"), FieldPanel("subdivision")]),
        # What was typed before places were structured, for coordinators to
        # choose the state or region it names (blank once one is chosen).
        FieldPanel("region", read_only=True),
        FieldRowPanel([FieldPanel("city"), FieldPanel("scope")]),
    ]
    contact_panels = [
        FieldPanel("website"),
        FieldPanel("public_email"),
        InlinePanel("social_links", label=_("Social links")),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
            ],
            heading=_("Members-only contact"),
        ),
    ]
    membership_panels = [
        FieldPanel("visibility"),
        FieldPanel("membership_status"),
        FieldRowPanel([FieldPanel("founding_member"), FieldPanel("member_since")]),
        FieldPanel("founded_year"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Profile")),
            ObjectList(place_panels, heading=_("Place")),
            ObjectList(contact_panels, heading=_("Contact")),
            ObjectList(membership_panels, heading=_("Membership and privacy")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("mission"),
        index.SearchField("looking_for_partners_on"),
        index.SearchField("city"),
        # The state or region's names and code, and the country's name.
        index.SearchField("place_search_text"),
        index.AutocompleteField("title"),
        index.RelatedFields("issue_areas", TERM_SEARCH_FIELDS),
        index.RelatedFields("approaches", TERM_SEARCH_FIELDS),
        index.RelatedFields("populations", TERM_SEARCH_FIELDS),
        index.FilterField("visibility"),
        index.FilterField("membership_status"),
        index.FilterField("subdivision"),
        index.FilterField("country"),
        index.FilterField("scope"),
        index.FilterField("founding_member"),
        index.FilterField("led_by_directly_affected"),
        index.FilterField("member_since"),
    ]

    # The public API (network.api) serves only publicly listed organizations.
    api_fields = [
        APIField("place", serializer=serializers.ReadOnlyField(source="place_for_api"))
    ]

    parent_page_types = ["members.MemberDirectoryPage"]
    subpage_types = []
    # Lists the chosen country's states or regions (members.forms.places).
    base_form_class = OrganizationAdminPageForm

    class Meta:
        verbose_name = _("member organization")
        verbose_name_plural = _("member organizations")

    def clean(self):
        super().clean()
        errors = {}
        if self.slug in RESERVED_DIRECTORY_SLUGS:
            errors["slug"] = _(
                "This address is reserved by the directory; pick another."
            )
        try:
            # The front-end forms refuse these too; this covers the admin's page form.
            refuse_invisible_characters(self.title)
        except ValidationError as error:
            errors["title"] = error
        subdivision_error = self.check_place()
        if subdivision_error:
            errors["subdivision"] = subdivision_error
        if errors:
            raise ValidationError(errors)

    @property
    def place(self):
        """City, state or region and country (unless the United States), named in
        the reader's language. Text not yet matched to a state or region
        (`region`) is never shown here: it is the staff's to fix, not a place."""
        return place_label(self.city, self.subdivision, self.country)

    def is_visible_to(self, viewer):
        """The instance form of `visible_to`: the queryset rule itself, asked of
        this one page."""
        return (
            MemberOrganizationPage.objects.visible_to(viewer)
            .filter(pk=self.pk)
            .exists()
        )

    def serve(self, request, *args, **kwargs):
        # 404, not 403: a hidden organization's address must not confirm it exists.
        already_checked = getattr(self, "checked_visible_to", None) is request.viewer
        if not already_checked and not self.is_visible_to(request.viewer):
            raise Http404
        response = super().serve(request, *args, **kwargs)
        if self.visibility != Visibility.PUBLIC:
            response["Cache-Control"] = "private, no-store"
        return response

    def get_context(self, request, *args, **kwargs):
        from home.chrome import section_url
        from members.related import profile_partners
        from members.terms import profile_terms

        context = super().get_context(request, *args, **kwargs)
        viewer = request.viewer
        terms = profile_terms(self)
        own_url = self.get_url(request) or ""
        context.update(
            {
                "issue_area_list": terms["issue"],
                "approach_list": terms["approach"],
                "population_list": terms["population"],
                "link_list": terms["link"],
                # The directory is the profile's parent: its address is the
                # profile's own without the slug, at no query.
                "directory_url": own_url[: -len(self.slug) - 1]
                or section_url("memberdirectorypage"),
                # Members-only contact: signed-in staff of organizations in good
                # standing and coordinators; never visitors (DESIGN.md section 4).
                "can_see_contact": viewer.sees_member_details,
                "partners": profile_partners(
                    self, viewer, terms["issue"], terms["approach"]
                ),
                # Its own staff may list every partner that complements it.
                "lists_complements": viewer.acts_for(self.pk),
            }
        )
        return context

    @property
    def profile_url(self):
        """The profile's address from the directory's address in the site chrome
        (home.chrome): Wagtail's page.url asks the cache for the sites' root paths,
        and the board must still render while the cache is down."""
        from home.chrome import section_url

        directory = section_url("memberdirectorypage")
        return f"{directory}{self.slug}/" if directory else self.url

    @property
    def is_publicly_listed(self):
        """The instance twin of `publicly_listed()`, for surfaces that already hold
        the page (the sitemap) and must not query once per page. A test keeps the
        two in agreement."""
        return (
            self.live
            and self.visibility == Visibility.PUBLIC
            and self.membership_status != MembershipStatus.SUSPENDED
        )

    def get_sitemap_urls(self, request=None):
        if not self.is_publicly_listed:
            return []
        return super().get_sitemap_urls(request)
