"""What happened in the campaigns, for the network's notifications to act on
(network/notifications/receivers.py), sent by the one action that causes it.

- signon_decided(signon): its status says how
"""

from django.dispatch import Signal

signon_decided = Signal()
