"""The coordinators' application desk: the whole application read in words, and
how many applications wait for a decision (admin menu and dashboard)."""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.admin_desk.applications import answer_fields
from members.models import MembershipApplication
from tests.factories import (
    ApproachFactory,
    IssueAreaFactory,
    MembershipApplicationFactory,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("two_factor_required"),
]


@pytest.fixture
def full(directory):
    """An application with every field the applicant fills in given."""
    return MembershipApplicationFactory(
        organization_name="Riverside Tenants Union",
        summary="Tenants organizing tenants.",
        mission="We meet weekly.\r\n\r\nWe fight <evictions> & win.",
        website="https://riverside.example.org/about",
        public_email="hello@riverside.example.org",
        issue_areas=[
            IssueAreaFactory(name="Tenant power", slug="tenant-power"),
            IssueAreaFactory(name="Eviction defense", slug="eviction-defense"),
        ],
        approaches=[
            ApproachFactory(name="Policy advocacy"),
            ApproachFactory(name="Litigation"),
        ],
        city="Riverside",
        country="US",
        subdivision="US-CA",
        scope="state",
        founded_year=1998,
        led_by_directly_affected=True,
        contact_name="Ana Lopez",
        contact_role="Director",
        contact_email="ana@riverside.example.org",
        contact_phone="+1 555 010 2000",
        visibility="hidden",
        message="Call me after 5.\n\nThanks!",
        agrees_to_principles=True,
    )


@pytest.fixture
def sparse(directory):
    """An application with every optional field left empty."""
    return MembershipApplicationFactory(
        organization_name="Quiet Collective",
        city="Tucson",
        subdivision="US-AZ",
        issue_areas=[IssueAreaFactory(name="Housing", slug="housing")],
    )


def answers(page_html):
    """{label: value as shown} of the application's answers on a page."""
    section = re.search(
        r'aria-labelledby="application-answers-heading">(.*?)</section>',
        page_html,
        re.DOTALL,
    )
    assert section, "the page shows no answers"
    pairs = re.findall(
        r"<dt>(.*?)</dt>\s*<dd[^>]*>(.*?)</dd>", section.group(1), re.DOTALL
    )
    return {html.unescape(label): value.strip() for label, value in pairs}


def words(value):
    """A value's text, without its tags."""
    return html.unescape(re.sub(r"<[^>]+>", " ", value)).split()


def inspect(client, application):
    response = client.get(f"/admin/applications/inspect/{application.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_every_field_the_applicant_filled_in_is_shown_in_words(
    coordinator_client, full
):
    shown = answers(inspect(coordinator_client, full))

    assert shown["Organization name"] == "Riverside Tenants Union"
    assert shown["In one or two sentences, what does your organization do?"] == (
        "Tenants organizing tenants."
    )
    # Long text keeps its paragraphs, escaped.
    assert shown["Your mission and work (optional)"] == (
        "<p>We meet weekly.</p>\n\n<p>We fight &lt;evictions&gt; &amp; win.</p>"
    )
    assert shown["Website (optional)"] == (
        '<a href="https://riverside.example.org/about" rel="noopener noreferrer">'
        "https://riverside.example.org/about</a>"
    )
    assert shown["Public email address (optional)"] == (
        '<a href="mailto:hello@riverside.example.org">hello@riverside.example.org</a>'
    )
    # Terms by name, in order; choices by their label; the place in words.
    assert shown["Issue areas you work on"] == "Eviction defense, Tenant power"
    assert shown["How you work"] == "Litigation, Policy advocacy"
    assert shown["Where the organization is based"] == (
        "Riverside, California, United States"
    )
    assert shown["How far your work reaches"] == "State"
    assert shown["Year founded (optional)"] == "1998"
    assert shown[
        "Our leadership includes people directly affected by the issues we work on."
    ] == ("Yes")
    assert shown["Your name"] == "Ana Lopez"
    assert shown["Your role in the organization (optional)"] == "Director"
    assert shown["Your email address"] == (
        '<a href="mailto:ana@riverside.example.org">ana@riverside.example.org</a>'
    )
    assert shown["Your phone number (optional)"] == "+1 555 010 2000"
    assert html.unescape(shown["Who can see your organization?"]) == (
        "Hidden: only our own staff and the network's coordinators"
    )
    assert shown["Anything else the coordinators should know? (optional)"] == (
        "<p>Call me after 5.</p>\n\n<p>Thanks!</p>"
    )
    assert shown["We agree to the network's principles."] == "Yes"
    # The coordinators' own fields are the decision, not answers.
    for decision in ("Status", "Submitted", "Decided by", "Decision reason"):
        assert decision not in shown


def test_each_field_of_the_model_is_an_answer_without_a_template_edit(
    coordinator_client, full
):
    """The answers come from the model's fields: each one's label is on the page
    (the place's four fields as one answer)."""
    shown = answers(inspect(coordinator_client, full))

    place_fields = {"city", "subdivision", "region", "country"}
    expected = {
        field.verbose_name[:1].upper() + field.verbose_name[1:]
        for field in answer_fields()
        if field.name not in place_fields
    } | {"Where the organization is based"}
    assert set(shown) == expected
    assert len(expected) >= 17


def test_optional_answers_left_empty_read_not_given_never_none(
    coordinator_client, sparse
):
    page = inspect(coordinator_client, sparse)
    shown = answers(page)

    for label in (
        "Your mission and work (optional)",
        "Website (optional)",
        "Public email address (optional)",
        "How you work",
        "Year founded (optional)",
        "Your role in the organization (optional)",
        "Your phone number (optional)",
        "Anything else the coordinators should know? (optional)",
    ):
        assert shown[label] == "Not given", label
    assert shown[
        "Our leadership includes people directly affected by the issues we work on."
    ] == ("No")
    assert shown["How far your work reaches"] == "Local"
    assert shown["Where the organization is based"] == "Tucson, Arizona, United States"
    for value in shown.values():
        assert "None" not in words(value)
    main = page.split("<main", 1)[1]
    assert not re.search(r">\s*None\s*<", main)


def test_what_the_applicant_typed_is_escaped_and_only_web_links_are_links(
    coordinator_client, directory
):
    application = MembershipApplicationFactory(
        organization_name="Tenants <script>alert(1)</script> & Co",
        summary='<img src=x onerror="alert(2)">',
        mission="<b>bold</b>\n\n<a href='https://evil.example'>link</a>",
        website="javascript:alert(3)",
        contact_name='Ana "<i>" Lopez',
        city="<em>Riverside</em>",
    )

    for url in (
        f"/admin/applications/inspect/{application.pk}/",
        f"/admin/applications/edit/{application.pk}/",
    ):
        page = coordinator_client.get(url).content.decode()
        shown = answers(page)
        assert "<script>alert(1)" not in page and "<img src=x" not in page
        assert shown["Organization name"] == (
            "Tenants &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"
        )
        assert "<b>" not in shown["Your mission and work (optional)"]
        assert "&lt;b&gt;bold&lt;/b&gt;" in shown["Your mission and work (optional)"]
        # An address that is not a web address is shown, never linked.
        assert shown["Website (optional)"] == "javascript:alert(3)"
        assert 'href="javascript:' not in page
        assert shown["Where the organization is based"].startswith(
            "&lt;em&gt;Riverside&lt;/em&gt;, Arizona"
        )


def test_a_place_written_before_places_were_structured_is_shown_as_written(
    coordinator_client, directory
):
    application = MembershipApplicationFactory(
        city="Riverside", region="Calif.", subdivision=""
    )

    shown = answers(inspect(coordinator_client, application))

    assert words(shown["Where the organization is based"]) == words(
        "Riverside, United States State or region as first written: “Calif.”, "
        "not yet one on the list"
    )


def test_the_decision_page_shows_the_same_answers_and_the_typed_issue_areas(
    coordinator_client, full
):
    from members.models import IssueAreaSuggestion

    suggestion = IssueAreaSuggestion.objects.create(
        name="Water <rights>", application=full
    )

    decision = coordinator_client.get(f"/admin/applications/edit/{full.pk}/")
    full_view = inspect(coordinator_client, full)

    assert decision.status_code == 200
    on_decision = answers(decision.content.decode())
    assert on_decision == answers(full_view)
    assert on_decision["Issue areas they typed in"] == (
        f'<a href="/admin/issue-area-suggestions/edit/{suggestion.pk}/">'
        "Water &lt;rights&gt;</a> (Waiting for a coordinator)"
    )
    assert 'name="decision"' in decision.content.decode()


def test_the_whole_application_takes_the_same_queries_whatever_its_length(
    coordinator_client, directory
):
    def queries(application):
        coordinator_client.get(f"/admin/applications/inspect/{application.pk}/")
        with CaptureQueriesContext(connection) as captured:
            inspect(coordinator_client, application)
        return len(captured)

    short = MembershipApplicationFactory(
        issue_areas=[IssueAreaFactory(name="Housing", slug="housing")]
    )
    long = MembershipApplicationFactory(
        issue_areas=[
            IssueAreaFactory(name=f"Area {n}", slug=f"area-{n}") for n in range(12)
        ],
        approaches=[ApproachFactory(name=f"Approach {n}") for n in range(8)],
    )
    for name in ("One", "Two", "Three"):
        long.issue_area_suggestions.create(name=name)

    assert queries(short) == queries(long)


# --- how many wait ------------------------------------------------------------------


def sidebar_label(page_html):
    """The label of the applications' item in the admin's menu (the sidebar is
    drawn from JSON in the page)."""
    found = re.search(r'"label": "(Applications[^"]*)"', html.unescape(page_html))
    assert found, "no Applications item in the admin menu"
    return found.group(1)


def test_the_menu_and_the_dashboard_say_how_many_applications_wait(
    coordinator_client, directory
):
    MembershipApplicationFactory(organization_name="First Collective")
    MembershipApplicationFactory(organization_name="Second Collective")
    MembershipApplicationFactory(organization_name="Decided", status="declined")

    page = coordinator_client.get("/admin/").content.decode()

    assert sidebar_label(page) == "Applications (2)"
    assert "2 applications waiting for a decision" in page

    MembershipApplication.objects.filter(organization_name="First Collective").update(
        status="approved"
    )
    listing = coordinator_client.get("/admin/applications/").content.decode()
    assert sidebar_label(listing) == "Applications (1)"

    MembershipApplication.objects.update(status="approved")
    page = coordinator_client.get("/admin/").content.decode()
    assert sidebar_label(page) == "Applications"
    assert "0 applications waiting for a decision" in page


def test_the_count_costs_the_same_queries_whatever_the_number_waiting(
    coordinator_client, directory
):
    def queries():
        coordinator_client.get("/admin/")
        with CaptureQueriesContext(connection) as captured:
            response = coordinator_client.get("/admin/")
        return len(captured), response.content.decode()

    MembershipApplicationFactory()
    small, page = queries()
    assert sidebar_label(page) == "Applications (1)"
    for _number in range(25):
        MembershipApplicationFactory()
    large, page = queries()
    assert sidebar_label(page) == "Applications (26)"
    assert small == large
