"""The board's routes under /board/ (the BoardPage itself answers /board/)."""

from django.urls import path

from network.board.views.mentions import mention_suggestions_view
from network.board.views.moderation import moderate_post_view, moderate_thread_view
from network.board.views.notifications import notifications_view
from network.board.views.posts import edit_post_view, flag_post_view
from network.board.views.rooms import room_view, thread_view

# Mounted under /board/ in network/urls.py. "posts" and "notifications" are not
# room slugs (network.board.rooms reserves them).
urlpatterns = [
    path("notifications/", notifications_view, name="board_notifications"),
    path("posts/mentions/", mention_suggestions_view, name="board_mention_suggestions"),
    path("posts/<id:post_id>/edit/", edit_post_view, name="board_edit_post"),
    path("posts/<id:post_id>/flag/", flag_post_view, name="board_flag_post"),
    path(
        "posts/<id:post_id>/moderate/", moderate_post_view, name="board_moderate_post"
    ),
    path("<slug:room_slug>/", room_view, name="board_room"),
    path("<slug:room_slug>/<id:thread_id>/", thread_view, name="board_thread"),
    path(
        "<slug:room_slug>/<id:thread_id>/moderate/",
        moderate_thread_view,
        name="board_moderate_thread",
    ),
]
