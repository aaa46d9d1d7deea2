"""Writes on one post over plain HTTP: editing one's own post and flagging
someone else's for coordinators. Each is one call of a network.board.actions
`do_*`; a refusal is shown on the form or as a message on the post's page."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from network.board import actions
from network.board.actions import BoardActionError
from network.board.forms import EditPostForm, FlagForm
from network.board.views.access import add_action_error, board_gate, post_for


@require_http_methods(["GET", "HEAD", "POST"])
def edit_post_view(request, post_id):
    gate = board_gate(request)
    if gate:
        return gate
    post = post_for(request, post_id)
    form = EditPostForm(initial={"body": post.body})
    status = 200
    try:
        # Asked before the form is shown, too: nobody types an edit in vain.
        actions.check_edit_post(request.user, post)
    except BoardActionError as error:
        messages.error(request, error.message)
        return redirect(post.get_absolute_url())
    if request.method == "POST":
        form = EditPostForm(request.POST)
        if form.is_valid():
            try:
                actions.do_edit_post(request.user, post, form.cleaned_data["body"])
            except BoardActionError as error:
                add_action_error(form, error)
            else:
                messages.success(request, _("Your post is updated."))
                return redirect(post.get_absolute_url())
        status = 400
    return render(
        request, "network/edit_post.html", {"post": post, "form": form}, status=status
    )


@require_http_methods(["GET", "HEAD", "POST"])
def flag_post_view(request, post_id):
    gate = board_gate(request)
    if gate:
        return gate
    post = post_for(request, post_id)
    form = FlagForm()
    status = 200
    if request.method == "POST":
        form = FlagForm(request.POST)
        if form.is_valid():
            try:
                actions.do_flag_post(
                    request.user,
                    post,
                    form.cleaned_data["reason"],
                    form.cleaned_data["note"],
                )
            except BoardActionError as error:
                messages.error(request, error.message)
                return redirect(post.get_absolute_url())
            messages.success(
                request,
                _("Thank you. Coordinators will review the post."),
            )
            return redirect(post.get_absolute_url())
        status = 400
    return render(
        request, "network/flag_post.html", {"post": post, "form": form}, status=status
    )
