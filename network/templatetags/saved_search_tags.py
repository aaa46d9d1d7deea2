"""The "Save this search" form on the directory's and the library's results.

    {% load saved_search_tags %}
    {% save_search_form "directory" results %}
    {% save_search_form "library" results %}

Shown only to signed-in people, and only for a search with words or a filter
(an empty search finds everything). The form carries the search's own query
string without its page and order, and a name made of its words and filters'
labels, which the person may change. No query: it reads what the page has
already worked out.
"""

from django import template

from members.viewer import viewer_of
from network.notifications.models import SavedSearch
from network.notifications.saved_searches import normalized_query, summary

register = template.Library()


@register.inclusion_tag("network/components/save_search_form.html", takes_context=True)
def save_search_form(context, kind, results):
    request = context.get("request")
    hidden = {"show": False}
    if request is None or results is None or kind not in SavedSearch.Kind.values:
        return hidden
    if viewer_of(request).is_anonymous or not results.search.has_any():
        return hidden
    return {
        "show": True,
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "kind": kind,
        "query": normalized_query(kind, results.search),
        "name": summary(results),
    }
