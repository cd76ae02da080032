"""Every free text of an organisation and a program has a length limit."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0005_enrollment_events"),
    ]

    operations = [
        migrations.AlterField(
            model_name="organisation",
            name="description",
            field=models.TextField(blank=True, max_length=2000),
        ),
        migrations.AlterField(
            model_name="program",
            name="description",
            field=models.TextField(blank=True, max_length=5000),
        ),
    ]
