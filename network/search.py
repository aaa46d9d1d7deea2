"""The site-wide search at /search/: organizations, campaigns, resources, news,
events and, for those who may use the board, board threads, grouped by kind.

Every group starts from its own section's privacy verb for this viewer, so it only
ever shows and counts what the person may see in that section:

- organizations: `MemberOrganizationPage.objects.visible_to(viewer)` (what is
  `publicly_listed()` for a visitor);
- campaigns and news: `published()` (live, no view restriction);
- resources: `ResourcePage.objects.visible_to(viewer)`;
- events: `Event.objects.public()` (none of an unpublished campaign);
- board threads: `Thread.objects.readable_by(viewer)`, nothing for visitors.

What was typed goes through the one sanitizer (home.facets.words) and Wagtail's
search backend (home.facets.TextSearch), whose ids are a subquery inside the verb's
rows, as in the directory and the library: a group's count is the count its section
shows for the same words. Each group is one query, its first rows best match first,
each row carrying the group's total (a window count), whatever the network's size.
Board threads are not in the search index (a thread is saved at every post): their
titles are matched word by word.

It lives in the project package because it reads every app (docs/architecture.md).
"""

from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count, Q, Window
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from django.views.decorators.http import require_safe

from campaigns.models import CampaignPage, Event, NewsPage, ResourcePage
from home.chrome import section_url
from home.facets import TextSearch, TypedText, page_notice, read_page, shown_back
from members.models import MemberOrganizationPage
from network.models import Thread

GROUP_SIZE = 5
PAGE_SIZE = 20


def best_first(model, visible, words, operator=None):
    """The rows of `visible` (a privacy verb's) that the words find, best match
    first: Wagtail's search over the model, as a subquery inside the verb."""
    found = TextSearch(model.objects.all(), operator=operator).matching(
        words, order_by_relevance=True
    )
    return found.filter(pk__in=visible.values("pk"))


def organizations(viewer, words):
    # As the directory searches (members.directory.DirectoryResults).
    visible = MemberOrganizationPage.objects.visible_to(viewer)
    return best_first(MemberOrganizationPage, visible, words)


def campaigns(viewer, words):
    return best_first(CampaignPage, CampaignPage.objects.published(), words)


def resources(viewer, words):
    # As the library searches (campaigns.library.search.LibraryResults).
    visible = ResourcePage.objects.visible_to(viewer)
    return best_first(ResourcePage, visible, words, operator="and")


def news(viewer, words):
    return best_first(NewsPage, NewsPage.objects.published(), words)


def events(viewer, words):
    return best_first(Event, Event.objects.public(), words).select_related("campaign")


def threads(viewer, words):
    """Threads whose title holds every word, newest activity first."""
    titled = Q()
    for word in words.split():
        titled &= Q(title__icontains=word)
    return (
        Thread.objects.readable_by(viewer)
        .filter(titled)
        .with_listing_data(viewer)
        .order_by("-last_activity_at", "-pk")
    )


def child_address(section, page):
    """A section's child page's address from the section's address in the site
    chrome (Wagtail's page.url asks the cache for the sites' root paths)."""
    base = section_url(section)
    return f"{base}{page.slug}/" if base else page.url


def event_address(event):
    if event.campaign is not None:
        return child_address("campaignindexpage", event.campaign)
    return section_url("calendarpage")


@dataclass(frozen=True)
class Kind:
    """One group of results: what it is called, how it finds the rows this viewer
    may see, where each row lives, and which section's own search (?q=) lists
    them all, if one does."""

    slug: str
    heading: str
    # ngettext_lazy(..., "count"): the link to every result of this kind.
    see_all: object
    find: object
    address: object
    template: str
    section: str = ""
    members_only: bool = False

    def see_all_label(self, count):
        return self.see_all % {"count": count}


KINDS = (
    Kind(
        "organizations",
        _("Organizations"),
        ngettext_lazy(
            "See the %(count)s organization in the directory",
            "See all %(count)s organizations in the directory",
            "count",
        ),
        organizations,
        lambda organization: organization.profile_url,
        "network/search/organization.html",
        section="memberdirectorypage",
    ),
    Kind(
        "campaigns",
        _("Campaigns"),
        ngettext_lazy(
            "See the %(count)s campaign", "See all %(count)s campaigns", "count"
        ),
        campaigns,
        lambda campaign: child_address("campaignindexpage", campaign),
        "network/search/campaign.html",
    ),
    Kind(
        "resources",
        _("Resources"),
        ngettext_lazy(
            "See the %(count)s resource in the library",
            "See all %(count)s resources in the library",
            "count",
        ),
        resources,
        lambda resource: child_address("resourceindexpage", resource),
        "network/search/resource.html",
        section="resourceindexpage",
    ),
    Kind(
        "news",
        _("News"),
        ngettext_lazy(
            "See the %(count)s news story", "See all %(count)s news stories", "count"
        ),
        news,
        lambda story: child_address("newsindexpage", story),
        "network/search/news.html",
    ),
    Kind(
        "events",
        _("Events and deadlines"),
        ngettext_lazy(
            "See the %(count)s event or deadline",
            "See all %(count)s events and deadlines",
            "count",
        ),
        events,
        event_address,
        "network/search/event.html",
    ),
    Kind(
        "threads",
        _("Board threads"),
        ngettext_lazy("See the %(count)s thread", "See all %(count)s threads", "count"),
        threads,
        lambda thread: thread.get_absolute_url(),
        "network/search/thread.html",
        members_only=True,
    ),
)
KINDS_BY_SLUG = {kind.slug: kind for kind in KINDS}


@dataclass
class Group:
    kind: Kind
    items: list
    total: int
    more_url: str = ""

    @property
    def more_label(self):
        return self.kind.see_all_label(self.total)


class SiteSearch:
    """The site-wide search for one person and one request: every kind grouped,
    or one kind (?kind=) page by page (?page=). Anything that cannot be read is
    said in `notices`, and the rest of the search still runs."""

    def __init__(self, viewer, params):
        self.viewer = viewer
        self.typed = TypedText.read(params.get("q", ""))
        self.words = self.typed.words
        self.kinds = [
            kind for kind in KINDS if viewer.may_use_board or not kind.members_only
        ]
        self.notices = []
        if self.typed.shortened:
            self.notices.append(
                _("Your search was long, so only its first 200 characters were used.")
            )
        self.kind = self._read_kind(params.get("kind"))
        self._raw_page = params.get("page")
        if self._raw_page is not None and self.kind is None and self.words:
            self.notices.append(
                _(
                    "Pages are for one kind of result at a time: here is every "
                    "kind. Choose “See all” below a group to page through it."
                )
            )

    def _read_kind(self, raw):
        if not raw:
            return None
        kind = KINDS_BY_SLUG.get(raw)
        if kind is not None and kind in self.kinds:
            return kind
        if kind is not None:
            self.notices.append(
                _("Board threads are searched for network members only.")
            )
        else:
            self.notices.append(
                _("There is no kind of result called “%(kind)s”: here is every kind.")
                % {"kind": shown_back(raw)}
            )
        return None

    @property
    def q(self):
        return self.typed.text

    @property
    def searches_the_board(self):
        return any(kind.members_only for kind in self.kinds)

    @property
    def problem(self):
        """Why there is nothing to search for, or None."""
        if not self.q:
            return _("Type a word or a name to search the whole site.")
        if not self.words:
            return _(
                "There are no letters or digits in “%(q)s” to search for. Try a "
                "word or a name."
            ) % {"q": shown_back(self.q)}
        return None

    def query_string(self, **extra):
        return urlencode({"q": self.q, **extra})

    def more_url(self, kind):
        """Where every result of `kind` is listed: its section's own search with
        the same words, or this page for that kind alone."""
        section = section_url(kind.section) if kind.section else None
        if section:
            return f"{section}?{urlencode({'q': self.q})}"
        return f"{reverse('site_search')}?{self.query_string(kind=kind.slug)}"

    def _addressed(self, kind, items):
        for item in items:
            item.search_address = kind.address(item)
        return items

    @cached_property
    def groups(self):
        """Every kind this person may search, in order, each from one query."""
        if self.kind is not None or not self.words:
            return []
        found = []
        for kind in self.kinds:
            rows = list(
                kind.find(self.viewer, self.words).annotate(
                    search_total=Window(Count("pk"))
                )[:GROUP_SIZE]
            )
            total = rows[0].search_total if rows else 0
            found.append(
                Group(kind, self._addressed(kind, rows), total, self.more_url(kind))
            )
        return found

    @property
    def total(self):
        return sum(group.total for group in self.groups)

    @property
    def empty_headings(self):
        return [str(group.kind.heading) for group in self.groups if not group.total]

    @cached_property
    def page(self):
        """One kind's page of results (?kind=&page=), or None."""
        if self.kind is None or not self.words:
            return None
        number, refused = read_page(self._raw_page)
        paginator = Paginator(self.kind.find(self.viewer, self.words), PAGE_SIZE)
        page = paginator.get_page(number)
        notice = page_notice(number, refused, paginator.num_pages)
        if notice:
            self.notices.append(notice)
        page.object_list = self._addressed(self.kind, list(page.object_list))
        return page

    def page_url(self, number):
        return f"?{self.query_string(kind=self.kind.slug, page=number)}"


@require_safe
def site_search(request):
    search = SiteSearch(request.viewer, request.GET)
    # Both run before the page renders, so that their notices are shown at the top.
    context = {"search": search, "groups": search.groups, "results": search.page}
    results = context["results"]
    if results is not None:
        if results.has_previous():
            context["previous_url"] = search.page_url(results.previous_page_number())
        if results.has_next():
            context["next_url"] = search.page_url(results.next_page_number())
    return TemplateResponse(request, "network/search/page.html", context)
