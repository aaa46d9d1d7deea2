"""The network graph (/members/graph/) at the demo network's size: the layout never
blocks the page (no main-thread task of 200 ms or more), labels are readable and
whole at every width, filter changes replace the address rather than pile up
history, and without JavaScript "Show" leads to the same organizations as a list."""

import pytest

from tests.browser.conftest import PageWatch, save_screenshot

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# seed_network's default size, at which the layout on the main thread froze the
# page for most of a second on a laptop (seconds on a phone).
DEMO_SIZE = 250
LONGEST_TASK_MS = 200

LONG_TASKS = """
window.longTasks = [];
new PerformanceObserver(function (list) {
    list.getEntries().forEach(function (entry) {
        window.longTasks.push(Math.round(entry.duration));
    });
}).observe({ type: "longtask", buffered: true });
"""

LABELS = """
() => Array.from(document.querySelectorAll("#network-graph svg text")).map((text) => {
    const svg = text.ownerSVGElement;
    const box = text.getBBox();
    const view = svg.viewBox.baseVal;
    return {
        label: text.textContent,
        px: parseFloat(getComputedStyle(text).fontSize) * svg.getScreenCTM().a,
        whole: box.x >= view.x && box.y >= view.y
            && box.x + box.width <= view.x + view.width
            && box.y + box.height <= view.y + view.height,
    };
})
"""


@pytest.fixture(scope="module")
def demo_sized_network(live_server_url):
    """The browser leg seeds a small network; the graph is measured at the demo's
    size, so organizations are added for this module and taken away after it."""
    from members.models import IssueArea, MemberDirectoryPage, MemberOrganizationPage
    from tests.factories import build_organization

    directory = MemberDirectoryPage.objects.get()
    areas = list(IssueArea.objects.order_by("pk"))
    regions = ["Texas", "California", "New York", "Ohio", "Arizona"]
    added = []
    for number in range(max(0, DEMO_SIZE - MemberOrganizationPage.objects.count())):
        organization = build_organization(
            directory,
            title=f"Graph Measure Group {number:03}",
            issue_areas=list(
                {areas[(number * step + step) % len(areas)] for step in (1, 7, 13)}
            ),
            region=regions[number % len(regions)],
        )
        added.append(organization.pk)
    yield
    MemberOrganizationPage.objects.filter(pk__in=added).delete()


def graph_page(browser, live_server_url, viewport, javascript=True, path=""):
    context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
    context.add_init_script(LONG_TASKS)
    page = context.new_page()
    page.watch = PageWatch(page, live_server_url)
    page.goto(f"{live_server_url}/members/graph/{path}")
    return context, page


def wait_for_drawing(page):
    page.wait_for_selector("#network-graph svg")
    page.wait_for_function(
        "() => !document.getElementById('network-graph').hasAttribute('aria-busy')"
    )
    page.wait_for_load_state("networkidle")
    # Two frames: whatever the drawing set off has run and been observed.
    page.evaluate(
        "() => new Promise((done) => requestAnimationFrame(() => "
        "requestAnimationFrame(() => setTimeout(done, 200))))"
    )


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["wide", "phone"])
def test_the_graph_never_blocks_the_page_and_its_labels_are_readable_and_whole(
    browser, live_server_url, demo_sized_network, viewport
):
    context, page = graph_page(browser, live_server_url, viewport)
    try:
        wait_for_drawing(page)
        drawn = page.locator(".graph-node--organization").count()
        assert drawn >= DEMO_SIZE * 0.9

        tasks = page.evaluate("window.longTasks")
        assert max(tasks, default=0) < LONGEST_TASK_MS, tasks

        labels = page.evaluate(LABELS)
        assert len(labels) == page.locator(".graph-node--issue").count() > 5
        assert [label for label in labels if label["px"] < 12] == []
        assert [label for label in labels if not label["whole"]] == []
        name = "graph-phone" if viewport == PHONE else "graph-wide"
        save_screenshot(page, name)
        assert page.watch.console_errors == []
        assert page.watch.foreign_requests == []
    finally:
        context.close()


def test_filter_changes_replace_the_address_instead_of_adding_history(
    browser, live_server_url, demo_sized_network
):
    context, page = graph_page(browser, live_server_url, DESKTOP)
    try:
        wait_for_drawing(page)
        entries = page.evaluate("history.length")

        page.get_by_label("Issue area", exact=True).select_option("housing")
        page.wait_for_function("() => location.search === '?issue=housing'")
        wait_for_drawing(page)
        page.get_by_label("State or region").select_option(label="Texas")
        page.wait_for_function("() => location.search === '?issue=housing&state=US-TX'")
        wait_for_drawing(page)

        assert page.evaluate("history.length") == entries
        list_link = page.locator("[data-graph-list-link]").get_attribute("href")
        assert list_link == "/members/?issue=housing&state=US-TX"
        assert max(page.evaluate("window.longTasks"), default=0) < LONGEST_TASK_MS
    finally:
        context.close()


def test_without_javascript_show_leads_to_the_filtered_list(
    browser, live_server_url, demo_sized_network
):
    context, page = graph_page(browser, live_server_url, PHONE, javascript=False)
    try:
        page.get_by_label("Issue area", exact=True).select_option("housing")
        page.get_by_role("button", name="Show").click()
        page.wait_for_load_state()

        assert page.url.startswith(f"{live_server_url}/members/?")
        assert "issue=housing" in page.url
        results = page.locator("#directory-results")
        assert results.locator(".org-card").count() > 0
        assert results.get_by_text("Issue areas: Housing").is_visible()
    finally:
        context.close()
