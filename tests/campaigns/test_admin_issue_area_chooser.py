"""Coordinators choose a campaign's or an event's issue areas from the curated list:
what they tick is kept, and a value outside the list is refused with a clear error,
never dropped silently."""

import pytest
from wagtail.admin.panels import get_edit_handler

from campaigns.admin_forms import CampaignAdminPageForm, EventAdminForm
from campaigns.models import CampaignPage, Event
from members.models import IssueArea

pytestmark = pytest.mark.django_db


def event_form(**changes):
    data = {
        "title": "Tenant rights briefing",
        "kind": "briefing",
        "date": "2026-07-18",
        "start_time": "14:00",
        "time_zone": "America/Chicago",
        **changes,
    }
    return data


def test_the_admin_forms_offer_the_curated_list_as_checkboxes():
    for model in (CampaignPage, Event):
        form_class = get_edit_handler(model).get_form_class()
        assert issubclass(form_class, (CampaignAdminPageForm, EventAdminForm))
        field = form_class.base_fields["issue_areas"]
        assert field.widget.input_type == "checkbox"
        assert set(field.queryset) == set(IssueArea.objects.all())


def test_an_event_keeps_every_issue_area_ticked(client, coordinator):
    housing, labor = IssueArea.objects.filter(slug__in=["housing", "labor"])
    client.force_login(coordinator)

    response = client.post(
        "/admin/campaigns/events/new/",
        event_form(issue_areas=[housing.pk, labor.pk]),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    event = Event.objects.get(title="Tenant rights briefing")
    assert set(event.issue_areas.all()) == {housing, labor}


@pytest.mark.parametrize("value", ["Water rights", "999999", "-1", "1e9"])
def test_a_value_outside_the_list_is_refused_and_the_rest_kept(
    client, coordinator, value
):
    client.force_login(coordinator)

    response = client.post(
        "/admin/campaigns/events/new/", event_form(issue_areas=[value])
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Select a valid choice" in page or "valid value" in page
    assert 'value="Tenant rights briefing"' in page  # nothing typed is lost
    assert not Event.objects.filter(title="Tenant rights briefing").exists()
