"""The daily jobs command runs every configured job, and refuses a bad setting clearly."""

from __future__ import annotations

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_runs_every_daily_job_once() -> None:
    out = StringIO()
    call_command("run_daily_tasks", stdout=out)
    text = out.getvalue()
    assert "Ran mentora.relationships.tasks.relationship_health" in text
    assert "Ran mentora.notifications.tasks.send_notification_digest" in text


def test_enqueue_hands_the_jobs_to_the_worker() -> None:
    out = StringIO()
    call_command("run_daily_tasks", "--enqueue", stdout=out)
    assert out.getvalue().count("Enqueued ") == len(settings.MENTORA_DAILY_TASKS)


@override_settings(MENTORA_DAILY_TASKS=["mentora.nowhere.tasks.job"])
def test_a_job_that_cannot_be_imported_is_named() -> None:
    with pytest.raises(CommandError, match=r"mentora\.nowhere\.tasks\.job"):
        call_command("run_daily_tasks")


def test_interval_out_of_range_is_refused() -> None:
    with pytest.raises(CommandError, match="--every must be between"):
        call_command("run_daily_tasks", "--loop", "--every", "0")
