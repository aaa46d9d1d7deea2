from django.apps import AppConfig
from django.db.models.signals import post_save, pre_delete
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    """The project package doubles as the discussion board app (label "network")."""

    name = "network"
    verbose_name = _("Discussion board")

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        from network.board import rooms

        issue_area = self.apps.get_model("members", "IssueArea")
        post_save.connect(
            rooms.on_issue_area_saved, sender=issue_area, dispatch_uid="board-room-sync"
        )
        pre_delete.connect(
            rooms.on_issue_area_deleted,
            sender=issue_area,
            dispatch_uid="board-room-archive",
        )
        page_published.connect(rooms.on_page_published, dispatch_uid="board-campaign")
        page_unpublished.connect(
            rooms.on_page_unpublished, dispatch_uid="board-campaign-archive"
        )
