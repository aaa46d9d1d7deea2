"""The site's chrome (name, menu, footer links, the sections' addresses), read
from the cache.

Every page shows the network's name, the main menu and the footer's links. Read from
the database they cost four queries per page (settings, menu, its view-restriction
check, social links); cached, none. The cache entry is dropped whenever any of them
can change (signals below), and expires anyway after CHROME_TIMEOUT so a cache that
is local to one process (development) cannot stay stale for long.

`sections` maps the model name of each top-level page ("memberdirectorypage",
"boardpage", …) to its url, so templates and views link to a section by what it
is, never by a hard-coded address, at no query per page: `section_url("boardpage")`
or `{{ site_chrome.sections.boardpage }}`.
"""

import logging

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from home.languages import with_language_prefix
from home.models import NetworkSettings, SocialLink

logger = logging.getLogger(__name__)

CHROME_CACHE_KEY = "home:site-chrome:v2"
CHROME_TIMEOUT = 10 * 60


def _address(page, root):
    """A top-level page's address on the default site, from the tree alone.
    Wagtail's page.url asks the cache for every site's root path, and the chrome
    must build while the cache is down (a single default site, so the address is
    the page's path below the site's root)."""
    return page.url_path[len(root.url_path) - 1 :]


def build_site_chrome():
    settings = NetworkSettings.load()
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    menu = []
    sections = {}
    if site is not None:
        for page in site.root_page.get_children().live().public().in_menu():
            menu.append(
                {
                    "title": page.title,
                    "url": _address(page, site.root_page),
                    "url_path": page.url_path,
                }
            )
        for page in site.root_page.get_children().live().select_related("content_type"):
            sections.setdefault(page.content_type.model, _address(page, site.root_page))
    return {
        "name": settings.name,
        "tagline": settings.tagline,
        "contact_email": settings.contact_email,
        "mailing_address": settings.mailing_address,
        "social_links": [
            {"label": link.label, "url": link.url}
            for link in settings.social_links.all()
        ],
        "menu": menu,
        "sections": sections,
    }


def site_chrome():
    """The chrome in the language being served: the cached one's page addresses
    under the language's prefix (/es/members/ in Spanish; home.languages)."""
    chrome = cached_site_chrome()
    return {
        **chrome,
        "menu": [
            {**item, "url": with_language_prefix(item["url"])}
            for item in chrome["menu"]
        ],
        "sections": {
            model: with_language_prefix(address)
            for model, address in chrome["sections"].items()
        },
    }


def cached_site_chrome():
    """The chrome from the cache, or from the database when the cache has none or
    is unreachable: the cache is a saving, never a reason for a page to fail."""
    try:
        chrome = cache.get(CHROME_CACHE_KEY)
    except Exception:  # noqa: BLE001 - any cache outage falls back to the database
        logger.warning("Cache unreachable; building the site chrome from the database")
        return build_site_chrome()
    if chrome is None:
        chrome = build_site_chrome()
        try:
            cache.set(CHROME_CACHE_KEY, chrome, CHROME_TIMEOUT)
        except Exception:  # noqa: BLE001 - as above
            logger.warning("Cache unreachable; the site chrome was not cached")
    return chrome


def section_url(model_name):
    """The url of the live top-level page of this model (e.g. "boardpage"), or
    None when the site has none."""
    return site_chrome()["sections"].get(model_name)


def forget_site_chrome(**kwargs):
    try:
        cache.delete(CHROME_CACHE_KEY)
    except Exception:  # noqa: BLE001 - entries expire after CHROME_TIMEOUT anyway
        logger.warning("Cache unreachable; the site chrome may be stale for a while")


# Anything that can change a name, a menu entry or a footer link drops the cache.
for signal in (page_published, page_unpublished, post_page_move):
    signal.connect(forget_site_chrome, dispatch_uid=f"chrome-{id(signal)}")
for model in (NetworkSettings, SocialLink, Site):
    post_save.connect(forget_site_chrome, sender=model, weak=False)
    post_delete.connect(forget_site_chrome, sender=model, weak=False)


@receiver(post_delete)
def forget_chrome_when_a_page_goes(sender, **kwargs):
    if isinstance(kwargs.get("instance"), Page):
        forget_site_chrome()
