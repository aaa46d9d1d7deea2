"""Two-factor devices: recovery codes, and a coordinator resetting another
person's second factor.

Recovery codes are django-otp's static tokens: one StaticDevice per person holding
ten StaticTokens, each deleted when it is used. New codes replace the old ones in
the same device, so a session that signed in with a recovery code stays verified.

A reset removes every device a person has (their authenticator app and their
recovery codes), so they set up again at their next sign-in, and every session
that had confirmed one of them stops counting as confirmed. It is audited and the
person is told by email.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import log

from members import emails
from members.two_factor import RECOVERY_CODE_COUNT
from members.viewer import Viewer

# Resetting the second factor of someone who may manage users (a site
# administrator) takes someone who may too.
MANAGES_USERS = "members.change_user"


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


def has_two_factor(person):
    return any(devices_for_user(person, confirmed=None))


def check_is_verified_coordinator(by):
    """`by` (the request's user) is a coordinator who confirmed their own second
    factor in this session, whether or not the settings require it elsewhere: a
    door that removes second factors stands behind one."""
    if not (Viewer.for_user(by).is_coordinator and by.is_verified()):
        raise PermissionDenied(
            _(
                "Only coordinators who have confirmed their own two-factor sign-in "
                "can reset someone else's."
            )
        )


def check_may_reset_two_factor(by, person):
    """Only a verified coordinator resets another person's second factor. Never
    their own through this door: that would let a borrowed, unlocked session swap
    in a new phone and keep the account; a coordinator who lost theirs signs in
    with a recovery code, or asks another coordinator, which the log then shows."""
    check_is_verified_coordinator(by)
    if person.pk == by.pk:
        raise PermissionDenied(
            _(
                "You cannot reset your own two-factor sign-in here. Sign in with one "
                "of your recovery codes and make new ones, or ask another "
                "coordinator."
            )
        )
    if person.has_perm(MANAGES_USERS) and not by.has_perm(MANAGES_USERS):
        raise PermissionDenied(
            _(
                "%(name)s is a site administrator: only a site administrator can "
                "reset their two-factor sign-in."
            )
            % {"name": person.get_full_name() or person.get_username()}
        )
    if not has_two_factor(person):
        raise ValidationError(
            _("%(name)s has not set up two-factor sign-in: there is nothing to reset.")
            % {"name": person.get_full_name() or person.get_username()}
        )


@transaction.atomic
def do_reset_two_factor(by, person):
    """Remove all of `person`'s two-factor devices, log who did it, and tell them
    (after commit)."""
    check_may_reset_two_factor(by, person)
    apps = TOTPDevice.objects.filter(user=person)
    removed = {
        "authenticator_apps": apps.count(),
        "recovery_codes": recovery_codes_left(person),
    }
    apps.delete()
    StaticDevice.objects.filter(user=person).delete()  # and its tokens
    log(
        person,
        "members.two_factor.reset",
        user=by,
        data={
            "person": person.get_full_name() or person.get_username(),
            "username": person.get_username(),
            "reset_by": by.get_full_name() or by.get_username(),
            **removed,
        },
    )
    emails.send_two_factor_reset(person, by)
