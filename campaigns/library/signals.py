"""Keep the library's search index in step with its documents' titles."""

from django.db.models.signals import post_save
from wagtail.documents import get_document_model
from wagtail.search.tasks import insert_or_update_object_task


def reindex_resources_of_document(sender, instance, raw=False, **kwargs):
    """A renamed document changes what finds its resources."""
    if raw:
        return
    from campaigns.models import ResourcePage

    for pk in ResourcePage.objects.filter(
        document_items__document=instance
    ).values_list("pk", flat=True):
        insert_or_update_object_task.enqueue("campaigns", "resourcepage", str(pk))


def connect():
    post_save.connect(
        reindex_resources_of_document,
        sender=get_document_model(),
        dispatch_uid="campaigns-reindex-resources-of-document",
    )
