from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page


class BoardPage(RoutablePageMixin, Page):
    """/board/: the discussion board. Rooms and threads are routes under it."""

    introduction = models.TextField(
        max_length=600,
        blank=True,
        help_text=_("A sentence or two at the top of the board."),
        verbose_name=_("introduction"),
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("discussion board")
        verbose_name_plural = _("discussion boards")

    @path("")
    def index(self, request):
        """Rooms with activity and unread counts (members); visitors are told what
        the board is and asked to sign in."""
        from network.board.models.access import may_use_board
        from network.board.queries import rooms_for_index, unread_counts
        from network.notifications.follows import FOLLOW, MUTE, NONE, follow_states

        context = self.get_context(request)
        viewer = request.viewer
        context["may_use_board"] = may_use_board(viewer)
        if context["may_use_board"]:
            # ?rooms=active hides rooms without threads; anything else shows all.
            only_active = request.GET.get("rooms") == "active"
            context["only_active"] = only_active
            rooms = list(rooms_for_index(viewer))
            if only_active:
                rooms = [room for room in rooms if room.thread_count]
            unread = unread_counts(viewer, None)
            states = follow_states(viewer.user_id, "room")
            for room in rooms:
                room.unread = unread.get(room.pk, 0)
                room.follow_state = states.get(room.pk, NONE)
            # Followed rooms first, muted ones last, the rest by kind between.
            rest = [room for room in rooms if room.follow_state == NONE]
            context["room_groups"] = [
                (
                    _("Rooms you follow"),
                    [r for r in rooms if r.follow_state == FOLLOW],
                ),
                (_("General rooms"), [r for r in rest if r.kind == "general"]),
                (_("Campaign rooms"), [r for r in rest if r.kind == "campaign"]),
                (_("Issue-area rooms"), [r for r in rest if r.kind == "issue_area"]),
                (_("Muted rooms"), [r for r in rooms if r.follow_state == MUTE]),
            ]
        response = self.render(request, context_overrides=context)
        return response
