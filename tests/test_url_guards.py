"""Guard the class, not the instance (issue 11 #18): walk every URL pattern of the
project, Wagtail's included, and check each kind of door in one place.

`every_url_pattern()` is the shared walker. The password half: every view that
accepts a password or a one-time code goes through the one sign-in throttle
(members.throttle); a new password door that does not makes this file fail.
Finding them is static (the forms a view names or builds, the secret field names
it reads), so it cannot see through a router that picks a view per request (the
admin's page views); tests/members/test_sign_in_throttle.py tries each door.

The file half (at the end): every view that can hand out a stored file goes
through the permission check of its document or image; a new one fails until it
is in FILE_GUARDS with the reason it is safe and a check that proves it.
"""

import functools
import inspect
import re
import types
from io import BytesIO

import pytest
from axes.backends import AxesStandaloneBackend
from django import forms
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import URLResolver, get_resolver, path, reverse
from django.utils.module_loading import import_string
from django.views.generic import FormView
from PIL import Image
from wagtail import hooks

from members.middleware import REDIRECTED_ADMIN_PAGES


def every_url_pattern(patterns=None, prefix=""):
    """(full route, URLPattern) for every pattern the project serves, in the order
    Django tries them, include() prefixes joined."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from every_url_pattern(pattern.url_patterns, route)
        else:
            yield route, pattern


def effective_url_patterns(patterns=None):
    """Like every_url_pattern(), without the patterns that never run: a pattern
    after another with the very same route is shadowed by it."""
    seen = set()
    for route, pattern in every_url_pattern(patterns):
        if route not in seen:
            seen.add(route)
            yield route, pattern


# -- Which views accept a password or a one-time code ---------------------------

SECRET_FIELD_NAMES = {"password", "old_password", "token", "otp_token"}


def layers(callback):
    """The callback and every function it wraps (functools.wraps' __wrapped__)."""
    found = []
    while callback is not None and callback not in found:
        found.append(callback)
        callback = getattr(callback, "__wrapped__", None)
    return found


def view_class(callback):
    return getattr(callback, "view_class", None) or getattr(callback, "cls", None)


def dotted_name(callback):
    inner = layers(callback)[-1]
    target = view_class(callback) or inner
    return f"{target.__module__}.{target.__qualname__}"


def is_form_class(value):
    return isinstance(value, type) and issubclass(value, forms.BaseForm)


def takes_a_secret(form_class):
    return any(
        isinstance(field.widget, forms.PasswordInput) or name in SECRET_FIELD_NAMES
        for name, field in form_class.base_fields.items()
    )


def code_objects(code):
    yield code
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            yield from code_objects(constant)


def functions_and_forms(callback):
    """The view's functions (or its class's methods, bases included) and the form
    classes its class names as attributes or builds in get_form_class()."""
    found = []
    for layer in layers(callback):
        cls = view_class(layer)
        if cls is None:
            if isinstance(layer, types.FunctionType):
                found.append(layer)
            continue
        initkwargs = view_initkwargs(layer)
        for klass in cls.__mro__:
            for value in [*vars(klass).values(), *initkwargs.values()]:
                value = getattr(value, "__func__", value)
                if isinstance(value, types.FunctionType) or is_form_class(value):
                    found.append(value)
        found.extend(built_form_class(cls, initkwargs))
    return found


def view_initkwargs(callback):
    """What as_view() was given (a viewset passes its form_class this way)."""
    return getattr(callback, "view_initkwargs", None) or (
        getattr(callback, "initkwargs", None) or {}
    )


def built_form_class(cls, initkwargs=None):
    """What get_form_class() returns without a request (a form chosen by settings
    or by a viewset), when it can tell."""
    if not hasattr(cls, "get_form_class"):
        return []
    try:
        view = cls(**(initkwargs or {}))
    except TypeError:
        return []
    view.request, view.args, view.kwargs = RequestFactory().get("/"), (), {}
    try:
        form_class = view.get_form_class()
    except Exception:  # noqa: BLE001 - needs a real request or object: static only
        return []
    return [form_class] if is_form_class(form_class) else []


def secret_evidence(callback):
    """Why the view looks like it accepts a password or a code: the password forms
    it names (directly, as a module's attribute, or through a class with a
    form_class such as the admin's account panels) and the secret field names
    it reads from the request. Empty for a view that takes none."""
    evidence = set()
    for item in functions_and_forms(callback):
        if is_form_class(item):
            if takes_a_secret(item):
                evidence.add(item.__qualname__)
            continue
        scope = item.__globals__
        modules = [m for m in scope.values() if isinstance(m, types.ModuleType)]
        for code in code_objects(item.__code__):
            for name in code.co_names:
                candidates = [scope.get(name)] + [
                    getattr(m, name, None) for m in modules
                ]
                for value in candidates:
                    form_class = (
                        value
                        if is_form_class(value)
                        else getattr(value, "form_class", None)
                        if isinstance(value, type)
                        else None
                    )
                    if is_form_class(form_class) and takes_a_secret(form_class):
                        evidence.add(f"{name} ({form_class.__qualname__})")
            evidence.update(
                f"reads {constant!r}"
                for constant in code.co_consts
                if isinstance(constant, str) and constant in SECRET_FIELD_NAMES
            )
    return evidence


def token_door(callback):
    """An API view that reads credentials from a header: a password or token door
    even with no form. Session authentication checks no secret."""
    if any(
        getattr(layer, "__module__", "").startswith("ninja")
        for layer in layers(callback)
    ):
        return True
    cls = view_class(callback)
    classes = getattr(cls, "authentication_classes", None) or []
    return any(auth.__name__ != "SessionAuthentication" for auth in classes)


def password_doors(patterns=None):
    """(route, pattern, evidence) of every effective pattern that accepts a secret."""
    for route, pattern in effective_url_patterns(patterns):
        evidence = secret_evidence(pattern.callback)
        if token_door(pattern.callback):
            evidence.add("reads credentials from a header (API authentication)")
        if evidence:
            yield route, pattern, evidence


# -- How each of them is guarded ------------------------------------------------

# Views that take a NEW password and check none (the person proved who they are
# with a token from an email, or is staff setting someone's), reviewed one by one;
# by dotted view name, or by route for a generic view.
SETS_A_PASSWORD_ONLY = {
    "members.views.accounts.PasswordResetConfirmView": "link token from an email",
    "members.views.accounts.accept_invitation": "invitation token from an email",
    "wagtail.admin.views.account.PasswordResetConfirmView": (
        "redirected to the site's (members.middleware) and disabled by "
        "WAGTAIL_PASSWORD_RESET_ENABLED"
    ),
    "wagtail.admin.views.collection_privacy.set_privacy": "staff set a password",
    "wagtail.users.views.users.CreateView": "staff set a user's password",
    "wagtail.users.views.users.EditView": "staff set a user's password",
    # A generic view, so by route: for users it takes the new copy's password.
    "admin/users/copy/<int:pk>/": "staff set the copied user's password",
}

# Views whose password part a setting turns off, with the check that it is off.
TURNED_OFF_BY_A_SETTING = {
    "wagtail.admin.views.account.AccountView": (
        lambda: settings.WAGTAIL_PASSWORD_MANAGEMENT_ENABLED is False
    ),
}


def through_authenticate(callback):
    """A LoginView (which gives the form the request) with an AuthenticationForm
    (which calls authenticate(request, ...)): axes' backend counts and refuses."""
    cls = view_class(callback)
    if not (isinstance(cls, type) and issubclass(cls, auth_views.LoginView)):
        return False
    return issubclass(cls.form_class, AuthenticationForm) and all(
        issubclass(form_class, AuthenticationForm)
        for form_class in built_form_class(cls, view_initkwargs(callback))
    )


def reports_to_the_throttle(callback):
    """Checks its secret itself and asks members.throttle first and after."""
    cls = view_class(callback)
    return getattr(cls, "sign_in_throttle", False) or any(
        getattr(layer, "sign_in_throttle", False) for layer in layers(callback)
    )


def redirected_before_the_view(route):
    return any(f"/{route}".startswith(prefix) for prefix in REDIRECTED_ADMIN_PAGES)


def how_guarded(route, pattern):
    callback, name = pattern.callback, dotted_name(pattern.callback)
    if reports_to_the_throttle(callback):
        return "reports to members.throttle"
    if through_authenticate(callback):
        return "authenticate() with the request, seen by axes' backend"
    if redirected_before_the_view(route):
        return "redirected to the site's page before the view runs"
    for key in (name, route):
        if key in SETS_A_PASSWORD_ONLY:
            return "sets a password only: " + SETS_A_PASSWORD_ONLY[key]
    if name in TURNED_OFF_BY_A_SETTING and TURNED_OFF_BY_A_SETTING[name]():
        return "turned off by a setting"
    return None


def unguarded_password_doors(patterns=None):
    return [
        (route, dotted_name(pattern.callback), sorted(evidence))
        for route, pattern, evidence in password_doors(patterns)
        if how_guarded(route, pattern) is None
    ]


def test_every_view_that_accepts_a_password_or_a_code_goes_through_the_throttle():
    assert unguarded_password_doors() == []


def test_the_walk_finds_every_known_password_door():
    """The detector still sees the doors it guards: a walk that found nothing
    would pass the test above for nothing."""
    found = {
        dotted_name(pattern.callback): how_guarded(route, pattern)
        for route, pattern, _evidence in password_doors()
    }

    assert found["members.views.accounts.LoginView"].startswith("authenticate()")
    assert found["django.contrib.auth.views.LoginView"].startswith("authenticate()")
    assert found["wagtail.admin.views.account.LoginView"]
    for door in (
        "members.views.accounts.two_factor",
        "members.views.accounts.PasswordChangeView",
        "wagtail.views.authenticate_with_password",
        "wagtail.documents.views.serve.authenticate_with_password",
    ):
        assert found[door] == "reports to members.throttle", door
    assert "wagtail.admin.views.account.AccountView" in found


def test_every_exemption_still_names_a_view_the_project_serves():
    served = set()
    for route, pattern in every_url_pattern():
        served.update({route, dotted_name(pattern.callback)})

    assert set(SETS_A_PASSWORD_ONLY) <= served
    assert set(TURNED_OFF_BY_A_SETTING) <= served


def test_the_throttle_sees_every_authenticate_call():
    """Doors that call authenticate() are guarded only while axes' backend comes
    first and its middleware is installed."""
    assert issubclass(
        import_string(settings.AUTHENTICATION_BACKENDS[0]), AxesStandaloneBackend
    )
    assert "axes.middleware.AxesMiddleware" in settings.MIDDLEWARE
    assert settings.AXES_ENABLED


# -- The detector itself --------------------------------------------------------


class NewPasswordForm(forms.Form):
    secret = forms.CharField(widget=forms.PasswordInput)


class NewPasswordView(FormView):
    form_class = NewPasswordForm


def new_code_view(request):
    return request.POST.get("otp_token")


def new_page_password_view(request):
    form = NewPasswordForm(request.POST)
    return form


@pytest.mark.parametrize(
    "view",
    [NewPasswordView.as_view(), new_code_view, new_page_password_view],
    ids=["form class", "field read from POST", "form built in the view"],
)
def test_a_new_unguarded_password_door_is_found(view):
    patterns = [path("new-door/", view)]

    assert [route for route, _name, _why in unguarded_password_doors(patterns)] == [
        "new-door/"
    ]


def test_a_guard_in_front_of_a_door_hides_it_only_on_the_very_same_route():
    from wagtail import views as wagtail_views

    from members.views.accounts import page_password

    route = "_util/authenticate_with_password/<int:restriction>/<int:page_id>/"
    guarded_first = [path(route, page_password), path(route, new_page_password_view)]
    other_converter = [
        path(route.replace("<int:", "<slug:"), page_password),
        path(route, wagtail_views.authenticate_with_password),
    ]

    assert unguarded_password_doors(guarded_first) == []
    assert [name for _r, name, _w in unguarded_password_doors(other_converter)] == [
        "wagtail.views.authenticate_with_password"
    ]


# -- Which views hand out stored files ------------------------------------------

# Source that streams, sends or opens a stored file.
FILE_MARKERS = re.compile(
    r"\bFileResponse\b|\bStreamingHttpResponse\b|\bsendfile\b|django\.views\.static"
    r"|\bserve_image\b|\bstorage\.open\(|\.file\.open\(|\bopen_file\("
)
# Views that hand out stored files whatever their own source says.
KNOWN_FILE_VIEWS = {
    "django.views.static.serve",
    "django.contrib.staticfiles.views.serve",
    "wagtail.documents.views.serve.serve",
    "wagtail.images.views.serve.ServeView",
    "wagtail.images.views.serve.SendFileView",
    "wagtail.images.views.images.preview",
    "home.media.serve_image",
}
# Code whose markers hand out no stored file, and why.
NOT_STORED_FILES = {
    "wagtail.admin.views.mixins.SpreadsheetExportMixin": (
        "Wagtail's CSV/XLSX export of a listing the view already filtered by "
        "the user's permissions"
    ),
    "rest_framework.views.APIView": (
        "only names StreamingHttpResponse in a type check; API views serialize "
        "data, and a file's URL in it leads to one of the guarded views"
    ),
}


@functools.cache
def marks_files(obj):
    """Whether a view function's or class's own source has a FILE_MARKERS hit
    (cached: the admin's views share most of their bases)."""
    if f"{obj.__module__}.{obj.__qualname__}" in NOT_STORED_FILES:
        return False
    try:
        return bool(FILE_MARKERS.search(inspect.getsource(obj)))
    except (OSError, TypeError):  # built at runtime: no source to read
        return False


def serves_stored_files(callback):
    """A known file view, or one whose functions, or any class it is built from
    (file handling often lives in a mixin), look like they send a file."""
    if dotted_name(callback) in KNOWN_FILE_VIEWS:
        return True
    for layer in layers(callback):
        cls = view_class(layer)
        if any(marks_files(each) for each in (cls.__mro__[:-1] if cls else [layer])):
            return True
    return False


def file_serving_views(patterns=None):
    """{dotted view name: route} of every effective pattern that serves files."""
    return {
        dotted_name(pattern.callback): route
        for route, pattern in effective_url_patterns(patterns)
        if serves_stored_files(pattern.callback)
    }


# -- How each of them is guarded, with a check that proves it --------------------


def png_upload(name="office.png"):
    buffer = BytesIO()
    Image.new("RGB", (80, 80), "teal").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue())


def check_media_serves_images_only(request):
    from home.models import SiteImage

    client, media_root = request.getfixturevalue("client"), settings.MEDIA_ROOT
    planted = media_root / "documents" / "plan.pdf"  # where a document once lived
    planted.parent.mkdir(parents=True)
    planted.write_bytes(b"%PDF-1.4 members only")
    image = SiteImage.objects.create(title="Office", file=png_upload())

    assert client.get("/media/documents/plan.pdf").status_code == 404
    assert client.get("/media//documents/plan.pdf").status_code == 404
    assert client.get(f"/media/{image.file.name}").status_code == 200


def check_documents_go_through_the_privacy_hook(request):
    from campaigns.library.wagtail_hooks import (
        hide_documents_of_resources_the_person_may_not_see as privacy_hook,
    )
    from tests.factories import (
        DocumentFactory,
        ResourceIndexPageFactory,
        ResourcePageFactory,
        UserFactory,
    )

    assert privacy_hook in hooks.get_hooks("before_serve_document")
    client = request.getfixturevalue("client")
    library = ResourceIndexPageFactory(parent=request.getfixturevalue("home_page"))
    document = DocumentFactory(file=ContentFile(b"%PDF-1.4 plan", name="plan.pdf"))
    ResourcePageFactory(parent=library, visibility="members", documents=[document])

    assert client.get(document.url).status_code == 404
    client.force_login(UserFactory(username="no-organization"))
    assert client.get(document.url).status_code == 404


def check_image_previews_are_for_the_admin_only(request):
    from home.models import SiteImage

    client = request.getfixturevalue("client")
    image = SiteImage.objects.create(title="Office", file=png_upload())
    url = reverse("wagtailimages:preview", args=(image.pk, "fill-40x40"))

    assert client.get(url).status_code == 302  # to sign in
    client.force_login(request.getfixturevalue("editor_a"))  # a member
    assert client.get(url).status_code in (302, 403)
    assert request.getfixturevalue("coordinator_client").get(url).status_code == 200


# dotted view name → (why it is safe, the check that proves it)
FILE_GUARDS = {
    "home.media.serve_image": (
        "development and tests only; serves image folders of MEDIA_ROOT and "
        "nothing else, judged after the path is normalized; documents are not "
        "under MEDIA_ROOT at all",
        check_media_serves_images_only,
    ),
    "wagtail.documents.views.serve.serve": (
        "every document goes through the before_serve_document hook, which asks "
        "campaigns.library.documents.document_visible_to",
        check_documents_go_through_the_privacy_hook,
    ),
    "wagtail.images.views.images.preview": (
        "under /admin/: only staff past the admin gate, with Wagtail's image "
        "permissions",
        check_image_previews_are_for_the_admin_only,
    ),
}


@pytest.fixture
def own_media_roots(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def test_every_view_that_serves_a_stored_file_is_guarded():
    unguarded = {
        f"{route} → {name}"
        for name, route in file_serving_views().items()
        if name not in FILE_GUARDS
    }

    assert not unguarded, (
        "These views can hand out stored files: add each to FILE_GUARDS with the "
        f"permission check it goes through and a test of it: {unguarded}"
    )


@pytest.mark.django_db
@pytest.mark.usefixtures("own_media_roots")
@pytest.mark.parametrize("view", FILE_GUARDS)
def test_each_file_guard_is_mounted_and_holds(request, view):
    assert view in file_serving_views(), f"{view} is no longer mounted: drop it"
    reason, check = FILE_GUARDS[view]
    assert reason

    check(request)


def test_django_static_serve_is_not_mounted_directly():
    """It normalizes the path after URL matching, so no URL pattern can guard it
    (the /media//documents/… leak)."""
    served = {dotted_name(pattern.callback) for _route, pattern in every_url_pattern()}

    assert "django.views.static.serve" not in served


def new_file_view(request, name):
    from django.http import FileResponse

    return FileResponse(open(name, "rb"))


def test_a_newly_mounted_file_view_is_found():
    from django.views.static import serve

    patterns = [path("files/<path:path>", serve), path("logo/<name>", new_file_view)]

    assert set(file_serving_views(patterns)) == {
        "django.views.static.serve",
        f"{__name__}.new_file_view",
    }
