"""Members' own resources, under /account/resources/ (the rest of /account/ belongs
to the members app)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from campaigns.library.contributions import (
    check_can_contribute,
    do_submit_resource,
    do_update_resource,
    with_review_status,
)
from campaigns.library.forms import ResourceForm
from campaigns.models import ResourceIndexPage, ResourcePage


def _library_or_404():
    index = ResourceIndexPage.objects.live().first()
    if index is None:
        raise Http404
    return index


def _forbidden(request):
    return render(request, "campaigns/account/not_a_member.html", status=403)


@login_required
def my_resources(request):
    try:
        check_can_contribute(request.user)
    except PermissionDenied:
        return _forbidden(request)
    resources = with_review_status(
        ResourcePage.objects.editable_by(request.viewer)
        .select_related("submitting_organization")
        .order_by("-latest_revision_created_at", "-pk")
    )
    return render(
        request, "campaigns/account/my_resources.html", {"resources": resources}
    )


@login_required
def new_resource(request):
    try:
        check_can_contribute(request.user)
    except PermissionDenied:
        return _forbidden(request)
    index = _library_or_404()
    if request.method == "POST":
        form = ResourceForm(request.POST, request.FILES, viewer=request.viewer)
        if form.is_valid():
            page = do_submit_resource(request.user, index, form.cleaned_data)
            messages.success(
                request,
                _(
                    "Thank you. “%(title)s” was sent to the coordinators for review; "
                    "it will appear in the library once approved."
                )
                % {"title": page.title},
            )
            return redirect("campaigns:my_resources")
    else:
        form = ResourceForm(viewer=request.viewer)
    return render(
        request,
        "campaigns/account/resource_form.html",
        {"form": form, "resource": None},
    )


@login_required
def edit_resource(request, resource_id):
    # Guessing another organization's id gives the same answer as a missing one.
    resource = (
        ResourcePage.objects.editable_by(request.viewer).filter(pk=resource_id).first()
    )
    if resource is None:
        raise Http404
    draft = resource.get_latest_revision_as_object()
    if request.method == "POST":
        form = ResourceForm(request.POST, request.FILES, viewer=request.viewer)
        if form.is_valid():
            do_update_resource(request.user, resource, form.cleaned_data)
            messages.success(
                request,
                _("Your changes to “%(title)s” went to the coordinators for review.")
                % {"title": form.cleaned_data["title"]},
            )
            return redirect("campaigns:my_resources")
    else:
        form = ResourceForm(
            initial=ResourceForm.initial_for(draft, request.viewer),
            viewer=request.viewer,
        )
    return render(
        request,
        "campaigns/account/resource_form.html",
        {"form": form, "resource": resource, "draft": draft},
    )
