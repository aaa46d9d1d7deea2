"""The board's pages: rooms, threads and the forms that write (all over plain HTTP,
CSRF-protected, working without JavaScript). Each write is one call of a
network.board.actions `do_*`, which checks before it writes; a refusal is shown on the
form, with what was typed kept."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from home.chrome import section_url
from home.validation import MAX_ID, parse_bounded_int, parse_id
from network.board import actions
from network.board.actions import BoardActionError
from network.board.events import redact, replay, unnamed_organization_ids
from network.board.forms import (
    EditPostForm,
    FlagForm,
    ModerationForm,
    PostForm,
    ThreadForm,
)
from network.board.models.access import may_use_board
from network.board.queries import (
    attach_unread,
    issue_area_links,
    unread_notifications_count,
)
from network.models import Notification, Post, Room, Thread

THREADS_PER_PAGE = 25
POSTS_PER_PAGE = 30
# The post the thread page's <template data-post-template> is rendered from: no
# text, and an id no post has yet, which board.js replaces with a live post's.
POST_PROTOTYPE = {"pk": MAX_ID}


def board_gate(request):
    """Members-only: visitors are sent to sign in, signed-in non-members get a page
    that says why. Returns a response to send, or None to go on."""
    if request.viewer.is_anonymous:
        return redirect_to_login(request.get_full_path())
    if not may_use_board(request.viewer):
        return render(request, "network/not_a_member.html", status=403)
    return None


def readable_room(request, room_slug):
    return get_object_or_404(
        Room.objects.readable_by(request.viewer).select_related("issue_area"),
        slug=room_slug,
    )


def _form_kwargs(request):
    return {
        "organizations": list(actions.organizations_for(request.user)),
        "allow_none": request.viewer.is_coordinator,
    }


def _add_action_error(form, error):
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


def _page_number(request, paginator):
    """?page=last or a page number in ASCII digits; anything else is page 1
    (Paginator.get_page turns a number past the end into the last page)."""
    value = request.GET.get("page")
    if value == "last":
        return paginator.num_pages
    return parse_bounded_int(value, 1, MAX_ID) or 1


def _catch_up_json(request, room, thread=None):
    after = parse_bounded_int(request.GET["after"], 0, MAX_ID)
    if after is None:
        return JsonResponse(
            {"error": "invalid_after", "message": _("after must be an event id.")},
            status=400,
        )
    payloads, last, more = replay(
        room.pk, after, thread_id=thread.pk if thread else None
    )
    unnamed = unnamed_organization_ids(request.viewer)
    return JsonResponse(
        {
            "type": "replay",
            "room": room.pk,
            "thread": thread.pk if thread else None,
            "after": after,
            "events": [redact(payload, unnamed) for payload in payloads],
            "last": last,
            "more": more,
        }
    )


@require_http_methods(["GET", "HEAD", "POST"])
def room_view(request, room_slug):
    gate = board_gate(request)
    if gate:
        return gate
    room = readable_room(request, room_slug)
    if "after" in request.GET:
        return _catch_up_json(request, room)
    form = ThreadForm(**_form_kwargs(request))
    if request.method == "POST":
        form = ThreadForm(request.POST, **_form_kwargs(request))
        if form.is_valid():
            try:
                thread, _post = actions.do_create_thread(
                    request.user,
                    room,
                    form.cleaned_data["title"],
                    form.cleaned_data["body"],
                    form.cleaned_data["organization"],
                    form.cleaned_data["issue_areas"],
                )
            except BoardActionError as error:
                _add_action_error(form, error)
            else:
                messages.success(request, _("Your thread is open."))
                return redirect(thread.get_absolute_url())
    threads = (
        Thread.objects.filter(room=room)
        .with_listing_data(request.viewer)
        .newest_activity_first()
    )
    paginator = Paginator(threads, THREADS_PER_PAGE)
    page = paginator.get_page(_page_number(request, paginator))
    page.object_list = attach_unread(request.viewer, page.object_list)
    return render(
        request,
        "network/room.html",
        {
            "room": room,
            "threads": page,
            "form": form,
            "live_after": room.last_event_id,
            "status": 400 if form.errors else 200,
        },
        status=400 if form.errors else 200,
    )


def _thread_for(request, room_slug, thread_id):
    """The thread and its room in one query (the page's query budget is tight)."""
    viewer = request.viewer
    thread = get_object_or_404(
        Thread.objects.with_listing_data(viewer).annotate(
            unread_notifications=unread_notifications_count(viewer)
        ),
        pk=thread_id,
        room__slug=room_slug,
        room__in=Room.objects.readable_by(viewer),
    )
    return thread.room, thread


@require_http_methods(["GET", "HEAD", "POST"])
def thread_view(request, room_slug, thread_id):
    gate = board_gate(request)
    if gate:
        return gate
    room, thread = _thread_for(request, room_slug, thread_id)
    if "after" in request.GET:
        return _catch_up_json(request, room, thread)
    user = request.user
    form_kwargs = _form_kwargs(request)
    form = PostForm(**form_kwargs)
    status = 200
    if request.method == "POST":
        form = PostForm(request.POST, **form_kwargs)
        if form.is_valid():
            try:
                post = actions.do_create_post(
                    user,
                    thread,
                    form.cleaned_data["body"],
                    form.cleaned_data["organization"],
                )
            except BoardActionError as error:
                _add_action_error(form, error)
            else:
                return redirect(f"{thread.get_absolute_url()}?page=last#post-{post.pk}")
        status = 400
    # The thread's event id is read before its posts, so anything newer than the
    # page is replayed over the socket (and de-duplicated by post id there).
    live_after = thread.last_event_id
    posts = Post.objects.shown().filter(thread=thread).with_display_data(request.viewer)
    paginator = Paginator(posts.order_by("pk"), POSTS_PER_PAGE)
    paginator.count = thread.post_count  # kept in step by the actions
    page_number = _page_number(request, paginator)
    # ?post=<id> opens the page that holds that post (a link from elsewhere).
    post_id = parse_id(request.GET.get("post"))
    if post_id is not None:
        earlier = thread.posts.filter(hidden=False, pk__lt=post_id).count()
        page_number = earlier // POSTS_PER_PAGE + 1
    page = paginator.get_page(page_number)
    page_posts = list(page.object_list)
    if page_posts and request.method != "POST":
        actions.do_mark_thread_read(user, thread, page_posts[-1].pk)
    can_moderate = request.viewer.is_coordinator
    return render(
        request,
        "network/thread.html",
        {
            "room": room,
            "thread": thread,
            "posts": page,
            "page_posts": page_posts,
            "form": form,
            "live_after": live_after,
            "is_last_page": not page.has_next(),
            "issue_areas": issue_area_links(thread, request.viewer),
            "can_moderate": can_moderate,
            "post_prototype": POST_PROTOTYPE,
            "can_reply": not thread.locked or can_moderate,
            "board_unread_notifications": thread.unread_notifications,
        },
        status=status,
    )


def _post_for(request, post_id):
    return get_object_or_404(
        Post.objects.readable_by(request.viewer).select_related(
            "thread__room", "author", "organization"
        ),
        pk=post_id,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def edit_post_view(request, post_id):
    gate = board_gate(request)
    if gate:
        return gate
    post = _post_for(request, post_id)
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
                _add_action_error(form, error)
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
    post = _post_for(request, post_id)
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


def moderation_gate(request):
    """Coordinators only: anyone else is sent back to the board with the reason.
    Returns a response to send, or None to go on."""
    gate = board_gate(request)
    if gate:
        return gate
    try:
        actions.check_is_moderator(request.user)
    except BoardActionError as error:
        messages.error(request, error.message)
        return redirect(section_url("boardpage") or "/")
    return None


def decide(request, form, target):
    """Apply a moderation form's decision through the one moderation action and
    say what happened, or why nothing did."""
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return
    decision = form.cleaned_data["action"]
    try:
        actions.do_moderate(request.user, decision, target, form.cleaned_data["reason"])
    except BoardActionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, actions.DECISION_DONE[decision])


# The decisions each page's buttons send (the admin's queue has its own).
POST_DECISIONS = (actions.Decision.HIDE, actions.Decision.RESTORE)
THREAD_DECISIONS = (
    actions.Decision.LOCK,
    actions.Decision.UNLOCK,
    actions.Decision.PIN,
    actions.Decision.UNPIN,
)


@require_POST
def moderate_post_view(request, post_id):
    gate = moderation_gate(request)
    if gate:
        return gate
    post = _post_for(request, post_id)
    decide(request, ModerationForm(request.POST, decisions=POST_DECISIONS), post)
    next_url = request.POST.get("next", "")
    if next_url.startswith(reverse("wagtailadmin_home")):
        return redirect(next_url)
    return redirect(post.thread.get_absolute_url())


@require_POST
def moderate_thread_view(request, room_slug, thread_id):
    gate = moderation_gate(request)
    if gate:
        return gate
    _room, thread = _thread_for(request, room_slug, thread_id)
    decide(request, ModerationForm(request.POST, decisions=THREAD_DECISIONS), thread)
    return redirect(thread.get_absolute_url())


@require_http_methods(["GET", "HEAD", "POST"])
def notifications_view(request):
    gate = board_gate(request)
    if gate:
        return gate
    if request.method == "POST":
        actions.do_mark_notifications_read(request.user)
        messages.success(request, _("All notifications are marked as read."))
        next_url = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(
            next_url,
            allowed_hosts={request.get_host()},
            require_https=request.is_secure(),
        ):
            next_url = reverse("board_notifications")
        return redirect(next_url)
    notifications = (
        Notification.objects.readable_by(request.viewer)
        .select_related("post__thread__room", "organization")
        .order_by("-created_at")[:100]
    )
    return render(
        request,
        "network/notifications.html",
        {"notifications": notifications},
    )


# Mounted under /board/ in network/urls.py. "posts" and "notifications" are not
# room slugs (network.board.rooms reserves them).
urlpatterns = [
    path("notifications/", notifications_view, name="board_notifications"),
    path("posts/<id:post_id>/edit/", edit_post_view, name="board_edit_post"),
    path("posts/<id:post_id>/flag/", flag_post_view, name="board_flag_post"),
    path(
        "posts/<id:post_id>/moderate/", moderate_post_view, name="board_moderate_post"
    ),
    path("<slug:room_slug>/", room_view, name="board_room"),
    path("<slug:room_slug>/<id:thread_id>/", thread_view, name="board_thread"),
    path(
        "<slug:room_slug>/<id:thread_id>/moderate/",
        moderate_thread_view,
        name="board_moderate_thread",
    ),
]
