"""The resource library's Wagtail hooks: a document is served only to someone who
may see it, and a new library gets the coordinators' review workflow."""

from django.http import Http404
from wagtail import hooks

from campaigns.library.contributions import assign_review_workflow
from campaigns.library.documents import document_visible_to
from campaigns.library.models import ResourceIndexPage


@hooks.register("before_serve_document")
def hide_documents_of_resources_the_person_may_not_see(document, request):
    # 404, not 403 or a login redirect: the URL must not confirm the file exists.
    if not document_visible_to(document, request.viewer):
        raise Http404


@hooks.register("after_create_page")
def give_a_new_library_its_review_workflow(request, page):
    if isinstance(page.specific, ResourceIndexPage):
        assign_review_workflow(page)
