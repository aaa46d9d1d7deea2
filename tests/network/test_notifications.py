"""What reaches people (network.notifications): notify() stores a notification
for each person who has not turned its kind off, after the action commits, and
emails those who asked for it at once — as text and HTML, with a signed
one-click unsubscribe — and only about what they may see when it is sent. The
list, its filters and read marks; the settings form; the unsubscribe link
against forged, reused and other people's tokens."""

import re

import pytest
from django.core import mail, signing

from network.notifications.emails import unsubscribe_token
from network.notifications.models import (
    Delivery,
    Notification,
    NotificationPreference,
)
from network.notifications.sending import notify
from tests.factories import (
    MembershipApplicationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tell(django_capture_on_commit_callbacks):
    """notify() as an action calls it, its commit callbacks run (the immediate
    task backend then stores and sends)."""

    def run(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            notify(*args, **kwargs)

    return run


def stored(user):
    return list(Notification.objects.filter(user=user).values_list("kind", flat=True))


def test_a_kind_by_email_is_stored_and_emailed_as_text_and_html(
    tell, admin_a, org_a, settings
):
    settings.WAGTAILADMIN_BASE_URL = "https://network.example.org"
    mail.outbox.clear()

    tell("new_member", [admin_a], organization=org_a)
    assert stored(admin_a) == ["new_member"]  # the digest's, by default: no email
    assert mail.outbox == []
    NotificationPreference.objects.create(
        user=admin_a, kind="profile_decided", delivery=Delivery.EMAIL
    )
    tell("profile_decided", [admin_a], organization=org_a, outcome="approved")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [admin_a.email]
    assert (
        message.subject == "The change to Org A Tenants United's profile was approved"
    )
    assert "https://network.example.org/account/organizations/" in message.body
    html = message.alternatives[0]
    assert html[1] == "text/html" and "Org A Tenants United" in html[0]
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<https://network.example.org/account/notifications/")
    assert (
        message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    )
    assert Notification.objects.get(kind="profile_decided").emailed_at is not None


def test_off_stores_nothing_and_the_author_is_never_told(
    tell, admin_a, editor_a, org_a
):
    NotificationPreference.objects.create(
        user=editor_a, kind="new_member", delivery=Delivery.OFF
    )

    tell("new_member", [admin_a, editor_a], organization=org_a, exclude=admin_a)

    assert stored(admin_a) == [] and stored(editor_a) == []


def test_a_once_only_key_tells_each_person_once(tell, admin_a, org_a):
    for _attempt in range(3):
        tell("profile_stale", [admin_a], organization=org_a, once_key="stale:1")

    assert stored(admin_a) == ["profile_stale"]


def test_unknown_kinds_and_targets_are_refused(admin_a):
    with pytest.raises(ValueError):
        notify("no_such_kind", [admin_a])
    with pytest.raises(TypeError):
        notify("new_member", [admin_a], thread=1)


def test_nothing_hidden_reaches_anyone_who_may_not_see_it(
    tell, admin_a, editor_a, org_b, user_b, coordinator
):
    """Canary: a hidden organization's name is in no list and no email of
    another organization's staff, though they were (wrongly) chosen; its own
    staff and the coordinators still hear."""
    for person in (admin_a, user_b):
        NotificationPreference.objects.create(
            user=person, kind="new_member", delivery=Delivery.EMAIL
        )
    mail.outbox.clear()

    tell("new_member", [admin_a, user_b, coordinator], organization=org_b)

    assert [m.to for m in mail.outbox] == [[user_b.email]]
    assert all(org_b.title not in m.body for m in mail.outbox if m.to != [user_b.email])
    from members.viewer import Viewer

    assert not Notification.objects.readable_by(Viewer.for_user(admin_a)).exists()
    assert Notification.objects.readable_by(Viewer.for_user(coordinator)).count() == 1


def test_coordinators_kinds_are_read_only_by_coordinators(tell, admin_a, coordinator):
    application = MembershipApplicationFactory()
    tell("new_application", [admin_a, coordinator], application=application)
    from members.viewer import Viewer

    assert not Notification.objects.readable_by(Viewer.for_user(admin_a)).exists()
    assert Notification.objects.readable_by(Viewer.for_user(coordinator)).count() == 1


# --- The list ------------------------------------------------------------------------


def many_notifications(user, organization, count):
    Notification.objects.bulk_create(
        Notification(user=user, kind="new_member", organization=organization)
        for _ in range(count)
    )


def test_the_list_filters_paginates_and_marks_read(client, admin_a, org_a):
    many_notifications(admin_a, org_a, 25)
    Notification.objects.create(user=admin_a, kind="profile_stale", organization=org_a)
    client.force_login(admin_a)

    first = client.get("/account/notifications/").content.decode()
    assert "26 unread." in first and "Page 1 of 2" in first
    stale = client.get("/account/notifications/?kind=profile_stale").content.decode()
    assert stale.count("notification--unread") == 1
    one = Notification.objects.get(kind="profile_stale")
    client.post("/account/notifications/", {"mark": one.pk, "next": "/"})
    assert Notification.objects.unread().filter(user=admin_a).count() == 25
    unread = client.get("/account/notifications/?show=unread&kind=profile_stale")
    assert "notification--unread" not in unread.content.decode()
    client.post("/account/notifications/", {"mark": "all"})
    assert not Notification.objects.unread().filter(user=admin_a).exists()


@pytest.mark.parametrize(
    "query",
    ["?kind=nonsense", "?show=everything", "?page=9", "?page=x", "?sort=old"],
)
def test_a_list_that_cannot_be_shown_says_so(client, admin_a, org_a, query):
    many_notifications(admin_a, org_a, 3)
    client.force_login(admin_a)

    response = client.get(f"/account/notifications/{query}")

    assert response.status_code == 400
    assert "That did not work" in response.content.decode()


def test_coordinators_kinds_are_no_filter_for_others(client, admin_a):
    client.force_login(admin_a)
    assert client.get("/account/notifications/?kind=new_application").status_code == 400


@pytest.mark.parametrize("mark", ["", "some", "-1", "1.5"])
def test_marking_nonsense_read_changes_nothing(client, admin_a, org_a, mark):
    many_notifications(admin_a, org_a, 2)
    client.force_login(admin_a)

    response = client.post("/account/notifications/", {"mark": mark})

    assert response.status_code == 400
    assert Notification.objects.unread().count() == 2


def test_another_persons_notification_cannot_be_marked(
    client, admin_a, editor_a, org_a
):
    many_notifications(editor_a, org_a, 1)
    theirs = Notification.objects.get()
    client.force_login(admin_a)

    client.post("/account/notifications/", {"mark": theirs.pk})

    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_list_asks_to_sign_in(client):
    response = client.get("/account/notifications/")
    assert response.status_code == 302 and "/accounts/login/" in response.url


# --- Settings ---------------------------------------------------------------------


def every_choice(response):
    form = response.context["form"]
    return {name: form[name].initial for name in form.fields}


def test_settings_save_only_what_differs_from_the_default(client, admin_a):
    client.force_login(admin_a)
    data = every_choice(client.get("/account/notifications/settings/"))
    assert data["mention"] == "email" and data["new_member"] == "digest"
    assert "new_application" not in data  # a coordinator's kind
    data.update(mention="in_app", digest="off")

    response = client.post("/account/notifications/settings/", data)

    assert response.status_code == 302
    assert dict(
        NotificationPreference.objects.filter(user=admin_a).values_list(
            "kind", "delivery"
        )
    ) == {"mention": "in_app", "digest": "off"}


@pytest.mark.parametrize(
    "change",
    [
        {"drop": "mention"},
        {"extra": {"new_application": "email"}},
        {"extra": {"surprise": "1"}},
        {"extra": {"mention": "loud"}},
    ],
)
def test_a_settings_post_missing_or_gaining_a_field_changes_nothing(
    client, admin_a, change
):
    client.force_login(admin_a)
    data = every_choice(client.get("/account/notifications/settings/"))
    data["reply"] = "off"
    if "drop" in change:
        del data[change["drop"]]
    data.update(change.get("extra", {}))

    response = client.post("/account/notifications/settings/", data)

    assert response.status_code == 400
    assert not NotificationPreference.objects.exists()


# --- Unsubscribe ------------------------------------------------------------------


def test_one_click_unsubscribe_keeps_the_kind_on_the_site_only(client, admin_a):
    address = (
        f"/account/notifications/unsubscribe/{unsubscribe_token(admin_a, 'mention')}/"
    )

    shown = client.get(address)
    assert shown.status_code == 200 and not NotificationPreference.objects.exists()
    response = client.post(address, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert NotificationPreference.objects.get(user=admin_a).delivery == "in_app"
    # Used again: a clear answer, nothing changed.
    again = client.post(address).content.decode()
    assert "You already get no emails" in again
    assert NotificationPreference.objects.count() == 1


def test_the_digest_unsubscribe_turns_the_digest_off(client, admin_a):
    token = unsubscribe_token(admin_a, "digest")
    client.post(f"/account/notifications/unsubscribe/{token}/")
    assert (
        NotificationPreference.objects.get(user=admin_a, kind="digest").delivery
        == "off"
    )


def forged(admin_a):
    good = unsubscribe_token(admin_a, "mention")
    return [
        good[:-3] + ("abc" if not good.endswith("abc") else "xyz"),
        signing.dumps({"u": admin_a.pk, "k": "mention"}, salt="another.salt"),
        signing.dumps(
            {"u": admin_a.pk, "k": "mention"},
            key="not-the-secret",
            salt="network.notifications.unsubscribe",
        ),
        unsubscribe_token(admin_a, "no_such_kind"),
        "nonsense",
    ]


def test_forged_and_unknown_tokens_are_refused(client, admin_a):
    for token in forged(admin_a):
        response = client.post(f"/account/notifications/unsubscribe/{token}/")
        assert response.status_code == 400, token
        assert "not valid" in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_another_persons_token_does_not_act_for_the_signed_in_person(
    client, admin_a, editor_a
):
    client.force_login(editor_a)
    token = unsubscribe_token(admin_a, "mention")

    response = client.post(f"/account/notifications/unsubscribe/{token}/")

    assert response.status_code == 400
    assert "sent to someone else" in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_the_emails_unsubscribe_link_is_the_one_that_works(
    tell, client, admin_a, org_a
):
    NotificationPreference.objects.create(
        user=admin_a, kind="new_member", delivery=Delivery.EMAIL
    )
    mail.outbox.clear()
    tell("new_member", [admin_a], organization=org_a)
    header = mail.outbox[0].extra_headers["List-Unsubscribe"]
    path = re.search(r"https?://[^/]+(/[^>]+)>", header).group(1)
    assert path in mail.outbox[0].body

    client.post(path)

    assert (
        NotificationPreference.objects.get(user=admin_a, kind="new_member").delivery
        == "in_app"
    )
    mail.outbox.clear()
    tell("new_member", [admin_a], organization=org_a)
    assert mail.outbox == [] and stored(admin_a).count("new_member") == 2


def header_badge(response):
    html = response.content.decode()
    found = re.search(r'<header class="site-header">.*?</header>', html, re.S)
    badge = re.search(r"data-board-notifications>([^<]*)</span>", found[0])
    return None if badge is None else badge[1].strip()


def test_every_page_header_counts_what_the_person_may_read_unread(
    client, admin_a, org_a, directory
):
    from tests.factories import MemberOrganizationPageFactory

    many_notifications(admin_a, org_a, 4)
    first = Notification.objects.filter(user=admin_a).first()
    Notification.objects.filter(pk=first.pk).update(read_at="2026-01-01T00:00:00Z")
    # About an organization hidden from admin_a: neither counted nor named.
    hidden = MemberOrganizationPageFactory(
        parent=directory, title="Quiet Defenders", visibility="hidden"
    )
    Notification.objects.create(user=admin_a, kind="new_member", organization=hidden)
    client.force_login(admin_a)
    for path in ["/", "/account/", "/account/notifications/"]:
        assert header_badge(client.get(path)) == "3", path
    Notification.objects.filter(user=admin_a).update(read_at="2026-01-01T00:00:00Z")
    assert header_badge(client.get("/")) == ""


def test_visitors_have_no_badge(client, directory):
    assert header_badge(client.get("/")) is None
