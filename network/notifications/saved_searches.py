"""Saved searches: a person keeps a directory or library search (its query
string) and hears when a new organization or resource matches it.

- Saving (`save_search`): the query string is read again by the page's own
  search reader (members.directory for the directory, campaigns.library.search
  for the library) for the person saving it. A parameter the page does not
  know, a value a facet refuses, a repeated single value or words with nothing
  to search for are refused with a message, never dropped in silence; the page
  number and the order are dropped (they change no result). What is stored is
  the reader's own normalized query string, so the same search saved twice is
  one row. A person keeps at most MAX_SAVED_SEARCHES.
- Matching (`match_saved_searches`, run as a task after a member organization
  or a resource is published): each saved search of that kind is run again as
  its owner's Viewer, over that one page (its results' queryset filtered to
  the page's pk), so nobody hears of what they may not see (a hidden
  organization never matches anyone but its own staff, who are not told of
  their own). A match is told once per search and page (once_key), so a page
  published again tells nobody twice. Queries: one for the searches, one for
  the vocabulary (directory), two per owner for their Viewer, then one per
  saved search (the library adds at most two to check a chosen issue area and
  organization), whatever the size of the network; checked_at is written in
  one UPDATE.
"""

import itertools
from dataclasses import replace

from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from members.viewer import Viewer
from network.notifications.models import NotificationKind, SavedSearch
from network.notifications.sending import notify

Kind = SavedSearch.Kind
MAX_SAVED_SEARCHES = 50
NAME_LENGTH = SavedSearch._meta.get_field("name").max_length
QUERY_LENGTH = SavedSearch._meta.get_field("query").max_length
# Parameters a search's address may carry that change no result: not saved.
DROPPED_PARAMS = {
    Kind.DIRECTORY: {"page", "sort"},
    Kind.LIBRARY: {"page"},
}


class SearchRefused(Exception):
    """A search that cannot be saved; its message says why, in plain words."""

    def __init__(self, message, query=""):
        super().__init__(message)
        self.message = message
        self.query = query


class TooManySearches(SearchRefused):
    """A good search (its normalized `query`), but the person keeps the most."""


def library_index():
    from campaigns.models import ResourceIndexPage

    return ResourceIndexPage.objects.live().first()


def results_for(kind, viewer, params, *, vocabulary=None, index=None):
    """The page's own search (DirectoryResults or LibraryResults) for `viewer`
    and `params` (a QueryDict)."""
    if kind == Kind.DIRECTORY:
        from members.directory import DirectoryResults

        return DirectoryResults(viewer, params, vocabulary=vocabulary)
    from campaigns.library.search import LibraryResults

    return LibraryResults(index or library_index(), viewer, params)


def known_params(results):
    names = {"q"}
    for facet in results.declared:
        names.add(facet.param)
        if facet.match_param:
            names.add(facet.match_param)
    return names


def normalized_query(kind, search):
    """The search's own query string without its page and order."""
    if kind == Kind.DIRECTORY:
        search = replace(search, sort=search.default_sort)
    return search.params()


def read_query(kind, raw_query, viewer):
    """(normalized query string, results) for a search `viewer` asks to save,
    or SearchRefused saying what in it could not be used."""
    if kind not in Kind.values:
        raise SearchRefused(_("Only a directory or library search can be saved."))
    kind = Kind(kind)
    if len(raw_query) > QUERY_LENGTH:
        raise SearchRefused(_("That search is too long to save."))
    params = QueryDict(raw_query)
    for name in DROPPED_PARAMS[kind]:
        params = params.copy()
        params.pop(name, None)
    if kind == Kind.LIBRARY and library_index() is None:
        raise SearchRefused(_("The resource library is not open yet."))
    results = results_for(kind, viewer, params)
    unknown = sorted(set(params) - known_params(results))
    if unknown:
        raise SearchRefused(
            _("The search held something the page does not offer (%(names)s).")
            % {"names": ", ".join(name[:40] for name in unknown[:5])}
        )
    multiple = {facet.param for facet in results.declared if facet.multiple}
    repeated = sorted(
        name
        for name in params
        if len(params.getlist(name)) > 1 and name not in multiple
    )
    if repeated:
        raise SearchRefused(
            _("The search gave more than one value for %(names)s.")
            % {"names": ", ".join(repeated[:5])}
        )
    search, typed = results.search, results.search.typed
    if search.refused:
        raise SearchRefused(
            _(
                "Some filters in the search are not ones the page offers. Search "
                "again from the page, then save it."
            )
        )
    if typed.shortened or typed.cleaned or (typed.text and not typed.words):
        raise SearchRefused(
            _(
                "The words of that search cannot be saved as they are. Search "
                "again with plain words, then save it."
            )
        )
    if not search.has_any():
        raise SearchRefused(
            _("Choose a filter or type some words first: an empty search finds all.")
        )
    return normalized_query(kind, search), results


def summary(results):
    """A plain name for a search: its words and the filters chosen, as the
    page lists them (their labels), cut to the name's length."""
    parts = []
    if results.search.q:
        parts.append(f"“{results.search.q}”")
    parts += [str(option.label) for _facet, option in results.selected_filters]
    text = ", ".join(parts)
    if len(text) > NAME_LENGTH:
        text = text[: NAME_LENGTH - 1].rstrip(", ") + "…"
    return text


def save_search(user, viewer, kind, raw_query, name):
    """(saved search, created): the search kept for `user`, or the one they had
    already saved for the same normalized query. SearchRefused when it cannot
    be saved, or the person already keeps MAX_SAVED_SEARCHES."""
    query, _results = read_query(kind, raw_query, viewer)
    existing = SavedSearch.objects.filter(user=user, kind=kind, query=query).first()
    if existing is not None:
        return existing, False
    with transaction.atomic():
        # One person saving from two tabs at once counts each other's rows.
        kept = SavedSearch.objects.select_for_update().filter(user=user)
        if len(kept.values_list("pk", flat=True)) >= MAX_SAVED_SEARCHES:
            raise TooManySearches(
                _(
                    "You keep %(max)d saved searches already, the most there can "
                    "be. Delete one you no longer need, then save this one."
                )
                % {"max": MAX_SAVED_SEARCHES},
                query,
            )
        try:
            with transaction.atomic():
                return SavedSearch.objects.create(
                    user=user, kind=kind, query=query, name=name
                ), True
        except IntegrityError:
            return SavedSearch.objects.get(user=user, kind=kind, query=query), False


def search_address(saved, directory_url=None, library_url=None):
    """Where a saved search is run again: its page's address with its query."""
    from home.chrome import section_url

    if saved.kind == Kind.DIRECTORY:
        base = directory_url or section_url("memberdirectorypage")
    else:
        base = library_url or section_url("resourceindexpage")
    if base is None:
        return None
    return f"{base}?{saved.query}" if saved.query else base


# --- Matching a new page ---------------------------------------------------------


def match_after_commit(instance):
    """A member organization or a resource published (first or again: what is
    new to a search may be an organization that just became visible): its
    saved searches are matched after the publication commits, by a task."""
    from campaigns.models import ResourcePage
    from members.models import MemberOrganizationPage

    page = instance.specific
    if isinstance(page, MemberOrganizationPage):
        kind = Kind.DIRECTORY
    elif isinstance(page, ResourcePage):
        kind = Kind.LIBRARY
    else:
        return
    page_id = page.pk
    transaction.on_commit(
        lambda: match_new_page.enqueue(str(kind), page_id),
    )


@task()
def match_new_page(kind, page_id):
    return len(match_saved_searches(kind, page_id))


def match_saved_searches(kind, page_id):
    """Tell each owner whose saved search of `kind` finds the page `page_id`
    when run as them (once per search and page). The matched searches."""
    from campaigns.models import ResourcePage
    from members.models import MemberOrganizationPage
    from members.terms import Vocabulary

    kind = Kind(kind)
    searches = list(
        SavedSearch.objects.filter(kind=kind, user__is_active=True)
        .select_related("user")
        .order_by("user_id", "pk")
    )
    if not searches:
        return []
    if kind == Kind.DIRECTORY:
        model, vocabulary, index = MemberOrganizationPage, Vocabulary.load(), None
        page = model.objects.filter(pk=page_id).only("pk").first()
        own_organization = page_id
    else:
        model, vocabulary = ResourcePage, None
        page = (
            model.objects.filter(pk=page_id)
            .only("pk", "path", "depth", "submitting_organization")
            .first()
        )
        index = page and page.get_parent()
        own_organization = page and page.submitting_organization_id
    if page is None:
        return []
    matched = []
    for _user_id, owned in itertools.groupby(searches, key=lambda s: s.user_id):
        owned = list(owned)
        viewer = Viewer.for_user(owned[0].user)
        if own_organization in viewer.organization_ids:
            continue  # their own organization, or their organization's resource
        for saved in owned:
            results = results_for(
                kind,
                viewer,
                QueryDict(saved.query),
                vocabulary=vocabulary,
                index=index,
            )
            if results.narrowed().filter(pk=page_id).exists():
                matched.append(saved)
    target = "organization" if kind == Kind.DIRECTORY else "page"
    for saved in matched:
        notify(
            NotificationKind.SAVED_SEARCH,
            [saved.user_id],
            saved_search=saved.pk,
            once_key=f"saved_search:{saved.pk}:{page_id}",
            **{target: page_id},
        )
    SavedSearch.objects.filter(pk__in=[s.pk for s in searches]).update(
        checked_at=timezone.now()
    )
    return matched
