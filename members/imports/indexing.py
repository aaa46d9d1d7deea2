"""Search indexing for a bulk write: nothing page by page while a run saves its
organizations, then the saved ones in batches, as `update_index` adds them
(`backend.add_bulk` over `get_indexed_objects()`, so related terms are read with
one prefetch per batch rather than queries per page).

Two things index an organization as it saves: Wagtail's search post_save handler
(modelsearch) and home.search_index.IndexedWithRelations. Inside
`indexing_deferred(model)` both stand aside *for this thread or task only*: the
mixin reads the `home.search_index.indexing_deferred` context variable, and
modelsearch's handler for `model` is swapped for one that reads it too and
otherwise indexes as before, so other requests served by the same process go on
indexing their own saves. Wagtail's reference index (which page uses which term)
is left to the end the same way, with Wagtail's own
`disable_reference_index_auto_update`.
"""

import threading
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models.signals import post_save
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import get_all_child_relations
from modelsearch import index
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from home.search_index import indexing_deferred as deferred_flag

BATCH_SIZE = 500

_lock = threading.Lock()
# {model: [runs inside, whether modelsearch's handler was connected]}
_swapped = {}


def _index_unless_deferred(sender, instance, **kwargs):
    if deferred_flag.get():
        return
    post_save_signal_handler(instance, **kwargs)


@contextmanager
def indexing_deferred(model):
    """Saves of `model` in this context are not indexed as they happen; the
    caller indexes them with `index_in_batches`."""
    uid = f"members-imports-deferred-{model._meta.label_lower}"
    with _lock:
        entry = _swapped.setdefault(model, [0, False])
        if entry[0] == 0:
            entry[1] = post_save.disconnect(post_save_signal_handler, sender=model)
            if entry[1]:
                post_save.connect(
                    _index_unless_deferred, sender=model, dispatch_uid=uid
                )
        entry[0] += 1
    token = deferred_flag.set(True)
    try:
        # Wagtail's reference index (what uses which term or image) likewise.
        with disable_reference_index_auto_update():
            yield
    finally:
        deferred_flag.reset(token)
        with _lock:
            entry[0] -= 1
            if entry[0] == 0 and entry[1]:
                post_save.disconnect(sender=model, dispatch_uid=uid)
                post_save.connect(post_save_signal_handler, sender=model)


def index_in_batches(model, pks, batch_size=BATCH_SIZE, new=()):
    """Index (again) the `model` objects with these primary keys, `batch_size`
    at a time, in every search backend that updates automatically, and record
    their references in Wagtail's reference index. `new` names the ones just
    created, which have no references recorded yet."""
    pks = sorted(set(pks))
    new = set(new)
    backends = list(get_search_backends(with_auto_update=True))
    for start in range(0, len(pks), batch_size):
        chunk = pks[start : start + batch_size]
        objects = list(
            with_relations(model, model.get_indexed_objects())
            .filter(pk__in=chunk)
            .order_by("pk")
        )
        with transaction.atomic():
            for backend in backends:
                backend.add_bulk(model, objects)
            record_new_references([obj for obj in objects if obj.pk in new])
            for instance in objects:
                if instance.pk not in new:
                    ReferenceIndex.create_or_update_for_object(instance)


def with_relations(model, queryset):
    """The queryset with what indexing a page reads prefetched: modelsearch
    prefetches the relations its search fields name except many-to-many ones
    kept by modelcluster (approaches, populations), and Wagtail's reference index
    reads every child relation (the issue-area links, the links, the comments).
    A batch then costs a few queries, not a few a page."""
    names = [
        field.field_name
        for field in model.get_search_fields()
        if isinstance(field, index.RelatedFields)
        and isinstance(model._meta.get_field(field.field_name), ParentalManyToManyField)
    ]
    names += [
        relation.get_accessor_name() for relation in get_all_child_relations(model)
    ]
    return queryset.prefetch_related(*names)


def record_new_references(objects):
    """What Wagtail's `ReferenceIndex.create_or_update_for_object` records for
    each of `objects`, for objects that have no references recorded yet: their
    references read the way Wagtail reads them, and written in one insert rather
    than a lookup, an insert and a delete each (Wagtail has no call for many)."""
    rows = []
    for instance in objects:
        content_types = [
            ContentType.objects.get_for_model(model, for_concrete_model=False)
            for model in [instance, *instance._meta.get_parent_list()]
        ]
        references = set(ReferenceIndex._extract_references_from_object(instance))
        rows.extend(
            ReferenceIndex(
                content_type=content_types[0],
                base_content_type=content_types[-1],
                object_id=instance.pk,
                to_content_type_id=to_content_type_id,
                to_object_id=to_object_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for to_content_type_id, to_object_id, model_path, content_path in references
        )
    ReferenceIndex.objects.bulk_create(
        rows, ignore_conflicts=connection.features.supports_ignore_conflicts
    )
