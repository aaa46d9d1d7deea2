"""Sign-ons in the admin: coordinators approve several at once from the listing,
each approval written to the audit log as a single one is, and every status reads
in words."""

import re

import pytest
from django.contrib.auth.models import Permission
from wagtail.models import ModelLogEntry

from campaigns.models import SignOn, SignOnStatus
from tests.factories import SignOnFactory, UserFactory

pytestmark = pytest.mark.django_db

BULK_APPROVE = "/admin/bulk/campaigns/signon/approve/"


@pytest.fixture
def signons(campaign, make_org):
    """Three sign-ons waiting for approval, and one declined."""
    waiting = [
        SignOnFactory(
            campaign=campaign,
            organization=make_org(name),
            status=SignOnStatus.PENDING,
            unlisted=name == "Quiet Harbor Collective",
        )
        for name in (
            "Riverside Tenants",
            "Quiet Harbor Collective",
            "Migrant Workers Centre",
        )
    ]
    declined = SignOnFactory(
        campaign=campaign,
        organization=make_org("Declined Alliance"),
        status=SignOnStatus.DECLINED,
    )
    return waiting, declined


def ids(*signons):
    return {"id": [signon.pk for signon in signons]}


def test_the_listing_offers_bulk_approval_and_reads_statuses_in_words(
    client, coordinator, signons
):
    waiting, declined = signons
    client.force_login(coordinator)

    page = client.get("/admin/campaigns/sign-ons/").content.decode()

    for signon in (*waiting, declined):
        assert f'data-object-id="{signon.pk}" data-bulk-action-checkbox' in page
        assert f'id="signon_{signon.pk}_title"' in page
    assert f'href="{BULK_APPROVE}"' in page
    tags = [
        (label, "w-status--primary" in classes)
        for classes, label in re.findall(
            r'<span class="w-status([^"]*)">\s*([^<]+?)\s*</span>', page
        )
    ]
    # Waiting ones stand out (primary); the unlisted signer is flagged.
    assert sorted(tags) == sorted(
        [("Waiting for approval", True)] * 3
        + [("Declined", False), ("Unlisted signer", True)]
    )
    for raw in (">pending<", ">declined<", ">True<", ">False<"):
        assert raw not in page


def test_a_coordinator_approves_three_sign_ons_at_once_each_audited(
    client, coordinator, signons
):
    waiting, declined = signons
    client.force_login(coordinator)

    confirmation = client.get(BULK_APPROVE, ids(*waiting, declined))
    assert confirmation.status_code == 200
    text = confirmation.content.decode()
    assert "Approve these 3 sign-ons?" in text
    assert "These are not waiting for approval and stay as they are" in text
    assert "Declined Alliance" in text

    response = client.post(
        BULK_APPROVE + "?" + "&".join(f"id={s.pk}" for s in (*waiting, declined)),
        {},
    )

    assert response.status_code == 302
    for signon in waiting:
        signon.refresh_from_db()
        assert signon.status == SignOnStatus.APPROVED
        assert signon.decided_by == coordinator and signon.decided_at is not None
    declined.refresh_from_db()
    assert declined.status == SignOnStatus.DECLINED
    entries = ModelLogEntry.objects.filter(
        action="wagtail.edit", content_type__model="signon"
    )
    assert sorted(int(entry.object_id) for entry in entries) == sorted(
        signon.pk for signon in waiting
    )
    assert {entry.user_id for entry in entries} == {coordinator.pk}


def test_a_single_approval_writes_the_same_audit_entry(client, coordinator, signons):
    signon = signons[0][0]
    client.force_login(coordinator)

    client.post(f"/admin/campaigns/sign-ons/edit/{signon.pk}/", {"status": "approved"})

    entry = ModelLogEntry.objects.get(content_type__model="signon")
    assert (entry.action, int(entry.object_id), entry.user_id) == (
        "wagtail.edit",
        signon.pk,
        coordinator.pk,
    )


@pytest.fixture
def staff_not_coordinator(db):
    """Someone who may open the admin but is not a coordinator."""
    user = UserFactory(username="editor")
    user.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    return user


def test_a_non_coordinator_is_refused_and_nothing_changes(
    client, staff_not_coordinator, org_admin, signons
):
    waiting, _ = signons
    query = "?" + "&".join(f"id={signon.pk}" for signon in waiting)
    for user in (staff_not_coordinator, org_admin):
        client.force_login(user)

        asked = client.get(BULK_APPROVE + query)
        posted = client.post(BULK_APPROVE + query, {})

        for response in (asked, posted):
            # Staff are told no (Wagtail's refusal: back to the dashboard, with
            # a message); a member without the admin is forbidden it.
            if user is staff_not_coordinator:
                assert (response.status_code, response["Location"]) == (302, "/admin/")
            else:
                assert response.status_code == 403
    client.force_login(staff_not_coordinator)
    told = client.get(BULK_APPROVE + query, follow=True).content.decode()
    assert "do not have permission" in told
    assert not SignOn.objects.filter(status=SignOnStatus.APPROVED).exists()
    assert not ModelLogEntry.objects.filter(content_type__model="signon").exists()


@pytest.mark.parametrize(
    "query", ["", "id=abc", "id=99999999999999999999", "id=-1", "id=1&id=1.5"]
)
def test_ids_that_name_no_sign_on_are_refused(client, coordinator, signons, query):
    client.force_login(coordinator)

    response = client.get(BULK_APPROVE + "?" + query)

    assert response.status_code == 404
    assert not SignOn.objects.filter(status=SignOnStatus.APPROVED).exists()


def test_select_all_approves_only_those_waiting(client, coordinator, signons):
    waiting, declined = signons
    client.force_login(coordinator)

    response = client.post(BULK_APPROVE + "?id=all", {})

    assert response.status_code == 302
    assert SignOn.objects.filter(status=SignOnStatus.APPROVED).count() == 3
    declined.refresh_from_db()
    assert declined.status == SignOnStatus.DECLINED
