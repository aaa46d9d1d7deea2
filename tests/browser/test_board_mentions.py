"""Mention suggestions in a real browser: typing @ and a few letters of a name
in the reply box offers the organizations and people the writer may name as an
accessible listbox; arrows and Enter put the mention in, Escape closes it, and
the posted mention links to the organization."""

import re

from members.models import MemberOrganizationPage, User
from members.viewer import Viewer
from network.models import Post
from tests.browser.accessibility import blocking_violations
from tests.browser.conftest import save_screenshot
from tests.browser.test_board import open_signed_in, shared_thread


def a_nameable_organization(username):
    """An organization the person may name whose title starts with a word of
    at least four letters, and that word."""
    viewer = Viewer.for_user(User.objects.get(username=username))
    for organization in MemberOrganizationPage.objects.nameable_to(viewer).order_by(
        "title"
    ):
        word = organization.title.split()[0]
        if len(word) >= 4 and word.isalpha():
            return organization, word
    raise AssertionError("the demo has no organization to mention")


def test_typing_at_offers_names_and_inserts_the_chosen_mention(
    browser, live_server_url
):
    organization, word = a_nameable_organization("maria")
    thread = shared_thread()
    context, page = open_signed_in(browser, live_server_url, "maria")
    try:
        page.goto(f"{live_server_url}{thread.get_absolute_url()}?page=last")
        box = page.get_by_label("Your reply")
        listbox = page.get_by_role("listbox")
        box.click()
        box.press_sequentially(f"Thanks @{word[:4]}", delay=30)
        listbox.wait_for(state="visible", timeout=5000)
        assert box.get_attribute("role") == "combobox"
        assert box.get_attribute("aria-expanded") == "true"
        assert box.get_attribute("aria-controls") == listbox.get_attribute("id")
        active = box.get_attribute("aria-activedescendant")
        options = listbox.get_by_role("option")
        assert 1 <= options.count() <= 8
        assert page.locator(f"#{active}").get_attribute("aria-selected") == "true"
        labels = [options.nth(i).inner_text() for i in range(options.count())]
        assert any(organization.title in label for label in labels), labels
        save_screenshot(page, "board-mention-suggestions")
        assert blocking_violations(page) == []

        # Move to the organization with the arrows, then Enter puts it in.
        target = next(
            i for i, label in enumerate(labels) if organization.title in label
        )
        for _ in range(target):
            box.press("ArrowDown")
        assert (
            page.locator(f"#{box.get_attribute('aria-activedescendant')}")
            .inner_text()
            .startswith(organization.title)
        )
        box.press("Enter")
        assert box.input_value() == f"Thanks @{organization.slug} "
        assert listbox.is_hidden()
        assert box.get_attribute("aria-expanded") == "false"
        assert box.get_attribute("aria-activedescendant") is None

        # Escape closes the list and leaves what was typed.
        box.press_sequentially(f"and @{word[:3]}", delay=30)
        listbox.wait_for(state="visible", timeout=5000)
        box.press("Escape")
        assert listbox.is_hidden()
        assert box.input_value() == f"Thanks @{organization.slug} and @{word[:3]}"

        # A person, by their surname, chosen with the pointer: @~username.
        sam = User.objects.get(username="sam")
        box.fill("")
        box.press_sequentially(f"Ask @{sam.last_name[:4]}", delay=30)
        listbox.wait_for(state="visible", timeout=5000)
        listbox.get_by_role("option", name=sam.get_full_name()).click()
        assert box.input_value() == "Ask @~sam "
        assert listbox.is_hidden()

        # The mention is plain text in the form: posted, it links.
        box.fill(f"Thanks @{organization.slug} for the letter.")
        page.get_by_role("button", name="Post reply").click()
        page.get_by_text("for the letter.").first.wait_for(timeout=5000)
        post = Post.objects.filter(thread=thread).latest("pk")
        assert re.search(r'<a [^>]*class="mention"', post.html), post.html
        assert page.watch.console_errors == []
        assert page.watch.foreign_requests == []
    finally:
        context.close()
