"""The notifications pages: list, opening one, marking read, the nav count, preferences."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from mentora.accounts.models import User
from mentora.notifications.models import Notification, NotificationPreference
from mentora.notifications.services import notify

pytestmark = pytest.mark.django_db


def _notify(
    person: User, title: str = "A match is proposed", url: str = "/programs/", **extra: Any
) -> Notification:
    return notify(recipient=person, kind="matching.proposal", title=title, url=url, **extra)


def test_list_shows_the_persons_notifications_newest_first(client: Client, mentee: User) -> None:
    _notify(mentee, title="Older news")
    _notify(mentee, title="Newer news")
    client.force_login(mentee)
    page = client.get(reverse("notifications:list")).content.decode()
    assert page.index("Newer news") < page.index("Older news")
    assert "Unread" in page
    assert "Mark all read" in page


def test_list_never_shows_someone_elses_notifications(
    client: Client, mentee: User, outsider: User
) -> None:
    _notify(mentee, title="Mina's secret news")
    client.force_login(outsider)
    page = client.get(reverse("notifications:list")).content.decode()
    assert "Mina's secret news" not in page
    assert "You have no notifications yet." in page


def test_list_is_paginated_and_filters_unread(client: Client, mentee: User) -> None:
    for number in range(30):
        _notify(mentee, title=f"News {number:02d}")
    client.force_login(mentee)
    first = client.get(reverse("notifications:list")).content.decode()
    assert "News 29" in first
    assert "News 00" not in first
    assert "Page 1 of 2" in first
    second = client.get(reverse("notifications:list") + "?page=2").content.decode()
    assert "News 00" in second
    client.post(reverse("notifications:read_all"))
    assert (
        "You have read all"
        in client.get(reverse("notifications:list") + "?unread=1").content.decode()
    )


def test_list_needs_a_signed_in_person(client: Client) -> None:
    response = client.get(reverse("notifications:list"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_opening_a_notification_marks_it_read_and_follows_its_link(
    client: Client, mentee: User
) -> None:
    notification = _notify(mentee, url="/programs/")
    client.force_login(mentee)
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302
    assert response["Location"] == "/programs/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_opening_a_notification_never_redirects_off_site(client: Client, mentee: User) -> None:
    # Even a row written around the service (say, by hand in the database) cannot send people away.
    notification = _notify(mentee, url="/programs/")
    Notification.objects.filter(pk=notification.pk).update(url="")
    client.force_login(mentee)
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response["Location"] == reverse("notifications:list")


def test_database_refuses_an_off_site_link(mentee: User) -> None:
    notification = _notify(mentee)
    for url in ["https://evil.example/", "//evil.example/", "/\\evil.example"]:
        with pytest.raises(IntegrityError), transaction.atomic():
            Notification.objects.filter(pk=notification.pk).update(url=url)


def test_outsider_gets_404_for_another_persons_notification(
    client: Client, mentee: User, outsider: User
) -> None:
    notification = _notify(mentee)
    client.force_login(outsider)
    assert client.get(reverse("notifications:open", args=[notification.pk])).status_code == 404
    assert client.post(reverse("notifications:read", args=[notification.pk])).status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_read_with_htmx_returns_the_item_and_the_new_count(
    client: Client, mentee: User
) -> None:
    first = _notify(mentee, title="First")
    _notify(mentee, title="Second")
    client.force_login(mentee)
    response = client.post(
        reverse("notifications:read", args=[first.pk]), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="notification-{first.pk}"' in html
    assert "Mark read" not in html
    assert 'hx-swap-oob="true"' in html
    assert '1<span class="visually-hidden"> unread</span>' in html


def test_mark_read_without_htmx_goes_back_to_the_list(client: Client, mentee: User) -> None:
    notification = _notify(mentee)
    client.force_login(mentee)
    response = client.post(reverse("notifications:read", args=[notification.pk]))
    assert response["Location"] == reverse("notifications:list")
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_mark_read_refuses_get(client: Client, mentee: User) -> None:
    notification = _notify(mentee)
    client.force_login(mentee)
    assert client.get(reverse("notifications:read", args=[notification.pk])).status_code == 405


def test_mark_all_read(client: Client, mentee: User, outsider: User) -> None:
    _notify(mentee)
    _notify(mentee)
    others = _notify(outsider)
    client.force_login(mentee)
    client.post(reverse("notifications:read_all"))
    assert not Notification.objects.filter(recipient=mentee, read_at__isnull=True).exists()
    others.refresh_from_db()
    assert others.read_at is None


def test_nav_shows_the_unread_count_only_when_there_are_unread(
    client: Client, mentee: User
) -> None:
    client.force_login(mentee)
    page = client.get(reverse("home")).content.decode()
    assert "Notifications</a>" in page
    assert "unread</span>" not in page
    _notify(mentee)
    _notify(mentee)
    page = client.get(reverse("home")).content.decode()
    assert 'Notifications <span class="badge">2<span class="visually-hidden"> unread</span>' in page


def test_preferences_page_saves_choices(client: Client, mentee: User) -> None:
    _notify(mentee)
    client.force_login(mentee)
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert "Matching: proposal" in page
    assert 'name="email_important" id="id_email_important" aria-describedby' in page
    assert 'id_email_important_helptext" checked>' in page  # emails on by default
    assert 'id_daily_digest_helptext">' in page  # digest off by default
    response = client.post(
        reverse("notifications:preferences"),
        {"daily_digest": "on", "muted_kinds": ["matching.proposal"]},
    )
    assert response.status_code == 302
    preference = NotificationPreference.objects.get(user=mentee)
    assert preference.daily_digest is True
    assert preference.email_important is False
    assert preference.muted_kinds == ["matching.proposal"]


def test_preferences_page_rejects_an_unknown_kind_with_a_message(
    client: Client, mentee: User
) -> None:
    _notify(mentee)
    client.force_login(mentee)
    response = client.post(reverse("notifications:preferences"), {"muted_kinds": ["made.up"]})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not NotificationPreference.objects.filter(user=mentee).exists()
