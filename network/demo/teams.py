"""Who works where in the demo: the sign-in people's organizations, and a team
with several people (maria, an admin; lena, the colleague she invited; and an
invitation to a third colleague that has not been accepted yet). Memberships
are made as the network makes them (tests.factories.join_team: the first
person with the approved application, colleagues by invitation)."""

from members.models import Membership, Visibility
from tests.factories import invite_colleague, join_team


def build(organizations, member_users):
    """maria and lena share a public organization; james works for a hidden one;
    sam for a members-only one; priya for two organizations."""
    if not organizations or not member_users:
        return
    people = {user.username: user for user in member_users}

    def first(visibility):
        return next(
            (org for org in organizations if org.visibility == visibility),
            organizations[0],
        )

    public = first(Visibility.PUBLIC)
    others = [org for org in organizations if org.visibility == Visibility.PUBLIC]
    plan = [
        ("maria", public, Membership.Role.ADMIN),
        ("lena", public, Membership.Role.EDITOR),
        ("james", first(Visibility.HIDDEN), Membership.Role.ADMIN),
        ("sam", first(Visibility.MEMBERS), Membership.Role.ADMIN),
        ("priya", others[1] if len(others) > 1 else public, Membership.Role.ADMIN),
        ("priya", others[2] if len(others) > 2 else public, Membership.Role.EDITOR),
    ]
    for username, organization, role in plan:
        if username in people:
            join_team(people[username], organization, role)
    maria = people.get("maria")
    if maria is not None:
        invite_colleague(
            public, "devon@members.example", Membership.Role.EDITOR, by=maria
        )
