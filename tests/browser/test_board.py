"""The board in a real browser: two members of different organizations see each
other's posts live, a coordinator's hide removes a post from both, and every board
page is clean, self-contained and accessible for a signed-in member."""

import time

import pytest

from network.models import Post, Thread
from tests.browser.accessibility import blocking_violations
from tests.browser.conftest import DEMO_PASSWORD, PageWatch, save_screenshot, sign_in

LIVE = "Live: new posts appear as they are written."


def open_signed_in(browser, live_server_url, username):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.watch = PageWatch(page, live_server_url)
    sign_in(page, live_server_url, username, DEMO_PASSWORD)
    # Signing in lands on /account/, which another issue builds; start clean.
    page.watch.console_errors.clear()
    return context, page


def shared_thread():
    """A thread in a general room every member may read, on its last page."""
    return Thread.objects.select_related("room").filter(room__slug="welcome").first()


def test_a_post_appears_live_for_another_organization_and_vanishes_when_hidden(
    browser, live_server_url
):
    thread = shared_thread()
    url = f"{live_server_url}{thread.get_absolute_url()}?page=last"
    contexts = []
    try:
        context_a, maria = open_signed_in(browser, live_server_url, "maria")
        context_b, sam = open_signed_in(browser, live_server_url, "sam")
        contexts += [context_a, context_b]
        for page in (maria, sam):
            page.goto(url)
            page.get_by_text(LIVE).wait_for(timeout=5000)

        text = f"Live check {time.time_ns()}"
        maria.get_by_label("Your reply").fill(text)
        started = time.perf_counter()
        maria.get_by_role("button", name="Post reply").click()
        sam.get_by_text(text).wait_for(timeout=1000)
        latency = time.perf_counter() - started
        print(  # noqa: T201
            "browser delivery latency (submit in one context → shown in the "
            f"other): {latency * 1000:.0f} ms"
        )
        assert latency < 1.0
        save_screenshot(sam, "board-thread-live")
        # Sam's page did not reload: its socket delivered the post.
        assert sam.evaluate("performance.getEntriesByType('navigation').length") == 1
        maria.get_by_text(text).wait_for(timeout=5000)
        maria.get_by_text(LIVE).wait_for(timeout=5000)

        post = Post.objects.get(body=text)
        context_c, coordinator = open_signed_in(browser, live_server_url, "coordinator")
        contexts.append(context_c)
        coordinator.goto(f"{live_server_url}{post.get_absolute_url()}")
        coordinator.locator(f"#post-{post.pk}").get_by_role(
            "button", name="Hide"
        ).click()
        coordinator.wait_for_load_state()
        for page in (maria, sam):
            page.get_by_text(text).wait_for(state="detached", timeout=3000)
        save_screenshot(sam, "board-thread-after-hide")
        for page in (maria, sam):
            assert page.watch.console_errors == []
            assert page.watch.foreign_requests == []
    finally:
        for context in contexts:
            context.close()


BOARD_PAGES = [
    ("home-member-live-threads", lambda: "/"),
    ("board-index", lambda: "/board/"),
    ("board-room", lambda: shared_thread().room.get_absolute_url()),
    ("board-thread", lambda: shared_thread().get_absolute_url()),
    ("notifications", lambda: "/account/notifications/"),
    ("notification-settings", lambda: "/account/notifications/settings/"),
    ("saved-searches", lambda: "/account/notifications/searches/"),
    ("notifications-es", lambda: "/es/account/notifications/"),
    (
        "board-flag",
        lambda: (
            f"/board/posts/{shared_thread().posts.exclude(author__username='maria').first().pk}/flag/"
        ),
    ),
]


@pytest.mark.parametrize(("name", "path"), BOARD_PAGES)
def test_signed_in_board_pages_are_clean_and_accessible(
    browser, live_server_url, name, path
):
    context, page = open_signed_in(browser, live_server_url, "maria")
    try:
        response = page.goto(f"{live_server_url}{path()}")
        page.wait_for_load_state("networkidle")
        assert response.status == 200
        save_screenshot(page, name)
        assert page.watch.console_errors == []
        assert page.watch.foreign_requests == []
        assert blocking_violations(page) == []
    finally:
        context.close()
