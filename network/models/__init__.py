from network.models.pages import BoardPage  # isort: skip
from network.models.board import (
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
