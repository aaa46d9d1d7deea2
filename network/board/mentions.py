"""Who a writer may mention on the board, and the suggestions the post forms
offer as they type `@` (GET /board/posts/mentions/?q=…, static/js/board-mentions.js).

Two kinds of mention, both plain text that works without JavaScript:

- `@slug`: an organization, by its address, among
  `MemberOrganizationPage.objects.nameable_to(viewer)`; hidden organizations
  never are, not even to their own staff (a post is read by many);
- `@~username`: a person, among `people_nameable_to(viewer)`: the active staff of
  organizations in good standing the writer may name, and the network's
  coordinators. A person who works only for organizations the writer may not
  name is never offered, nor shown by name in a post.

The `~` keeps the two apart: an organization's address and a username may be
the same word, and `@word` always means the organization, as it did before
people could be mentioned.

Names are matched case- and accent-insensitively (`Folded`: PostgreSQL's
unaccent, a Python function registered on SQLite), words starting with what was
typed first. Each kind is one query, whatever the network's size.
"""

import unicodedata
from dataclasses import dataclass

from django.db.models import (
    Case,
    CharField,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Concat
from django.utils.text import slugify
from django.utils.translation import gettext as _

from home.validation import invisible_characters
from members.models import (
    COORDINATORS_GROUP,
    MemberOrganizationPage,
    Membership,
    MembershipStatus,
    User,
)
from members.viewer import require_viewer
from network.board.markdown import PERSON_MENTION

MAX_QUERY_CHARS = 60
MAX_SUGGESTIONS = 8

_SQLITE_FOLD = "cg_fold"


def fold(text):
    """Lower-case, accents dropped: "México" and "mexico" fold alike."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class Folded(Func):
    """`fold()` in the database: UNACCENT(LOWER(x)) on PostgreSQL (the unaccent
    extension home's migration 0005 enables), the same Python function as
    `fold()` on SQLite, registered on the connection the query runs on."""

    function = "LOWER"
    arity = 1
    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra):
        connection.ensure_connection()
        connection.connection.create_function(_SQLITE_FOLD, 1, fold, deterministic=True)
        return super().as_sql(compiler, connection, function=_SQLITE_FOLD, **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return super().as_sql(
            compiler,
            connection,
            template="UNACCENT(LOWER((%(expressions)s)::text))",
            **extra,
        )


def _word_start_first(field, needle):
    """0 where a word of `field` starts with `needle`, else 1."""
    return Case(
        When(
            Q(**{f"{field}__startswith": needle})
            | Q(**{f"{field}__contains": Concat(Value(" "), needle)}),
            then=Value(0),
        ),
        default=Value(1),
        output_field=IntegerField(),
    )


def named_workplaces(viewer):
    """Organizations whose staff `viewer` may name: those they may name that are
    in good standing (a suspended organization's staff do not use the board)."""
    return (
        MemberOrganizationPage.objects.nameable_to(viewer)
        .exclude(membership_status=MembershipStatus.SUSPENDED)
        .values("pk")
    )


def people_nameable_to(viewer):
    """People `viewer` may mention by name: active staff of an organization they
    may name (`named_workplaces`), and the coordinators. Nobody for someone who
    may not use the board."""
    viewer = require_viewer(viewer)
    if not viewer.may_use_board:
        return User.objects.none()
    staff = Membership.objects.filter(organization__in=named_workplaces(viewer)).values(
        "user_id"
    )
    coordinators = User.objects.filter(
        Q(groups__name=COORDINATORS_GROUP) | Q(is_superuser=True)
    ).values("pk")
    return User.objects.filter(Q(pk__in=staff) | Q(pk__in=coordinators), is_active=True)


def display_name(user):
    return user.get_full_name() or user.get_username()


class MentionQueryError(ValueError):
    pass


def read_mention_query(raw):
    """What was typed after `@` (or `@~`): 1 to 60 characters once trimmed,
    no control or invisible characters. Raises MentionQueryError with the
    message to show."""
    text = (raw or "").strip()
    if text.startswith("@"):
        text = text[1:]
    if text.startswith("~"):
        text = text[1:]
    text = text.strip()
    if not text or len(text) > MAX_QUERY_CHARS:
        raise MentionQueryError(
            _("Type from 1 to %(limit)s characters of a name after @.")
            % {"limit": MAX_QUERY_CHARS}
        )
    if invisible_characters(text):
        raise MentionQueryError(
            _("The name contains invisible or control characters; type it again.")
        )
    return text


@dataclass(frozen=True)
class Suggestion:
    label: str
    kind: str  # "organization" or "person"
    insert: str
    detail: str
    rank: int

    def as_json(self):
        return {
            "label": self.label,
            "kind": self.kind,
            "insert": self.insert,
            "detail": self.detail,
        }


def _organizations(viewer, text, limit):
    needle = Folded(Value(text))
    address = slugify(text)
    matches = Q(folded__contains=needle)
    if address:
        matches |= Q(slug__startswith=address)
    rows = (
        MemberOrganizationPage.objects.nameable_to(viewer)
        .annotate(folded=Folded(F("title")))
        .filter(matches)
        .annotate(rank=_word_start_first("folded", needle))
        .order_by("rank", "folded", "pk")
        .only("pk", "title", "slug", "city", "subdivision", "country")[:limit]
    )
    return [
        Suggestion(org.title, "organization", f"@{org.slug}", org.place, org.rank)
        for org in rows
    ]


def _people(viewer, text, limit):
    needle = Folded(Value(text))
    workplace = (
        Membership.objects.filter(
            user=OuterRef("pk"), organization__in=named_workplaces(viewer)
        )
        .order_by("organization__title", "organization_id")
        .values("organization__title")[:1]
    )
    rows = (
        people_nameable_to(viewer)
        .exclude(pk=viewer.user_id)
        .annotate(
            folded=Folded(Concat(F("first_name"), Value(" "), F("last_name"))),
            handle=Folded(F("username")),
        )
        .filter(Q(folded__contains=needle) | Q(handle__startswith=needle))
        .annotate(
            rank=Case(
                When(handle__startswith=needle, then=Value(0)),
                default=_word_start_first("folded", needle),
                output_field=IntegerField(),
            ),
            workplace=Subquery(workplace),
        )
        .order_by("rank", "folded", "pk")
        .only("pk", "username", "first_name", "last_name")[:limit]
    )
    return [
        Suggestion(
            display_name(person),
            "person",
            f"@~{person.username}",
            person.workplace or _("Network coordinator"),
            person.rank,
        )
        for person in rows
        # A username a mention could not spell is not offered.
        if PERSON_MENTION.fullmatch(f"@~{person.username}")
    ]


def suggest_mentions(viewer, text, limit=MAX_SUGGESTIONS):
    """Up to `limit` organizations and people `viewer` may mention whose names
    match `text` (read_mention_query's), words starting with it first. Two
    queries."""
    viewer = require_viewer(viewer)
    if not viewer.may_use_board:
        return []
    found = _organizations(viewer, text, limit) + _people(viewer, text, limit)
    found.sort(key=lambda s: (s.rank, fold(s.label), s.kind))
    return found[:limit]
