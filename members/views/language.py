"""The language switcher's POST: remember the choice (the cookie, and for a
signed-in person their account, so emails follow it) and go back to the same
page in the chosen language.

The form names the page by its path only, so a page never repeats its query
string into its own HTML; the browser's same-origin Referer (the site sends
`Referrer-Policy: same-origin`) brings the search back when it names that page.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.urls import translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import get_language_from_path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from home.languages import language_codes
from members.models import User


def page_switched_on(request):
    """The address of the page the switcher was used on: its path from the form,
    with the query string the Referer adds when it is the same page."""
    path = request.POST.get("next", "")
    if not path.startswith("/") or not url_has_allowed_host_and_scheme(
        path, allowed_hosts=None
    ):
        return "/"
    referer = urlsplit(request.headers.get("Referer", ""))
    same_site = referer.netloc == request.get_host()
    if same_site and referer.path == path and referer.query:
        return f"{path}?{referer.query}"
    return path


# No CSRF token, so that every visitor's page stays free of cookies (and
# cacheable): a forged switch can only set the language cookie, since the
# session cookie is SameSite=Lax and a cross-site POST arrives signed out.
@csrf_exempt
@require_POST
def set_language(request):
    language = request.POST.get("language", "")
    if language not in language_codes():
        return HttpResponseBadRequest(
            _("This site is not available in that language."),
            content_type="text/plain; charset=utf-8",
        )
    here = page_switched_on(request)
    # translate_url reads the address in the active language: the page's own.
    with translation.override(get_language_from_path(here) or settings.LANGUAGE_CODE):
        there = translate_url(here, language)
    response = HttpResponseRedirect(there)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    if request.viewer.user_id is not None:
        User.objects.filter(pk=request.viewer.user_id).update(language=language)
    return response
