"""Every log-in form shares allauth's attempt limit, and answers in the same time whether or not
an account exists (counted in password hashings, not measured in seconds)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
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
    user = User.objects.create_superuser(email="staff@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


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


def test_the_admin_log_in_is_the_log_in_page(client: Client) -> None:
    """One log-in form for everyone: its attempt limit and its second factor hold for the admin."""
    response = client.get(reverse("admin:login") + "?next=/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=%2Fadmin%2F" in response["Location"]


def test_a_password_posted_to_the_admin_log_in_signs_no_one_in(client: Client, staff: User) -> None:
    response = client.post(
        reverse("admin:login"), {"username": "staff@example.org", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_staff_reach_the_admin_through_the_log_in_page(client: Client, staff: User) -> None:
    response = client.post(
        reverse("account_login") + "?next=/admin/",
        {"login": "Staff@Example.org", "password": PASSWORD},
    )

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_the_log_in_page_refuses_staff_after_the_shared_limit(client: Client, staff: User) -> None:
    for attempt in range(30):
        client.post(
            reverse("account_login"), {"login": "staff@example.org", "password": f"guess {attempt}"}
        )

    response = client.post(
        reverse("account_login") + "?next=/admin/",
        {"login": "staff@example.org", "password": PASSWORD},
    )

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_staff_with_a_second_factor_are_asked_for_it_before_the_admin(
    client: Client, staff: User
) -> None:
    TOTP.activate(staff, generate_totp_secret())

    response = client.post(
        reverse("account_login") + "?next=/admin/",
        {"login": "staff@example.org", "password": PASSWORD},
    )

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_authenticate"))
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_the_admin_refuses_someone_signed_in_who_is_not_staff(client: Client, mentee: User) -> None:
    client.force_login(mentee)

    assert client.get(reverse("admin:login")).status_code == 403
    assert client.get("/admin/", follow=True).status_code == 403


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
