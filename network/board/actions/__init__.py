"""Board writes. Each write is one call: `do_*` runs its `check_*` functions
(which validate and authorize, raising BoardActionError with a message for the
person) and only then writes in one transaction, records the room event and
queues its broadcast for after commit. A refused write has changed nothing. The
board's pages and the admin's moderation queue call the same `do_*`; the socket
only reads (DESIGN.md section 5). Actions take the acting user (they record who
wrote or moderated) and ask Viewer.for_user(user) what that person may do.

Every moderation decision is audited with wagtail.log_actions.

One module per capability: access (who may act, and for whom), posting (threads,
replies, edits), notifications (mentions and read marks), flags, moderation (the
decisions and do_moderate), suspensions. Callers use this package as a namespace
(`actions.do_create_post`), so it re-exports their public names. A test that
replaces a function one action calls inside the package patches the module that
holds the caller (e.g. `posting.check_can_post`), not this namespace.
"""

from network.board.actions.access import (
    BoardActionError,
    check_can_use_board,
    check_is_moderator,
    check_organization,
    organizations_for,
)
from network.board.actions.flags import check_flag, check_flag_reason, do_flag_post
from network.board.actions.moderation import (
    DECISION_DONE,
    DECISION_TARGETS,
    UNKNOWN_DECISION,
    Decision,
    check_decision,
    do_dismiss_flag,
    do_dismiss_flags,
    do_hide_post,
    do_moderate,
    do_restore_post,
    do_set_thread_state,
)
from network.board.actions.notifications import (
    MAX_MENTIONS,
    create_mention_notifications,
    do_mark_notifications_read,
    do_mark_thread_read,
    resolve_mentions,
    resolve_people_mentions,
)
from network.board.actions.posting import (
    MAX_POST_CHARS,
    MAX_TITLE_CHARS,
    check_body,
    check_can_post,
    check_edit_post,
    check_rate,
    check_title,
    do_create_post,
    do_create_thread,
    do_edit_post,
    posts_per_minute,
    serialize_posts_by,
)
from network.board.actions.suspensions import (
    do_lift_suspension,
    do_suspend_from_posting,
)

__all__ = [
    "DECISION_DONE",
    "DECISION_TARGETS",
    "MAX_MENTIONS",
    "MAX_POST_CHARS",
    "MAX_TITLE_CHARS",
    "UNKNOWN_DECISION",
    "BoardActionError",
    "Decision",
    "check_body",
    "check_can_post",
    "check_can_use_board",
    "check_decision",
    "check_edit_post",
    "check_flag",
    "check_flag_reason",
    "check_is_moderator",
    "check_organization",
    "check_rate",
    "check_title",
    "create_mention_notifications",
    "do_create_post",
    "do_create_thread",
    "do_dismiss_flag",
    "do_dismiss_flags",
    "do_edit_post",
    "do_flag_post",
    "do_hide_post",
    "do_lift_suspension",
    "do_mark_notifications_read",
    "do_mark_thread_read",
    "do_moderate",
    "do_restore_post",
    "do_set_thread_state",
    "do_suspend_from_posting",
    "organizations_for",
    "posts_per_minute",
    "resolve_mentions",
    "resolve_people_mentions",
    "serialize_posts_by",
]
