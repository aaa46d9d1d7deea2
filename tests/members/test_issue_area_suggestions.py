"""Issue areas members type in because the list lacks them: they wait for a
coordinator, who adds them to the shared vocabulary, matches them to an area on
the list, or declines them with a note. The organization gets the area either way
it is accepted."""

import pytest
from django.core import mail
from django.test import Client
from wagtail.models import ModelLogEntry

from members.models import (
    IssueArea,
    IssueAreaSuggestion,
    MemberOrganizationPage,
    SuggestionStatus,
)
from network.models import Room
from tests.factories import MembershipApplicationFactory
from tests.members.profile_forms import profile_data

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("two_factor_required"),
]


HOUSING = "Housing and homelessness"  # org_a's one area, from the seeded vocabulary


def edit_url(org):
    return f"/account/organizations/{org.pk}/profile/"


def decide_url(suggestion):
    return f"/admin/issue-area-suggestions/edit/{suggestion.pk}/"


def decision(**data):
    return {"new_rights_category": "cross-cutting", "decision_note": "", **data}


def area_names(org):
    return sorted(area.name for area in org.issue_areas.all())


@pytest.fixture
def join_data(db):
    housing = IssueArea.objects.get(slug="housing")  # from the seeded vocabulary
    return {
        "organization_name": "Harbor Water Watch",
        "summary": "Residents testing the water they drink.",
        "issue_areas": [str(housing.pk)],
        "city": "Toledo",
        "subdivision": "US-OH",
        "country": "US",
        "scope": "local",
        "contact_name": "Ada Lind",
        "contact_email": "ada@harbor.example.org",
        "visibility": "public",
        "agrees_to_principles": "on",
    }


# --- members suggest --------------------------------------------------------------


def test_an_applicant_suggests_an_issue_area_with_the_application(client, join_data):
    response = client.post(
        "/join/", {**join_data, "suggested_issue_area": "  Water   rights "}
    )

    assert response.status_code == 302
    suggestion = IssueAreaSuggestion.objects.get()
    assert suggestion.name == "Water rights"
    assert suggestion.application.organization_name == "Harbor Water Watch"
    assert suggestion.status == SuggestionStatus.PENDING
    assert not IssueArea.objects.filter(name="Water rights").exists()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("hOuSiNg AND homelessness", "is on the list already: tick it above."),
        ("ab", "at least three letters"),
        ("x" * 81, "at most 80 characters"),
    ],
)
def test_a_suggestion_that_cannot_be_taken_is_refused_and_kept(
    client, join_data, typed, message
):
    response = client.post("/join/", {**join_data, "suggested_issue_area": typed})

    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert f'value="{typed}"' in html
    assert "Residents testing the water they drink." in html
    assert not IssueAreaSuggestion.objects.exists()


def test_a_member_suggests_one_from_the_profile_form_and_follows_it(
    client, editor_a, org_a
):
    client.force_login(editor_a)

    response = client.post(
        edit_url(org_a),
        profile_data(org_a, suggested_issue_area="Digital rights"),
        follow=True,
    )

    assert "Thank you for suggesting \u201cDigital rights\u201d" in (
        response.content.decode()
    )
    suggestion = IssueAreaSuggestion.objects.get()
    assert (suggestion.organization_id, suggestion.suggested_by) == (
        org_a.pk,
        editor_a,
    )
    form = client.get(edit_url(org_a)).content.decode()
    assert "Issue areas you suggested" in form
    assert "Digital rights" in form and "Waiting for a coordinator" in form

    again = client.post(
        edit_url(org_a), profile_data(org_a, suggested_issue_area="digital RIGHTS")
    )
    assert again.status_code == 400
    assert "it waits for review" in again.content.decode()
    assert IssueAreaSuggestion.objects.count() == 1


# --- coordinators decide ----------------------------------------------------------


@pytest.fixture
def suggestion(org_a, editor_a):
    return IssueAreaSuggestion.objects.create(
        name="water rights", organization=org_a, suggested_by=editor_a
    )


def test_the_queue_lists_suggestions_and_where_they_came_from(
    coordinator_client, suggestion
):
    response = coordinator_client.get("/admin/issue-area-suggestions/?status=pending")

    html = response.content.decode()
    assert response.status_code == 200
    assert "water rights" in html
    assert "Org A Tenants United" in html


def test_adding_creates_the_area_and_gives_it_to_the_organization_at_once(
    coordinator_client,
    coordinator,
    suggestion,
    org_a,
    network_settings,
    issues_index,
    django_capture_on_commit_callbacks,
):
    assert network_settings.member_edits_need_review
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            decide_url(suggestion),
            decision(
                decision="add",
                new_name="Water and sanitation",
                new_description="Safe, affordable water for every household.",
                new_rights_category="economic-social",
            ),
        )

    assert response.status_code == 302
    area = IssueArea.objects.get(name="Water and sanitation")
    assert (area.slug, area.rights_category) == (
        "water-and-sanitation",
        "economic-social",
    )
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.issue_area, suggestion.decided_by) == (
        SuggestionStatus.ADDED,
        area,
        coordinator,
    )
    live = MemberOrganizationPage.objects.get(pk=org_a.pk)
    assert area_names(live) == ["Housing and homelessness", "Water and sanitation"]
    assert not live.has_unpublished_changes
    # Like every issue area, it has a hub and a board room.
    assert Room.objects.filter(issue_area=area).exists()
    assert coordinator_client.get("/issues/water-and-sanitation/").status_code == 200
    assert ModelLogEntry.objects.filter(
        action="members.suggestion.add", object_id=str(suggestion.pk), user=coordinator
    ).exists()
    # The person who suggested it hears back.
    (email,) = mail.outbox
    assert email.to == ["editor_a@example.org"]
    assert "The issue area you suggested: water rights" in email.subject
    assert 'added it to the network\'s shared list as "Water and sanitation"' in (
        email.body
    )
    assert f"/account/organizations/{org_a.pk}/profile/" in email.body


def test_an_area_given_while_edits_wait_joins_them_and_goes_live_with_them(
    editor_a, coordinator_client, coordinator, suggestion, org_a
):
    member = Client()  # coordinator_client is pytest-django's `client`
    member.force_login(editor_a)
    member.post(edit_url(org_a), profile_data(org_a, summary="Waiting summary."))
    labor = IssueArea.objects.get(slug="labor")

    coordinator_client.post(
        decide_url(suggestion), decision(decision="match", matching_area=labor.pk)
    )

    live = MemberOrganizationPage.objects.get(pk=org_a.pk)
    assert area_names(live) == [HOUSING]  # unreviewed edits stay unpublished
    draft = live.get_latest_revision_as_object()
    assert area_names(draft) == [HOUSING, labor.name]
    assert draft.summary == "Waiting summary."
    live.current_workflow_state.current_task_state.approve(user=coordinator)
    live = MemberOrganizationPage.objects.get(pk=org_a.pk)
    assert area_names(live) == [HOUSING, labor.name]
    assert live.summary == "Waiting summary."


def test_declining_needs_a_note_which_the_team_then_sees(
    coordinator_client,
    client,
    editor_a,
    suggestion,
    org_a,
    django_capture_on_commit_callbacks,
):
    refused = coordinator_client.post(
        decide_url(suggestion), decision(decision="decline")
    )
    assert refused.status_code == 200
    assert "Tell the organization why" in refused.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.is_pending

    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(
            decide_url(suggestion),
            decision(decision="decline", decision_note="Please use Housing for this."),
        )

    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.DECLINED
    (email,) = mail.outbox
    assert "decided not to add it" in email.body
    assert "Please use Housing for this." in email.body
    assert area_names(MemberOrganizationPage.objects.get(pk=org_a.pk)) == [HOUSING]
    client.force_login(editor_a)
    form = client.get(edit_url(org_a)).content.decode()
    assert "Declined" in form and "Please use Housing for this." in form


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"decision": "add", "new_name": "HOUSING and Homelessness"},
            "exists: match it instead",
        ),
        ({"decision": "add", "new_name": "  "}, "Give the new issue area a name."),
        ({"decision": "match"}, "Choose the issue area it matches."),
        ({}, "Choose add, match or decline."),
    ],
)
def test_incomplete_decisions_are_refused_clearly(
    coordinator_client, suggestion, data, message
):
    areas_before = IssueArea.objects.count()

    response = coordinator_client.post(decide_url(suggestion), decision(**data))

    assert response.status_code == 200
    assert message in response.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.is_pending
    assert IssueArea.objects.count() == areas_before


def test_a_decided_suggestion_cannot_be_decided_again(coordinator_client, suggestion):
    labor = IssueArea.objects.get(slug="labor")
    coordinator_client.post(
        decide_url(suggestion), decision(decision="match", matching_area=labor.pk)
    )

    response = coordinator_client.post(
        decide_url(suggestion),
        decision(decision="decline", decision_note="Changed my mind."),
    )

    assert "already decided" in response.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.MATCHED


def test_an_applicants_area_accepted_before_approval_comes_with_the_profile(
    coordinator_client, directory
):
    application = MembershipApplicationFactory(organization_name="Harbor Water Watch")
    suggestion = IssueAreaSuggestion.objects.create(
        name="Water rights", application=application
    )

    decision_page = coordinator_client.get(
        f"/admin/applications/edit/{application.pk}/"
    ).content.decode()
    assert f'href="{decide_url(suggestion)}"' in decision_page

    coordinator_client.post(
        decide_url(suggestion), decision(decision="add", new_name="Water rights")
    )
    assert "Water rights" in [area.name for area in application.issue_areas.all()]
    coordinator_client.post(
        f"/admin/applications/edit/{application.pk}/", {"decision": "approve"}
    )

    application.refresh_from_db()
    assert "Water rights" in area_names(application.organization)


def test_an_applicants_area_accepted_after_approval_goes_to_the_new_profile(
    coordinator_client, directory
):
    application = MembershipApplicationFactory(organization_name="Harbor Water Watch")
    suggestion = IssueAreaSuggestion.objects.create(
        name="Water rights", application=application
    )
    coordinator_client.post(
        f"/admin/applications/edit/{application.pk}/", {"decision": "approve"}
    )

    coordinator_client.post(
        decide_url(suggestion), decision(decision="add", new_name="Water rights")
    )

    application.refresh_from_db()
    organization = MemberOrganizationPage.objects.get(pk=application.organization_id)
    assert "Water rights" in area_names(organization)
    assert not organization.has_unpublished_changes


def test_members_never_reach_the_suggestion_queue(client, editor_a, suggestion):
    client.force_login(editor_a)

    assert client.get("/admin/issue-area-suggestions/").status_code == 403
    assert (
        client.post(decide_url(suggestion), decision(decision="decline")).status_code
        == 403
    )
    suggestion.refresh_from_db()
    assert suggestion.is_pending
