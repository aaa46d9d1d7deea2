"""Flagging: a person asks coordinators to look at someone else's post, once
per post until the flag is resolved. Audited with wagtail.log_actions.
"""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from network.board.actions.access import BoardActionError, check_can_use_board
from network.models import Flag, FlagReason
from network.notifications.models import NotificationKind as Kind
from network.notifications.receivers import coordinator_ids
from network.notifications.sending import notify


def check_flag(user, post):
    check_can_use_board(user)
    if post.author_id == user.pk:
        raise BoardActionError(_("You cannot flag your own post."))
    if Flag.objects.open().filter(post=post, reporter=user).exists():
        raise BoardActionError(
            _("You have already flagged this post; coordinators will review it.")
        )


def check_flag_reason(reason):
    if reason not in FlagReason.values:
        raise BoardActionError(
            _("Choose why coordinators should look at this post."), field="reason"
        )


def do_flag_post(user, post, reason, note=""):
    """Ask coordinators to look at someone else's post."""
    check_flag(user, post)
    check_flag_reason(reason)
    return _write_flag(user, post, reason, note)


@transaction.atomic
def _write_flag(user, post, reason, note):
    try:
        flag = Flag.objects.create(post=post, reporter=user, reason=reason, note=note)
    except IntegrityError as error:  # a double submit got past check_flag
        raise BoardActionError(
            _("You have already flagged this post; coordinators will review it.")
        ) from error
    log(instance=flag, action="network.flag.create", user=user)
    notify(Kind.FLAGGED_POST, coordinator_ids(), post=post, exclude=user)
    return flag
