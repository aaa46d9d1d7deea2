"""Wagtail hooks of the resource library, imported by CampaignsConfig.ready (kept
apart from campaigns/wagtail_hooks.py, which belongs to the campaign pages)."""

from django.http import Http404
from wagtail import hooks

from campaigns.documents import document_visible_to


@hooks.register("before_serve_document")
def hide_documents_of_resources_the_person_may_not_see(document, request):
    # 404, not 403 or a login redirect: the URL must not confirm the file exists.
    if not document_visible_to(document, request.viewer):
        raise Http404
