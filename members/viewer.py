"""Who is asking: the one value every privacy decision reads (DESIGN.md section 4).

A Viewer is built once per request (members.middleware.ViewerMiddleware, as
`request.viewer`) and once per socket state load (network.board.consumer), the same way:
`Viewer.for_user(user)`, from a user that members.two_factor has already stripped of
coordinator powers its session has not confirmed. Tasks, emails and commands build
one explicitly (`Viewer.for_user(user)`, or `ANONYMOUS`).

The queryset verbs (`visible_to`, `nameable_to`, `readable_by`, `editable_by`, …) take
a Viewer and refuse anything else, so no surface decides privacy from a user's
attributes on its own. User.is_coordinator and User.member_organization_ids stay the
data; this is the only thing the rest of the code asks.
"""

from dataclasses import dataclass

_UNNAMED = "_unnamed_organization_ids"
_VISIBLE = "_visible_organization_ids"


@dataclass(frozen=True)
class Viewer:
    user_id: int | None = None
    is_active: bool = False
    # Already withheld when two-factor is required and this session has not
    # confirmed it (members.two_factor.withhold_unconfirmed_powers).
    is_coordinator: bool = False
    awaiting_two_factor: bool = False
    # The organizations this person may act for: memberships in organizations
    # that are not suspended (User.member_organization_ids).
    organization_ids: frozenset = frozenset()

    @classmethod
    def for_user(cls, user):
        """The Viewer for `user`: None, an AnonymousUser or a User. Free for a user
        object whose cached is_coordinator and member_organization_ids were read
        already (the request's, the socket's)."""
        if isinstance(user, Viewer):
            raise TypeError("Viewer.for_user takes a user; this is a Viewer already.")
        if user is None or not user.is_authenticated:
            return ANONYMOUS
        return cls(
            user_id=user.pk,
            is_active=user.is_active,
            is_coordinator=bool(user.is_coordinator),
            awaiting_two_factor=bool(getattr(user, "awaiting_two_factor", False)),
            organization_ids=frozenset(user.member_organization_ids),
        )

    @property
    def is_authenticated(self):
        return self.user_id is not None

    @property
    def is_anonymous(self):
        return self.user_id is None

    @property
    def is_network_member(self):
        """Staff of at least one organization in good standing, or a coordinator;
        an account that has been deactivated is neither."""
        return self.is_active and (self.is_coordinator or bool(self.organization_ids))

    @property
    def may_use_board(self):
        """The board is for network members."""
        return self.is_network_member

    @property
    def sees_member_details(self):
        """Members-only contact details and members-only resources: for network
        members, never visitors."""
        return self.is_network_member

    def acts_for(self, organization_id):
        """True when this person may act for the organization (is on its team,
        and it is in good standing)."""
        return self.is_active and organization_id in self.organization_ids

    @property
    def visible_organization_ids(self):
        """Ids of every organization this person may see (the one privacy verb).
        One query, on first use."""
        return self._remember(_VISIBLE, self._visible_ids)

    @property
    def unnamed_organization_ids(self):
        """Organizations that stay unnamed to this person: everything outside the
        privacy verb. Small (hidden and suspended ones), so a socket can hold it.
        One query, on first use."""
        return self._remember(_UNNAMED, self._unnamed_ids)

    def _visible_ids(self):
        from members.models import MemberOrganizationPage

        return frozenset(
            MemberOrganizationPage.objects.visible_to(self).values_list("pk", flat=True)
        )

    def _unnamed_ids(self):
        from members.models import MemberOrganizationPage

        return frozenset(
            MemberOrganizationPage.objects.exclude(
                pk__in=MemberOrganizationPage.objects.visible_to(self).values("pk")
            ).values_list("pk", flat=True)
        )

    def _remember(self, name, compute):
        """Kept for this Viewer's life (one request, one socket state load), as
        functools.cached_property would; never on the shared ANONYMOUS, which
        lives as long as the process and would go stale."""
        try:
            return self.__dict__[name]
        except KeyError:
            value = compute()
            if self is not ANONYMOUS:
                self.__dict__[name] = value
            return value


ANONYMOUS = Viewer()


def require_viewer(viewer):
    """The Viewer a privacy verb was given; anything else (a User, None, an
    AnonymousUser) fails loudly, so a call site that was not converted is found."""
    if not isinstance(viewer, Viewer):
        raise TypeError(
            "Privacy verbs take a Viewer, not "
            f"{type(viewer).__name__}: pass request.viewer, or "
            "Viewer.for_user(user) (or ANONYMOUS) outside a request."
        )
    return viewer


def viewer_of(request):
    """request.viewer, or ANONYMOUS for a request that has none (a template
    rendered outside the middleware, such as an email): the least it may see."""
    return getattr(request, "viewer", None) or ANONYMOUS
