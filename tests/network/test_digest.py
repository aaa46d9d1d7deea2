"""The weekly digest: built from the person's issue areas, through their
Viewer (canaries: a hidden organization and members-only contacts never in it),
in the same number of queries at any size, and sent in batches."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from network.notifications.digest import build_digest, digest_recipients, send_digests
from network.notifications.models import Delivery, Notification, NotificationPreference
from tests.factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    EventFactory,
    MemberOrganizationPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def week(directory, home_page, org_a, admin_a):
    housing = org_a.issue_areas.get()

    def member(title, visibility, **fields):
        page = MemberOrganizationPageFactory(
            parent=directory,
            title=title,
            visibility=visibility,
            first_published_at=timezone.now(),
            **fields,
        )
        page.issue_areas.set([housing])
        page.save()
        return page

    member("Tenants Together", "members", contact_email="secret@together.example")
    member("Quiet Shelter Network", "hidden")
    index = CampaignIndexPageFactory(parent=home_page)
    CampaignPageFactory(
        parent=index,
        title="Homes for all",
        issue_areas=[housing],
        first_published_at=timezone.now(),
    )
    EventFactory(
        title="Housing hearing",
        date=timezone.localdate() + datetime.timedelta(days=3),
        issue_areas=[housing],
    )
    return housing


def text(digest):
    return "\n".join(
        f"{section.heading}: " + " | ".join(item for item, _address in section.items)
        for section in digest.sections
    )


def test_the_digest_holds_the_week_in_the_persons_issue_areas(week, admin_a):
    shown = text(build_digest(admin_a))

    assert "Tenants Together" in shown
    assert "Homes for all" in shown
    assert "Housing hearing" in shown
    assert "Quiet Shelter Network" not in shown  # hidden: never named
    assert "Org A Tenants United" not in shown  # their own organization


def test_a_kind_taken_out_of_the_digest_leaves_it(week, admin_a):
    NotificationPreference.objects.create(
        user=admin_a, kind="new_member", delivery=Delivery.EMAIL
    )
    assert "Tenants Together" not in text(build_digest(admin_a))


def test_the_digest_email_names_nothing_hidden_nor_members_only_details(
    week, admin_a, user_b
):
    mail.outbox.clear()
    send_digests(digest_recipients())

    sent = {message.to[0]: message for message in mail.outbox}
    digest = sent[admin_a.email]
    assert digest.subject == "Your week in the network"
    assert "Tenants Together" in digest.body
    for message in mail.outbox:
        assert "secret@together.example" not in message.body
        body = message.body + message.alternatives[0][0]
        if message.to != [user_b.email]:
            assert "Quiet Shelter Network" not in body
    assert "List-Unsubscribe" in digest.extra_headers


def test_the_digests_notifications_are_marked_and_not_sent_twice(week, admin_a, org_a):
    Notification.objects.create(
        user=admin_a, kind="reply_to_nothing"[:0] or "profile_stale", organization=org_a
    )
    NotificationPreference.objects.create(
        user=admin_a, kind="profile_stale", delivery=Delivery.DIGEST
    )
    assert "Is Org A Tenants United's profile still right?" in text(
        build_digest(admin_a)
    )

    send_digests(digest_recipients().filter(pk=admin_a.pk))

    assert Notification.objects.get(kind="profile_stale").digested_at is not None
    assert "still right" not in text(build_digest(admin_a))


def test_turning_the_digest_off_takes_the_person_out(week, admin_a):
    NotificationPreference.objects.create(
        user=admin_a, kind="digest", delivery=Delivery.OFF
    )
    assert admin_a not in digest_recipients()


def test_building_a_digest_takes_the_same_queries_at_any_size(week, admin_a, directory):
    def count():
        with CaptureQueriesContext(connection) as captured:
            build_digest(admin_a)
        return len(captured)

    def grow(start, stop):
        for number in range(start, stop):
            page = MemberOrganizationPageFactory(
                parent=directory,
                title=f"Grown {number}",
                visibility="public",
                first_published_at=timezone.now(),
            )
            page.issue_areas.set([week])
            page.save()
            EventFactory(
                date=timezone.localdate() + datetime.timedelta(days=2),
                issue_areas=[week],
            )

    build_digest(admin_a)  # the site's root paths, cached as on any page
    few = count()
    grow(0, 15)
    assert count() == few


def test_a_dry_run_prints_one_persons_digest(week, admin_a):
    out = StringIO()
    mail.outbox.clear()

    call_command("send_digests", "--dry-run", "--user", "admin_a", stdout=out)

    printed = out.getvalue()
    assert printed.startswith(f"To: {admin_a.email}\nSubject: Your week in the network")
    assert "Tenants Together" in printed
    assert "Built 1 digests" in printed
    assert mail.outbox == []
