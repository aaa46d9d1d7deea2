"""Suspensions from posting: a coordinator suspends a person from posting and
lifts it again; a lifted suspension keeps its row, for the record. Audited with
wagtail.log_actions.
"""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from network.board.actions.access import check_is_moderator
from network.models import BoardBan


@transaction.atomic
def do_suspend_from_posting(moderator, user, reason):
    check_is_moderator(moderator)
    ban = BoardBan.objects.filter(user=user, lifted_at__isnull=True).first()
    if ban is None:
        ban = BoardBan.objects.create(user=user, reason=reason, created_by=moderator)
        log(
            instance=ban,
            action="network.user.suspend",
            user=moderator,
            data={"reason": reason, "user_id": user.pk},
        )
    return ban


@transaction.atomic
def do_lift_suspension(moderator, ban):
    check_is_moderator(moderator)
    if ban.lifted_at is None:
        ban.lifted_at = timezone.now()
        ban.save(update_fields=["lifted_at"])
        log(instance=ban, action="network.user.unsuspend", user=moderator)
    return ban
