"""The follow / mute buttons on what people may follow.

    {% load follow_tags %}
    {% follow_button room %}           on a room or thread page (board members)
    {% follow_button issue_area %}     on an issue-area hub
    {% follow_button page %}           on a campaign page or organization profile

Shown only to signed-in people who may follow the target (the board's members
for rooms and threads). One query for the button's state; the tag is for a
page's own subject, never for each item of a list.
"""

from django import template

from members.viewer import viewer_of
from network.notifications.follows import (
    BOARD_TARGETS,
    FOLLOW,
    MUTE,
    NONE,
    follow_state,
    target_field_of,
)

register = template.Library()


@register.inclusion_tag("network/components/follow_button.html", takes_context=True)
def follow_button(context, target):
    request = context.get("request")
    shown = {"show": False}
    if request is None or target is None:
        return shown
    viewer = viewer_of(request)
    if viewer.is_anonymous:
        return shown
    target_field = target_field_of(target)
    if target_field is None:
        return shown
    if target_field in BOARD_TARGETS and not viewer.may_use_board:
        return shown
    # A page's preview (a draft) is not there to follow yet.
    if getattr(target, "live", True) is False:
        return shown
    return {
        "show": True,
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "target_field": target_field,
        "target": target,
        "state": follow_state(viewer.user_id, target_field, target),
        "FOLLOW": FOLLOW,
        "MUTE": MUTE,
        "NONE": NONE,
        "next": request.get_full_path(),
    }
