from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from members.views import accounts, language
from network.api import api_router
from network.search import site_search
from network.views import healthz

# Error pages that never repeat the address asked for (home.errors).
handler404 = "home.errors.page_not_found"
handler403 = "home.errors.permission_denied"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's document-password form, behind the sign-in throttle (before the
    # documents' own pattern for the same path, which then never runs).
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        accounts.document_password,
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("healthz", healthz, name="healthz"),
    # The language switcher (POST): sets the cookie, back to the same page.
    path("language/", language.set_language, name="set_language"),
]

if settings.DEBUG or getattr(settings, "SERVE_MEDIA_FILES", False):
    from django.urls import re_path

    from home.media import serve_image

    # Images only, judged after the path is normalized (home.media). Documents are
    # not under MEDIA_ROOT at all (home.storage): /documents/<id>/<name> serves
    # them to whoever may see them.
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve_image)]

# Every page people read, in each language: English at today's addresses, the
# others under their prefix (/es/…; home.languages).
urlpatterns += i18n_patterns(
    path("account/notifications/", include("network.notifications.urls")),
    # /join/, /accounts/… (sign in, password reset, invitations) and /account/…
    path("", include("members.urls")),
    path("account/resources/", include("campaigns.library.urls")),
    path("account/follows/", include("network.notifications.follow_urls")),
    path("search/", site_search, name="site_search"),
    # The board's rooms and threads (/board/ itself is the BoardPage).
    path("board/", include("network.board.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
