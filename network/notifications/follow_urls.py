"""/account/follows/, included once from network/urls.py."""

from django.urls import path

from network.notifications.follow_views import follow_view

urlpatterns = [path("", follow_view, name="follow")]
