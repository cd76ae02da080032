"""Bad input to notifications (issue 10, finding 7): titles and bodies fit their limits, NUL
characters are refused, and a long program name never turns sending a survey into a 500."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from rest_framework.test import APIClient

from mentora.accounts.models import User
from mentora.notifications.models import Notification, NotificationPreference
from mentora.notifications.services import BODY_MAX, TITLE_MAX, notify
from mentora.programs.models import Enrollment, Program
from mentora.surveys.services import custom_survey_send, instrument_create
from mentora.testing import PASSWORD

pytestmark = pytest.mark.django_db


def test_a_title_is_made_to_fit_on_one_line(mentee: User) -> None:
    notification = notify(
        recipient=mentee, kind="test.kind", title="A\nlong\u2028title " + "x" * 400
    )

    assert len(notification.title) == TITLE_MAX
    assert notification.title.startswith("A long title x")
    assert notification.title.endswith("…")


def test_a_body_is_cut_to_its_limit(mentee: User) -> None:
    notification = notify(recipient=mentee, kind="test.kind", title="Hello", body="y" * 9000)

    notification.refresh_from_db()
    assert len(notification.body) == BODY_MAX


@pytest.mark.parametrize("field", ["title", "body"])
def test_a_nul_character_is_refused(mentee: User, field: str) -> None:
    values = {"title": "Hello", "body": "", field: "Hel\x00lo"}

    with pytest.raises(ValidationError) as error:
        notify(recipient=mentee, kind="test.kind", title=values["title"], body=values["body"])

    assert field in error.value.message_dict
    assert not Notification.objects.exists()


def test_sending_a_survey_of_a_long_named_program_notifies_everyone(
    program: Program, manager: User, mentee: User
) -> None:
    program.name = "P" * (Program._meta.get_field("name").max_length or 100)
    program.save(update_fields=["name"])
    instrument = instrument_create(
        program=program,
        by=manager,
        title="T" * 200,
        items=[{"text": "All good?", "kind": "agree_1_5"}],
    )

    sent = custom_survey_send(instrument=instrument, by=manager, roles=[Enrollment.Role.MENTEE])

    assert sent == 1
    assert len(Notification.objects.get(recipient=mentee).title) == TITLE_MAX


def test_the_api_refuses_a_nul_in_a_muted_kind(mentee: User) -> None:
    client = APIClient()
    client.force_login(mentee)

    response = client.put(
        "/api/notifications/preferences/",
        {"email_important": True, "daily_digest": False, "muted_kinds": ["a\x00b"]},
        format="json",
    )

    assert response.status_code == 400
    assert "muted_kinds" in response.json()
    assert not NotificationPreference.objects.filter(user=mentee).exists()


def test_the_preferences_page_refuses_a_kind_it_did_not_offer(mentee: User) -> None:
    notify(recipient=mentee, kind="survey.due", title="A survey")
    client = Client()
    client.login(email=mentee.email, password=PASSWORD)

    page = client.post(
        "/notifications/preferences/",
        {"email_important": "on", "muted_kinds": ["survey.due\x00"]},
    )

    # The page shows the form again with its error (as for any kind it did not offer).
    assert "Select a valid choice" in page.content.decode()
    assert not NotificationPreference.objects.filter(user=mentee).exists()
