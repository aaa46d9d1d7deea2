"""A person's notifications page, and marking them all read."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from network.board import actions
from network.board.views.access import board_gate
from network.models import Notification


@require_http_methods(["GET", "HEAD", "POST"])
def notifications_view(request):
    gate = board_gate(request)
    if gate:
        return gate
    if request.method == "POST":
        actions.do_mark_notifications_read(request.user)
        messages.success(request, _("All notifications are marked as read."))
        next_url = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(
            next_url,
            allowed_hosts={request.get_host()},
            require_https=request.is_secure(),
        ):
            next_url = reverse("board_notifications")
        return redirect(next_url)
    notifications = (
        Notification.objects.readable_by(request.viewer)
        .select_related("post__thread__room", "organization")
        .order_by("-created_at")[:100]
    )
    return render(
        request,
        "network/notifications.html",
        {"notifications": notifications},
    )
