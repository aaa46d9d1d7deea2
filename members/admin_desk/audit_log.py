"""The members app's actions as Wagtail's audit log names them (the
`members.*` actions that members.actions logs)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.log_actions import LogFormatter


def register_log_actions(registry):
    registry.register_action(
        "members.application.submit",
        _("Submit application"),
        _("Application submitted"),
    )
    registry.register_action(
        "members.application.resubmit",
        _("Submit application again"),
        _("The same application was submitted again (not stored twice)"),
    )
    registry.register_action(
        "members.application.approve",
        _("Approve application"),
        _("Application approved"),
    )
    registry.register_action(
        "members.application.decline",
        _("Decline application"),
        _("Application declined"),
    )
    registry.register_action(
        "members.invitation.send", _("Invite to team"), _("Invitation sent")
    )
    registry.register_action(
        "members.invitation.accept", _("Accept invitation"), _("Invitation accepted")
    )
    registry.register_action(
        "members.membership.role", _("Change team role"), _("Team role changed")
    )
    registry.register_action(
        "members.membership.remove", _("Remove from team"), _("Removed from team")
    )
    registry.register_action(
        "members.suggestion.submit",
        _("Suggest an issue area"),
        _("Issue area suggested"),
    )
    registry.register_action(
        "members.suggestion.add",
        _("Add a suggested issue area"),
        _("Suggested issue area added to the list"),
    )
    registry.register_action(
        "members.suggestion.match",
        _("Match a suggested issue area"),
        _("Suggested issue area matched to one on the list"),
    )
    registry.register_action(
        "members.suggestion.decline",
        _("Decline a suggested issue area"),
        _("Suggested issue area declined"),
    )
    registry.register_action(
        "members.profile.visibility",
        _("Change visibility"),
        _("Visibility changed by the organization"),
    )
    registry.register_action(
        "members.profile.confirm",
        _("Confirm profile"),
        _("Profile confirmed as up to date by the organization"),
    )

    @registry.register_action("members.two_factor.reset")
    class TwoFactorReset(LogFormatter):
        # Logged on the person whose devices were removed; the entry's user is
        # the coordinator who removed them.
        label = _("Reset two-factor sign-in")

        def format_message(self, log_entry):
            data = log_entry.data
            apps = data.get("authenticator_apps", 0)
            codes = data.get("recovery_codes", 0)
            return _(
                "Two-factor sign-in of %(person)s reset by %(reset_by)s "
                "(%(apps)s and %(codes)s removed)"
            ) % {
                "person": data.get("person", log_entry.label),
                "reset_by": data.get("reset_by", "?"),
                "apps": ngettext(
                    "%(count)d authenticator app", "%(count)d authenticator apps", apps
                )
                % {"count": apps},
                "codes": ngettext(
                    "%(count)d recovery code", "%(count)d recovery codes", codes
                )
                % {"count": codes},
            }

    # A run of the member import (members.imports), logged on the directory page.
    from members.imports.report import MemberImportFormatter

    registry.register_action("members.import")(MemberImportFormatter)
