"""Search entries that read a page's child relations (issue areas, documents).

Wagtail indexes a page on post_save, before modelcluster saves its child
relations, so with an immediate task backend the entry would be written without
them. A page that searches by its relations indexes itself again once they are
saved.
"""

from contextvars import ContextVar

from wagtail.search.tasks import insert_or_update_object_task

# True while a bulk writer (the member import, members.imports.indexing) saves
# pages that it indexes in batches itself afterwards.
indexing_deferred = ContextVar("indexing_deferred", default=False)


class IndexedWithRelations:
    """Put first in a page's bases: after a full save, index the page again now
    that its child relations are saved. Saves of named fields (`update_fields`:
    a revision's bookkeeping, a lock) are left to Wagtail's own post_save
    indexing: none of them names a relation."""

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        if kwargs.get("update_fields") is None and not indexing_deferred.get():
            insert_or_update_object_task.enqueue(
                self._meta.app_label, self._meta.model_name, str(self.pk)
            )
        return result
