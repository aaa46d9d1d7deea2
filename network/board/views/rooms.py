"""The room page (its threads, and the form that opens one) and the thread page
(its posts, and the reply form), each also answering ?after=<event id> with the
events a client missed, as JSON. Each write is one call of a network.board.actions
`do_*`, which checks before it writes; a refusal is shown on the form, with what
was typed kept."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from home.validation import MAX_ID, parse_bounded_int, parse_id
from network.board import actions
from network.board.actions import BoardActionError
from network.board.events import redact, replay, unnamed_organization_ids
from network.board.forms import PostForm, ThreadForm
from network.board.queries import attach_unread, issue_area_links, who_works_on_this
from network.board.views.access import (
    add_action_error,
    board_gate,
    readable_room,
    speaking_for,
    thread_for,
)
from network.models import Post, Thread

THREADS_PER_PAGE = 25
POSTS_PER_PAGE = 30
# The post the thread page's <template data-post-template> is rendered from: no
# text, and an id no post has yet, which board.js replaces with a live post's.
POST_PROTOTYPE = {"pk": MAX_ID}


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
    form = ThreadForm(**speaking_for(request))
    if request.method == "POST":
        form = ThreadForm(request.POST, **speaking_for(request))
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
                add_action_error(form, error)
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


@require_http_methods(["GET", "HEAD", "POST"])
def thread_view(request, room_slug, thread_id):
    gate = board_gate(request)
    if gate:
        return gate
    room, thread = thread_for(request, room_slug, thread_id)
    if "after" in request.GET:
        return _catch_up_json(request, room, thread)
    user = request.user
    form_kwargs = speaking_for(request)
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
                add_action_error(form, error)
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
    issue_areas = issue_area_links(thread, request.viewer)
    related_areas, organizations = who_works_on_this(request.viewer, issue_areas)
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
            "issue_areas": issue_areas,
            "related_areas": related_areas,
            "organizations": organizations,
            "can_moderate": can_moderate,
            "post_prototype": POST_PROTOTYPE,
            "can_reply": not thread.locked or can_moderate,
            "board_unread_notifications": thread.unread_notifications,
        },
        status=status,
    )
