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
