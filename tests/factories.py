"""Factories shared by the tests and the demo network."""

import factory
import wagtail_factories
from django.contrib.auth.models import Group
from django.utils.text import slugify

from home.models import HomePage
from members.models import (
    COORDINATORS_GROUP,
    IssueArea,
    MemberDirectoryPage,
    MemberOrganizationPage,
    Membership,
    User,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    first_name = "Alex"
    last_name = factory.Sequence(lambda n: f"Member{n}")
    password = factory.PostGenerationMethodCall("set_password", "a-long-password")

    @factory.post_generation
    def save_password(user, create, extracted, **kwargs):
        if create:
            user.save()


class CoordinatorFactory(UserFactory):
    username = factory.Sequence(lambda n: f"coordinator{n}")

    @factory.post_generation
    def join_coordinators(user, create, extracted, **kwargs):
        if create:
            group, _ = Group.objects.get_or_create(name=COORDINATORS_GROUP)
            user.groups.add(group)


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Human rights start at home"
    introduction = "A coalition of member organizations."


class IssueAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IssueArea
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Issue area {n}")
    slug = factory.LazyAttribute(lambda area: slugify(area.name))
    description = "An issue area members work on."


class MemberDirectoryPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = MemberDirectoryPage

    title = "Members"
    slug = "members"


class MemberOrganizationPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = MemberOrganizationPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Member Organization {n}")
    slug = factory.LazyAttribute(lambda org: slugify(org.title))
    summary = "Works for human rights in its community."
    city = "Albuquerque"
    region = "New Mexico"
    country = "US"
    visibility = "public"

    @factory.post_generation
    def issue_areas(org, create, extracted, **kwargs):
        if create and extracted:
            org.issue_areas.set(extracted)
            org.save_revision().publish()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = None
    role = Membership.Role.ADMIN


# --- Member directory, profiles and hubs (issue 3) ---------------------------------

from members.models import Approach, IssueAreaIndexPage, Population  # noqa: E402


class IssueAreaIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = IssueAreaIndexPage

    title = "Issues"
    slug = "issues"


class ApproachFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Approach
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Approach {n}")
    slug = factory.LazyAttribute(lambda approach: slugify(approach.name))


class PopulationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Population
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Population {n}")
    slug = factory.LazyAttribute(lambda population: slugify(population.name))


class ProfiledOrganizationFactory(MemberOrganizationPageFactory):
    """An organization with approaches and populations served as well, e.g.
    ProfiledOrganizationFactory(parent=directory, issue_areas=[...],
    approaches=[...], populations=[...])."""

    @factory.post_generation
    def approaches(org, create, extracted, **kwargs):
        if create and extracted:
            org.approaches.set(extracted)
            org.save_revision().publish()

    @factory.post_generation
    def populations(org, create, extracted, **kwargs):
        if create and extracted:
            org.populations.set(extracted)
            org.save_revision().publish()


def build_organization(
    parent, *, issue_areas=(), approaches=(), populations=(), **fields
):
    """A live organization under `parent` with its taxonomy, saved once (faster than
    the factory's publish-per-hook when a test needs many). Taxonomy arguments take
    model instances or slugs."""
    from members.models import IssueArea

    def terms(model, values):
        slugs = [value for value in values if isinstance(value, str)]
        found = {term.slug: term for term in model.objects.filter(slug__in=slugs)}
        return [found[value] if isinstance(value, str) else value for value in values]

    fields.setdefault("title", f"Organization {MemberOrganizationPage.objects.count()}")
    fields.setdefault("slug", slugify(fields["title"]))
    fields.setdefault("summary", "Works for human rights in its community.")
    fields.setdefault("city", "Albuquerque")
    fields.setdefault("region", "New Mexico")
    fields.setdefault("visibility", "public")
    organization = MemberOrganizationPage(**fields)
    organization.issue_areas.set(terms(IssueArea, issue_areas))
    organization.approaches.set(terms(Approach, approaches))
    organization.populations.set(terms(Population, populations))
    parent.add_child(instance=organization)
    return organization


# --- Campaigns (issue 5) ------------------------------------------------------------
import datetime  # noqa: E402

from django.utils import timezone  # noqa: E402

from campaigns.models import (  # noqa: E402
    CalendarPage,
    CampaignIndexPage,
    CampaignOrganization,
    CampaignPage,
    CampaignStatus,
    CampaignUpdate,
    Event,
    EventKind,
    Pledge,
    SignOn,
    SignOnStatus,
)


class CampaignIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CampaignIndexPage

    title = "Campaigns"
    slug = "campaigns"


class CalendarPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CalendarPage

    title = "Calendar"
    slug = "calendar"


class CampaignPageFactory(wagtail_factories.PageFactory):
    """A live campaign taking sign-ons and pledges. Pass `issue_areas=[...]`,
    `leads=[org, ...]` and `partners=[org, ...]` to link them."""

    class Meta:
        model = CampaignPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Campaign {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    summary = "Change one unjust policy, together."
    ask = "Sign on and tell your representatives."
    status = CampaignStatus.ACTIVE
    start_date = factory.LazyFunction(
        lambda: timezone.localdate() - datetime.timedelta(days=30)
    )
    signon_statement = "<p>We, the undersigned organizations, call for change.</p>"

    @factory.post_generation
    def issue_areas(page, create, extracted, **kwargs):
        if create and extracted:
            page.issue_areas.set(extracted)
            page.save()

    @factory.post_generation
    def leads(page, create, extracted, **kwargs):
        for organization in extracted or []:
            CampaignOrganization.objects.create(
                campaign=page,
                organization=organization,
                role=CampaignOrganization.Role.LEAD,
            )

    @factory.post_generation
    def partners(page, create, extracted, **kwargs):
        for organization in extracted or []:
            CampaignOrganization.objects.create(
                campaign=page,
                organization=organization,
                role=CampaignOrganization.Role.PARTNER,
            )


class CampaignUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CampaignUpdate

    campaign = None
    title = factory.Sequence(lambda n: f"Update {n}")
    body = "<p>We delivered the letter.</p>"
    published_at = factory.LazyFunction(
        lambda: timezone.now() - datetime.timedelta(days=1)
    )


class SignOnFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SignOn

    campaign = None
    organization = None
    status = SignOnStatus.APPROVED
    unlisted = False


class PledgeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pledge

    campaign = None
    name = factory.Sequence(lambda n: f"Supporter {n}")
    email = factory.Sequence(lambda n: f"supporter{n}@example.org")
    postcode = "87102"
    consented_at = factory.LazyFunction(timezone.now)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Event {n}")
    kind = EventKind.MEETING
    date = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=10)
    )
    start_time = datetime.time(10, 0)
    time_zone = "America/New_York"
    campaign = None

    @factory.post_generation
    def issue_areas(event, create, extracted, **kwargs):
        if create and extracted:
            event.issue_areas.set(extracted)
            event.save()


# --- Membership lifecycle (issue 4): applications and invitations ------------------


class MembershipApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "members.MembershipApplication"
        skip_postgeneration_save = True

    organization_name = factory.Sequence(lambda n: f"Applicant Collective {n}")
    summary = "Neighbors organizing for the right to housing."
    city = "Tucson"
    region = "Arizona"
    country = "US"
    contact_name = "Rosa Alvarez"
    contact_email = factory.Sequence(lambda n: f"contact{n}@applicant.example.org")
    visibility = "members"
    agrees_to_principles = True

    @factory.post_generation
    def issue_areas(application, create, extracted, **kwargs):
        if create and extracted:
            application.issue_areas.set(extracted)


def make_invitation(organization, email, role="editor", invited_by=None, days=7):
    """An invitation and its clear-text token (only the digest is stored)."""
    import datetime

    from django.utils import timezone

    from members.models import Invitation
    from members.models.applications import hash_token

    token = Invitation.new_token()
    invitation = Invitation.objects.create(
        organization=organization,
        email=email,
        role=role,
        token_hash=hash_token(token),
        invited_by=invited_by,
        expires_at=timezone.now() + datetime.timedelta(days=days),
    )
    return invitation, token


# --- The board (network app) -------------------------------------------------


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "network.Room"
        django_get_or_create = ("slug",)

    kind = "general"
    name = factory.Sequence(lambda n: f"Room {n}")
    slug = factory.LazyAttribute(lambda room: slugify(room.name))
    description = "A room for talking things through."


def board_member(organization=None, **user_fields):
    """A user who works for `organization` (a new public one if none)."""
    if organization is None:
        organization = MemberOrganizationPageFactory(
            parent=MemberDirectoryPage.objects.first()
        )
    user = UserFactory(**user_fields)
    MembershipFactory(user=user, organization=organization)
    return user


def board_thread(room, author, title="Planning the shadow report", body="Hello all."):
    """A thread with its first post, made through the board's own action."""
    from network.board.actions import do_create_thread

    organization_id = next(iter(sorted(author.member_organization_ids)), None)
    organization = (
        MemberOrganizationPage.objects.get(pk=organization_id)
        if organization_id
        else None
    )
    thread, _post = do_create_thread(author, room, title, body, organization)
    return thread


class BoardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = "network.BoardPage"

    title = "Board"
    slug = "board"


# ---------------------------------------------------------------------------
# Resource library and network news (campaigns app, issue 7)
# ---------------------------------------------------------------------------
from django.core.files.base import ContentFile  # noqa: E402
from wagtail.documents import get_document_model  # noqa: E402

from campaigns.models import (  # noqa: E402
    NewsIndexPage,
    NewsPage,
    ResourceContributor,
    ResourceCoSigner,
    ResourceDocument,
    ResourceIndexPage,
    ResourcePage,
)


class ResourceIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ResourceIndexPage

    title = "Resources"
    slug = "resources"


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_document_model()

    title = factory.Sequence(lambda n: f"Document {n}")
    file = factory.LazyAttribute(
        lambda doc: ContentFile(b"%PDF-1.4\n% a test document\n", name="guide.pdf")
    )


class ResourcePageFactory(wagtail_factories.PageFactory):
    """A live resource, saved once with its relations: pass issue_areas=[...],
    organizations=[...] (credited), cosigners=[...] and documents=[...]."""

    class Meta:
        model = ResourcePage

    title = factory.Sequence(lambda n: f"Resource {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    summary = "A practical guide for member organizations."
    kind = "toolkit"
    language = "en"
    visibility = "public"

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        issue_areas = kwargs.pop("issue_areas", None) or []
        organizations = kwargs.pop("organizations", None) or []
        cosigners = kwargs.pop("cosigners", None) or []
        documents = kwargs.pop("documents", None) or []
        page = model_class(**kwargs)
        page.issue_areas.set(list(issue_areas))
        page.contributors = [
            ResourceContributor(organization=org) for org in organizations
        ]
        page.cosigners = [ResourceCoSigner(organization=org) for org in cosigners]
        page.document_items = [ResourceDocument(document=doc) for doc in documents]
        parent.add_child(instance=page)
        return page


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsIndexPage

    title = "News"
    slug = "news"


class NewsPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda n: f"News item {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    summary = "Something happened in the network."
