"""Included from network/urls.py at /account/resources/."""

from django.urls import path

from campaigns.library import views

app_name = "campaigns"

urlpatterns = [
    path("", views.my_resources, name="my_resources"),
    path("new/", views.new_resource, name="new_resource"),
    path("<id:resource_id>/edit/", views.edit_resource, name="edit_resource"),
]
