"""GET /board/posts/mentions/?q=<text>: the organizations and people a writer
may mention whose names match what they typed after `@`, as JSON for the post
forms' suggestions (static/js/board-mentions.js). Members only (403 for anyone
else, signed in or not: it is a script's address, not a page); a q that is
empty, longer than 60 characters or carries control characters is refused
(400), and each person may ask a few times a second at most (429)."""

from django.http import JsonResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from home.throttle import Limit
from network.board.mentions import (
    MentionQueryError,
    read_mention_query,
    suggest_mentions,
)

# Typing sends one request per pause (board-mentions.js waits 200 ms); this
# leaves room for fast typists and stops a script walking every name.
MENTION_LOOKUPS_PER_PERSON = Limit("board-mentions", limit=120, window=60)


def _refused(status, error, message):
    response = JsonResponse({"error": error, "message": message}, status=status)
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_safe
def mention_suggestions_view(request):
    viewer = request.viewer
    if not viewer.may_use_board:
        return _refused(
            403,
            "members_only",
            _("Only staff of member organizations and coordinators may mention."),
        )
    try:
        text = read_mention_query(request.GET.get("q"))
    except MentionQueryError as error:
        return _refused(400, "invalid_q", str(error))
    if not MENTION_LOOKUPS_PER_PERSON.hit(viewer.user_id):
        return _refused(
            429,
            "too_many",
            _("Too many look-ups in a minute; wait a moment and type again."),
        )
    suggestions = suggest_mentions(viewer, text)
    response = JsonResponse(
        {"q": text, "results": [suggestion.as_json() for suggestion in suggestions]}
    )
    patch_cache_control(response, private=True, no_store=True)
    return response
