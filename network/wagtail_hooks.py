# Wagtail imports `<app>.wagtail_hooks`; the network app's hooks are the board's.
from network.board import wagtail_hooks  # noqa: F401
