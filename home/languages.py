"""The site's languages: which one a request is served in, and the addresses of
the same page in the others.

English, the site's default, stays at today's addresses; every other language has
its prefix (`/es/members/`), so a Spanish page can be shared as Spanish. A request
for an English address from someone who chose another language (the switcher's
cookie) or whose browser asks for one (Accept-Language) is sent to that
language's address, once: choosing English with the switcher sets the cookie and
stops it. Addresses that are not pages (the admin, the API, feeds of machines)
are not translated and never redirected (`translate_url` leaves them as they are).
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation.trans_real import (
    get_language_from_path,
    get_supported_language_variant,
    parse_accept_lang_header,
)


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def preferred_language(request):
    """The language the person chose (cookie), else the first their browser asks
    for that the site has, else None."""
    return choose_language(
        [request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)],
        request.headers.get("Accept-Language", ""),
    )


def choose_language(chosen, accept_language=""):
    """The first code in `chosen` (most explicit first: what the page says, the
    cookie) that the site has, else the first language an Accept-Language
    header asks for that it has, else None."""
    for code in chosen:
        if code:
            try:
                return get_supported_language_variant(code)
            except LookupError:
                continue
    for accepted, _quality in parse_accept_lang_header(accept_language or ""):
        if accepted == "*":
            break
        try:
            return get_supported_language_variant(accepted)
        except LookupError:
            continue
    return None


def socket_language(scope):
    """A WebSocket's language: the `lang` its page names in the address, else the
    cookie, else Accept-Language, else the default (a socket has no URL prefix
    and LocaleMiddleware does not run for it)."""
    from urllib.parse import parse_qs

    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    headers = {
        name.decode("latin-1").lower(): value.decode("latin-1")
        for name, value in scope.get("headers", [])
    }
    return (
        choose_language(
            [
                query.get("lang", [""])[0][:20],
                scope.get("cookies", {}).get(settings.LANGUAGE_COOKIE_NAME),
            ],
            headers.get("accept-language", ""),
        )
        or settings.LANGUAGE_CODE
    )


def with_language_prefix(path, language=None):
    """A page path (from the tree, like the cached chrome's) in a language:
    unchanged in the default language, `/es/…` in Spanish."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    if language == settings.LANGUAGE_CODE or not path.startswith("/"):
        return path
    return f"/{language}{path}"


def alternates(request):
    """[(code, local name, address)] of this page in every language: its path,
    never its query string (a page does not repeat what it was asked)."""
    here = request.path
    return [
        (
            code,
            translation.get_language_info(code)["name_local"],
            translate_url(here, code),
        )
        for code in language_codes()
    ]


class PreferredLanguageMiddleware:
    """After LocaleMiddleware: sends a GET for an English address to the
    person's language when they prefer another one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        redirect = self.redirect_to_preferred(request)
        if redirect is not None:
            return redirect
        response = self.get_response(request)
        if get_language_from_path(request.path_info) is None:
            # The same English address answers differently by these two.
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

    def redirect_to_preferred(self, request):
        if request.method not in ("GET", "HEAD"):
            return None
        if get_language_from_path(request.path_info) is not None:
            return None  # the address names its language: it wins
        preferred = preferred_language(request)
        if preferred in (None, settings.LANGUAGE_CODE):
            return None
        here = request.get_full_path()
        there = translate_url(here, preferred)
        if there == here:
            return None  # not a translated address (admin, API, files)
        response = HttpResponseRedirect(there)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response


def language_of(person):
    """The language to write to someone in: the one they last chose on the site,
    else the site's default."""
    chosen = getattr(person, "language", "") or ""
    return chosen if chosen in language_codes() else settings.LANGUAGE_CODE


def current_language():
    """The site language being served now (a default for what records the
    language something was written in)."""
    active = translation.get_language() or settings.LANGUAGE_CODE
    try:
        return get_supported_language_variant(active)
    except LookupError:
        return settings.LANGUAGE_CODE
