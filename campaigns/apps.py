from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self):
        # The resource library's search-index signals. (Its document privacy hook
        # is in wagtail_hooks.py, which Wagtail imports itself.)
        from campaigns.library import signals

        signals.connect()
