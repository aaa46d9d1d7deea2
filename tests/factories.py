"""Factories shared by the tests and the demo network."""

from types import SimpleNamespace

import factory
import wagtail_factories
from django.contrib.auth.models import Group
from django.utils.text import slugify

from home.models import HomePage, SiteImage
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


class SiteImageFactory(factory.django.DjangoModelFactory):
    """An image in the site's library (its root collection): pass
    file=ImageFile(...) for a picture of your own."""

    class Meta:
        model = SiteImage

    title = factory.Sequence(lambda n: f"Image {n}")
    file = factory.django.ImageField()


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


def typed_place(values):
    """The subdivision a place given as free text names (region="Texas",
    "CDMX" with country="MX"), read as the places migration reads what members
    typed (members.geography.match_subdivision); "" when there is none. The text
    itself is kept in `region` (tests of the engine count by that column too)."""
    from members.geography import match_subdivision

    region = getattr(values, "region", "")
    if not region:
        return ""
    return match_subdivision(region, getattr(values, "country", "US")) or ""


class MemberOrganizationPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = MemberOrganizationPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Member Organization {n}")
    slug = factory.LazyAttribute(lambda org: slugify(org.title))
    summary = "Works for human rights in its community."
    city = "Albuquerque"
    country = "US"
    # region="Texas" also sets the state it names (typed_place); else New Mexico.
    region = ""
    subdivision = factory.LazyAttribute(
        lambda org: typed_place(org) if org.region else "US-NM"
    )
    visibility = "public"

    @factory.post_generation
    def issue_areas(org, create, extracted, **kwargs):
        if create and extracted:
            org.issue_areas.set(extracted)
            org.save_revision().publish()


class MembershipFactory(factory.django.DjangoModelFactory):
    """A membership as an approved application makes its contact's: written
    directly. join_team() puts later colleagues on a team by invitation."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = None
    role = Membership.Role.ADMIN


def join_team(user, organization, role=Membership.Role.EDITOR):
    """Put `user` on the organization's team the way the network does: the first
    person on a team comes with the approved application (MembershipFactory);
    anyone after them is invited by an admin and accepts (members.actions). A
    membership already there is kept. Returns the membership."""
    from members.actions.invitations import do_accept_invitation
    from members.actions.teams import do_invite_colleague

    existing = Membership.objects.filter(user=user, organization=organization).first()
    if existing is not None:
        return existing
    admin = (
        Membership.objects.filter(organization=organization, role=Membership.Role.ADMIN)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if admin is None:
        return MembershipFactory(user=user, organization=organization, role=role)
    invitation = do_invite_colleague(organization, user.email, role, by=admin.user)
    do_accept_invitation(invitation, user=user)
    return Membership.objects.get(user=user, organization=organization)


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
    parent,
    *,
    issue_areas=(),
    approaches=(),
    populations=(),
    social_links=(),
    **fields,
):
    """A live organization under `parent` with its taxonomy, saved once (faster than
    the factory's publish-per-hook when a test needs many, and what the demo
    network uses). Taxonomy arguments take model instances or slugs;
    `social_links` takes (label, url) pairs; any other field is passed on."""
    from wagtail.coreutils import find_available_slug

    from members.models import IssueArea, OrganizationLink

    def terms(model, values):
        slugs = [value for value in values if isinstance(value, str)]
        found = {term.slug: term for term in model.objects.filter(slug__in=slugs)}
        return [found[value] if isinstance(value, str) else value for value in values]

    fields.setdefault("title", f"Organization {MemberOrganizationPage.objects.count()}")
    fields.setdefault("slug", find_available_slug(parent, slugify(fields["title"])))
    fields.setdefault("summary", "Works for human rights in its community.")
    fields.setdefault("city", "Albuquerque")
    if fields.get("region") and "subdivision" not in fields:
        fields["subdivision"] = typed_place(SimpleNamespace(**fields))
    fields.setdefault("subdivision", "US-NM")
    fields.setdefault("visibility", "public")
    organization = MemberOrganizationPage(**fields)
    organization.issue_areas.set(terms(IssueArea, issue_areas))
    organization.approaches.set(terms(Approach, approaches))
    organization.populations.set(terms(Population, populations))
    organization.social_links = [
        OrganizationLink(label=label, url=url, sort_order=position)
        for position, (label, url) in enumerate(social_links)
    ]
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

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        # Issue areas before the first save, as the editor saves them: the search
        # and reference indexes read them then.
        issue_areas = kwargs.pop("issue_areas", None) or []
        page = model_class(**kwargs)
        page.issue_areas.set(list(issue_areas))
        parent.add_child(instance=page)
        return page

    @factory.post_generation
    def leads(page, create, extracted, **kwargs):
        link_campaign_organizations(page, extracted, CampaignOrganization.Role.LEAD)

    @factory.post_generation
    def partners(page, create, extracted, **kwargs):
        link_campaign_organizations(page, extracted, CampaignOrganization.Role.PARTNER)


def link_campaign_organizations(campaign, organizations, role):
    """Lead or partner organizations, listed after those the campaign has."""
    first = CampaignOrganization.objects.filter(campaign=campaign).count()
    CampaignOrganization.objects.bulk_create(
        CampaignOrganization(
            campaign=campaign, organization=org, role=role, sort_order=first + order
        )
        for order, org in enumerate(organizations or [])
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
    country = "US"
    region = ""
    subdivision = factory.LazyAttribute(
        lambda app: typed_place(app) if app.region else "US-AZ"
    )
    contact_name = "Rosa Alvarez"
    contact_email = factory.Sequence(lambda n: f"contact{n}@applicant.example.org")
    visibility = "members"
    agrees_to_principles = True

    @factory.post_generation
    def issue_areas(application, create, extracted, **kwargs):
        if create and extracted:
            application.issue_areas.set(extracted)

    @factory.post_generation
    def approaches(application, create, extracted, **kwargs):
        if create and extracted:
            application.approaches.set(extracted)


def make_invitation(organization, email, role="editor", invited_by=None, days=7):
    """An invitation and its clear-text token (only the digest is stored), made
    as the members app makes every invitation, lasting `days`."""
    from members.actions.invitations import new_invitation

    invitation, token = new_invitation(organization, email, role, invited_by)
    invitation.expires_at = timezone.now() + datetime.timedelta(days=days)
    invitation.save(update_fields=["expires_at"])
    return invitation, token


def invite_colleague(organization, email, role="editor", by=None):
    """An invitation sent the way an organization admin sends one (checked,
    logged and emailed by members.actions); by: that admin."""
    from members.actions.teams import do_invite_colleague

    return do_invite_colleague(organization, email, role, by)


def suggest_issue_area(name, *, by=None, application=None, organization=None):
    """An issue area suggested on an application or a profile, waiting for the
    coordinators (members.actions)."""
    from members.actions.suggestions import do_suggest_issue_area

    return do_suggest_issue_area(
        name, by=by, application=application, organization=organization
    )


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


def _first_organization(author):
    """The organization a person speaks for when a test does not say (None for a
    coordinator who works for none)."""
    organization_id = next(iter(sorted(author.member_organization_ids)), None)
    return (
        MemberOrganizationPage.objects.get(pk=organization_id)
        if organization_id
        else None
    )


def _back_date(thread, post, when, *, opens_thread=False):
    """Move a post made just now back to `when` (the demo's history), with its
    thread's and room's latest activity."""
    from network.models import Post, Room, Thread

    Post.objects.filter(pk=post.pk).update(created_at=when)
    post.created_at = when
    changes = {"last_activity_at": when}
    if opens_thread:
        changes["created_at"] = when
    Thread.objects.filter(pk=thread.pk).update(**changes)
    Room.objects.filter(pk=thread.room_id).update(last_activity_at=when)


def board_thread(
    room,
    author,
    title="Planning the shadow report",
    body="Hello all.",
    organization=None,
    *,
    issue_areas=(),
    at=None,
):
    """A thread with its first post, made through the board's own action,
    speaking for `organization` (the author's first if not given), tagged with
    `issue_areas` (the room's if none); `at` dates it in the past."""
    from network.board.actions.posting import do_create_thread

    organization = organization or _first_organization(author)
    thread, post = do_create_thread(
        author, room, title, body, organization, issue_areas
    )
    if at is not None:
        _back_date(thread, post, at, opens_thread=True)
    return thread


def board_post(thread, author, body="A reply.", organization=None, *, at=None):
    """A reply made through the board's own action, speaking for `organization`
    (the author's first if not given); `at` dates it in the past."""
    from network.board.actions.posting import do_create_post

    organization = organization or _first_organization(author)
    post = do_create_post(author, thread, body, organization)
    if at is not None:
        _back_date(thread, post, at)
    return post


def board_flag(post, reporter, reason="spam", note=""):
    """A flag raised the way a member raises one (the board's own action)."""
    from network.board.actions.flags import do_flag_post

    return do_flag_post(reporter, post, reason, note)


class PostFactory(factory.django.DjangoModelFactory):
    """A post's row, rendered as the board renders it. Posts people write go
    through board_thread and board_post; rows built here are for volume only
    (add_posts)."""

    class Meta:
        model = "network.Post"

    thread = None
    author = None
    organization = None
    body = "A reply in a long thread."
    html = factory.LazyAttribute(lambda post: _render_markdown(post.body))


def _render_markdown(body):
    from network.board.markdown import render_markdown

    return render_markdown(body)


def add_posts(thread, count, speakers, body="A reply in a long thread."):
    """Append `count` posts to a thread in bulk, for benchmarks and query-count
    tests: the rows and room events the board's actions write, without their
    checks (the per-minute limit) or broadcasts. `speakers` is a list of (user,
    organization) pairs, taking turns."""
    from network.models import Post, Thread

    posts = Post.objects.bulk_create(
        PostFactory.build(
            thread=thread,
            author=speakers[i % len(speakers)][0],
            organization=speakers[i % len(speakers)][1],
            body=body,
        )
        for i in range(count)
    )
    if not posts or posts[0].pk is None:
        posts = list(thread.posts.order_by("-pk")[:count])[::-1]
    _record_post_events(thread, posts)
    Thread.objects.filter(pk=thread.pk).update(
        post_count=thread.posts.filter(hidden=False).count()
    )
    return posts


def _record_post_events(thread, posts):
    """One post.created event per post in the room's log, numbered on from the
    room's last event and chained through the thread, as record_event does one
    at a time."""
    from network.models import Room, RoomEvent, Thread

    room = thread.room
    room.refresh_from_db(fields=["last_event_id"])
    next_id = room.last_event_id
    previous = Thread.objects.get(pk=thread.pk).last_event_id
    events = []
    for post in posts:
        next_id += 1
        events.append(
            RoomEvent(
                room=room,
                id_in_room=next_id,
                previous_in_thread=previous,
                kind=RoomEvent.Kind.POST_CREATED,
                thread=thread,
                post=post,
            )
        )
        previous = next_id
    RoomEvent.objects.bulk_create(events)
    Room.objects.filter(pk=room.pk).update(last_event_id=next_id)
    Thread.objects.filter(pk=thread.pk).update(last_event_id=next_id)
    room.last_event_id = next_id


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
    ResourceLink,
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

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        document = model_class(*args, **kwargs)
        # Its size and hash, as Wagtail's upload form records them.
        document._set_document_file_metadata()
        document.save()
        return document


class ResourcePageFactory(wagtail_factories.PageFactory):
    """A live resource, saved once with its relations: pass issue_areas=[...],
    organizations=[...] (credited), cosigners=[...], documents=[...] and
    links=[(label, url), ...]."""

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
        links = kwargs.pop("links", None) or []
        page = model_class(**kwargs)
        page.issue_areas.set(list(issue_areas))
        page.contributors = [
            ResourceContributor(organization=org) for org in organizations
        ]
        page.cosigners = [ResourceCoSigner(organization=org) for org in cosigners]
        page.document_items = [ResourceDocument(document=doc) for doc in documents]
        page.links = [ResourceLink(label=label, url=url) for label, url in links]
        parent.add_child(instance=page)
        return page


def submit_resource(user, library, **data):
    """A resource a member submits for the coordinators' review, through the
    library's own action: a draft, in the review workflow. `data` is what the
    contribution form's cleaned data holds (organization, title, summary, ...)."""
    from campaigns.library.contributions import do_submit_resource

    return do_submit_resource(user, library, data)


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsIndexPage

    title = "News"
    slug = "news"


class NewsPageFactory(wagtail_factories.PageFactory):
    """A live news item: pass issue_areas=[...], and published_by=user to record
    its publication as a revision by that person."""

    class Meta:
        model = NewsPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"News item {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    summary = "Something happened in the network."

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        issue_areas = kwargs.pop("issue_areas", None) or []
        page = model_class(**kwargs)
        page.issue_areas.set(list(issue_areas))
        parent.add_child(instance=page)
        return page

    @factory.post_generation
    def published_by(page, create, extracted, **kwargs):
        if create and extracted:
            page.save_revision(user=extracted).publish()
