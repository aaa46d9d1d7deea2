from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def is_current_section(context, item):
    """True when the page being shown is this menu entry or below it. Views outside
    the page tree (board rooms, account pages) match by their URL instead."""
    current = context.get("page") or context.get("self")
    current_path = getattr(current, "url_path", "")
    if current_path:
        return current_path.startswith(item["url_path"])
    request = context.get("request")
    return bool(request and item["url"] != "/" and request.path.startswith(item["url"]))


@register.simple_tag(takes_context=True)
def language_versions(context):
    """This page in every language: [(code, name in that language, address)],
    for the switcher and the hreflang alternates."""
    from home.languages import alternates

    request = context.get("request")
    return alternates(request) if request is not None else []


@register.filter
def absolute(path):
    """A path at the address the site is served at (home.links)."""
    from home.links import absolute_url

    return absolute_url(path)
