"""Wagtail's conventions, held for every app: hooks are registered in each app's
wagtail_hooks.py (which Wagtail imports itself), so a newcomer finds every admin
extension and privacy hook in one file per app; workflows, groups and their
permissions are made by data migrations and only looked up at runtime."""

import ast
import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings

APPS = ("home", "members", "campaigns", "network")


def app_modules():
    for app in APPS:
        for path in sorted((Path(settings.BASE_DIR) / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def hook_registrations(tree):
    """Lines that register a Wagtail hook: `hooks.register(...)` called or used
    as a decorator, and `register_snippet` / `register_permission_policy`."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        function = node.func
        if (
            isinstance(function, ast.Attribute)
            and function.attr == "register"
            and isinstance(function.value, ast.Name)
            and function.value.id == "hooks"
        ):
            yield node.lineno
        elif isinstance(function, ast.Name) and function.id in (
            "register_snippet",
            "register_permission_policy",
        ):
            yield node.lineno


def test_every_wagtail_hook_is_registered_in_a_wagtail_hooks_module():
    stray = [
        f"{path.relative_to(settings.BASE_DIR)}:{line}"
        for path in app_modules()
        if path.name != "wagtail_hooks.py"
        for line in hook_registrations(ast.parse(path.read_text()))
    ]

    assert not stray, (
        "Register Wagtail hooks in the app's wagtail_hooks.py (the classes they "
        f"return may live elsewhere): {stray}"
    )


def test_the_check_finds_registrations_written_either_way():
    source = (
        "hooks.register('register_log_actions', f)\n"
        "@hooks.register('before_serve_document')\n"
        "def g(document, request): pass\n"
        "register_snippet(Model)\n"
    )

    assert list(hook_registrations(ast.parse(source))) == [1, 2, 4]


# --- Workflows and group permissions come from data migrations -----------------------

# Models whose rows decide who reviews and who may do what: made by migrations,
# only looked up by app code (a page's workflow assignment, WorkflowPage, is made
# when the page is: campaigns.library.contributions.assign_review_workflow).
SETUP_MODELS = {
    "Workflow",
    "WorkflowTask",
    "Task",
    "GroupApprovalTask",
    "Group",
    "Permission",
    "GroupPagePermission",
    "GroupCollectionPermission",
}
WRITES = {"create", "get_or_create", "update_or_create", "bulk_create"}


def setup_writes(tree):
    """Lines that write one of SETUP_MODELS: `Model.objects.<write>(...)`."""
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        manager = node.func.value
        if (
            node.func.attr in WRITES
            and isinstance(manager, ast.Attribute)
            and manager.attr == "objects"
            and isinstance(manager.value, ast.Name)
            and manager.value.id in SETUP_MODELS
        ):
            yield node.lineno


def test_app_code_makes_no_workflow_group_or_permission():
    found = [
        f"{path.relative_to(settings.BASE_DIR)}:{line}"
        for path in app_modules()
        for line in setup_writes(ast.parse(path.read_text()))
    ]

    assert not found, (
        "Workflows, groups and permissions are made by data migrations; app code "
        f"looks them up: {found}"
    )


def test_the_workflow_check_finds_each_kind_of_write():
    source = (
        "Workflow.objects.create(name='x')\n"
        "Group.objects.get_or_create(name='x')\n"
        "GroupPagePermission.objects.update_or_create(page=p)\n"
        "Workflow.objects.get(name='x')\n"
        "Post.objects.create(body='x')\n"
    )

    assert list(setup_writes(ast.parse(source))) == [1, 2, 3]


def setup_rows():
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission, Task, Workflow, WorkflowTask

    return [
        model.objects.count()
        for model in (Workflow, WorkflowTask, Task, Group, Permission)
    ] + [GroupPagePermission.objects.count()]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lookup", "name"),
    [
        ("members.actions.profiles", "Member profile review"),
        ("campaigns.library.contributions", "Resource review"),
    ],
)
def test_each_review_workflow_is_made_by_a_migration_for_the_coordinators(lookup, name):
    from importlib import import_module

    from wagtail.models import GroupApprovalTask

    from members.models import COORDINATORS_GROUP

    workflow = import_module(lookup).review_workflow()

    assert (workflow.name, workflow.active) == (name, True)
    (task,) = [item.task.specific for item in workflow.workflow_tasks.all()]
    assert isinstance(task, GroupApprovalTask) and task.active
    assert [group.name for group in task.groups.all()] == [COORDINATORS_GROUP]


@pytest.mark.django_db
def test_a_profile_edit_sent_for_review_makes_no_workflow_group_or_permission(
    org_a, editor_a, network_settings
):
    from members.actions.profiles import do_save_profile_edit, review_workflow

    network_settings.member_edits_need_review = True
    network_settings.save()
    before = setup_rows()
    draft = org_a.get_latest_revision_as_object()
    draft.summary = "Reviewed summary."

    assert do_save_profile_edit(org_a, draft, editor_a) == "in_review"

    assert setup_rows() == before
    assert org_a.current_workflow_state.workflow == review_workflow()


@pytest.mark.django_db
def test_a_contributed_resource_goes_to_review_making_no_workflow_or_permission(
    home_page, org_a, editor_a
):
    from campaigns.library import contributions
    from tests.factories import ResourceIndexPageFactory

    library = ResourceIndexPageFactory(parent=home_page)
    before = setup_rows()

    page = contributions.do_submit_resource(
        editor_a,
        library,
        {
            "title": "Know your rights",
            "summary": "What to say when the landlord calls.",
            "kind": "toolkit",
            "publication_date": datetime.date(2026, 6, 1),
            "language": "en",
            "visibility": "public",
            "organization": org_a,
        },
    )

    assert setup_rows() == before
    assert page.current_workflow_state.workflow == contributions.review_workflow()


@pytest.mark.django_db
def test_the_library_is_given_the_resource_review_when_it_is_made_or_migrated(
    home_page,
):
    from importlib import import_module

    from django.apps import apps
    from django.test import RequestFactory
    from wagtail import hooks
    from wagtail.models import Workflow, WorkflowPage

    from campaigns.library.contributions import review_workflow
    from tests.factories import ResourceIndexPageFactory

    library = ResourceIndexPageFactory(parent=home_page)
    for hook in hooks.get_hooks("after_create_page"):
        hook(RequestFactory().get("/"), library)
    assert library.get_workflow() == review_workflow()

    # A library made before the migration: the migration assigns it, once.
    WorkflowPage.objects.filter(page=library).delete()
    migration = import_module("campaigns.migrations.0005_resource_review_workflow")
    migration.create_review_workflow(apps, None)
    migration.create_review_workflow(apps, None)
    assert library.get_workflow() == review_workflow()
    assert Workflow.objects.filter(name="Resource review").count() == 1


# --- Free slugs: Wagtail's find_available_slug for pages --------------------------


@pytest.mark.django_db
def test_a_second_organization_of_the_same_name_gets_the_next_free_address(
    directory, coordinator
):
    from members.actions.applications import do_approve_application
    from tests.factories import MembershipApplicationFactory

    made = [
        do_approve_application(
            MembershipApplicationFactory(organization_name=name), coordinator
        )
        for name in ("Riverside Tenants", "Riverside Tenants", "Graph", "Graph")
    ]

    assert [org.slug for org in made] == [
        "riverside-tenants",
        "riverside-tenants-1",
        "graph-org",  # the directory's own route (/members/graph/) stays free
        "graph-org-1",
    ]


@pytest.mark.django_db
def test_a_second_resource_of_the_same_title_gets_the_next_free_address(home_page):
    from campaigns.library.contributions import unique_slug
    from tests.factories import ResourceIndexPageFactory, ResourcePageFactory

    library = ResourceIndexPageFactory(parent=home_page)
    ResourcePageFactory(
        parent=library, title="Know your rights", slug="know-your-rights"
    )

    assert unique_slug(library, "Know your rights") == "know-your-rights-1"
    assert unique_slug(library, "Know your rights!") == "know-your-rights-1"
    assert unique_slug(library, "A new toolkit") == "a-new-toolkit"


@pytest.mark.django_db
def test_rooms_and_issue_areas_number_their_slugs_the_same_way(db):
    """Neither is a page (their slugs are unique in their tables), so they use
    home.slugs.find_available_slug_in, with find_available_slug's numbering."""
    from members.actions.suggestions import _unique_issue_area_slug
    from network.board.rooms import free_slug
    from tests.factories import IssueAreaFactory, RoomFactory

    RoomFactory(slug="housing")
    IssueAreaFactory(name="Water", slug="water")

    assert free_slug("housing") == "housing-1"
    assert free_slug("posts") == "posts-room"  # the board's own route stays free
    assert _unique_issue_area_slug("Water") == "water-1"


# --- Page and view addresses come from the pages and the URL names ------------------

# Sections whose address an editor or the URLconf decides; written out, a link
# breaks when either changes. Docstrings may name them (they document DESIGN.md
# section 8's public URLs).
SECTION = r"/(?:members|board|account|join)(?:/|\?|$)"
TEMPLATE_LINK = re.compile(rf"""(?:href|action|src)=["']{SECTION}|next={SECTION}""")
SCRIPT_STRING = re.compile(rf"""["']{SECTION}""")


def docstrings(tree):
    for node in ast.walk(tree):
        if isinstance(
            node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
        ):
            body = node.body
            if body and isinstance(body[0], ast.Expr):
                yield body[0].value


def hard_coded_addresses(tree):
    """Lines of string literals (f-strings included) that start with a section's
    address, docstrings aside."""
    skip = {id(node) for node in docstrings(tree)}
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.JoinedStr):
            first = node.values[0] if node.values else None
            text = first.value if isinstance(first, ast.Constant) else ""
            skip.update(id(value) for value in node.values)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        else:
            continue
        if re.match(SECTION, text):
            yield node.lineno


def test_no_python_writes_out_a_sections_address():
    settings_module = Path(settings.BASE_DIR) / "network" / "settings" / "base.py"
    found = [
        f"{path.relative_to(settings.BASE_DIR)}:{line}"
        for path in [*app_modules(), settings_module]
        for line in hard_coded_addresses(ast.parse(path.read_text()))
    ]

    assert not found, (
        "Link to pages by their url (page.url, home.chrome.section_url) and to "
        f"views by reverse() or a URL name: {found}"
    )


def test_no_template_or_script_writes_out_a_sections_address():
    base = Path(settings.BASE_DIR)
    found = [
        f"{path.relative_to(base)}:{number}"
        for pattern, paths in (
            (TEMPLATE_LINK, (base / "templates").rglob("*.html")),
            (SCRIPT_STRING, (base / "static" / "js").rglob("*.js")),
        )
        for path in paths
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if pattern.search(line)
    ]

    assert not found, (
        "Use {% url %}, {% pageurl %} or {{ site_chrome.sections.<model> }} in "
        f"templates, and addresses the page gives in scripts: {found}"
    )


def test_the_address_checks_find_what_they_look_for():
    source = (
        '"""/members/: a docstring may name it."""\n'
        'a = "/members/"\n'
        'b = f"/board/{slug}/"\n'
        'c = "/accounts/login/"\n'
        'd = "/account/?next=1"\n'
    )

    assert list(hard_coded_addresses(ast.parse(source))) == [2, 3, 5]
    assert TEMPLATE_LINK.search('<a href="/join/">')
    assert TEMPLATE_LINK.search("?next=/board/")
    assert not TEMPLATE_LINK.search("<a href=\"{% url 'join' %}\">")
    assert SCRIPT_STRING.search('fetch("/board/posts/" + id)')


# --- Installed apps: each one used --------------------------------------------------

# app → what needs it. An app nothing uses is only more to read, migrate and keep
# safe: wagtail.contrib.forms (no form pages), wagtail.embeds (no rich text or
# block offers embeds, and no oEmbed host may be called) and django.contrib.admin
# (never mounted; axes' and django-otp's admin pages were off) were removed.
INSTALLED_APPS_NEEDED = {
    "daphne": "runserver over ASGI, HTTP and the board's WebSocket (first)",
    "home": "the home page, site settings, images, shared helpers",
    "members": "organizations, people, the directory",
    "campaigns": "campaigns, the library, news",
    "network": "the board; the project's settings, URLs and ASGI",
    "wagtail.contrib.redirects": "editors' redirects (RedirectMiddleware)",
    "wagtail.contrib.settings": "NetworkSettings",
    "wagtail.contrib.routable_page": "the directory, board, hubs and feeds' routes",
    "wagtail.contrib.sitemaps": "/sitemap.xml",
    "wagtail.sites": "the Site the page tree is served from",
    "wagtail.users": "the admin's user and group management",
    "wagtail.snippets": "the vocabulary and other snippets in the admin",
    "wagtail.documents": "the library's documents",
    "wagtail.images": "images (home.SiteImage)",
    "wagtail.search": "site-wide and directory search",
    "wagtail.admin": "the admin at /admin/",
    "wagtail.api.v2": "the public JSON API",
    "wagtail": "pages, revisions, workflows",
    "modelcluster": "pages' inline children (ParentalKey)",
    "taggit": "the issue-area vocabulary (TagBase)",
    "rest_framework": "the public JSON API (wagtail.api.v2)",
    "channels": "the board's socket and channel layer",
    "django_tasks": "Wagtail's search and reference-index tasks",
    "django_tasks_db": "the tasks' database backend in production",
    "django_otp": "two-factor for coordinators and admins",
    "django_otp.plugins.otp_totp": "authenticator-app codes",
    "django_otp.plugins.otp_static": "the ten single-use recovery codes",
    "axes": "the sign-in throttle",
    "django_countries": "country names in the reader's language (its locale files)",
    "django.contrib.auth": "users and groups",
    "django.contrib.contenttypes": "generic relations, Wagtail's page types",
    "django.contrib.sessions": "sign-in sessions (pages and the socket)",
    "django.contrib.messages": "messages after a form",
    "django.contrib.staticfiles": "static files",
    "django.contrib.sitemaps": "wagtail.contrib.sitemaps",
}


def test_every_installed_app_is_one_something_needs():
    installed = list(settings.INSTALLED_APPS)

    assert set(installed) == set(INSTALLED_APPS_NEEDED), (
        "Say what needs a new app here, or remove one nothing needs: "
        f"{set(installed) ^ set(INSTALLED_APPS_NEEDED)}"
    )
    assert installed[0] == "daphne"
