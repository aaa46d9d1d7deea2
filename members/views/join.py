from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from home.models import NetworkSettings
from members import throttle
from members.actions.applications import do_submit_application
from members.forms.application import ApplicationForm

JOIN_DONE_SESSION_KEY = "members_join_done"


@require_http_methods(["GET", "POST"])
def join(request):
    """The application to join. A failed submission re-renders everything typed."""
    form = ApplicationForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_spam():
            # Looks like success to the bot; nothing is stored or sent.
            request.session[JOIN_DONE_SESSION_KEY] = ""
            return redirect("join_done")
        if form.is_valid():
            if throttle.JOIN_PER_ADDRESS.hit(throttle.client_address(request)):
                do_submit_application(form)
                # What this person typed, never a stored application's name: the
                # page is the same whether or not the address had applied before.
                name = form.cleaned_data["organization_name"]
                request.session[JOIN_DONE_SESSION_KEY] = name
                return redirect("join_done")
            form.add_error(
                None,
                _(
                    "We have received several applications from your connection in "
                    "the last hour. Please try again in an hour, or write to the "
                    "network's coordinators."
                ),
            )
            status = 429
        else:
            status = 400
    network = NetworkSettings.load()
    return render(
        request,
        "members/join.html",
        {"form": form, "principles": network.principles.all(), "network": network},
        status=status,
    )


def join_done(request):
    if JOIN_DONE_SESSION_KEY not in request.session:
        return redirect("join")
    return render(
        request,
        "members/join_done.html",
        {"organization_name": request.session[JOIN_DONE_SESSION_KEY]},
    )
