"""Members keeping their links elsewhere (social media and the like) current from
the profile form at /account/…, under the same review and visibility rules as the
rest of the profile."""

import pytest

from members.models import OrganizationLink
from tests.members.profile_forms import links_data, profile_data

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("two_factor_required"),
]


def edit_url(org):
    return f"/account/organizations/{org.pk}/profile/"


@pytest.fixture
def publish_at_once(network_settings):
    network_settings.member_edits_need_review = False
    network_settings.save()


@pytest.fixture
def org_with_links(org_a):
    org_a.social_links = [
        OrganizationLink(label="Bluesky", url="https://bsky.example/tenants"),
        OrganizationLink(label="YouTube", url="https://video.example/tenants"),
    ]
    org_a.save_revision().publish()
    return org_a


def saved_links(org):
    return list(
        OrganizationLink.objects.filter(organization=org)
        .order_by("sort_order")
        .values_list("label", "url")
    )


def test_the_form_lists_the_links_and_an_empty_row(client, editor_a, org_with_links):
    client.force_login(editor_a)

    html = client.get(edit_url(org_with_links)).content.decode()

    assert 'value="https://bsky.example/tenants"' in html
    assert 'value="https://video.example/tenants"' in html
    assert 'name="links-TOTAL_FORMS" value="3"' in html  # two saved, one empty
    assert "Add another link" in html


def test_links_are_added_changed_removed_and_kept_in_order(
    client, editor_a, org_with_links, publish_at_once
):
    client.force_login(editor_a)
    data = profile_data(org_with_links)
    data.update(
        links_data(
            [
                ("Bluesky", "https://bsky.example/tenants-united"),  # changed
                ("YouTube", "https://video.example/tenants"),
                ("Mastodon", "https://social.example/@tenants"),  # added
            ],
            initial=2,
        )
    )
    data["links-1-DELETE"] = "on"

    response = client.post(edit_url(org_with_links), data)

    assert response.status_code == 302
    assert saved_links(org_with_links) == [
        ("Bluesky", "https://bsky.example/tenants-united"),
        ("Mastodon", "https://social.example/@tenants"),
    ]
    profile = client.get(org_with_links.url).content.decode()
    assert 'href="https://social.example/@tenants"' in profile
    assert "video.example" not in profile


def test_a_link_without_a_name_is_named_after_its_site(
    client, editor_a, org_a, publish_at_once
):
    client.force_login(editor_a)
    data = {
        **profile_data(org_a),
        **links_data([("", "https://www.instagram.example/tenants")], initial=0),
    }

    assert client.post(edit_url(org_a), data).status_code == 302

    assert saved_links(org_a) == [
        ("instagram.example", "https://www.instagram.example/tenants")
    ]


def test_clearing_both_fields_removes_a_link_and_empty_rows_are_ignored(
    client, editor_a, org_with_links, publish_at_once
):
    client.force_login(editor_a)
    data = {
        **profile_data(org_with_links),
        **links_data(
            [("", ""), ("YouTube", "https://video.example/tenants"), ("", "")],
            initial=2,
        ),
    }

    assert client.post(edit_url(org_with_links), data).status_code == 302

    assert saved_links(org_with_links) == [("YouTube", "https://video.example/tenants")]


@pytest.mark.parametrize(
    ("label", "url", "message"),
    [
        ("Old site", "ftp://files.example/tenants", "Enter a full web address"),
        ("Trick", "javascript:alert(1)", "Enter a full web address"),
        ("Typo", "not a web address", "Enter a full web address"),
        ("Bluesky", "", "Add the address, or clear the name too."),
        ("A" * 61, "https://bsky.example/x", "at most 60 characters"),
    ],
)
def test_bad_links_are_refused_clearly_and_nothing_typed_is_lost(
    client, editor_a, org_with_links, label, url, message
):
    client.force_login(editor_a)
    revisions_before = org_with_links.revisions.count()
    data = {
        **profile_data(org_with_links, summary="A summary typed with the link"),
        **links_data(
            [("Bluesky", "https://bsky.example/tenants"), (label, url)], initial=1
        ),
    }

    response = client.post(edit_url(org_with_links), data)

    html = response.content.decode()
    assert response.status_code == 400
    assert "Please correct the problems below." in html
    assert message in html
    assert "A summary typed with the link" in html
    assert f'value="{label}"' in html
    assert org_with_links.revisions.count() == revisions_before
    assert saved_links(org_with_links) == [
        ("Bluesky", "https://bsky.example/tenants"),
        ("YouTube", "https://video.example/tenants"),
    ]


def test_the_same_address_twice_is_refused(client, editor_a, org_a):
    client.force_login(editor_a)
    data = {
        **profile_data(org_a),
        **links_data(
            [
                ("Bluesky", "https://bsky.example/tenants"),
                ("Bluesky again", "https://bsky.example/tenants/"),
            ],
            initial=0,
        ),
    }

    response = client.post(edit_url(org_a), data)

    assert response.status_code == 400
    assert "This address is already in your links." in response.content.decode()
    assert saved_links(org_a) == []


def test_more_than_eight_links_are_refused(client, editor_a, org_a):
    client.force_login(editor_a)
    nine = [(f"Site {n}", f"https://site{n}.example/tenants") for n in range(9)]

    response = client.post(
        edit_url(org_a), {**profile_data(org_a), **links_data(nine, initial=0)}
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "List up to 8 links." in html
    assert 'value="https://site8.example/tenants"' in html  # still on the page
    assert saved_links(org_a) == []


def test_a_form_without_its_links_part_is_refused_without_losing_the_rest(
    client, editor_a, org_with_links
):
    client.force_login(editor_a)
    data = profile_data(org_with_links, summary="Typed before the links broke")
    for key in [key for key in data if key.startswith("links-")]:
        del data[key]

    response = client.post(edit_url(org_with_links), data)

    html = response.content.decode()
    assert response.status_code == 400
    assert "Your links could not be read." in html
    assert "Typed before the links broke" in html
    assert len(saved_links(org_with_links)) == 2


def test_link_changes_wait_for_review_like_the_rest_of_the_profile(
    client, editor_a, org_with_links, network_settings, coordinator
):
    assert network_settings.member_edits_need_review
    client.force_login(editor_a)
    # Both saved links ticked for removal, and a new one added.
    data = {
        **profile_data(org_with_links),
        **links_data(
            [
                ("Bluesky", "https://bsky.example/tenants"),
                ("YouTube", "https://video.example/tenants"),
                ("Mastodon", "https://social.example/@tenants"),
            ],
            initial=2,
        ),
        "links-0-DELETE": "on",
        "links-1-DELETE": "on",
    }

    assert client.post(edit_url(org_with_links), data).status_code == 302

    # The live profile keeps its links until a coordinator approves.
    assert len(saved_links(org_with_links)) == 2
    assert "bsky.example" in client.get(org_with_links.url).content.decode()
    # The member's form and preview show the pending version.
    assert (
        "social.example/@tenants"
        in client.get(edit_url(org_with_links)).content.decode()
    )
    org_with_links.refresh_from_db()
    revision = org_with_links.get_latest_revision()
    preview = client.get(
        f"/account/organizations/{org_with_links.pk}/revisions/{revision.pk}/preview/"
    ).content.decode()
    assert "Mastodon (https://social.example/@tenants)" in preview

    org_with_links.current_workflow_state.current_task_state.approve(user=coordinator)

    assert saved_links(org_with_links) == [
        ("Mastodon", "https://social.example/@tenants")
    ]


def test_links_of_an_organization_hidden_from_visitors_stay_hidden(
    client, editor_a, org_with_links, publish_at_once
):
    client.force_login(editor_a)
    client.post(
        edit_url(org_with_links), profile_data(org_with_links, visibility="members")
    )
    client.logout()

    assert client.get(org_with_links.url).status_code == 404
    assert "bsky.example" not in client.get("/members/").content.decode()
