"""The site's 404 and 403 pages. They say `error_page`, so the page does not
repeat the address it was asked for (no language alternates, and the switcher
goes to the home page): a hidden organization's address must be answered exactly
as a made-up one is, word for word."""

from django.shortcuts import render


def page_not_found(request, exception):
    return render(request, "404.html", {"error_page": True}, status=404)


def permission_denied(request, exception):
    # The reason a view gave (PermissionDenied("Only the organization's admins…")).
    context = {"error_page": True, "exception": str(exception or "")}
    return render(request, "403.html", context, status=403)
