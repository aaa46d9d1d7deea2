from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self):
        # The resource library's document privacy hook and search-index signals.
        from campaigns import document_hooks, signals

        del document_hooks  # registered on import
        signals.connect()
