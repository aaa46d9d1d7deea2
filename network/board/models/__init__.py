from network.board.models.pages import BoardPage  # isort: skip
from network.board.models.board import (
    BoardBan,
    Flag,
    FlagReason,
    Notification,
    Post,
    PostRevision,
    ReadState,
    Room,
    RoomEvent,
    RoomKind,
    Thread,
    ThreadIssueArea,
)

__all__ = [
    "BoardBan",
    "BoardPage",
    "Flag",
    "FlagReason",
    "Notification",
    "Post",
    "PostRevision",
    "ReadState",
    "Room",
    "RoomEvent",
    "RoomKind",
    "Thread",
    "ThreadIssueArea",
]
