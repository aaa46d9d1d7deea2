from django.utils.functional import SimpleLazyObject

from home.chrome import site_chrome


def chrome(request):
    """`site_chrome` in every template: the network's name, menu and footer links,
    loaded from the cache only when a template uses them."""
    return {"site_chrome": SimpleLazyObject(site_chrome)}
