from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    """The project package doubles as the discussion board app (label "network")."""

    name = "network"
    verbose_name = _("Discussion board")
