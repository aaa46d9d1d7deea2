"""Mounted at /account/notifications/ in network/urls.py."""

from django.urls import path

from network.notifications import pages, saved_search_pages

urlpatterns = [
    path("", pages.notifications_page, name="notifications"),
    path("settings/", pages.notification_settings, name="notification_settings"),
    path(
        "unsubscribe/<str:token>/", pages.unsubscribe, name="notifications_unsubscribe"
    ),
    path("searches/", saved_search_pages.saved_searches, name="saved_searches"),
    path("searches/save/", saved_search_pages.save, name="save_search"),
    path(
        "searches/<id:search_id>/rename/",
        saved_search_pages.rename,
        name="rename_saved_search",
    ),
    path(
        "searches/<id:search_id>/delete/",
        saved_search_pages.delete,
        name="delete_saved_search",
    ),
]
