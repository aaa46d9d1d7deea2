"""The board's old notifications address: people bookmarked it, so it leads to
/account/notifications/, which lists every kind."""

from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "HEAD"])
def notifications_view(request):
    return redirect("notifications", permanent=True)
