"""The coordinators' desk in the Wagtail admin: queue, decisions, audit log,
dashboard panel, and the permissions coordinators hold."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from wagtail.models import ModelLogEntry

from members.models import (
    COORDINATORS_GROUP,
    ApplicationStatus,
    Invitation,
    IssueAreaSuggestion,
    MemberOrganizationPage,
    Membership,
    MembershipApplication,
    User,
)
from tests.conftest import pass_two_factor
from tests.factories import (
    IssueAreaFactory,
    MembershipApplicationFactory,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("two_factor_required"),
]


@pytest.fixture
def application(directory):
    housing = IssueAreaFactory(name="Housing", slug="housing")
    return MembershipApplicationFactory(
        organization_name="Riverside Tenants Union",
        summary="Tenants organizing tenants.",
        mission="We meet weekly.\n\nWe fight <evictions>.",
        contact_name="Ana Lopez",
        contact_email="ana@riverside.example.org",
        visibility="hidden",
        city="Riverside",
        region="California",
        issue_areas=[housing],
    )


def decide(client, application, **data):
    return client.post(f"/admin/applications/edit/{application.pk}/", data)


def test_approval_creates_the_profile_membership_and_a_single_use_invitation(
    coordinator_client, coordinator, application, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(coordinator_client, application, decision="approve")

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert application.decided_by == coordinator
    assert application.decided_at is not None
    organization = application.organization
    assert organization.live
    assert organization.title == "Riverside Tenants Union"
    assert organization.visibility == "hidden"
    # Stored as the applicant typed it; the page escapes it (see the next test).
    assert organization.mission == "We meet weekly.\n\nWe fight <evictions>."
    assert [area.slug for area in organization.issue_areas.all()] == ["housing"]
    contact = User.objects.get(email="ana@riverside.example.org")
    assert not contact.has_usable_password()
    assert Membership.objects.get(user=contact, organization=organization).role == (
        "admin"
    )
    invitation = Invitation.objects.get(organization=organization)
    assert invitation.role == "admin" and invitation.is_usable
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ana@riverside.example.org"]
    link = re.search(r"/accounts/invitations/([\w-]+)/", message.body)
    assert link is not None
    assert link.group(1) not in invitation.token_hash  # only a digest is stored
    entry = ModelLogEntry.objects.get(
        action="members.application.approve", object_id=str(application.pk)
    )
    assert entry.user == coordinator
    assert entry.timestamp is not None


def test_approval_keeps_the_paragraphs_a_browser_sent(coordinator_client, application):
    """Browsers send textarea line breaks as \\r\\n."""
    MembershipApplication.objects.filter(pk=application.pk).update(
        mission="We meet weekly.\r\n\r\nWe fight <evictions> & win."
    )

    decide(coordinator_client, application, decision="approve")

    application.refresh_from_db()
    profile = coordinator_client.get(application.organization.url).content.decode()
    assert "<p>We meet weekly.</p>" in profile
    assert "<p>We fight &lt;evictions&gt; &amp; win.</p>" in profile


def test_emails_are_plain_text_with_names_as_typed(
    coordinator_client, application, django_capture_on_commit_callbacks
):
    """Plain-text mail must not carry HTML escapes: "O'Neil & Sons" stays so."""
    MembershipApplication.objects.filter(pk=application.pk).update(
        organization_name="Workers' Rights & Dignity Center",
        contact_name="Ana O'Neil",
    )
    with django_capture_on_commit_callbacks(execute=True):
        decide(coordinator_client, application, decision="approve")

    (message,) = mail.outbox
    assert "Workers' Rights & Dignity Center" in message.body
    assert "Workers' Rights & Dignity Center" in message.subject
    # The address is not confirmed yet: the contact's name is not repeated to it.
    assert "Ana O'Neil" not in message.body
    assert "&#x27;" not in message.body + message.subject
    assert "&amp;" not in message.body + message.subject


def test_a_decision_the_action_refuses_keeps_the_form_and_the_reason_typed(
    coordinator_client, application, monkeypatch
):
    """E.g. another coordinator decided in between: the action refuses after the
    form's own checks passed. The coordinator sees why, with their words kept."""
    from django.core.exceptions import ValidationError

    from members.admin_desk import applications

    def decided_meanwhile(*args, **kwargs):
        raise ValidationError("This application was already decided.")

    monkeypatch.setattr(applications, "do_decline_application", decided_meanwhile)

    response = decide(
        coordinator_client,
        application,
        decision="decline",
        decision_reason="Outside our region, sorry.",
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "This application was already decided." in html
    assert "Outside our region, sorry." in html


def test_decline_needs_a_reason_and_emails_it(
    coordinator_client, coordinator, application, django_capture_on_commit_callbacks
):
    response = decide(coordinator_client, application, decision="decline")
    assert response.status_code == 200
    assert "Give the applicant a reason" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED

    with django_capture_on_commit_callbacks(execute=True):
        response = decide(
            coordinator_client,
            application,
            decision="decline",
            decision_reason="We admit organizations based in the United States.",
        )

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DECLINED
    assert application.decided_by == coordinator
    assert MemberOrganizationPage.objects.count() == 0
    assert "We admit organizations based in the United States." in mail.outbox[0].body
    entry = ModelLogEntry.objects.get(action="members.application.decline")
    assert entry.user == coordinator
    assert entry.data["reason"].startswith("We admit")


def test_a_decided_application_cannot_be_decided_again(coordinator_client, application):
    decide(coordinator_client, application, decision="approve")

    response = decide(coordinator_client, application, decision="approve")

    assert response.status_code == 200
    assert "already decided" in response.content.decode()
    assert MemberOrganizationPage.objects.count() == 1


def test_the_decision_history_shows_who_decided_and_when(
    coordinator_client, application
):
    decide(coordinator_client, application, decision="approve")

    response = coordinator_client.get(f"/admin/applications/history/{application.pk}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Application approved" in html


def test_the_queue_filters_by_status_issue_area_and_state_and_searches(
    coordinator_client, directory
):
    housing = IssueAreaFactory(name="Housing", slug="housing")
    labor = IssueAreaFactory(name="Labor", slug="labor")
    MembershipApplicationFactory(
        organization_name="Alpha Housing Group", region="Arizona", issue_areas=[housing]
    )
    MembershipApplicationFactory(
        organization_name="Beta Workers Center",
        region="Texas",
        issue_areas=[labor],
        status="declined",
    )

    def names(query):
        response = coordinator_client.get(f"/admin/applications/?{query}")
        assert response.status_code == 200
        html = response.content.decode()
        return {
            name
            for name in ("Alpha Housing Group", "Beta Workers Center")
            if name in html
        }

    assert names("") == {"Alpha Housing Group", "Beta Workers Center"}
    assert names("status=submitted") == {"Alpha Housing Group"}
    assert names("status=declined") == {"Beta Workers Center"}
    assert names(f"issue_areas={labor.pk}") == {"Beta Workers Center"}
    assert names("subdivision=US-AZ") == {"Alpha Housing Group"}
    assert names("country=US") == {"Alpha Housing Group", "Beta Workers Center"}
    assert names("q=Workers") == {"Beta Workers Center"}


def test_the_dashboard_panel_lists_pending_applications_and_recent_profile_edits(
    coordinator_client, org_a, editor_a
):
    MembershipApplicationFactory(organization_name="Pending Collective")
    MembershipApplicationFactory(organization_name="Old Refusal", status="declined")
    org_a.save_revision(user=editor_a)

    response = coordinator_client.get("/admin/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Network desk" in html
    assert "1 application waiting for a decision" in html
    assert "Pending Collective" in html
    assert "Old Refusal" not in html
    assert "Org A Tenants United" in html


def test_the_dashboard_panel_query_count_does_not_grow_with_data(
    coordinator, directory, rf, django_assert_num_queries
):
    from members.admin_desk.dashboard import NetworkDeskPanel
    from tests.factories import MemberOrganizationPageFactory

    request = rf.get("/admin/")
    request.user = coordinator

    def render():
        return NetworkDeskPanel().render_html({"request": request})

    render()  # warm the content-type cache
    for number in range(2):
        MembershipApplicationFactory(organization_name=f"Small {number}")
        MemberOrganizationPageFactory(parent=directory).save_revision()
    with django_assert_num_queries(7):
        html = render()
    assert "Small 1" in html
    for number in range(30):
        MembershipApplicationFactory(organization_name=f"Big {number}")
        MemberOrganizationPageFactory(parent=directory).save_revision()
    for number in range(3):
        IssueAreaSuggestion.objects.create(name=f"Suggested {number}")
    with django_assert_num_queries(7):
        html = render()
    assert "30 applications" not in html and "32 applications" in html
    assert "3 suggested issue areas waiting for review" in html


def test_coordinators_need_two_factor_before_the_admin(client, coordinator):
    client.force_login(coordinator)

    response = client.get("/admin/applications/")

    assert response.status_code == 302
    assert (
        response["Location"] == "/accounts/two-factor/?next=%2Fadmin%2Fapplications%2F"
    )
    pass_two_factor(client, coordinator)
    assert client.get("/admin/applications/").status_code == 200


def test_superusers_need_two_factor_too(client):
    admin = User.objects.create_superuser("root", "root@example.org", "x-long-pass")
    client.force_login(admin)

    assert client.get("/admin/").status_code == 302
    pass_two_factor(client, admin)
    assert client.get("/admin/").status_code == 200


def test_the_admin_sign_in_page_redirects_to_the_throttled_one(client):
    response = client.get("/admin/login/?next=/admin/pages/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2Fpages%2F"


def test_the_coordinators_group_has_exactly_the_permissions_it_needs():
    group = Group.objects.get(name=COORDINATORS_GROUP)

    assert set(
        group.permissions.values_list("content_type__app_label", "codename")
    ) == {
        ("wagtailadmin", "access_admin"),
        ("members", "add_issuearea"),
        ("members", "change_issuearea"),
        ("members", "view_issuearea"),
        ("members", "change_membershipapplication"),
        ("members", "view_membershipapplication"),
        ("members", "change_issueareasuggestion"),
        ("members", "view_issueareasuggestion"),
        ("home", "change_networksettings"),
    }
    assert set(
        group.page_permissions.values_list("permission__codename", flat=True)
    ) == {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"}
    assert set(
        group.collection_permissions.values_list("permission__codename", flat=True)
    ) == {
        "add_image",
        "change_image",
        "choose_image",
        "add_document",
        "change_document",
        "choose_document",
    }


def test_a_coordinator_cannot_delete_applications_or_manage_users(
    coordinator_client, application
):
    assert (
        coordinator_client.get(
            f"/admin/applications/delete/{application.pk}/"
        ).status_code
        == 302
    )
    assert MembershipApplication.objects.filter(pk=application.pk).exists()
    assert coordinator_client.get("/admin/users/").status_code == 302
    assert coordinator_client.get("/admin/groups/").status_code == 302


def test_coordinators_edit_and_publish_profiles_including_membership_status(
    coordinator_client, coordinator, org_a
):
    permissions = org_a.permissions_for_user(coordinator)
    assert permissions.can_edit()
    assert permissions.can_publish()
    response = coordinator_client.get(f"/admin/pages/{org_a.pk}/edit/")
    assert response.status_code == 200
    assert 'name="membership_status"' in response.content.decode()


def test_only_network_staff_groups_remain_and_no_stray_workflow_sits_on_the_tree():
    """Wagtail's generic Editors and Moderators would reach the admin without being
    network staff; their 'Moderators approval' workflow would wait on nobody."""
    from wagtail.models import Page, Workflow

    assert list(Group.objects.values_list("name", flat=True)) == [COORDINATORS_GROUP]
    root = Page.get_first_root_node()
    assert root.get_workflow() is None
    assert not Workflow.objects.filter(name="Moderators approval", active=True).exists()
