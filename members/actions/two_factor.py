"""Two-factor devices: recovery codes.

Recovery codes are django-otp's static tokens: one StaticDevice per person holding
ten StaticTokens, each deleted when it is used. New codes replace the old ones in
the same device, so a session that signed in with a recovery code stays verified.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from members.two_factor import RECOVERY_CODE_COUNT


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user).count()


@transaction.atomic
def do_make_recovery_codes(user):
    """Ten new recovery codes for `user`, replacing any they had; returns them,
    to be shown once. The codes are random (django-otp's StaticToken)."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": _("Recovery codes"), "confirmed": True}
    )
    device.token_set.all().delete()
    codes = set()
    while len(codes) < RECOVERY_CODE_COUNT:
        codes.add(StaticToken.random_token())
    codes = sorted(codes)
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=code) for code in codes
    )
    return codes


def use_recovery_code(user, code):
    """(device, codes left) when `code` is one of `user`'s recovery codes, which is
    then used up; (None, None) when it is not. (device, None) when django-otp's
    back-off after a wrong code asks to wait.

    The device row is locked first, so two requests with the same code cannot
    both pass between django-otp's lookup and its delete."""
    with transaction.atomic():
        device = StaticDevice.objects.select_for_update().filter(user=user).first()
        if device is None:
            return None, None
        if not device.verify_is_allowed()[0]:
            return device, None
        if not device.verify_token(code):
            return None, None
        return device, device.token_set.count()
