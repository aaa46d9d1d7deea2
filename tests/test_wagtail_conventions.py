"""Wagtail's conventions, held for every app: hooks are registered in each app's
wagtail_hooks.py (which Wagtail imports itself), so a newcomer finds every admin
extension and privacy hook in one file per app."""

import ast
from pathlib import Path

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
