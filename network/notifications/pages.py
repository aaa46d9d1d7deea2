"""/account/notifications/ (a person's notifications: filtered, paginated,
marked read), /account/notifications/settings/ (how each kind reaches them) and
the unsubscribe link every email carries."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from network.board.events import notify_user_on_commit
from network.notifications.emails import read_unsubscribe_token
from network.notifications.forms import (
    MarkReadForm,
    NotificationFilterForm,
    PreferencesForm,
)
from network.notifications.kinds import (
    DEFAULT_DELIVERY,
    DESCRIBED_RELATIONS,
    described,
)
from network.notifications.models import (
    Delivery,
    Notification,
    NotificationKind,
    NotificationPreference,
)

PAGE_SIZE = 20


def _bad_request(request, message):
    return render(
        request,
        "network/notifications/refused.html",
        {"message": message},
        status=400,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def notifications_page(request):
    viewer = request.viewer
    readable = Notification.objects.readable_by(viewer)
    if request.method == "POST":
        return _mark_read(request, readable)
    filters = NotificationFilterForm(viewer, request.GET)
    if not filters.is_valid() or set(request.GET) - {"kind", "show", "page"}:
        return _bad_request(
            request, _("That list cannot be shown. Choose the filters again.")
        )
    listed = readable
    if filters.cleaned_data["kind"]:
        listed = listed.filter(kind=filters.cleaned_data["kind"])
    if filters.cleaned_data["show"] == "unread":
        listed = listed.unread()
    paginator = Paginator(
        listed.select_related(*DESCRIBED_RELATIONS).order_by("-created_at", "-pk"),
        PAGE_SIZE,
    )
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except (EmptyPage, PageNotAnInteger):
        return _bad_request(request, _("There is no such page of notifications."))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "network/notifications/list.html",
        {
            "filters": filters,
            "page_obj": page,
            "notifications": described(list(page.object_list)),
            "unread_count": readable.unread().count(),
            "query": query.urlencode(),
        },
    )


def _mark_read(request, readable):
    form = MarkReadForm(request.POST)
    if not form.is_valid():
        return _bad_request(request, _("Choose a notification to mark as read."))
    mark = form.cleaned_data["mark"]
    chosen = readable.unread()
    if mark != "all":
        chosen = chosen.filter(pk=int(mark))
    with transaction.atomic():
        marked = chosen.update(read_at=timezone.now())
        notify_user_on_commit(request.user.pk, readable.unread().count())
    if mark == "all":
        messages.success(request, _("All notifications are marked as read."))
    elif marked:
        messages.success(request, _("The notification is marked as read."))
    next_url = form.cleaned_data["next"]
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("notifications")
    return redirect(next_url)


def chosen_deliveries(user):
    return dict(
        NotificationPreference.objects.filter(user=user).values_list("kind", "delivery")
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def notification_settings(request):
    chosen = chosen_deliveries(request.user)
    if request.method == "POST":
        form = PreferencesForm(request.viewer, chosen, request.POST)
        if form.is_valid():
            save_preferences(request.user, form.cleaned_data)
            messages.success(request, _("Your choices are saved."))
            return redirect("notification_settings")
        status = 400
    else:
        form = PreferencesForm(request.viewer, chosen)
        status = 200
    return render(
        request, "network/notifications/settings.html", {"form": form}, status=status
    )


@transaction.atomic
def save_preferences(user, choices):
    """Keep a row only for a choice that differs from the default, so a change
    of default reaches everyone who never chose."""
    for kind, delivery in choices.items():
        default = (
            Delivery.EMAIL
            if kind == NotificationPreference.DIGEST
            else DEFAULT_DELIVERY[NotificationKind(kind)]
        )
        if delivery == default:
            NotificationPreference.objects.filter(user=user, kind=kind).delete()
        else:
            NotificationPreference.objects.update_or_create(
                user=user, kind=kind, defaults={"delivery": delivery}
            )


def unsubscribed_delivery(kind):
    """What an unsubscribe sets: the digest off; any other kind kept on the site
    but no longer emailed."""
    return Delivery.OFF if kind == NotificationPreference.DIGEST else Delivery.IN_APP


# A mail client's one-click unsubscribe (RFC 8058) posts without a CSRF token;
# the signed token in the address is the proof.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    read = read_unsubscribe_token(token)
    valid_kinds = {kind.value for kind in NotificationKind} | {
        NotificationPreference.DIGEST
    }
    if read is None or read[1] not in valid_kinds:
        return _bad_request(
            request,
            _(
                "This unsubscribe link is not valid. Choose what reaches you on your "
                "notification settings instead."
            ),
        )
    user_id, kind = read
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return _bad_request(request, _("This unsubscribe link is no longer valid."))
    if request.viewer.is_authenticated and request.viewer.user_id != user.pk:
        return _bad_request(
            request,
            _(
                "This link was sent to someone else. Sign out to use it, or choose "
                "what reaches you on your own notification settings."
            ),
        )
    label = (
        _("The weekly digest")
        if kind == NotificationPreference.DIGEST
        else NotificationKind(kind).label
    )
    target = unsubscribed_delivery(kind)
    current = chosen_deliveries(user).get(kind) or (
        Delivery.EMAIL
        if kind == NotificationPreference.DIGEST
        else DEFAULT_DELIVERY[NotificationKind(kind)]
    )
    already = current != Delivery.EMAIL
    if request.method == "POST" and not already:
        NotificationPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"delivery": target}
        )
    return render(
        request,
        "network/notifications/unsubscribe.html",
        {
            "label": label,
            "done": request.method == "POST" or already,
            "already": already,
            "is_digest": kind == NotificationPreference.DIGEST,
        },
    )
