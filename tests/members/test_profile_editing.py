"""Members editing their own organization's profile at /account/…"""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.models import WorkflowState

from members.models import MemberOrganizationPage
from members.viewer import ANONYMOUS, Viewer
from tests.conftest import pass_two_factor
from tests.members.profile_forms import profile_data

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("two_factor_required"),
]


def edit_url(org):
    return f"/account/organizations/{org.pk}/profile/"


def image_file(size=(200, 200), image_format="PNG", name="logo.png", exif=None):
    buffer = BytesIO()
    options = {"exif": exif} if exif is not None else {}
    Image.new("RGB", size, "#1d5c63").save(buffer, format=image_format, **options)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_edits_publish_at_once_when_the_network_does_not_review(
    client, editor_a, org_a, network_settings
):
    network_settings.member_edits_need_review = False
    network_settings.save()
    client.force_login(editor_a)

    response = client.post(edit_url(org_a), profile_data(org_a, summary="New summary."))

    assert response.status_code == 302
    org_a.refresh_from_db()
    assert org_a.summary == "New summary."
    assert not org_a.has_unpublished_changes
    assert org_a.live_revision.user == editor_a
    state = client.get(f"/account/organizations/{org_a.pk}/").content.decode()
    assert "Published" in state


def test_edits_wait_for_coordinator_review_when_the_network_asks(
    client, editor_a, org_a, network_settings, coordinator
):
    network_settings.member_edits_need_review = True
    network_settings.save()
    client.force_login(editor_a)

    client.post(edit_url(org_a), profile_data(org_a, summary="Reviewed summary."))

    org_a.refresh_from_db()
    assert org_a.summary != "Reviewed summary."  # the live profile is unchanged
    assert org_a.has_unpublished_changes
    workflow_state = org_a.current_workflow_state
    assert workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    overview = client.get(f"/account/organizations/{org_a.pk}/").content.decode()
    assert "Waiting for review" in overview
    # The form shows the member's pending version, not the live one.
    assert "Reviewed summary." in client.get(edit_url(org_a)).content.decode()

    # A second edit while in review joins the same review.
    client.post(edit_url(org_a), profile_data(org_a, summary="Second try."))
    assert WorkflowState.objects.filter(object_id=str(org_a.pk)).count() == 1

    workflow_state.current_task_state.approve(user=coordinator)
    org_a.refresh_from_db()
    assert org_a.summary == "Second try."
    assert (
        "Published"
        in client.get(f"/account/organizations/{org_a.pk}/").content.decode()
    )


def test_a_rejected_edit_shows_the_coordinators_comment_and_resubmits(
    client, editor_a, org_a, coordinator
):
    client.force_login(editor_a)
    client.post(edit_url(org_a), profile_data(org_a, summary="Too vague."))
    org_a.refresh_from_db()
    org_a.current_workflow_state.current_task_state.reject(
        user=coordinator, comment="Please name the city you work in."
    )

    overview = client.get(f"/account/organizations/{org_a.pk}/").content.decode()
    assert "Coordinators asked for changes" in overview
    assert "Please name the city you work in." in overview

    client.post(edit_url(org_a), profile_data(org_a, summary="Clearer now."))
    org_a.refresh_from_db()
    assert org_a.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_a_visibility_change_applies_at_once_even_while_other_edits_wait(
    client, editor_a, org_a, network_settings
):
    from wagtail.models import Page

    assert network_settings.member_edits_need_review
    visitor_view = MemberOrganizationPage.objects.visible_to(ANONYMOUS)
    assert visitor_view.filter(pk=org_a.pk).exists()
    assert org_a.pk in [page.pk for page in visitor_view.search("Tenants United")]
    client.force_login(editor_a)

    client.post(
        edit_url(org_a),
        profile_data(org_a, summary="Pending text.", visibility="hidden"),
    )

    org_a.refresh_from_db()
    assert org_a.visibility == "hidden"
    assert org_a.summary != "Pending text."  # content still waits for review
    assert not visitor_view.filter(pk=org_a.pk).exists()
    assert org_a.pk not in [page.pk for page in visitor_view.search("Tenants United")]
    assert org_a.pk not in [
        page.pk
        for page in Page.objects.live().search("Tenants United")
        if MemberOrganizationPage.objects.visible_to(ANONYMOUS)
        .filter(pk=page.pk)
        .exists()
    ]
    client.logout()
    assert client.get(org_a.url).status_code == 404
    # Publishing the pending revision later cannot undo the choice.
    revision = org_a.get_latest_revision()
    assert revision.content["visibility"] == "hidden"
    revision.publish(skip_permission_checks=True)
    org_a.refresh_from_db()
    assert org_a.visibility == "hidden"


def test_a_directory_listing_follows_visibility_for_members_too(
    client, editor_a, org_a, user_b
):
    client.force_login(editor_a)
    client.post(edit_url(org_a), profile_data(org_a, visibility="members"))

    assert (
        MemberOrganizationPage.objects.visible_to(Viewer.for_user(user_b))
        .filter(pk=org_a.pk)
        .exists()
    )
    assert (
        not MemberOrganizationPage.objects.visible_to(ANONYMOUS)
        .filter(pk=org_a.pk)
        .exists()
    )

    client.post(edit_url(org_a), profile_data(org_a, visibility="hidden"))
    user_b = type(user_b).objects.get(pk=user_b.pk)  # a fresh request's user
    assert (
        not MemberOrganizationPage.objects.visible_to(Viewer.for_user(user_b))
        .filter(pk=org_a.pk)
        .exists()
    )
    assert (
        MemberOrganizationPage.objects.visible_to(Viewer.for_user(editor_a))
        .filter(pk=org_a.pk)
        .exists()
    )


def test_a_failed_edit_keeps_what_was_typed_and_saves_nothing(client, editor_a, org_a):
    client.force_login(editor_a)
    revisions_before = org_a.revisions.count()

    response = client.post(
        edit_url(org_a),
        profile_data(
            org_a,
            summary="Kept summary text",
            city="12 Main St",
            website="nope",
            founded_year="3000",
            contact_phone="ring ring",
            issue_areas=[],
        ),
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "Kept summary text" in html
    assert "without a street address" in html
    assert "full web address" in html
    assert "cannot be in the future" in html
    assert "digits, spaces" in html
    assert "Choose at least one issue area." in html
    assert org_a.revisions.count() == revisions_before


def test_a_logo_upload_is_re_encoded_without_metadata(
    client, editor_a, org_a, network_settings
):
    network_settings.member_edits_need_review = False
    network_settings.save()
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # camera make
    upload = image_file(image_format="JPEG", name="logo.jpg", exif=exif.tobytes())
    client.force_login(editor_a)

    response = client.post(edit_url(org_a), {**profile_data(org_a), "logo": upload})

    assert response.status_code == 302
    org_a.refresh_from_db()
    assert org_a.logo is not None
    with org_a.logo.file.open() as stored, Image.open(stored) as image:
        assert not image.getexif()
        assert image.size == (200, 200)


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("logo.png", b"not an image at all"),
            "not an image we can read",
        ),
        (image_file(image_format="GIF", name="logo.gif"), "JPEG, PNG or WebP"),
        (image_file(size=(4100, 10)), "at most 4000 pixels"),
        (image_file(size=(20, 20)), "too small"),
        (
            SimpleUploadedFile("huge.png", b"\x89PNG" + b"0" * (2 * 1024 * 1024 + 1)),
            "2 MB or less",
        ),
    ],
)
def test_logo_uploads_outside_the_limits_are_refused_clearly(
    client, editor_a, org_a, upload, message
):
    client.force_login(editor_a)

    response = client.post(edit_url(org_a), {**profile_data(org_a), "logo": upload})

    assert response.status_code == 400
    assert message in response.content.decode()
    org_a.refresh_from_db()
    assert org_a.logo is None


def test_a_member_previews_their_own_revisions(client, editor_a, org_a):
    client.force_login(editor_a)
    client.post(edit_url(org_a), profile_data(org_a, summary="Draft summary."))
    revision = org_a.revisions.order_by("-pk").first()

    response = client.get(
        f"/account/organizations/{org_a.pk}/revisions/{revision.pk}/preview/"
    )

    assert response.status_code == 200
    assert "Draft summary." in response.content.decode()


def test_suspended_organizations_lose_member_access(client, editor_a, org_a):
    MemberOrganizationPage.objects.filter(pk=org_a.pk).update(
        membership_status="suspended"
    )
    client.force_login(editor_a)

    assert client.get(f"/account/organizations/{org_a.pk}/").status_code == 404
    assert client.get(edit_url(org_a)).status_code == 404
    assert client.post(edit_url(org_a), profile_data(org_a)).status_code == 404
    account = client.get("/account/").content.decode()
    assert "membership is suspended" in account
    assert (
        not MemberOrganizationPage.objects.visible_to(ANONYMOUS)
        .filter(pk=org_a.pk)
        .exists()
    )


def test_a_coordinator_edits_profiles_in_the_admin_not_the_member_form(
    client, coordinator, org_a
):
    client.force_login(coordinator)
    pass_two_factor(client, coordinator)

    assert client.get(edit_url(org_a)).status_code == 404
    assert client.get(f"/admin/pages/{org_a.pk}/edit/").status_code == 200


def test_hiding_an_organization_leaves_the_rendered_directory_and_search_at_once(
    client, editor_a, org_a, user_b, network_settings
):
    """Through the pages people use: the directory, its search and the profile, for
    a visitor and for staff of another organization, right after the edit."""
    assert network_settings.member_edits_need_review
    others = {"visitor": None, "another organization's staff": user_b}
    for user in others.values():
        client.logout()
        if user is not None:
            client.force_login(user)
        assert org_a.title in client.get("/members/").content.decode()
        assert org_a.title in client.get("/members/?q=tenants").content.decode()

    client.force_login(editor_a)
    response = client.post(edit_url(org_a), profile_data(org_a, visibility="hidden"))
    assert response.status_code == 302

    for label, user in others.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        directory = client.get("/members/").content.decode()
        search = client.get("/members/?q=tenants").content.decode()
        assert org_a.title not in directory, label
        assert org_a.title not in search, label
        assert client.get(org_a.url).status_code == 404, label
    client.force_login(editor_a)
    assert org_a.title in client.get("/members/?q=tenants").content.decode()


def test_a_save_made_since_the_form_opened_is_not_overwritten_silently(
    client, editor_a, admin_a, org_a
):
    import re

    from django.test import Client

    client.force_login(editor_a)
    opened = client.get(edit_url(org_a)).content.decode()
    based_on = re.search(r'name="based_on" value="(\d+)"', opened).group(1)
    colleague = Client()
    colleague.force_login(admin_a)
    colleague.post(edit_url(org_a), profile_data(org_a, summary="The admin's words."))
    revisions = org_a.revisions.count()

    data = profile_data(org_a, summary="The editor's words.", based_on=based_on)
    refused = client.post(edit_url(org_a), data)

    html = refused.content.decode()
    assert refused.status_code == 400
    assert "Someone saved changes to this profile after you opened this form" in html
    assert "The editor&#x27;s words." in html
    assert org_a.revisions.count() == revisions
    # Having seen the warning, saving again goes through.
    newer = re.search(r'name="based_on" value="(\d+)"', html).group(1)
    assert newer != based_on
    resaved = client.post(edit_url(org_a), {**data, "based_on": newer})
    assert resaved.status_code == 302
    assert org_a.revisions.count() == revisions + 1


def test_the_first_save_of_a_page_never_saved_as_a_revision_is_guarded_too(
    client, directory
):
    """Demo and imported profiles start without revisions."""
    import re

    from django.test import Client

    from tests.factories import (
        IssueAreaFactory,
        MembershipFactory,
        UserFactory,
        build_organization,
    )

    org = build_organization(
        directory, title="Never Revised", issue_areas=[IssueAreaFactory()]
    )
    assert org.latest_revision_id is None
    first, second = UserFactory(), UserFactory()
    for user in (first, second):
        MembershipFactory(user=user, organization=org, role="editor")
    client.force_login(first)
    opened = client.get(edit_url(org)).content.decode()
    based_on = re.search(r'name="based_on" value="(\d+)"', opened).group(1)
    other = Client()
    other.force_login(second)
    assert other.post(edit_url(org), profile_data(org)).status_code == 302

    response = client.post(edit_url(org), profile_data(org, based_on=based_on))

    assert response.status_code == 400
    assert "Someone saved changes" in response.content.decode()
