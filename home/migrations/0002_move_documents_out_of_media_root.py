"""Move files written under MEDIA_ROOT before documents had a private storage
(home/storage.py) to PRIVATE_MEDIA_ROOT, under the same relative names, so every
stored name stays valid and nothing a media server hands out is a document.

The folder names are written out here rather than imported, as a migration must
keep doing what it did when it was written.
"""

import filecmp
import shutil
from pathlib import Path

from django.conf import settings
from django.db import migrations

PRIVATE_FOLDERS = ("documents", "wagtail_uploads")


def move_private_files(media_root, private_root):
    """Move every file of the private folders from media_root to private_root.
    A file already there with the same bytes is dropped from the media root; one
    with different bytes stops the migration, for a person to decide."""
    media_root, private_root = Path(media_root), Path(private_root)
    for folder in PRIVATE_FOLDERS:
        source_folder = media_root / folder
        if not source_folder.is_dir():
            continue
        for source in sorted(source_folder.rglob("*")):
            if source.is_dir():
                continue
            target = private_root / source.relative_to(media_root)
            if target.exists():
                if not filecmp.cmp(source, target, shallow=False):
                    raise RuntimeError(
                        f"{source} and {target} differ; move one by hand, then "
                        "migrate again."
                    )
                source.unlink()
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(source, target)
        for directory in sorted(source_folder.rglob("*"), reverse=True):
            if directory.is_dir() and not any(directory.iterdir()):
                directory.rmdir()
        if not any(source_folder.iterdir()):
            source_folder.rmdir()


def forwards(apps, schema_editor):
    move_private_files(settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT)


class Migration(migrations.Migration):
    dependencies = [("home", "0001_initial")]

    # Moving documents back under the media root would publish them: not undone.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
