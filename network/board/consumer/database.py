"""The socket's database access: small synchronous reads, each run in a thread
(database_sync_to_async). load_state reloads the session and builds the Viewer
the way every page does; the other reads go through that Viewer.
"""

from channels.db import database_sync_to_async
from django.conf import settings
from django.utils.translation import gettext as _

from network.board.protocol import CLOSE_FORBIDDEN, CLOSE_UNAUTHENTICATED


def session_names_inactive_account(session):
    """True when a session that is still signed in names a deactivated account.
    Django's get_user answers anonymous for it as for a signed-out session, but
    the person has not signed out: they may no longer use the board (4403)."""
    from django.contrib.auth import SESSION_KEY, get_user_model
    from django.core.exceptions import ValidationError

    raw_id = session.get(SESSION_KEY)
    if raw_id is None:
        return False
    user_model = get_user_model()
    try:
        user_id = user_model._meta.pk.to_python(raw_id)
    except ValidationError:
        return False
    return user_model.objects.filter(pk=user_id, is_active=False).exists()


class DatabaseReads:
    """BoardConsumer's reads; self.viewer is the Viewer of the last load_state."""

    @database_sync_to_async
    def load_state(self):
        """Reload the session and user from the database; decide if they may stay."""
        from django.contrib.auth import get_user
        from django.utils.module_loading import import_string

        from members.two_factor import verified_user, withhold_unconfirmed_powers
        from members.viewer import Viewer
        from network.models import Notification

        store_class = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
        session = store_class(self.session_key)

        class SessionRequest:
            pass

        request = SessionRequest()
        request.session = session
        request.user = get_user(request)
        # The same two-factor rule as every page (members.two_factor).
        user = withhold_unconfirmed_powers(verified_user(request))
        # The same Viewer as every page (members.middleware.ViewerMiddleware): every
        # read this socket makes until the next load goes through it.
        viewer = Viewer.for_user(user)
        state = {"viewer": viewer, "user_id": viewer.user_id, "code": None}
        if viewer.is_anonymous and session_names_inactive_account(session):
            # Deactivated, not signed out: get_user answers anonymous for both.
            state.update(
                code=CLOSE_FORBIDDEN,
                message=_("Your account may no longer use the board."),
            )
            return state
        if viewer.is_anonymous:
            state.update(
                code=CLOSE_UNAUTHENTICATED, message=_("You have been signed out.")
            )
            return state
        if not viewer.may_use_board:
            state.update(
                code=CLOSE_FORBIDDEN,
                message=_("Your account may no longer use the board."),
            )
            return state
        # Computed here, in this thread, not later on the event loop.
        state["unnamed_ids"] = viewer.unnamed_organization_ids
        state["notifications"] = (
            Notification.objects.readable_by(viewer).unread().count()
        )
        return state

    @database_sync_to_async
    def may_read(self, room_id, thread_id):
        from network.models import Room, Thread

        rooms = Room.objects.readable_by(self.viewer).filter(pk=room_id)
        if thread_id is None:
            return rooms.exists()
        return Thread.objects.filter(pk=thread_id, room__in=rooms).exists()

    @database_sync_to_async
    def readable_rooms(self, room_ids):
        from network.models import Room

        return sorted(
            Room.objects.readable_by(self.viewer)
            .filter(pk__in=room_ids)
            .values_list("pk", flat=True)
        )

    @database_sync_to_async
    def load_unread_many(self, room_ids):
        from network.board.queries import unread_counts

        return unread_counts(self.viewer, room_ids) if room_ids else {}

    @database_sync_to_async
    def readable_ids(self, room_id, thread_ids):
        from network.models import Room, Thread

        if not Room.objects.readable_by(self.viewer).filter(pk=room_id).exists():
            return None
        if not thread_ids:
            return set()
        return set(
            Thread.objects.filter(pk__in=thread_ids, room_id=room_id).values_list(
                "pk", flat=True
            )
        )

    @database_sync_to_async
    def load_replay(self, room_id, after, thread_id):
        from network.board.events import replay_frame

        return replay_frame(room_id, after, self.unnamed_ids, thread_id=thread_id)

    @database_sync_to_async
    def load_unread(self, room_id):
        from network.board.queries import unread_counts

        return unread_counts(self.viewer, [room_id]).get(room_id, 0)
