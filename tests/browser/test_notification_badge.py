"""The header's unread badge, live: a page that shows nothing of the board still
hears over the socket when someone mentions the person, and the count rises
without a reload."""

import time

from network.models import Notification, Thread
from tests.browser.conftest import save_screenshot
from tests.browser.test_board import LIVE, open_signed_in


def unread_for(username):
    return Notification.objects.filter(
        user__username=username, read_at__isnull=True
    ).count()


def test_a_mention_raises_the_header_badge_on_a_page_outside_the_board(
    browser, live_server_url
):
    thread = Thread.objects.filter(room__slug="welcome").first()
    contexts = []
    try:
        context_m, maria = open_signed_in(browser, live_server_url, "maria")
        context_s, sam = open_signed_in(browser, live_server_url, "sam")
        contexts += [context_m, context_s]
        maria.goto(f"{live_server_url}/account/")
        maria.wait_for_function("() => window.CommonGroundBoard.ready === true")
        badge = maria.locator(".site-header [data-board-notifications]")
        before = badge.text_content().strip()
        assert before == (str(unread_for("maria")) if unread_for("maria") else "")

        sam.goto(f"{live_server_url}{thread.get_absolute_url()}?page=last")
        sam.get_by_text(LIVE).wait_for(timeout=5000)
        sam.get_by_label("Your reply").fill(f"@~maria could you look? {time.time_ns()}")
        sam.get_by_role("button", name="Post reply").click()

        expected = str(int(before or 0) + 1)
        maria.wait_for_function(
            "(n) => document.querySelector('.site-header [data-board-notifications]')"
            ".textContent.trim() === n",
            arg=expected,
            timeout=5000,
        )
        assert unread_for("maria") == int(expected)
        # No reload: the socket brought the count.
        assert maria.evaluate("performance.getEntriesByType('navigation').length") == 1
        save_screenshot(maria, "header-badge-live")
        assert maria.watch.console_errors == []
    finally:
        for context in contexts:
            context.close()
