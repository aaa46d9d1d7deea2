"""Coordinators choose a campaign's or an event's issue areas from the curated list,
through the Wagtail admin's own edit views: what they tick is kept, and a value
outside the list is refused with a clear error, with nothing else they typed lost.
The tag field that was there before took a typed name and, confirmed with Enter,
dropped it."""

import re

import pytest
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from campaigns.models import CampaignPage, Event
from tests.factories import IssueAreaFactory

pytestmark = pytest.mark.django_db

UNKNOWN_VALUES = ["Water rights", "999999", "-1", "1e9", "99999999999999999999"]


@pytest.fixture
def areas(db):
    return [
        IssueAreaFactory(name="Housing", slug="housing"),
        IssueAreaFactory(name="Labor rights", slug="labor-rights"),
        IssueAreaFactory(name="Immigration", slug="immigration"),
    ]


def campaign_edit_form(campaign, issue_areas):
    """What the campaign editor posts when a coordinator clicks Publish."""
    data = nested_form_data(
        {
            "title": campaign.title,
            "slug": campaign.slug,
            "summary": "Every family housed with dignity.",
            "ask": campaign.ask,
            "body": streamfield([]),
            "status": campaign.status,
            "signon_statement": rich_text("<p>We call for change.</p>"),
            "accepts_pledges": "on",
            "organization_links": inline_formset([]),
            "updates": inline_formset([]),
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    # A list, as checkboxes post it (nested_form_data would number its items).
    return {**data, "issue_areas": issue_areas}


def event_form(**changes):
    return {
        "title": "Tenant rights briefing",
        "kind": "briefing",
        "date": "2026-07-18",
        "start_time": "14:00",
        "time_zone": "America/Chicago",
        **changes,
    }


def test_the_campaign_editor_offers_the_curated_list_and_says_where_it_is_kept(
    client, coordinator, campaign, areas
):
    client.force_login(coordinator)

    page = client.get(f"/admin/pages/{campaign.pk}/edit/").content.decode()

    for area in areas:
        assert f'type="checkbox" name="issue_areas" value="{area.pk}"' in page
    assert "Taxonomy › Issue areas" in page
    assert 'data-controller="w-tag"' not in page  # no free-typed tag field


def test_publishing_a_campaign_keeps_both_issue_areas_ticked(
    client, coordinator, campaign, areas
):
    housing, labor, _ = areas
    client.force_login(coordinator)

    response = client.post(
        f"/admin/pages/{campaign.pk}/edit/",
        campaign_edit_form(campaign, issue_areas=[housing.pk, labor.pk]),
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    published = CampaignPage.objects.get(pk=campaign.pk)
    assert published.live and not published.has_unpublished_changes
    assert set(published.issue_areas.all()) == {housing, labor}
    assert published.summary == "Every family housed with dignity."


@pytest.mark.parametrize("value", UNKNOWN_VALUES)
def test_a_campaign_issue_area_outside_the_list_is_refused_and_nothing_is_lost(
    client, coordinator, campaign, areas, value
):
    housing = areas[0]
    client.force_login(coordinator)

    response = client.post(
        f"/admin/pages/{campaign.pk}/edit/",
        campaign_edit_form(campaign, issue_areas=[housing.pk, value]),
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert f"“{value}” is not in the network&#x27;s list of issue areas" in page
    # What was typed is still in the form, and the ticked area still ticked.
    assert "Every family housed with dignity." in page
    assert re.search(rf'name="issue_areas" value="{housing.pk}"[^>]* checked', page)
    unchanged = CampaignPage.objects.get(pk=campaign.pk)
    assert unchanged.summary != "Every family housed with dignity."
    assert list(unchanged.issue_areas.all()) == []


def test_an_event_keeps_every_issue_area_ticked(client, coordinator, areas):
    housing, labor, _ = areas
    client.force_login(coordinator)

    response = client.post(
        "/admin/campaigns/events/new/",
        event_form(issue_areas=[housing.pk, labor.pk]),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    event = Event.objects.get(title="Tenant rights briefing")
    assert set(event.issue_areas.all()) == {housing, labor}


@pytest.mark.parametrize("value", UNKNOWN_VALUES)
def test_an_event_issue_area_outside_the_list_is_refused_and_the_rest_kept(
    client, coordinator, areas, value
):
    client.force_login(coordinator)

    response = client.post(
        "/admin/campaigns/events/new/", event_form(issue_areas=[value])
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert f"“{value}” is not in the network&#x27;s list of issue areas" in page
    assert 'value="Tenant rights briefing"' in page  # nothing typed is lost
    assert not Event.objects.filter(title="Tenant rights briefing").exists()


def models_tagged_with_issue_areas():
    from django.apps import apps
    from taggit.managers import TaggableManager
    from wagtail.models import Page

    # Those coordinators edit in the admin: pages, and models with panels.
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in {"members", "campaigns", "home", "network"}
        and (issubclass(model, Page) or hasattr(model, "panels"))
        and any(
            isinstance(field, TaggableManager) and field.name == "issue_areas"
            for field in model._meta.get_fields()
        )
    ]


def test_the_class_is_every_model_tagged_with_issue_areas():
    names = {model.__name__ for model in models_tagged_with_issue_areas()}

    assert {
        "MemberOrganizationPage",
        "CampaignPage",
        "Event",
        "NewsPage",
        "ResourcePage",
    } <= names


@pytest.mark.parametrize(
    "model", models_tagged_with_issue_areas(), ids=lambda model: model.__name__
)
def test_every_admin_form_of_a_tagged_model_ticks_the_curated_list(
    model, coordinator, areas
):
    from wagtail.admin.panels import get_edit_handler

    form_class = get_edit_handler(model).get_form_class()
    form = form_class(instance=model(), for_user=coordinator)

    field = form.fields["issue_areas"]
    assert field.widget.input_type == "checkbox"
    assert set(field.queryset) >= set(areas)
    assert "Taxonomy › Issue areas" in str(field.help_text)
