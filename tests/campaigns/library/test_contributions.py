"""Members contribute resources from /account/resources/: review, authorization and
bad input."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import WorkflowState

from campaigns.library.contributions import do_submit_resource
from campaigns.library.documents import MAX_UPLOAD_BYTES
from campaigns.models import ResourcePage
from tests.factories import ResourcePageFactory, UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% a small test file\n"


def form_data(orgs, areas, **overrides):
    data = {
        "organization": orgs["public"].pk,
        "title": "Heat safety plan",
        "summary": "Checking on neighbors during heat waves.",
        "body_text": "First paragraph.\n\nSecond paragraph.",
        "kind": "toolkit",
        "publication_date": "2026-06-01",
        "language": "en",
        "visibility": "public",
        "issue_areas": [areas["housing"].pk, areas["health"].pk],
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def approve(page, coordinator):
    state = page.current_workflow_state
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, coordinator, "approve")


def test_visitors_are_sent_to_sign_in(client, library):
    response = client.get("/account/resources/new/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_signed_in_person_without_an_organization_may_not_contribute(client, library):
    client.force_login(UserFactory(username="no-org"))

    response = client.get("/account/resources/new/")

    assert response.status_code == 403
    assert b"Only for member organizations" in response.content


def test_member_submits_a_resource_that_waits_for_review(
    client, library, orgs, areas, member
):
    client.force_login(member)
    upload = SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf")

    response = client.post(
        "/account/resources/new/",
        form_data(orgs, areas, document=upload, document_title="The plan (PDF)"),
    )

    assert response.status_code == 302
    page = ResourcePage.objects.get(title="Heat safety plan")
    assert not page.live
    assert page.submitting_organization == orgs["public"]
    assert [c.organization for c in page.contributors.all()] == [orgs["public"]]
    assert set(page.issue_areas.all()) == {areas["housing"], areas["health"]}
    assert page.document_items.get().document.title == "The plan (PDF)"
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    client.logout()
    assert b"Heat safety plan" not in client.get("/resources/").content
    client.force_login(member)
    listing = client.get("/account/resources/")
    assert b"Heat safety plan" in listing.content
    assert b"Waiting for a coordinator" in listing.content


def test_coordinator_approval_publishes_it_and_credits_the_organization(
    client, library, orgs, areas, member, coordinator
):
    client.force_login(member)
    client.post("/account/resources/new/", form_data(orgs, areas))
    page = ResourcePage.objects.get(title="Heat safety plan")

    approve(page, coordinator)

    page.refresh_from_db()
    assert page.live
    client.logout()
    html = client.get("/resources/?issue=housing").content.decode()
    assert "Heat safety plan" in html
    assert "Riverside Tenants Union" in html
    assert "First paragraph." in client.get(page.url).content.decode()


def test_edits_go_to_review_and_the_live_version_stays_until_approved(
    client, library, orgs, areas, member, coordinator
):
    client.force_login(member)
    client.post("/account/resources/new/", form_data(orgs, areas))
    page = ResourcePage.objects.get(title="Heat safety plan")
    approve(page, coordinator)

    form = client.get(f"/account/resources/{page.pk}/edit/")
    assert b'value="Heat safety plan"' in form.content
    response = client.post(
        f"/account/resources/{page.pk}/edit/",
        form_data(orgs, areas, title="Heat safety plan, revised"),
    )

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "Heat safety plan"  # live version unchanged
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    approve(page, coordinator)
    page.refresh_from_db()
    assert page.title == "Heat safety plan, revised"


def test_a_member_cannot_edit_another_organizations_resource(
    client, library, orgs, areas, other_member
):
    theirs = ResourcePageFactory(
        parent=library,
        title="Their toolkit",
        submitting_organization=orgs["public"],
        organizations=[orgs["public"]],
    )
    client.force_login(other_member)

    get = client.get(f"/account/resources/{theirs.pk}/edit/")
    post = client.post(
        f"/account/resources/{theirs.pk}/edit/",
        form_data(orgs, areas, organization=orgs["members"].pk, title="Hijacked"),
    )

    assert get.status_code == 404
    assert post.status_code == 404
    theirs.refresh_from_db()
    assert theirs.title == "Their toolkit"
    assert theirs.get_latest_revision_as_object().title == "Their toolkit"


def test_guessing_ids_answers_404_alike_for_missing_and_forbidden(
    client, library, orgs, other_member
):
    theirs = ResourcePageFactory(
        parent=library, title="Theirs", submitting_organization=orgs["public"]
    )
    client.force_login(other_member)

    for resource_id in (theirs.pk, theirs.pk + 1000, library.pk, 0):
        response = client.get(f"/account/resources/{resource_id}/edit/")
        assert response.status_code == 404, resource_id


def test_a_member_cannot_submit_in_another_organizations_name(
    client, library, orgs, areas, member
):
    client.force_login(member)

    response = client.post(
        "/account/resources/new/",
        form_data(orgs, areas, organization=orgs["members"].pk),
    )

    assert response.status_code == 200
    assert "organization" in response.context["form"].errors
    assert not ResourcePage.objects.filter(title="Heat safety plan").exists()


def test_the_action_refuses_an_organization_the_user_does_not_belong_to(
    library, orgs, member
):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        do_submit_resource(
            member,
            library,
            {
                "organization": orgs["members"],
                "title": "Sneaky",
                "summary": "x",
                "kind": "toolkit",
                "publication_date": datetime.date(2026, 1, 1),
                "language": "en",
                "visibility": "public",
            },
        )


def test_a_hidden_organization_cannot_be_credited_by_outsiders(
    client, library, orgs, areas, member
):
    client.force_login(member)

    response = client.post(
        "/account/resources/new/",
        form_data(orgs, areas, contributors=[orgs["hidden"].pk]),
    )

    assert response.status_code == 200
    assert "contributors" in response.context["form"].errors
    assert "Nightjar Defenders Collective" not in response.content.decode()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("payload.exe", b"MZ\x90\x00", "not accepted"),
        ("page.html", b"<script>alert(1)</script>", "not accepted"),
        ("fake.pdf", b"<html><script>alert(1)</script></html>", "not a PDF"),
        ("fake.docx", b"%PDF-1.4 not a zip", "not a valid docx"),
        ("binary.txt", b"\xff\xfe\x00\x01", "UTF-8"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_bad_uploads_are_refused_with_a_clear_message_and_typing_kept(
    client, library, orgs, areas, member, name, content, message
):
    client.force_login(member)
    upload = SimpleUploadedFile(name, content)

    response = client.post(
        "/account/resources/new/", form_data(orgs, areas, document=upload)
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'value="Heat safety plan"' in html  # what they typed is kept
    assert "Checking on neighbors during heat waves." in html
    assert not ResourcePage.objects.exists()


def test_oversized_uploads_are_refused(client, library, orgs, areas, member):
    client.force_login(member)
    upload = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * MAX_UPLOAD_BYTES)

    response = client.post(
        "/account/resources/new/", form_data(orgs, areas, document=upload)
    )

    assert response.status_code == 200
    assert "the limit is 10.0" in response.content.decode()
    assert not ResourcePage.objects.exists()


def test_script_in_titles_and_file_names_is_shown_as_text(
    client, library, orgs, areas, member, coordinator
):
    client.force_login(member)
    upload = SimpleUploadedFile('<script>alert("x")</script>.pdf', PDF)
    client.post(
        "/account/resources/new/",
        form_data(
            orgs,
            areas,
            title='<script>alert("t")</script> guide',
            body_text="<img src=x onerror=alert(1)>",
            document=upload,
            document_title="<b>bold</b> file",
        ),
    )
    page = ResourcePage.objects.get()
    approve(page, coordinator)
    page.refresh_from_db()
    document = page.document_items.get().document

    html = client.get(page.url).content.decode()
    listing = client.get("/resources/").content.decode()

    assert "<script>alert" not in html
    assert "<script>alert" not in listing
    assert "&lt;script&gt;" in html
    assert "<img src=x" not in html
    assert "<b>bold</b>" not in html
    assert "<" not in document.filename
    assert client.get(document.url).status_code == 200


def test_un_submissions_must_name_their_mechanism(client, library, orgs, areas, member):
    client.force_login(member)

    missing = client.post(
        "/account/resources/new/", form_data(orgs, areas, kind="un-submission")
    )
    no_body = client.post(
        "/account/resources/new/",
        form_data(orgs, areas, kind="un-submission", un_mechanism="treaty-body"),
    )

    assert "un_mechanism" in missing.context["form"].errors
    assert "treaty_body" in no_body.context["form"].errors
    assert not ResourcePage.objects.exists()


def test_a_un_submission_records_mechanism_session_state_and_cosigners(
    client, library, orgs, areas, member, coordinator
):
    client.force_login(member)
    client.post(
        "/account/resources/new/",
        form_data(
            orgs,
            areas,
            title="UPR joint submission",
            kind="un-submission",
            un_mechanism="upr",
            session="Fourth cycle, 2025",
            reviewed_state="US",
            cosigners=[orgs["members"].pk],
        ),
    )
    page = ResourcePage.objects.get()
    approve(page, coordinator)
    page.refresh_from_db()

    assert page.mechanism_label == "Universal Periodic Review"
    assert page.reviewed_state_name == "United States"
    assert [c.organization for c in page.cosigners.all()] == [orgs["members"]]
    client.logout()
    html = client.get(page.url).content.decode()
    assert "Fourth cycle, 2025" in html
    assert "United States" in html
    # A visitor sees the members-only co-signer as "a member organization".
    assert "Quiet Harbor Legal Aid" not in html
    assert "a member organization" in html


def test_a_bad_date_and_missing_fields_say_what_is_wrong(
    client, library, orgs, areas, member
):
    client.force_login(member)

    response = client.post(
        "/account/resources/new/",
        form_data(orgs, areas, title="", publication_date="next tuesday"),
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "title" in errors
    assert "publication_date" in errors
    assert b"Please correct the problems below." in response.content


def test_editing_keeps_credits_to_organizations_the_editor_cannot_see(
    client, library, orgs, areas, member, coordinator
):
    resource = ResourcePageFactory(
        parent=library,
        title="Joint toolkit",
        submitting_organization=orgs["public"],
        organizations=[orgs["public"], orgs["hidden"]],
        cosigners=[orgs["hidden"]],
    )
    client.force_login(member)

    form = client.get(f"/account/resources/{resource.pk}/edit/")
    response = client.post(
        f"/account/resources/{resource.pk}/edit/",
        form_data(orgs, areas, title="Joint toolkit, revised"),
    )

    assert "Nightjar Defenders Collective" not in form.content.decode()
    assert response.status_code == 302
    approve(resource, coordinator)
    resource.refresh_from_db()
    assert resource.title == "Joint toolkit, revised"
    assert {c.organization for c in resource.contributors.all()} == {
        orgs["public"],
        orgs["hidden"],
    }
    assert [c.organization for c in resource.cosigners.all()] == [orgs["hidden"]]


def test_the_account_page_links_to_our_resources(client, library, member):
    client.force_login(member)

    html = client.get("/account/").content.decode()

    assert 'href="/account/resources/"' in html


def test_editing_keeps_the_description_as_typed_and_the_coordinators_blocks(
    client, library, orgs, areas, member, coordinator
):
    client.force_login(member)
    typed = "Tom & Jerry's plan.\r\n\r\nCall 5 > 3 neighbors."
    client.post("/account/resources/new/", form_data(orgs, areas, body_text=typed))
    page = ResourcePage.objects.get(title="Heat safety plan")
    approve(page, coordinator)
    # A coordinator adds a heading in the admin.
    page.refresh_from_db()
    page.body.append(("heading", {"text": "Before the heat", "level": "h2"}))
    page.save_revision(user=coordinator).publish()

    form = client.get(f"/account/resources/{page.pk}/edit/").content.decode()
    assert "Tom &amp; Jerry&#x27;s plan." in form  # shown once-escaped, as typed
    client.post(
        f"/account/resources/{page.pk}/edit/",
        form_data(
            orgs,
            areas,
            title="Heat safety plan, revised",
            body_text="Tom & Jerry's plan.\n\nCall 5 > 3 neighbors.",
        ),
    )
    page.refresh_from_db()
    approve(page, coordinator)
    page.refresh_from_db()

    assert page.title == "Heat safety plan, revised"
    assert [block.block_type for block in page.body] == [
        "paragraph",
        "paragraph",
        "heading",
    ]
    assert page.body[0].value.source == "<p>Tom &amp; Jerry&#x27;s plan.</p>"
