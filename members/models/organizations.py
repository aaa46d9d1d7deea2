import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import ItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page, PageManager, PageQuerySet
from wagtail.search import index
from wagtail.search.tasks import insert_or_update_object_task

from home.validation import refuse_invisible_characters
from members.geography import COUNTRY_CHOICES, COUNTRY_NAMES
from members.viewer import require_viewer

# Slugs the directory keeps for its own routes (/members/graph/ and friends).
RESERVED_DIRECTORY_SLUGS = {"graph", "search", "export", "api"}


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public: anyone can see our profile")
    MEMBERS = "members", _("Members only: only signed-in network members see it")
    HIDDEN = "hidden", _("Hidden: only our own staff and the network's coordinators")


class Scope(models.TextChoices):
    LOCAL = "local", _("Local")
    STATE = "state", _("State")
    REGIONAL = "regional", _("Regional")
    NATIONAL = "national", _("National")
    INTERNATIONAL = "international", _("International")


class MembershipStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    LAPSED = "lapsed", _("Lapsed")
    SUSPENDED = "suspended", _("Suspended")


class MemberOrganizationQuerySet(PageQuerySet):
    """Reads of organizations. `visible_to` is the privacy rule (DESIGN.md section 4),
    written once here and used by every surface: pages, search, counts, API, feeds,
    sitemap, exports and the board."""

    def visible_to(self, viewer):
        """Organizations `viewer` (a members.viewer.Viewer) may see."""
        viewer = require_viewer(viewer)
        live = self.live()
        if viewer.is_coordinator:
            return live
        if not viewer.is_network_member:
            return live.publicly_listed()
        own = Q(pk__in=viewer.organization_ids)
        in_good_standing = ~Q(membership_status=MembershipStatus.SUSPENDED)
        shared_with_members = Q(visibility__in=[Visibility.PUBLIC, Visibility.MEMBERS])
        return live.filter(own | (in_good_standing & shared_with_members))

    def nameable_to(self, viewer):
        """Organizations `viewer` may see that may also be named where others gather
        (sign-on lists, @mentions on the board). Hidden organizations never are,
        not even to their own staff: such lists are read by many."""
        return self.visible_to(viewer).exclude(visibility=Visibility.HIDDEN)

    def publicly_listed(self):
        """What anyone may see, and the only rows machine surfaces (API, feeds,
        sitemap, public exports) ever publish."""
        return (
            self.live()
            .filter(visibility=Visibility.PUBLIC)
            .exclude(membership_status=MembershipStatus.SUSPENDED)
        )

    def in_issue_areas(self, issue_areas):
        return self.filter(issue_area_items__tag__in=issue_areas).distinct()


MemberOrganizationManager = PageManager.from_queryset(MemberOrganizationQuerySet)


class OrganizationIssueArea(ItemBase):
    """Tags organizations with the shared IssueArea taxonomy."""

    tag = models.ForeignKey(
        "members.IssueArea", on_delete=models.CASCADE, related_name="organization_items"
    )
    content_object = ParentalKey(
        "members.MemberOrganizationPage",
        on_delete=models.CASCADE,
        related_name="issue_area_items",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["tag", "content_object"], name="one_tag_per_organization"
            )
        ]


class OrganizationLink(Orderable):
    organization = ParentalKey(
        "members.MemberOrganizationPage",
        on_delete=models.CASCADE,
        related_name="social_links",
    )
    label = models.CharField(
        max_length=60,
        verbose_name=_("name"),
        help_text=_("For example Bluesky, Mastodon or YouTube."),
    )
    url = models.URLField(verbose_name=_("address"))

    panels = [FieldPanel("label"), FieldPanel("url")]


class MemberDirectoryPage(RoutablePageMixin, Page):
    """/members/: the directory and partner finder; parent of every profile."""

    introduction = models.TextField(
        max_length=600,
        blank=True,
        help_text=_("A sentence or two above the search box."),
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["members.MemberOrganizationPage"]
    max_count = 1

    class Meta:
        verbose_name = _("member directory")

    # Imports inside the routes: members.directory and friends import this module.

    def route(self, request, path_components):
        """/members/<slug>/…: a profile is found in one query (the specific page,
        its logo, and whether the viewer may see it) instead of Wagtail's two, plus
        one more in serve(). A slug the viewer may not see answers the same 404,
        after the same one query, as a slug that does not exist: falling back to
        Wagtail's route for it would load the hidden page and only refuse it in
        serve(), which is measurably slower and confirms a guessed slug."""
        if (
            not self.live
            or not path_components
            or path_components[0] in RESERVED_DIRECTORY_SLUGS
        ):
            # The directory itself and its own routes (graph/…).
            return super().route(request, path_components)
        organization = (
            MemberOrganizationPage.objects.visible_to(request.viewer)
            .child_of(self)
            .filter(slug=path_components[0])
            .select_related("logo")
            .first()
        )
        if organization is None:
            raise Http404
        organization.checked_visible_to = request.viewer
        return organization.route(request, path_components[1:])

    @path("", name="directory")
    def directory(self, request):
        from members.directory import DirectoryResults

        results = DirectoryResults(request.viewer, request.GET)
        return self.render(
            request,
            context_overrides={
                "results": results,
                "search": results.search,
            },
        )

    @path("graph/", name="graph")
    def graph(self, request):
        from members.graph import graph_filters, graph_states
        from members.models.taxonomy import IssueArea

        issue_areas = list(IssueArea.objects.only("pk", "name", "slug"))
        states = graph_states(request.viewer)
        issue, state = graph_filters(
            request.GET, {area.slug for area in issue_areas}, set(states)
        )
        return self.render(
            request,
            template="members/member_graph_page.html",
            context_overrides={
                "issue_areas": issue_areas,
                "states": states,
                "chosen_issue": issue,
                "chosen_state": state,
            },
        )

    @path("graph/data/", name="graph_data")
    def graph_data(self, request):
        from members.graph import graph_data, graph_filters
        from members.models.taxonomy import IssueArea

        issue, state = graph_filters(
            request.GET, set(IssueArea.objects.values_list("slug", flat=True))
        )
        response = JsonResponse(graph_data(request, issue=issue, state=state))
        if request.viewer.is_authenticated:
            response["Cache-Control"] = "private, no-store"
        return response

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        if urls:
            urls.append(
                {"location": self.get_full_url(request) + "graph/", "lastmod": None}
            )
        return urls


def current_year():
    return datetime.date.today().year


class MemberOrganizationPage(Page):
    """One member organization's profile. Its `visibility` decides who may see it
    anywhere; MemberOrganizationQuerySet.visible_to enforces that."""

    logo = models.ForeignKey(
        "home.SiteImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Square works best. Re-encoded on upload without metadata."),
    )
    # Labels and help texts are worded for the organization's own staff: the
    # profile form at /account/ takes them from here (members.forms.ProfileForm).
    summary = models.CharField(
        max_length=300,
        help_text=_("One or two sentences, up to 300 characters."),
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
    region = models.CharField(
        max_length=100, blank=True, verbose_name=_("state or region")
    )
    country = models.CharField(max_length=2, choices=COUNTRY_CHOICES, default="US")
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
        default=False, help_text=_("Among the organizations that founded the network.")
    )
    member_since = models.DateField(
        null=True, blank=True, help_text=_("When the network admitted you.")
    )
    membership_status = models.CharField(
        max_length=16,
        choices=MembershipStatus.choices,
        default=MembershipStatus.ACTIVE,
        help_text=_(
            "Set by coordinators. Suspended organizations lose member access and "
            "leave the directory."
        ),
    )
    website = models.URLField(blank=True)
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
        blank=True, help_text=_("Members-only: never shown to visitors.")
    )
    contact_phone = models.CharField(
        max_length=40,
        blank=True,
        help_text=_("Members-only: never shown to visitors."),
    )
    looking_for_partners_on = models.TextField(max_length=1000, blank=True)
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
        FieldRowPanel(
            [
                FieldPanel("city"),
                FieldPanel(
                    "region",
                    help_text=_("US state (e.g. 'New Mexico') or region abroad."),
                ),
            ]
        ),
        FieldRowPanel([FieldPanel("country"), FieldPanel("scope")]),
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
        index.SearchField("region"),
        index.AutocompleteField("title"),
        index.RelatedFields("issue_areas", [index.SearchField("name")]),
        index.FilterField("visibility"),
        index.FilterField("membership_status"),
        index.FilterField("region"),
        index.FilterField("country"),
        index.FilterField("scope"),
        index.FilterField("founding_member"),
        index.FilterField("led_by_directly_affected"),
        index.FilterField("member_since"),
    ]

    parent_page_types = ["members.MemberDirectoryPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("member organization")

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
        if errors:
            raise ValidationError(errors)

    @property
    def country_name(self):
        return COUNTRY_NAMES.get(self.country, self.country)

    @property
    def place(self):
        """City, region and country at the level the network records them."""
        parts = [self.city, self.region]
        if self.country != "US":
            parts.append(str(self.country_name))
        return ", ".join(part for part in parts if part)

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        # The search index's post_save handler runs before modelcluster commits the
        # child relations (the issue areas). With an immediate task backend it would
        # index the organization without them; index again now they are saved.
        insert_or_update_object_task.enqueue(
            self._meta.app_label, self._meta.model_name, str(self.pk)
        )
        return result

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
        from members.directory import profile_terms
        from members.related import related_organizations

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
                "related_organizations": related_organizations(
                    self, viewer, terms["issue"]
                ),
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
