"""/account/notifications/searches/: a person's saved searches (each a link
that runs it again, a rename and a delete), and the POST that saves one from
the directory or the library (the "Save this search" form of
{% save_search_form %}, network/templatetags/saved_search_tags.py).

Every form is checked at the edge: a bad one is answered 400 with what was
wrong and changes nothing; someone else's search is a 404, as is one that
does not exist."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from home.chrome import section_url
from network.notifications.forms import RenameSearchForm, SaveSearchForm
from network.notifications.models import SavedSearch
from network.notifications.saved_searches import (
    MAX_SAVED_SEARCHES,
    SearchRefused,
    TooManySearches,
    save_search,
    search_address,
)


def _refused(request, message):
    return render(
        request,
        "network/notifications/refused.html",
        {"message": message},
        status=400,
    )


def _first_error(form):
    for errors in form.errors.values():
        return errors[0]
    return _("That form could not be used. Go back and try again.")


def _own_search(request, search_id):
    saved = SavedSearch.objects.filter(pk=search_id, user_id=request.viewer.user_id)
    saved = saved.first()
    if saved is None:
        raise Http404
    return saved


@login_required
@require_http_methods(["GET", "HEAD"])
def saved_searches(request):
    directory_url = section_url("memberdirectorypage")
    library_url = section_url("resourceindexpage")
    searches = list(SavedSearch.objects.filter(user_id=request.viewer.user_id))
    for saved in searches:
        saved.address = search_address(saved, directory_url, library_url)
    return render(
        request,
        "network/notifications/saved_searches.html",
        {"searches": searches, "max_searches": MAX_SAVED_SEARCHES},
    )


@login_required
@require_POST
def save(request):
    form = SaveSearchForm(request.POST)
    if not form.is_valid():
        return _refused(request, _first_error(form))
    kind, query = form.cleaned_data["kind"], form.cleaned_data["query"]
    try:
        saved, created = save_search(
            request.user, request.viewer, kind, query, form.cleaned_data["name"]
        )
    except TooManySearches as refusal:
        # A good search, only one too many: back to it, saying so.
        messages.error(request, refusal.message)
        return redirect(
            search_address(SavedSearch(kind=kind, query=refusal.query))
            or reverse("saved_searches")
        )
    except SearchRefused as refusal:
        return _refused(request, refusal.message)
    back = search_address(saved) or reverse("saved_searches")
    if created:
        messages.success(
            request,
            _(
                "The search “%(name)s” is saved. You will hear when something new "
                "matches it."
            )
            % {"name": saved.name},
        )
    else:
        messages.info(
            request,
            _("You already saved this search, as “%(name)s”.") % {"name": saved.name},
        )
    return redirect(back)


@login_required
@require_POST
def delete(request, search_id):
    saved = _own_search(request, search_id)
    name = saved.name
    saved.delete()
    messages.success(request, _("The search “%(name)s” is deleted.") % {"name": name})
    return redirect("saved_searches")


@login_required
@require_POST
def rename(request, search_id):
    saved = _own_search(request, search_id)
    form = RenameSearchForm(request.POST)
    if not form.is_valid():
        return _refused(request, _first_error(form))
    saved.name = form.cleaned_data["name"]
    saved.save(update_fields=["name"])
    messages.success(
        request, _("The search is renamed “%(name)s”.") % {"name": saved.name}
    )
    return redirect("saved_searches")
