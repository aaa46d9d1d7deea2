"""Members contribute resources: `check_*` authorizes, `do_*` writes.

A contribution is saved as a Wagtail revision of a ResourcePage and goes into the
coordinators' review workflow; nothing a member submits is live until a coordinator
approves it. Staff of a member organization may change only the resources their own
organization submitted (ResourceQuerySet.editable_by). Actions take the acting
user (the revisions and the audit log name them) and ask Viewer.for_user(user)
what that person may do.
"""

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.coreutils import find_available_slug
from wagtail.documents import get_document_model
from wagtail.models import Workflow, WorkflowPage, WorkflowState
from wagtail.rich_text import RichText

from campaigns.library.documents import submissions_collection
from campaigns.library.models import (
    ResourceContributor,
    ResourceCoSigner,
    ResourceDocument,
    ResourceIndexPage,
    ResourceLink,
    ResourcePage,
)
from home.text import html_to_text, text_paragraphs
from members.viewer import Viewer, require_viewer

REVIEW_WORKFLOW_NAME = "Resource review"

# The form fields copied onto the page as they are.
PLAIN_FIELDS = (
    "title",
    "summary",
    "kind",
    "publication_date",
    "language",
    "visibility",
    "un_mechanism",
    "treaty_body",
    "special_procedure",
    "session",
    "reviewed_state",
)


def review_workflow():
    """The coordinators' review of contributed resources, made by campaigns
    migration 0005. Its reviewers, the Coordinators group, may edit and publish
    anywhere in the tree (members migration 0005), so approving publishes."""
    return Workflow.objects.get(name=REVIEW_WORKFLOW_NAME)


def assign_review_workflow(index_page):
    """Make the review the library's workflow in the admin too, when the library
    is created (campaigns/library/wagtail_hooks.py; the migration did it for a
    library that already existed)."""
    WorkflowPage.objects.get_or_create(
        page=index_page, defaults={"workflow": review_workflow()}
    )


def organizations_user_may_submit_for(viewer):
    from members.models import MemberOrganizationPage

    viewer = require_viewer(viewer)
    if not viewer.is_active:
        return MemberOrganizationPage.objects.none()
    return MemberOrganizationPage.objects.filter(
        pk__in=viewer.organization_ids
    ).order_by("title")


def visible_org_ids(viewer):
    """Ids of the organizations `viewer` may see (one query, kept on the viewer)."""
    return require_viewer(viewer).visible_organization_ids


def check_can_contribute(user):
    viewer = Viewer.for_user(user)
    if not (viewer.is_active and viewer.organization_ids):
        raise PermissionDenied(
            _("Only staff of a member organization can contribute resources.")
        )


def check_can_submit_for(user, organization):
    check_can_contribute(user)
    if not Viewer.for_user(user).acts_for(organization.pk):
        raise PermissionDenied(_("You can submit only for your own organization."))


def check_can_edit_resource(user, resource):
    editable = ResourcePage.objects.editable_by(Viewer.for_user(user))
    if not editable.filter(pk=resource.pk).exists():
        raise PermissionDenied(
            _("Only staff of the organization that submitted it can change it.")
        )


def body_from_text(text):
    """Plain text from the form as paragraph blocks; everything is escaped."""
    return [
        ("paragraph", RichText(f"<p>{escape(paragraph)}</p>"))
        for paragraph in text_paragraphs(text)
    ]


def text_from_body(body):
    """The paragraphs of a body as the form shows them."""
    parts = [
        html_to_text(block.value.source)
        for block in body
        if block.block_type == "paragraph"
    ]
    return "\n\n".join(part for part in parts if part)


def _make_document(user, upload, title):
    Document = get_document_model()
    document = Document(
        title=title,
        collection=submissions_collection(),
        uploaded_by_user=user,
    )
    document.file = File(upload, name=upload.safe_name)
    document._set_document_file_metadata()
    document.save()
    return document


def _apply(page, user, data):
    visible = visible_org_ids(Viewer.for_user(user))
    for name in PLAIN_FIELDS:
        setattr(page, name, data.get(name) or "")
    if not page.publication_date:
        page.publication_date = None
    # Blocks a coordinator added in the admin (headings, quotes, links) are kept
    # unless the member changes the text.
    if text_paragraphs(data.get("body_text", "")) != text_paragraphs(
        text_from_body(page.body)
    ):
        page.body = body_from_text(data.get("body_text", ""))
    page.issue_areas.set(list(data.get("issue_areas", [])))
    organization = data["organization"]
    page.submitting_organization = organization
    # Credits to organizations this person may not see were never offered in the
    # form, so they are kept as they are rather than silently dropped.
    unseen = {
        item.organization_id
        for item in page.contributors.all()
        if item.organization_id not in visible
    }
    credited = [organization] + [
        org for org in data.get("contributors", []) if org.pk != organization.pk
    ]
    existing = {item.organization_id: item for item in page.contributors.all()}
    page.contributors = [
        existing.get(org.pk) or ResourceContributor(organization=org)
        for org in credited
    ] + [
        item
        for org_id, item in existing.items()
        if org_id in unseen and org_id != organization.pk
    ]
    unseen_cosigners = [
        item for item in page.cosigners.all() if item.organization_id not in visible
    ]
    page.cosigners = [
        ResourceCoSigner(organization=org) for org in data.get("cosigners", [])
    ] + unseen_cosigners
    upload = data.get("document")
    if upload:
        title = data.get("document_title") or page.title
        document = _make_document(user, upload, title)
        page.document_items = list(page.document_items.all()) + [
            ResourceDocument(document=document)
        ]
    if data.get("link_url"):
        page.links = list(page.links.all()) + [
            ResourceLink(
                label=data.get("link_label") or data["link_url"], url=data["link_url"]
            )
        ]


def _submit_for_review(page, user):
    workflow = review_workflow()
    revision = page.save_revision(user=user, log_action=True)
    state = page.current_workflow_state
    if state is not None:
        state.cancel(user=user)
    workflow.start(page, user)
    return revision


@transaction.atomic
def do_submit_resource(user, index_page: ResourceIndexPage, data):
    """Create a draft resource from the form's cleaned data and send it for review."""
    check_can_submit_for(user, data["organization"])
    page = ResourcePage(live=False, owner=user)
    _apply(page, user, data)
    page.slug = unique_slug(index_page, page.title)
    index_page.add_child(instance=page)
    _submit_for_review(page, user)
    return page


@transaction.atomic
def do_update_resource(user, resource, data):
    """Save the changes as a new revision and send them for review; the live
    version stays as it is until a coordinator approves."""
    check_can_edit_resource(user, resource)
    check_can_submit_for(user, data["organization"])
    page = resource.get_latest_revision_as_object()
    _apply(page, user, data)
    _submit_for_review(page, user)
    return page


def unique_slug(parent, title):
    return find_available_slug(parent, slugify(title)[:60].strip("-") or "resource")


def with_review_status(pages):
    """Each page with `.review_status` set, in one extra query."""
    pages = list(pages)
    states = dict(
        WorkflowState.objects.filter(
            base_content_type__model="page",
            object_id__in=[str(page.pk) for page in pages],
            status__in=[
                WorkflowState.STATUS_IN_PROGRESS,
                WorkflowState.STATUS_NEEDS_CHANGES,
            ],
        ).values_list("object_id", "status")
    )
    for page in pages:
        status = states.get(str(page.pk))
        if status == WorkflowState.STATUS_IN_PROGRESS:
            page.review_status = _("Waiting for a coordinator's review")
        elif status == WorkflowState.STATUS_NEEDS_CHANGES:
            page.review_status = _("Changes requested by a coordinator")
        elif page.live and page.has_unpublished_changes:
            page.review_status = _("Live; later changes not published")
        elif page.live:
            page.review_status = _("Live")
        else:
            page.review_status = _("Not published")
    return pages
