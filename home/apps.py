from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site shell")

    def ready(self):
        from django.urls import register_converter

        from home import chrome  # noqa: F401 - connects the cache-dropping signals
        from home.converters import IdConverter

        # Before any URLconf is read: ids in URLs are `<id:...>`, never `<int:...>`.
        register_converter(IdConverter, "id")
