import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from home.models import HomePage, NetworkSettings
from members.models import User

pytestmark = pytest.mark.django_db


def test_seed_network_builds_the_tree_and_a_second_run_changes_nothing(capsys):
    call_command("seed_network", "--orgs", "0")

    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page.specific == home
    section_slugs = {page.slug for page in home.get_children()}
    assert {"members", "issues", "campaigns", "calendar", "board"} <= section_slugs
    assert User.objects.get(username="coordinator").is_coordinator
    assert NetworkSettings.load().principles.count() == 6
    pages_before = Page.objects.count()
    users_before = User.objects.count()

    call_command("seed_network", "--if-empty")

    assert Page.objects.count() == pages_before
    assert User.objects.count() == users_before
    assert "already exists" in capsys.readouterr().out


def test_demo_home_page_renders(client):
    call_command("seed_network", "--orgs", "0")
    response = client.get("/")
    assert response.status_code == 200
    assert "Common Ground Human Rights Network" in response.content.decode()
