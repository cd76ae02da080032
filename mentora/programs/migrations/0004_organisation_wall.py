"""The organisation is a wall: explicit members, verified email domains, approval of new
organisations, and what an import carried in an invitation. Existing organisations count as
approved; their program managers become members."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def approve_existing_and_add_managers(apps, schema_editor):
    Organisation = apps.get_model("programs", "Organisation")
    OrganisationManager = apps.get_model("programs", "OrganisationManager")
    OrganisationMembership = apps.get_model("programs", "OrganisationMembership")
    for organisation in Organisation.objects.filter(approved_at__isnull=True):
        organisation.approved_at = organisation.created_at
        organisation.save(update_fields=["approved_at"])
    for manager in OrganisationManager.objects.all():
        OrganisationMembership.objects.get_or_create(
            organisation_id=manager.organisation_id,
            user_id=manager.user_id,
            defaults={"source": "manager", "added_by_id": manager.added_by_id},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0003_program_matching_and_health_settings"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="invitation",
            name="data",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddField(
            model_name="organisation",
            name="approved_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="organisation",
            name="approved_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.CreateModel(
            name="OrganisationDomain",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "domain",
                    models.CharField(
                        help_text="For example acme.example.", max_length=253, unique=True
                    ),
                ),
                ("verified_at", models.DateTimeField(blank=True, null=True)),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="domains",
                        to="programs.organisation",
                    ),
                ),
                (
                    "verified_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["domain"],
            },
        ),
        migrations.CreateModel(
            name="OrganisationMembership",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "source",
                    models.CharField(
                        choices=[
                            ("manager", "Program manager"),
                            ("invitation", "Accepted an invitation"),
                            ("staff", "Added by site staff"),
                        ],
                        max_length=20,
                    ),
                ),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "added_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="memberships",
                        to="programs.organisation",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="organisation_memberships",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["organisation", "created_at", "pk"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("organisation", "user"), name="one_membership_per_user"
                    )
                ],
            },
        ),
        migrations.RunPython(approve_existing_and_add_managers, migrations.RunPython.noop),
    ]
