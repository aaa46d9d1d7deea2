"""Re-encode images uploaded before home.images dropped comments and colour
profiles (and flattened animations), and delete their renditions, which Wagtail
makes again from the clean original on the next request.

This uses the current home.images on purpose: the point is that every stored
original ends up as it would be uploaded today.
"""

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import migrations
from wagtail.utils.file import hash_filelike


def reencode_originals(apps, schema_editor):
    from home.images import reencode_without_metadata

    SiteImage = apps.get_model("home", "SiteImage")
    SiteRendition = apps.get_model("home", "SiteRendition")
    for image in SiteImage.objects.iterator():
        old_name = image.file.name
        try:
            with default_storage.open(old_name, "rb") as raw:
                clean = reencode_without_metadata(raw, old_name)
        except (OSError, ValidationError):
            continue  # missing or unreadable: nothing can be served from it
        file_hash = hash_filelike(clean)
        new_name = default_storage.save(f"original_images/{clean.name}", clean)
        SiteImage.objects.filter(pk=image.pk).update(
            file=new_name,
            width=clean.dimensions[0],
            height=clean.dimensions[1],
            file_size=clean.size,
            file_hash=file_hash,
        )
        default_storage.delete(old_name)
        for rendition in SiteRendition.objects.filter(image_id=image.pk):
            default_storage.delete(rendition.file.name)
            rendition.delete()


class Migration(migrations.Migration):
    dependencies = [("home", "0003_siteimage_file_reencoded_on_assignment")]

    operations = [migrations.RunPython(reencode_originals, migrations.RunPython.noop)]
