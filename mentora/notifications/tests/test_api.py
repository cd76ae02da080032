"""The notifications API: a person reads and marks only their own, and sets their preferences."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from mentora.accounts.models import User
from mentora.notifications.models import Notification, NotificationPreference
from mentora.notifications.services import notify

pytestmark = pytest.mark.django_db


def _client(user: User) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def _notify(person: User, title: str = "A match is proposed") -> Notification:
    return notify(recipient=person, kind="matching.proposal", title=title, url="/programs/")


def test_list_returns_only_the_persons_own_newest_first(mentee: User, outsider: User) -> None:
    _notify(mentee, title="Older")
    _notify(mentee, title="Newer")
    _notify(outsider, title="Not Mina's")
    response = _client(mentee).get("/api/notifications/")
    assert response.status_code == 200
    assert response.json()["count"] == 2
    assert [n["title"] for n in response.json()["results"]] == ["Newer", "Older"]
    assert response.json()["results"][0]["is_read"] is False


def test_list_filters_unread(mentee: User) -> None:
    read = _notify(mentee, title="Read one")
    _notify(mentee, title="Unread one")
    client = _client(mentee)
    client.post(f"/api/notifications/{read.pk}/read/")
    titles = [n["title"] for n in client.get("/api/notifications/?unread=true").json()["results"]]
    assert titles == ["Unread one"]


def test_list_rejects_a_bad_filter_with_its_name(mentee: User) -> None:
    response = _client(mentee).get("/api/notifications/?unread=maybe")
    assert response.status_code == 400
    assert "unread" in response.json()


def test_mark_read(mentee: User) -> None:
    notification = _notify(mentee)
    response = _client(mentee).post(f"/api/notifications/{notification.pk}/read/")
    assert response.status_code == 200
    assert response.json()["is_read"] is True
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_outsider_gets_404_marking_another_persons_notification(
    mentee: User, outsider: User
) -> None:
    notification = _notify(mentee)
    response = _client(outsider).post(f"/api/notifications/{notification.pk}/read/")
    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_read_counts_and_touches_only_ones_own(mentee: User, outsider: User) -> None:
    _notify(mentee)
    _notify(mentee)
    _notify(outsider)
    response = _client(mentee).post("/api/notifications/read-all/")
    assert response.status_code == 200
    assert response.json() == {"marked_read": 2, "unread": 0}
    assert Notification.objects.filter(recipient=outsider, read_at__isnull=True).count() == 1


def test_preferences_default_then_update(mentee: User) -> None:
    client = _client(mentee)
    assert client.get("/api/notifications/preferences/").json() == {
        "email_important": True,
        "daily_digest": False,
        "muted_kinds": [],
    }
    response = client.put(
        "/api/notifications/preferences/",
        {"daily_digest": True, "muted_kinds": ["matching.proposal"]},
        format="json",
    )
    assert response.status_code == 200
    assert response.json() == {
        "email_important": True,
        "daily_digest": True,
        "muted_kinds": ["matching.proposal"],
    }
    assert NotificationPreference.objects.get(user=mentee).daily_digest is True


def test_preferences_reject_bad_input_with_the_field_name(mentee: User) -> None:
    response = _client(mentee).put(
        "/api/notifications/preferences/", {"muted_kinds": "not-a-list"}, format="json"
    )
    assert response.status_code == 400
    assert "muted_kinds" in response.json()


def test_anonymous_callers_are_refused(mentee: User) -> None:
    notification = _notify(mentee)
    anonymous = APIClient()
    assert anonymous.get("/api/notifications/").status_code == 401
    assert anonymous.post(f"/api/notifications/{notification.pk}/read/").status_code == 401
    assert anonymous.get("/api/notifications/preferences/").status_code == 401
