"""The board's nouns, one module per family: rooms and their event log (rooms),
threads, posts and revisions (threads), flags and suspensions (moderation), read
state (notifications), and the /board/ page (pages). `access`
holds what their read verbs ask of a Viewer.

network.models re-exports these for Django's discovery; the app label is
`network`, so the tables and migrations are the network app's.
"""

from network.board.models.pages import BoardPage  # isort: skip
from network.board.models.moderation import BoardBan, Flag, FlagReason
from network.board.models.notifications import ReadState
from network.board.models.rooms import Room, RoomEvent, RoomKind
from network.board.models.threads import Post, PostRevision, Thread, ThreadIssueArea

__all__ = [
    "BoardBan",
    "BoardPage",
    "Flag",
    "FlagReason",
    "Post",
    "PostRevision",
    "ReadState",
    "Room",
    "RoomEvent",
    "RoomKind",
    "Thread",
    "ThreadIssueArea",
]
