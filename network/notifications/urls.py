"""Mounted at /account/notifications/ in network/urls.py."""

from django.urls import path

from network.notifications import pages

urlpatterns = [
    path("", pages.notifications_page, name="notifications"),
    path("settings/", pages.notification_settings, name="notification_settings"),
    path(
        "unsubscribe/<str:token>/", pages.unsubscribe, name="notifications_unsubscribe"
    ),
]
