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
        self.connect_notifications()

    def connect_notifications(self):
        """Each cause's receiver (network/notifications/receivers.py)."""
        from wagtail.signals import page_published, workflow_approved, workflow_rejected

        from campaigns import signals as campaign_signals
        from members import signals as member_signals
        from network.notifications import receivers

        pairs = [
            (member_signals.application_submitted, receivers.on_application_submitted),
            (member_signals.application_decided, receivers.on_application_decided),
            (member_signals.colleague_invited, receivers.on_colleague_invited),
            (member_signals.issue_area_suggested, receivers.on_issue_area_suggested),
            (campaign_signals.signon_decided, receivers.on_signon_decided),
            (workflow_approved, receivers.on_workflow_approved),
            (workflow_rejected, receivers.on_workflow_rejected),
            (page_published, receivers.on_page_published),
            (page_published, receivers.on_page_published_for_saved_searches),
        ]
        for signal, receiver in pairs:
            signal.connect(receiver, dispatch_uid=f"notify-{receiver.__name__}")
        post_save.connect(
            receivers.on_event_saved,
            sender=self.apps.get_model("campaigns", "Event"),
            dispatch_uid="notify-on_event_saved",
        )
