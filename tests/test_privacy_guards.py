"""Privacy and membership are asked of the Viewer, nowhere else (issue 12).

Every app module is parsed, and every expression that reads who someone is —
`.is_authenticated`, `.is_coordinator`, `.is_network_member`, `.is_superuser`,
`.is_staff`, `.member_organization_ids` — on anything but a Viewer is listed. The
few that must stay outside it are allowed here, module by module and expression by
expression, each with its reason; a new one anywhere else fails, and so does an
allowance nothing uses any more.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("home", "members", "campaigns", "network")
GUARDED = {
    "is_authenticated",
    "is_coordinator",
    "is_network_member",
    "is_superuser",
    "is_staff",
    "member_organization_ids",
}
# Calls that return a Viewer, and names that hold one (viewer, request.viewer,
# self.viewer).
VIEWER_CALLS = {"for_user", "require_viewer", "viewer_of", "_viewer"}

# module → (why it may read who someone is without a Viewer, the expressions)
ALLOWED = {
    "members/viewer.py": (
        "the Viewer itself: built from the user's data, derived from its fields",
        {
            "user.is_authenticated",
            "user.is_coordinator",
            "user.member_organization_ids",
            "self.is_coordinator",
            "self.is_network_member",
        },
    ),
    "members/models/users.py": (
        "the data the Viewer reads: User.is_coordinator, member_organization_ids",
        {"self.is_superuser"},
    ),
    "members/two_factor.py": (
        "withholds a coordinator's powers on the user before any Viewer is built",
        {"user.is_authenticated", "user.is_coordinator"},
    ),
    "members/middleware.py": (
        "the admin gate: Django's and Wagtail's staff flags decide who must "
        "confirm two-factor before /admin/, ahead of every page",
        {
            "user.is_authenticated",
            "user.is_superuser",
            "user.is_staff",
            "user.is_coordinator",
        },
    ),
    "home/middleware.py": (
        "home imports no other app; every signed-in response is marked private, "
        "no-store (a caching rule, not a privacy decision)",
        {"user.is_authenticated"},
    ),
    "network/board/consumer/connection.py": (
        "the socket's handshake refuses an anonymous connection before any "
        "database work; load_state then builds the Viewer in a thread",
        {"user.is_authenticated"},
    ),
}


def _is_viewer(node):
    if isinstance(node, ast.Name):
        return node.id == "viewer" or node.id.endswith("_viewer")
    if isinstance(node, ast.Attribute):
        return node.attr == "viewer"
    if isinstance(node, ast.Call):
        function = node.func
        name = function.attr if isinstance(function, ast.Attribute) else None
        name = name or getattr(function, "id", "")
        return name in VIEWER_CALLS
    return False


def guards_in(source):
    """[(line, expression)] for every read or write of a guarded attribute on
    something that is not a Viewer."""
    return [
        (node.lineno, ast.unparse(node))
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Attribute)
        and node.attr in GUARDED
        and not _is_viewer(node.value)
    ]


def app_modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path.relative_to(ROOT).as_posix(), path


def remaining_guards():
    """{module: [(line, expression)]} across every app module."""
    found = {}
    for name, path in app_modules():
        guards = guards_in(path.read_text(encoding="utf-8"))
        if guards:
            found[name] = guards
    return found


def test_no_module_decides_who_someone_is_outside_the_viewer():
    unexpected = [
        f"{module}:{line}: {expression}"
        for module, guards in remaining_guards().items()
        for line, expression in guards
        if expression not in ALLOWED.get(module, ((), set()))[1]
    ]
    assert not unexpected, (
        "Ask the Viewer (request.viewer, or Viewer.for_user(user) outside a "
        "request) instead of the user's attributes, or allow the module here "
        "with its reason:\n" + "\n".join(unexpected)
    )


def test_every_allowance_is_still_needed():
    found = {
        module: {expression for _line, expression in guards}
        for module, guards in remaining_guards().items()
    }
    stale = {
        module: sorted(expressions - found.get(module, set()))
        for module, (_reason, expressions) in ALLOWED.items()
        if expressions - found.get(module, set())
    }
    assert not stale, f"Allowed but no longer read; remove from ALLOWED: {stale}"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("request.user.is_authenticated and request.user.is_coordinator", 2),
        ("user.is_network_member or user.member_organization_ids", 2),
        ("getattr(user, 'x').is_staff", 1),
        ("request.viewer.is_coordinator", 0),
        ("viewer.is_authenticated and self.viewer.is_coordinator", 0),
        ("Viewer.for_user(user).is_coordinator", 0),
        ("user.is_coordinator = False", 1),
    ],
)
def test_the_scanner_tells_a_viewer_from_a_user(source, expected):
    assert len(guards_in(source)) == expected
