"""Installs are reproducible: every pin in pyproject.toml is the one in the lock."""

import re
import tomllib
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]


def normalize(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def locked_versions():
    versions = {}
    for line in (PROJECT_DIR / "requirements.lock").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, version = line.split("==")
            versions[normalize(name)] = version
    return versions


def declared_pins():
    project = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text())["project"]
    requirements = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        requirements.extend(extra)
    pins = {}
    for requirement in requirements:
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)(\[[^\]]+\])?==([^\s;]+)", requirement)
        assert match, f"{requirement!r} is not pinned to an exact version"
        pins[normalize(match.group(1))] = match.group(3)
    return pins


def test_every_direct_dependency_is_pinned_exactly_and_matches_the_lock():
    locked = locked_versions()
    for name, version in declared_pins().items():
        assert locked.get(name) == version, (
            f"{name}: pyproject {version}, lock {locked.get(name)}"
        )


def test_the_lock_pins_every_package_exactly():
    assert len(locked_versions()) > 20
