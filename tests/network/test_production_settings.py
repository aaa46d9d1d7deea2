"""Production settings fail fast when misconfigured and pass check --deploy."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]

COMPLETE_ENVIRONMENT = {
    "DJANGO_SECRET_KEY": "x" * 20 + "a-long-random-production-secret-0123456789",
    "DJANGO_ALLOWED_HOSTS": "network.example.org",
    "DATABASE_URL": "postgres://cg:secret@127.0.0.1:5432/commonground",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def run_manage(*args, environment):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in COMPLETE_ENVIRONMENT and key != "DJANGO_SETTINGS_MODULE"
    }
    env.update(environment)
    env["DJANGO_SETTINGS_MODULE"] = "network.settings.production"
    return subprocess.run(  # noqa: S603 - fixed arguments, our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("missing", sorted(COMPLETE_ENVIRONMENT))
def test_production_refuses_to_start_and_names_the_missing_variable(missing):
    environment = {k: v for k, v in COMPLETE_ENVIRONMENT.items() if k != missing}

    result = run_manage("check", environment=environment)

    assert result.returncode != 0
    assert f"The environment variable {missing} is required" in result.stderr


def test_configured_production_passes_check_deploy_without_warnings():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", environment=COMPLETE_ENVIRONMENT
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
