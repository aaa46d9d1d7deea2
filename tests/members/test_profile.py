"""An organization's profile: everything about it, laid out for a person, with
members-only contact shown to network members only."""

import datetime

import pytest

from members.models import OrganizationLink
from tests.factories import (
    CoordinatorFactory,
    MembershipFactory,
    UserFactory,
    build_organization,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def organization(directory):
    org = build_organization(
        directory,
        title="Rio Grande Newcomer Dignity Center",
        summary="We stand with immigrant families in the borderlands.",
        mission="Know-your-rights trainings and\nlegal referrals.\n\nA hotline.",
        issue_areas=["immigration", "detention"],
        approaches=["litigation", "education-and-training"],
        populations=["immigrants-and-refugees"],
        city="Las Cruces",
        region="New Mexico",
        scope="regional",
        founded_year=1994,
        founding_member=True,
        member_since=datetime.date(2011, 12, 10),
        website="https://dignity.example.org",
        public_email="hello@dignity.example.org",
        contact_name="Rosa Alvarez",
        contact_email="rosa@dignity.example.org",
        contact_phone="+1 555 0101",
        looking_for_partners_on="A joint shadow report on detention conditions.",
        led_by_directly_affected=True,
    )
    OrganizationLink.objects.create(
        organization=org, label="Bluesky", url="https://bsky.example/dignity"
    )
    return org


def test_profile_shows_everything_a_person_needs_to_know(client, organization):
    response = client.get("/members/rio-grande-newcomer-dignity-center/")
    html = response.content.decode()

    assert response.status_code == 200
    for text in [
        "<h1>Rio Grande Newcomer Dignity Center</h1>",
        "We stand with immigrant families in the borderlands.",
        "<p>Know-your-rights trainings and<br>legal referrals.</p>",
        "<p>A hotline.</p>",
        'href="/issues/immigration/"',
        "Detention",
        "Education and training, Litigation",
        "Immigrants and refugees",
        "Las Cruces, New Mexico",
        "Regional reach",
        "founded 1994",
        "member since December 2011",
        "Founding member",
        "Led by people directly affected",
        "A joint shadow report on detention conditions.",
        'href="https://dignity.example.org"',
        "hello@dignity.example.org",
        "Bluesky",
    ]:
        assert text in html, text


def test_visitors_never_see_the_members_only_contact(client, organization):
    html = client.get(organization.url).content.decode()

    assert "Rosa Alvarez" not in html
    assert "rosa@dignity.example.org" not in html
    assert "555 0101" not in html
    assert "can sign in to see a direct contact person" in html


@pytest.mark.parametrize("who", ["member of another organization", "coordinator"])
def test_network_members_see_the_members_only_contact(
    client, directory, organization, who
):
    if who == "coordinator":
        user = CoordinatorFactory()
    else:
        other = build_organization(directory, title="Other Org")
        user = UserFactory()
        MembershipFactory(user=user, organization=other)
    client.force_login(user)

    html = client.get(organization.url).content.decode()

    assert "Rosa Alvarez" in html
    assert "rosa@dignity.example.org" in html
    assert "+1 555 0101" in html


def test_staff_of_a_suspended_organization_do_not_see_members_only_contact(
    client, directory, organization
):
    suspended = build_organization(
        directory, title="Suspended Org", membership_status="suspended"
    )
    user = UserFactory()
    MembershipFactory(user=user, organization=suspended)
    client.force_login(user)

    html = client.get(organization.url).content.decode()

    assert "rosa@dignity.example.org" not in html


def test_signed_in_people_without_an_organization_do_not_see_the_contact(
    client, organization
):
    client.force_login(UserFactory())
    assert (
        "rosa@dignity.example.org" not in client.get(organization.url).content.decode()
    )


def test_members_only_profiles_are_not_found_for_visitors(client, directory):
    org = build_organization(directory, title="Quiet Org", visibility="members")
    assert client.get(org.url).status_code == 404

    client.force_login(CoordinatorFactory())
    response = client.get(org.url)
    assert response.status_code == 200
    assert "visible to signed-in network members only" in response.content.decode()


def test_a_hidden_organizations_own_staff_see_its_profile_and_a_notice(
    client, directory
):
    org = build_organization(directory, title="Shielded Org", visibility="hidden")
    user = UserFactory()
    MembershipFactory(user=user, organization=org)
    client.force_login(user)

    response = client.get(org.url)

    assert response.status_code == 200
    assert "It appears nowhere else on the site" in response.content.decode()


def test_profile_without_logo_shows_an_initial_instead(client, organization):
    html = client.get(organization.url).content.decode()
    assert 'class="org-card__initial profile__initial"' in html


def test_profile_with_a_logo_serves_a_rendition(client, organization):
    from io import BytesIO

    from django.core.files.images import ImageFile
    from PIL import Image

    from home.models import SiteImage

    buffer = BytesIO()
    Image.new("RGB", (300, 300), "teal").save(buffer, format="PNG")
    organization.logo = SiteImage.objects.create(
        title="logo", file=ImageFile(buffer, name="logo.png")
    )
    organization.save()

    html = client.get(organization.url).content.decode()

    assert 'width="160"' in html and 'height="160"' in html
    assert 'alt=""' in html
