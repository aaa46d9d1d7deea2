"""The board in the Wagtail admin: the coordinators' moderation queue, and the
labels of the board's audited actions in Wagtail's log."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from network.board import actions
from network.board.forms import ModerationQueueForm
from network.models import BoardBan, Flag, Post

LOG_ACTIONS = [
    (
        "network.flag.create",
        gettext_lazy("Flag a board post"),
        gettext_lazy("Flagged a post"),
    ),
    (
        "network.flag.dismiss",
        gettext_lazy("Dismiss a flag"),
        gettext_lazy("Dismissed a flag"),
    ),
    (
        "network.post.hide",
        gettext_lazy("Hide a board post"),
        gettext_lazy("Hid a post"),
    ),
    (
        "network.post.restore",
        gettext_lazy("Restore a board post"),
        gettext_lazy("Restored a post"),
    ),
    (
        "network.thread.lock",
        gettext_lazy("Lock a thread"),
        gettext_lazy("Locked a thread"),
    ),
    (
        "network.thread.unlock",
        gettext_lazy("Unlock a thread"),
        gettext_lazy("Unlocked a thread"),
    ),
    (
        "network.thread.pin",
        gettext_lazy("Pin a thread"),
        gettext_lazy("Pinned a thread"),
    ),
    (
        "network.thread.unpin",
        gettext_lazy("Unpin a thread"),
        gettext_lazy("Unpinned a thread"),
    ),
    (
        "network.user.suspend",
        gettext_lazy("Suspend from posting"),
        gettext_lazy("Suspended a person from posting on the board"),
    ),
    (
        "network.user.unsuspend",
        gettext_lazy("Lift a posting suspension"),
        gettext_lazy("Lifted a board posting suspension"),
    ),
]


@hooks.register("register_log_actions")
def register_board_log_actions(log_actions):
    for action, label, message in LOG_ACTIONS:
        log_actions.register_action(action, label, message)


def require_coordinator(request):
    if not request.viewer.is_coordinator:
        raise PermissionDenied


def moderation_queue(request):
    """Open flags, newest first, grouped by post; hidden posts; suspensions."""
    require_coordinator(request)
    flags = list(
        Flag.objects.open()
        .prefetch_related("post__revisions")
        .select_related(
            "post__thread__room", "post__author", "post__organization", "reporter"
        )
        .order_by("-created_at")[:200]
    )
    by_post = {}
    for flag in flags:
        by_post.setdefault(flag.post_id, {"post": flag.post, "flags": []})[
            "flags"
        ].append(flag)
    hidden = (
        Post.objects.filter(hidden=True)
        .select_related("thread__room", "author", "hidden_by")
        .order_by("-hidden_at")[:50]
    )
    bans = BoardBan.objects.filter(lifted_at__isnull=True).select_related(
        "user", "created_by"
    )
    return TemplateResponse(
        request,
        "network/admin/moderation_queue.html",
        {
            "flagged": list(by_post.values()),
            "hidden_posts": hidden,
            "bans": bans,
            "header_title": _("Board moderation"),
        },
    )


@require_POST
def moderation_action(request):
    """One decision from the queue, through the same action the thread page
    uses. An unknown or missing decision is refused with a message; an id no
    post or suspension has is not found."""
    require_coordinator(request)
    form = ModerationQueueForm(request.POST)
    if not form.is_valid():
        if "post" in form.errors or "ban" in form.errors:
            raise Http404
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("board_moderation")
    decision = form.cleaned_data["action"]
    try:
        actions.do_moderate(
            request.user, decision, form.target, form.cleaned_data["reason"]
        )
    except actions.BoardActionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, actions.DECISION_DONE[decision])
    return redirect("board_moderation")


@hooks.register("register_admin_urls")
def register_board_admin_urls():
    return [
        path("board/moderation/", moderation_queue, name="board_moderation"),
        path("board/moderation/act/", moderation_action, name="board_moderation_act"),
    ]


class CoordinatorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.viewer.is_coordinator


@hooks.register("register_admin_menu_item")
def register_board_menu_item():
    return CoordinatorMenuItem(
        gettext_lazy("Board moderation"),
        reverse("board_moderation"),
        icon_name="warning",
        order=900,
    )
