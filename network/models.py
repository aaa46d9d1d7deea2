# Django loads an app's models from `<app>.models`. The network app's models are the
# discussion board's, and they live beside the rest of the board in network/board/.
from network.board.models import *  # noqa: F403
from network.board.models import __all__  # noqa: F401
