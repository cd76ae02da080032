"""Every log-in form shares allauth's attempt limit, and answers in the same time whether or not
an account exists (counted in password hashings, not measured in seconds)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from mentora.accounts.models import User
from mentora.testing import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a long pass phrase 42"


@pytest.fixture(autouse=True)
def fresh_rate_limits() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff(db: None) -> User:
    return User.objects.create_superuser(email="staff@example.org", password=PASSWORD)


@pytest.fixture
def hashings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each password hashing (the tests' hasher is MD5), by the password it hashed."""
    hashed: list[str] = []
    encode = MD5PasswordHasher.encode

    def counting(self: MD5PasswordHasher, password: str, salt: str) -> str:
        hashed.append(password)
        return encode(self, password, salt)

    monkeypatch.setattr(MD5PasswordHasher, "encode", counting)
    return hashed


def admin_log_in(client: Client, password: str) -> None:
    client.post(reverse("admin:login"), {"username": "staff@example.org", "password": password})


def test_the_admin_log_in_refuses_after_the_shared_limit(client: Client, staff: User) -> None:
    for attempt in range(30):
        admin_log_in(client, f"guess {attempt}")

    response = client.post(
        reverse("admin:login"), {"username": "staff@example.org", "password": PASSWORD}
    )

    assert "_auth_user_id" not in client.session
    assert b"Too many failed login attempts" in response.content


def test_the_admin_log_in_still_works(client: Client, staff: User) -> None:
    response = client.post(
        reverse("admin:login") + "?next=/admin/",
        {"username": "Staff@Example.org", "password": PASSWORD, "next": "/admin/"},
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_the_admin_and_the_log_in_page_count_the_same_failures(client: Client, staff: User) -> None:
    for attempt in range(5):
        client.post(
            reverse("account_login"), {"login": "staff@example.org", "password": f"guess {attempt}"}
        )

    admin_log_in(client, PASSWORD)

    assert "_auth_user_id" not in client.session


def test_the_admin_refuses_someone_who_is_not_staff(client: Client, mentee: User) -> None:
    response = client.post(reverse("admin:login"), {"username": mentee.email, "password": PASSWORD})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_sign_up_hashes_the_password_whether_or_not_the_address_has_an_account(
    client: Client, mentee: User, hashings: list[str]
) -> None:
    def sign_up(email: str) -> int:
        hashings.clear()
        response = client.post(
            reverse("account_signup"),
            {"email": email, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        )
        assert response.status_code == 302
        return hashings.count(NEW_PASSWORD)

    taken = sign_up(mentee.email)
    new = sign_up("new@example.org")

    assert new >= 1
    assert taken == new
    assert not User.objects.get(email=mentee.email).check_password(NEW_PASSWORD)


def test_log_in_hashes_as_often_for_an_unknown_address(
    client: Client, mentee: User, hashings: list[str]
) -> None:
    def log_in(email: str) -> int:
        hashings.clear()
        client.post(reverse("account_login"), {"login": email, "password": "wrong password"})
        return len(hashings)

    known = log_in(mentee.email)
    unknown = log_in("nobody@example.org")

    assert known >= 1
    assert unknown == known


def test_the_token_endpoint_hashes_as_often_for_an_unknown_address(
    client: Client, mentee: User, hashings: list[str]
) -> None:
    def ask(email: str) -> int:
        hashings.clear()
        client.post(
            "/api/auth/token/",
            {"email": email, "password": "wrong password"},
            content_type="application/json",
        )
        return len(hashings)

    assert ask(mentee.email) == ask("nobody@example.org") >= 1
