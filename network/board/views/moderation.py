"""The moderation buttons on the thread page (hide or restore a post; lock,
unlock, pin or unpin a thread), for coordinators only. Each decision is one call
of network.board.actions.do_moderate, as from the admin's queue."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from home.chrome import section_url
from network.board import actions
from network.board.actions import BoardActionError
from network.board.forms import ModerationForm
from network.board.views.access import board_gate, post_for, thread_for


def moderation_gate(request):
    """Coordinators only: anyone else is sent back to the board with the reason.
    Returns a response to send, or None to go on."""
    gate = board_gate(request)
    if gate:
        return gate
    try:
        actions.check_is_moderator(request.user)
    except BoardActionError as error:
        messages.error(request, error.message)
        return redirect(section_url("boardpage") or "/")
    return None


def decide(request, form, target):
    """Apply a moderation form's decision through the one moderation action and
    say what happened, or why nothing did."""
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return
    decision = form.cleaned_data["action"]
    try:
        actions.do_moderate(request.user, decision, target, form.cleaned_data["reason"])
    except BoardActionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, actions.DECISION_DONE[decision])


# The decisions each page's buttons send (the admin's queue has its own).
POST_DECISIONS = (actions.Decision.HIDE, actions.Decision.RESTORE)
THREAD_DECISIONS = (
    actions.Decision.LOCK,
    actions.Decision.UNLOCK,
    actions.Decision.PIN,
    actions.Decision.UNPIN,
)


@require_POST
def moderate_post_view(request, post_id):
    gate = moderation_gate(request)
    if gate:
        return gate
    post = post_for(request, post_id)
    decide(request, ModerationForm(request.POST, decisions=POST_DECISIONS), post)
    next_url = request.POST.get("next", "")
    if next_url.startswith(reverse("wagtailadmin_home")):
        return redirect(next_url)
    return redirect(post.thread.get_absolute_url())


@require_POST
def moderate_thread_view(request, room_slug, thread_id):
    gate = moderation_gate(request)
    if gate:
        return gate
    _room, thread = thread_for(request, room_slug, thread_id)
    decide(request, ModerationForm(request.POST, decisions=THREAD_DECISIONS), thread)
    return redirect(thread.get_absolute_url())
