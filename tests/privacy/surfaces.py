"""Every surface a hidden organization's name must never reach.

Each later issue appends its own surfaces here (campaign pages, sign-on lists, feeds,
iCal, CSV exports, board pages…): a `Surface` names the surface and knows how to fetch
it for a given client and canary. `test_canary.py` then probes each one as a visitor,
as staff of another member organization, as the canary's own staff and as a
coordinator.
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from django.urls import translate_url


def fetch_text(client, url):
    """The body of a GET, whatever its kind (HTML, JSON, XML, a streamed export).
    Never a server error: a surface may answer 200 or 404, nothing else."""
    response = client.get(url)
    assert response.status_code in (200, 404), f"{url} answered {response.status_code}"
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@dataclass(frozen=True)
class Surface:
    name: str
    # (client, canary) -> the text the client receives
    fetch: Callable
    # Whether the canary's own staff and coordinators see its name here. Machine
    # surfaces (API, sitemap, feeds) publish public organizations only, to anyone;
    # some pages name no organization at all. None: not asserted for insiders.
    insiders_see_it: bool | None = True


def url(path_of):
    """A surface that is one GET of a URL computed from the canary."""
    return lambda client, canary: fetch_text(client, path_of(canary))


SURFACES = [
    Surface("home page newest members", url(lambda canary: "/")),
    Surface("directory", url(lambda canary: "/members/")),
    Surface(
        "directory search for its name",
        url(lambda canary: f"/members/?q={quote(canary.word)}"),
    ),
    Surface(
        "directory filtered to its issue area",
        url(lambda canary: f"/members/?issue={canary.issue_area.slug}"),
    ),
    Surface(
        "directory filtered to its state",
        url(lambda canary: f"/members/?state={canary.organization.subdivision}"),
    ),
    Surface(
        "directory sorted newest first",
        url(lambda canary: "/members/?sort=newest"),
    ),
    Surface("its profile", url(lambda canary: canary.organization.url)),
    Surface(
        "related organizations on a neighbour's profile",
        url(lambda canary: canary.neighbour.url),
    ),
    Surface(
        "issue hub of its issue area",
        url(lambda canary: f"/issues/{canary.issue_area.slug}/"),
    ),
    # The page itself names no organization (the drawing comes from the data).
    Surface(
        "network graph page",
        url(lambda canary: "/members/graph/"),
        insiders_see_it=False,
    ),
    Surface("network graph data", url(lambda canary: "/members/graph/data/")),
    Surface(
        "network graph data for its issue area",
        url(lambda canary: f"/members/graph/data/?issue={canary.issue_area.slug}"),
    ),
    Surface(
        "network graph data for its state",
        url(
            lambda canary: (
                "/members/graph/data/?state=" + canary.organization.subdivision
            )
        ),
    ),
    Surface(
        "site search for its name",
        url(lambda canary: f"/search/?q={quote(canary.word)}"),
    ),
    Surface(
        "site search for its name, organizations alone",
        url(lambda canary: f"/search/?q={quote(canary.word)}&kind=organizations"),
    ),
    Surface("sitemap", url(lambda canary: "/sitemap.xml"), insiders_see_it=False),
    Surface(
        "JSON API page listing",
        url(lambda canary: "/api/v2/pages/?type=members.MemberOrganizationPage"),
        insiders_see_it=False,
    ),
    Surface(
        "JSON API page detail",
        url(lambda canary: f"/api/v2/pages/{canary.organization.pk}/"),
        insiders_see_it=False,
    ),
]


# The directory's download (/members/export/): the organizations the directory
# shows, as CSV, for the same address.
DOWNLOAD_SURFACES = [
    Surface("directory download", url(lambda canary: "/members/export/")),
    Surface(
        "directory download of a search for its name",
        url(lambda canary: f"/members/export/?q={quote(canary.word)}"),
    ),
    Surface(
        "directory download of its issue area",
        url(lambda canary: f"/members/export/?issue={canary.issue_area.slug}"),
    ),
    Surface(
        "directory download of its state, newest first",
        url(
            lambda canary: (
                f"/members/export/?state={canary.organization.subdivision}&sort=newest"
            )
        ),
    ),
]
SURFACES += DOWNLOAD_SURFACES


def fetch_members_only(client, url):
    """A members-only page: visitors are sent to sign in; never a server error."""
    response = client.get(url)
    assert response.status_code in (200, 302, 403, 404), (
        f"{url} answered {response.status_code}"
    )
    return response.content.decode()


def thread_panel(html):
    """A thread page's side panel alone (the author lines elsewhere on the page
    name the canary to insiders); the whole text when there is none, such as a
    redirect to sign in, so a changed page cannot hide a leak."""
    start = html.find('class="board-side"')
    end = html.find("</aside>", start)
    return html[start:end] if start != -1 and end != -1 else html


def members_only(path_of):
    return lambda client, canary: fetch_members_only(client, path_of(canary))


# "Complements us" (/members/?complements=<slug>) answers only an organization's
# own staff, and refuses everyone else alike (403).
SURFACES += [
    Surface(
        "complements view of its neighbour",
        members_only(lambda canary: f"/members/?complements={canary.neighbour.slug}"),
        None,
    ),
    Surface(
        "complements view for its own address",
        members_only(
            lambda canary: f"/members/?complements={canary.organization.slug}"
        ),
        None,
    ),
    # The board's mention suggestions (name and address): a list many read, so
    # a hidden organization is offered to nobody, its own staff included
    # (nameable_to), and nor are the people who work only for it.
    Surface(
        "board mention suggestions",
        members_only(lambda canary: "/board/posts/mentions/?q=canary"),
        insiders_see_it=False,
    ),
]


# Joint work (needs the `joint_work` fixture): the DESIGN shows a hidden organization
# on sign-on lists and the board only as "a member organization". Whether its own
# staff see their name there is up to each page, so insiders are not asserted.
JOINT_WORK_SURFACES = [
    Surface("campaign page", url(lambda canary: canary.campaign.url), None),
    Surface("campaigns index", url(lambda canary: "/campaigns/"), None),
    Surface("campaign feed", url(lambda canary: f"{canary.campaign.url}feed/"), None),
    Surface("all campaigns feed", url(lambda canary: "/campaigns/feed/"), None),
    Surface("campaign iCal", url(lambda canary: f"{canary.campaign.url}ical/"), None),
    Surface("calendar", url(lambda canary: "/calendar/"), None),
    Surface("calendar iCal", url(lambda canary: "/calendar/ical/"), None),
    Surface(
        "JSON API campaign detail",
        url(lambda canary: f"/api/v2/pages/{canary.campaign.pk}/?fields=*"),
        insiders_see_it=False,
    ),
    Surface(
        "site search for its joint work",
        url(lambda canary: "/search/?q=Canarywood"),
        None,
    ),
    Surface(
        "site search for its thread", url(lambda canary: "/search/?q=visiting"), None
    ),
    Surface(
        "site search for its thread, threads alone",
        url(lambda canary: "/search/?q=visiting&kind=threads"),
        None,
    ),
    Surface("board index", members_only(lambda canary: "/board/"), None),
    Surface(
        "board room",
        members_only(lambda canary: canary.thread.room.get_absolute_url()),
        None,
    ),
    Surface(
        "board thread",
        members_only(lambda canary: canary.thread.get_absolute_url()),
        None,
    ),
    # A list many read: a hidden organization is never named there, not even to
    # its own staff or a coordinator (nameable_to).
    Surface(
        "board thread's panel of organizations on its issue areas",
        lambda client, canary: thread_panel(
            fetch_members_only(client, canary.thread.get_absolute_url())
        ),
        insiders_see_it=False,
    ),
    Surface(
        "board catch-up JSON",
        members_only(lambda canary: f"{canary.thread.get_absolute_url()}?after=0"),
        None,
    ),
]

# The same pages in Spanish (issue 16): another address, the same one rule. The
# language alternates, the switcher and the 404 must not name it either.
SURFACES += [
    Surface(
        "directory search in Spanish",
        url(lambda canary: f"/es/members/?q={quote(canary.word)}"),
    ),
    Surface(
        "its profile in Spanish",
        url(lambda canary: translate_url(canary.organization.get_url(), "es")),
    ),
]
