# Shared files stored under random names, with the name they were uploaded with kept for the
# download (issue 10, finding 5: files were at guessable /media/relationships/resources/YYYY/MM/
# <name> paths).

from django.core.files.storage import default_storage
from django.db import migrations, models

import mentora.lib.files

PREFIX = "relationships/resources"


def hide_stored_names(apps, schema_editor):
    """Keep each file's name for its download and move the file to a random name."""
    Resource = apps.get_model("relationships", "Resource")
    upload_to = mentora.lib.files.PrivateUploadTo(PREFIX)
    for resource in Resource.objects.exclude(file="").iterator():
        old = resource.file.name
        resource.original_name = old.rsplit("/", 1)[-1][:255]
        try:
            with default_storage.open(old, "rb") as handle:
                new = default_storage.save(upload_to(resource, old), handle)
        except FileNotFoundError:
            new = old  # nothing stored (a copy of the database): only the name is kept
        else:
            default_storage.delete(old)
        resource.file.name = new
        resource.save(update_fields=["original_name", "file"])


class Migration(migrations.Migration):
    dependencies = [
        ("relationships", "0002_text_limits"),
    ]

    operations = [
        migrations.AddField(
            model_name="resource",
            name="original_name",
            field=models.CharField(blank=True, max_length=255),
        ),
        migrations.AlterField(
            model_name="resource",
            name="file",
            field=models.FileField(blank=True, upload_to=mentora.lib.files.PrivateUploadTo(PREFIX)),
        ),
        # Files already moved stay where they are when migrating back; only the name goes.
        migrations.RunPython(hide_stored_names, migrations.RunPython.noop),
    ]
