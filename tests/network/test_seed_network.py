import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from home.models import HomePage, NetworkSettings
from members.models import User

pytestmark = pytest.mark.django_db


def test_the_demo_builds_its_tree_and_people_and_a_second_run_changes_nothing(
    capsys, client
):
    """One seeding checked several ways (each costs seconds): the tree, the home
    page, the printed default password, and --if-empty leaving it alone."""
    call_command("seed_network", "--orgs", "0")

    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page.specific == home
    section_slugs = {page.slug for page in home.get_children()}
    assert {"members", "issues", "campaigns", "calendar", "board"} <= section_slugs
    assert User.objects.get(username="coordinator").is_coordinator
    assert NetworkSettings.load().principles.count() == 6
    assert User.objects.get(username="maria").check_password("commonground-demo")
    assert "(password for all: commonground-demo)" in capsys.readouterr().out
    response = client.get("/")
    assert response.status_code == 200
    assert "Common Ground Human Rights Network" in response.content.decode()
    pages_before = Page.objects.count()
    users_before = User.objects.count()

    call_command("seed_network", "--if-empty")

    assert Page.objects.count() == pages_before
    assert User.objects.count() == users_before
    assert "already exists" in capsys.readouterr().out


def test_every_demo_person_signs_in_with_the_password_the_command_was_given(capsys):
    call_command("seed_network", "--orgs", "3", "--password", "a-passphrase-of-ours")

    people = User.objects.all()
    assert people.count() > len(["coordinator", "maria", "lena", "james", "sam"])
    assert all(person.check_password("a-passphrase-of-ours") for person in people)
    assert not any(person.check_password("commonground-demo") for person in people)
    assert "(password for all: a-passphrase-of-ours)" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_demo_emails_nobody_though_it_invites_colleagues_through_the_actions(
    mailoutbox,
):
    """Its people and addresses are invented: the invitations and the resource
    sent for review go through the real actions, whose mail is sent when the
    command's transaction commits, and none of it leaves."""
    from members.models import Invitation

    call_command("seed_network", "--orgs", "3", verbosity=0)

    assert Invitation.objects.filter(accepted_at__isnull=False).exists()
    assert Invitation.objects.filter(accepted_at__isnull=True).exists()
    assert mailoutbox == []
