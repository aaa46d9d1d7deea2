from django.utils.cache import patch_cache_control

# No inline script or style, nothing from another host. The board's socket is
# same-origin, which 'self' covers for ws: and wss: in current browsers.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), interest-cohort=()"

# The Wagtail admin ships inline scripts; it is for trusted staff and keeps its own.
CSP_EXEMPT_PREFIXES = ("/admin/",)


def rendered_by_the_admin(request):
    """True for responses of Wagtail's admin views. A request the admin gate
    (members.middleware) answered itself never reached URL resolution, so it has
    no resolver_match and gets the site's policy like any other site page."""
    return (
        request.path.startswith(CSP_EXEMPT_PREFIXES)
        and getattr(request, "resolver_match", None) is not None
    )


class SecurityHeadersMiddleware:
    """Adds the site's CSP and marks every signed-in response as private.

    Pages shown to a signed-in person may hold members-only details, so no shared
    cache (proxy or browser back-forward store) may keep them. It sits near the top
    of MIDDLEWARE so that responses other middleware return early (the admin gate's
    refusal and its two-factor redirect, a lockout) carry the headers too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not rendered_by_the_admin(request):
            response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
