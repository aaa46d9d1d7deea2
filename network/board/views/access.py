"""What every board page asks first: the members-only gate, the lookups of a
room, thread or post the person may read (the same 404 for "missing" and "not
yours"), the organizations a write form may speak for, and how an action's
refusal is shown on its form.
"""

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, render

from network.board import actions
from network.board.models.access import may_use_board
from network.board.queries import unread_notifications_count
from network.models import Post, Room, Thread


def board_gate(request):
    """Members-only: visitors are sent to sign in, signed-in non-members get a page
    that says why. Returns a response to send, or None to go on."""
    if request.viewer.is_anonymous:
        return redirect_to_login(request.get_full_path())
    if not may_use_board(request.viewer):
        return render(request, "network/not_a_member.html", status=403)
    return None


def readable_room(request, room_slug):
    return get_object_or_404(
        Room.objects.readable_by(request.viewer).select_related("issue_area"),
        slug=room_slug,
    )


def speaking_for(request):
    """The write forms' choice of who the person speaks for."""
    return {
        "organizations": list(actions.organizations_for(request.user)),
        "allow_none": request.viewer.is_coordinator,
    }


def add_action_error(form, error):
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


def thread_for(request, room_slug, thread_id):
    """The thread and its room in one query (the page's query budget is tight)."""
    viewer = request.viewer
    thread = get_object_or_404(
        Thread.objects.with_listing_data(viewer).annotate(
            unread_notifications=unread_notifications_count(viewer)
        ),
        pk=thread_id,
        room__slug=room_slug,
        room__in=Room.objects.readable_by(viewer),
    )
    return thread.room, thread


def post_for(request, post_id):
    return get_object_or_404(
        Post.objects.readable_by(request.viewer).select_related(
            "thread__room", "author", "organization"
        ),
        pk=post_id,
    )
