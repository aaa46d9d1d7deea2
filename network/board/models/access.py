"""What the board's read verbs ask of a Viewer: may this person use the board,
and may they see an organization by name. Every board queryset builds on these
two, so the privacy rule is the one verb (members.viewer), never re-implemented.
"""

from django.db.models import Exists, OuterRef

from members.models import MemberOrganizationPage
from members.viewer import require_viewer


def may_use_board(viewer):
    """Members-only: staff of an organization in good standing, or a coordinator
    (Viewer.may_use_board)."""
    return require_viewer(viewer).may_use_board


def organization_named_to(viewer, field="organization_id"):
    """An expression that is true when `viewer` may see the organization in
    `field` by name. Built on the one privacy verb, never re-implemented."""
    return Exists(
        MemberOrganizationPage.objects.visible_to(viewer).filter(pk=OuterRef(field))
    )
