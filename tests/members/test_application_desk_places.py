"""One state is one value: whether an applicant's state arrives as "CA",
"California" or "ca", the application stores one code, and the coordinators'
filter counts and finds them as one state."""

import pytest
from django.test import Client

from members.admin_desk.applications import ApplicationFilterSet, applied_subdivisions
from members.geography import place_from_text
from members.models import MembershipApplication
from tests.factories import IssueAreaFactory, MembershipApplicationFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("two_factor_required"),
]

# The ways people write California, and what members.geography reads them as.
CALIFORNIA = [
    "US-CA",
    "us-ca",
    "CA",
    "ca",
    "California",
    "CALIFORNIA",
    " california ",
    "Calif.",
]


@pytest.fixture
def valid(db):
    area = IssueAreaFactory(name="Tenant power", slug="tenant-power")
    return {
        "summary": "Tenants organizing tenants.",
        "issue_areas": [str(area.pk)],
        "city": "Riverside",
        "country": "US",
        "scope": "local",
        "contact_name": "Ana Lopez",
        "visibility": "members",
        "agrees_to_principles": "on",
    }


def test_the_join_form_stores_every_way_of_writing_a_state_as_its_code(valid):
    for number, typed in enumerate(CALIFORNIA):
        response = Client(REMOTE_ADDR=f"10.0.0.{number + 1}").post(
            "/join/",
            {
                **valid,
                "organization_name": f"Collective {number}",
                "contact_email": f"contact{number}@example.org",
                "subdivision": typed,
            },
        )
        assert response.status_code == 302, (typed, response.context["form"].errors)

    assert set(MembershipApplication.objects.values_list("subdivision", flat=True)) == {
        "US-CA"
    }


@pytest.mark.parametrize(
    ("country", "typed"),
    [
        ("US", "Kalifornia"),  # no name, abbreviation or code geography knows
        ("US", "Ontario"),  # a province, but not of the chosen country
        ("CA", "CA"),  # Canada has no state "CA"
        ("US", "ZZ-99"),
    ],
)
def test_a_state_the_join_form_cannot_read_is_refused_with_what_to_do(
    valid, country, typed
):
    response = Client().post(
        "/join/",
        {
            **valid,
            "organization_name": "Collective",
            "contact_email": "contact@example.org",
            "country": country,
            "subdivision": typed,
        },
    )

    assert response.status_code == 400
    (error,) = response.context["form"].errors["subdivision"]
    assert "Choose" in error and "state or region" in error
    assert MembershipApplication.objects.count() == 0


def test_states_first_written_every_way_are_one_choice_in_the_filter(directory):
    """Applications stored before places were structured were read by the same
    rule (the places migration calls place_from_text)."""
    for number, typed in enumerate(CALIFORNIA):
        subdivision, region = place_from_text(typed, "US")
        MembershipApplicationFactory(
            organization_name=f"California {number}",
            subdivision=subdivision,
            region=region,
        )
    MembershipApplicationFactory(organization_name="Texas 1", subdivision="US-TX")

    assert applied_subdivisions() == [("US-CA", "California"), ("US-TX", "Texas")]
    filters = ApplicationFilterSet(
        data={}, queryset=MembershipApplication.objects.all()
    )
    assert list(filters.form.fields["subdivision"].choices)[1:] == [
        ("US-CA", "California"),
        ("US-TX", "Texas"),
    ]


@pytest.mark.parametrize("given", CALIFORNIA)
def test_the_filter_reads_a_state_written_any_way_as_the_one_state(
    coordinator_client, directory, given
):
    MembershipApplicationFactory(organization_name="Riverside Union", region="CA")
    MembershipApplicationFactory(organization_name="Oakland Union", region="California")
    MembershipApplicationFactory(organization_name="Austin Union", region="Texas")

    response = coordinator_client.get("/admin/applications/", {"subdivision": given})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Riverside Union" in html and "Oakland Union" in html
    assert "Austin Union" not in html


def test_a_state_the_filter_cannot_read_is_named_not_ignored(
    coordinator_client, directory
):
    MembershipApplicationFactory(organization_name="Riverside Union", region="CA")

    response = coordinator_client.get(
        "/admin/applications/", {"subdivision": "Kalifornia"}
    )

    assert response.status_code == 200
    assert "Select a valid choice. Kalifornia is not one of the available choices." in (
        response.content.decode()
    )
