"""Every free text of a profile and of a mentor's or mentee's side has a length limit."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("profiles", "0004_private_photo_names"),
    ]

    operations = [
        migrations.AlterField(
            model_name="menteeneeds",
            name="why_mentor",
            field=models.TextField(blank=True, max_length=5000, verbose_name="why I want a mentor"),
        ),
        migrations.AlterField(
            model_name="mentoroffer",
            name="motivation",
            field=models.TextField(blank=True, max_length=5000),
        ),
        migrations.AlterField(
            model_name="profile",
            name="bio",
            field=models.TextField(blank=True, max_length=2000),
        ),
    ]
