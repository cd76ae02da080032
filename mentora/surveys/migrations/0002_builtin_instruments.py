"""Install the built-in instruments (mentee and mentor benefits, support received, check-in, closing)."""

from __future__ import annotations

from typing import Any

from django.db import migrations

from mentora.surveys.instruments import builtin_instruments_install


def install(apps: Any, schema_editor: Any) -> None:
    builtin_instruments_install(
        instrument_model=apps.get_model("surveys", "Instrument"),
        version_model=apps.get_model("surveys", "InstrumentVersion"),
        item_model=apps.get_model("surveys", "Item"),
    )


def uninstall(apps: Any, schema_editor: Any) -> None:
    apps.get_model("surveys", "Instrument").objects.filter(program__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_surveys_instruments_schedules_responses")]

    operations = [migrations.RunPython(install, uninstall)]
