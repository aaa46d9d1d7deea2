"""The embedded default's SQLite file takes the editor's autosave beside a publish:
two threads, one saving revisions of a page and one publishing it, each on its own
connection as two requests are, and neither answers "database is locked".

It runs in a fresh process on a file database with the project's own settings (the
suite's database is in memory, where WAL and the file lock do not apply)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connections

PROJECT_DIR = Path(__file__).resolve().parents[2]
ROUNDS = 15

WRITERS = f"""
import json, threading
import django
django.setup()
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page

# Only the tables a page's revisions, publishing and search entry need: the
# whole project's migrations would take most of the test's time.
for app_label in ("wagtailcore", "wagtailsearch"):
    call_command("migrate", app_label, verbosity=0, interactive=False)
root = Page.get_first_root_node()
page_id = root.add_child(instance=Page(title="Campaign", slug="campaign")).pk
connection.close()

errors = []
start = threading.Barrier(2)

def autosave():
    try:
        start.wait()
        for n in range({ROUNDS}):
            page = Page.objects.get(pk=page_id)
            page.title = f"Campaign, draft {{n}}"
            page.save_revision()
    except Exception as error:
        errors.append(f"autosave: {{error}}")
    finally:
        connection.close()

def publish():
    try:
        start.wait()
        for n in range({ROUNDS}):
            Page.objects.get(pk=page_id).save_revision().publish()
    except Exception as error:
        errors.append(f"publish: {{error}}")
    finally:
        connection.close()

threads = [threading.Thread(target=autosave), threading.Thread(target=publish)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
page = Page.objects.get(pk=page_id)
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode")
    journal_mode = cursor.fetchone()[0]
print(json.dumps({{
    "errors": errors,
    "revisions": page.revisions.count(),
    "live": page.live,
    "journal_mode": journal_mode,
}}))
"""


@pytest.mark.skipif(
    connections["default"].vendor != "sqlite", reason="SQLite's own locking"
)
def test_autosave_beside_publish_never_answers_database_is_locked(tmp_path):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("REDIS_URL", "PYTEST_XDIST_WORKER")
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="network.settings.test",
        DATABASE_URL=f"sqlite:///{tmp_path / 'embedded.sqlite3'}",
    )

    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-c", WRITERS],
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["errors"] == []
    assert outcome["revisions"] == 2 * ROUNDS
    assert outcome["live"] is True
    assert outcome["journal_mode"] == "wal"
