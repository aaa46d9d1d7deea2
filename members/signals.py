"""What happened in the membership, for other apps to act on (the network's
notifications listen: network/notifications/receivers.py). Imports point one
way (home ← members ← campaigns ← network), so members announces and never
calls the network. Each is sent by the one action that causes it, inside its
transaction; a listener that tells people does so after commit.

- application_submitted(application)
- application_decided(application): its status says how
- colleague_invited(invitation)
- issue_area_suggested(suggestion)
"""

from django.dispatch import Signal

application_submitted = Signal()
application_decided = Signal()
colleague_invited = Signal()
issue_area_suggested = Signal()
