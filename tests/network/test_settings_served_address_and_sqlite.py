"""Links name the address the site is served at, and the embedded SQLite database
takes concurrent writers without "database is locked"."""

import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections, transaction

from tests.network.test_production_settings import COMPLETE_ENVIRONMENT, run_manage

PROJECT_DIR = Path(__file__).resolve().parents[2]

PRINT_BASE_URL = (
    "shell",
    "--no-imports",
    "-c",
    "from django.conf import settings; print(settings.WAGTAILADMIN_BASE_URL)",
)


def test_make_run_serves_links_at_the_dev_servers_own_port():
    plan = subprocess.run(  # noqa: S603 - fixed arguments
        [shutil.which("make"), "-n", "run", "PORT=8765"],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout

    serve = plan[plan.index("WAGTAILADMIN_BASE_URL=") :]
    assert serve.startswith(
        "WAGTAILADMIN_BASE_URL=${WAGTAILADMIN_BASE_URL:-http://127.0.0.1:8765}"
    )
    assert "runserver 127.0.0.1:8765" in serve


@pytest.mark.parametrize(
    "environment, expected",
    [
        ({}, "https://network.example.org"),
        (
            {"WAGTAILADMIN_BASE_URL": "https://rights.example.net"},
            "https://rights.example.net",
        ),
    ],
)
def test_production_links_follow_the_environment(environment, expected):
    result = run_manage(
        *PRINT_BASE_URL, environment={**COMPLETE_ENVIRONMENT, **environment}
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


@pytest.fixture
def file_database(tmp_path, django_db_blocker):
    """A file-backed SQLite database with the project's own SQLite options, as a
    connection alias (the test database is in memory, where WAL does not apply)."""
    alias = "embedded_file"
    config = {
        **connections["default"].settings_dict,
        "NAME": str(tmp_path / "embedded.sqlite3"),
        "OPTIONS": dict(settings.DATABASES["default"].get("OPTIONS", {})),
        "TEST": {},
    }
    connections.settings[alias] = config
    with django_db_blocker.unblock():
        yield alias
    connections[alias].close()
    del connections.settings[alias]


@pytest.mark.skipif(
    connections["default"].vendor != "sqlite", reason="SQLite's own locking"
)
def test_concurrent_writers_to_the_embedded_database_wait_instead_of_failing(
    file_database,
):
    with connections[file_database].cursor() as cursor:
        cursor.execute("CREATE TABLE autosave (writer TEXT, n INTEGER)")
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"

    errors = []
    start = threading.Barrier(4)

    def write(name):
        # Each thread has its own connection, as each request has under ASGI. A
        # transaction that reads, then writes, is the autosave-beside-publish
        # pattern: begun deferred, its write fails at once on a locked database.
        try:
            start.wait()
            for n in range(25):
                with transaction.atomic(using=file_database):
                    with connections[file_database].cursor() as cursor:
                        cursor.execute("SELECT count(*) FROM autosave")
                        time.sleep(0.001)
                        cursor.execute(
                            "INSERT INTO autosave VALUES (%s, %s)", [name, n]
                        )
        except Exception as error:  # noqa: BLE001 - the failure is the result
            errors.append(error)
        finally:
            connections[file_database].close()

    threads = [threading.Thread(target=write, args=(f"w{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    with connections[file_database].cursor() as cursor:
        cursor.execute("SELECT count(*) FROM autosave")
        assert cursor.fetchone()[0] == 100


def test_the_sqlite_options_are_the_embedded_defaults_only():
    options = settings.DATABASES["default"].get("OPTIONS", {})
    if connections["default"].vendor == "sqlite":
        assert options["transaction_mode"] == "IMMEDIATE"
        assert "journal_mode=WAL" in options["init_command"]
        assert options["timeout"] >= 5
    else:
        assert "transaction_mode" not in options
