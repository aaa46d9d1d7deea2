# Django loads an app's models from `<app>.models`. The network app's models are the
# discussion board's (network/board/) and what reaches people
# (network/notifications/).
from network.board.models import *  # noqa: F403
from network.board.models import __all__ as _board_models
from network.notifications.models import (
    Follow,
    Notification,
    NotificationPreference,
    SavedSearch,
)

__all__ = [
    *_board_models,
    "Follow",
    "Notification",
    "NotificationPreference",
    "SavedSearch",
]
