"""API tokens are Mentora's own `ApiToken` now: the single, never-expiring tokens of Django REST
framework's `authtoken` app are dropped, not carried over (people log in again for a new one)."""

from __future__ import annotations

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_api_token")]

    operations = [
        migrations.RunSQL(
            sql=[
                "DROP TABLE IF EXISTS authtoken_token",
                "DELETE FROM django_migrations WHERE app = 'authtoken'",
            ],
            reverse_sql=migrations.RunSQL.noop,
        )
    ]
