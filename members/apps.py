from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Member organizations")

    def ready(self):
        # The coordinator desk's admin hooks (viewset, log actions, dashboard
        # panel) live in their own module, kept apart from wagtail_hooks.py.
        from members import admin_desk  # noqa: F401
