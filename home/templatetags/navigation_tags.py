from django import template
from wagtail.models import Site

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu_pages(context):
    """The home page's live, public children marked 'show in menus', in tree order.

    One query, cached on the request so header and footer share it.
    """
    request = context.get("request")
    if request is None:
        return []
    cached = getattr(request, "_main_menu_pages", None)
    if cached is not None:
        return cached
    site = Site.find_for_request(request)
    pages = []
    if site is not None:
        pages = list(
            site.root_page.get_children()
            .live()
            .public()
            .in_menu()
            .only("title", "url_path", "path", "depth")
        )
    request._main_menu_pages = pages
    return pages


@register.simple_tag(takes_context=True)
def is_current_section(context, page):
    """True when the page being shown is this menu page or below it."""
    current = context.get("page") or context.get("self")
    current_path = getattr(current, "url_path", "")
    return bool(current_path) and current_path.startswith(page.url_path)
