"""Profile photos are stored under random names (the original name told anyone who could list the
folder whose photo it was) and served only by a view that checks who is asking. Photos already
uploaded are moved to random names too."""

import django.core.validators
from django.db import migrations, models

import mentora.lib.files
import mentora.profiles.models


def rename_photos(apps, schema_editor):
    Profile = apps.get_model("profiles", "Profile")
    upload_to = mentora.lib.files.PrivateUploadTo("photos")
    for profile in Profile.objects.exclude(photo=""):
        old = profile.photo.name
        storage = profile.photo.storage
        if not old or not storage.exists(old):
            continue
        with storage.open(old, "rb") as handle:
            new = storage.save(upload_to(profile, old), handle)
        profile.photo.name = new
        profile.save(update_fields=["photo"])
        storage.delete(old)


class Migration(migrations.Migration):
    dependencies = [
        ("profiles", "0003_mentor_offer_pause"),
    ]

    operations = [
        migrations.AlterField(
            model_name="profile",
            name="photo",
            field=models.ImageField(
                blank=True,
                upload_to=mentora.lib.files.PrivateUploadTo("photos"),
                validators=[
                    django.core.validators.FileExtensionValidator(["jpg", "jpeg", "png", "webp"]),
                    mentora.profiles.models.validate_photo_size,
                ],
            ),
        ),
        migrations.RunPython(rename_photos, migrations.RunPython.noop),
    ]
