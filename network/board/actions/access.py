"""Who may act on the board, and for whom: the error every refused write
raises, the checks of board use and of moderation, and the organizations a person
may speak for. Each asks Viewer.for_user(user) what that person may do.
"""

from django.utils.translation import gettext as _

from members.models import MemberOrganizationPage
from members.viewer import Viewer
from network.board.models.access import may_use_board


class BoardActionError(Exception):
    """A write the person may not make, with a message that says why."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


def check_can_use_board(user):
    if not may_use_board(Viewer.for_user(user)):
        raise BoardActionError(
            _("The board is for staff of member organizations and coordinators.")
        )


def check_is_moderator(user):
    check_can_use_board(user)
    if not Viewer.for_user(user).is_coordinator:
        raise BoardActionError(_("Only coordinators can moderate the board."))


def organizations_for(user):
    """The organizations a person may speak for on the board."""
    return (
        MemberOrganizationPage.objects.filter(
            pk__in=Viewer.for_user(user).organization_ids
        )
        .only("pk", "title", "slug", "url_path")  # url: the live post's link
        .order_by("title")
    )


def check_organization(user, organization):
    viewer = Viewer.for_user(user)
    if organization is None:
        if viewer.is_coordinator:
            return None
        raise BoardActionError(
            _("Choose the organization you are speaking for."), field="organization"
        )
    if not viewer.acts_for(organization.pk):
        raise BoardActionError(
            _("You can only speak for an organization you work for."),
            field="organization",
        )
    return organization
