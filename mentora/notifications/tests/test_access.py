"""The notifications' permission layer (mentora.notifications.access): a notification and the
preferences are their recipient's alone, through the pages, the API and the services."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import Client
from rest_framework.test import APIClient

from mentora.accounts.models import User
from mentora.notifications.access import (
    OWNER,
    RECIPIENT,
    access_notification,
    access_preferences,
    notification_roles,
    preference_roles,
)
from mentora.notifications.models import Notification
from mentora.notifications.selectors import preferences_for_user
from mentora.notifications.services import notification_mark_read, notify

pytestmark = pytest.mark.django_db


@pytest.fixture
def notification(mentee: User) -> Notification:
    return notify(recipient=mentee, kind="survey.due", title="A survey", url="/surveys/")


def test_only_the_recipient_has_a_role(
    notification: Notification, mentee: User, manager: User
) -> None:
    assert notification_roles(notification=notification, user=mentee) == {RECIPIENT}
    for person in (manager, AnonymousUser(), None):
        assert notification_roles(notification=notification, user=person) == frozenset()
    preference = preferences_for_user(user=mentee)
    assert preference_roles(preference=preference, user=mentee) == {OWNER}
    assert preference_roles(preference=preference, user=manager) == frozenset()


def test_anyone_else_gets_a_404(notification: Notification, manager: User) -> None:
    with pytest.raises(Http404):
        access_notification(user=manager, notification_id=notification.pk, to="mark_read")
    with pytest.raises(Http404):
        access_preferences(user=AnonymousUser())
    with pytest.raises(PermissionDenied):
        notification_mark_read(notification=notification, user=manager)


def test_every_door_refuses_someone_elses_notification(
    notification: Notification, manager: User
) -> None:
    api = APIClient()
    api.force_login(manager)
    page = Client()
    page.force_login(manager)

    assert api.post(f"/api/notifications/{notification.pk}/read/").status_code == 404
    assert page.post(f"/notifications/{notification.pk}/read/").status_code == 404
    assert page.get(f"/notifications/{notification.pk}/").status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None
