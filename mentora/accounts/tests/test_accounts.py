"""Sign-up, email verification, log-in throttling, password reset and change of email."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from mentora.accounts.models import User

pytestmark = pytest.mark.django_db


def _link(message: mail.EmailMessage) -> str:
    match = re.search(r"http://testserver(\S+)", str(message.body))
    assert match, message.body
    return match.group(1)


def test_sign_up_sends_a_verification_link_that_logs_the_person_in(client: Client) -> None:
    response = client.post(
        reverse("account_signup"),
        {
            "email": "new@example.org",
            "password1": "a long pass phrase 42",
            "password2": "a long pass phrase 42",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="new@example.org")
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    confirm = _link(mail.outbox[0])
    client.get(confirm)
    response = client.post(confirm)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    assert client.get(reverse("home")).context["user"] == user


def test_unverified_person_cannot_log_in(client: Client) -> None:
    User.objects.create_user(email="quiet@example.org", password="a long pass phrase 42")
    response = client.post(
        reverse("account_login"),
        {"login": "quiet@example.org", "password": "a long pass phrase 42"},
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302
    assert "confirm-email" in response["Location"]


def test_login_is_throttled_after_repeated_failures(client: Client, mentee: User) -> None:
    for _ in range(5):
        client.post(reverse("account_login"), {"login": mentee.email, "password": "wrong"})
    response = client.post(
        reverse("account_login"),
        {"login": mentee.email, "password": "correct horse battery staple"},
    )
    assert "_auth_user_id" not in client.session
    assert b"Too many failed login attempts" in response.content


def test_password_reset_email_has_a_working_link(client: Client, mentee: User) -> None:
    client.post(reverse("account_reset_password"), {"email": mentee.email})
    assert len(mail.outbox) == 1
    link = _link(mail.outbox[0])
    response = client.get(link, follow=True)
    assert response.status_code == 200
    new = "another long pass phrase 7"
    client.post(response.redirect_chain[-1][0], {"password1": new, "password2": new})
    mentee.refresh_from_db()
    assert mentee.check_password(new)


def test_change_of_email_needs_verification(client: Client, mentee: User) -> None:
    client.force_login(mentee)
    client.post(reverse("account_email"), {"action_add": "", "email": "mina.new@example.org"})
    assert mail.outbox, "a verification message goes to the new address"
    assert mail.outbox[-1].to == ["mina.new@example.org"]
    mentee.refresh_from_db()
    assert mentee.email == "mentee@example.org"


def test_passwords_are_hashed_with_argon2_outside_tests() -> None:
    assert "Argon2PasswordHasher" in settings.PASSWORD_HASHERS[1]
    assert any("Argon2" in h for h in settings.PASSWORD_HASHERS)


def test_two_factor_authentication_can_be_set_up(client: Client, mentee: User) -> None:
    client.force_login(mentee)
    response = client.get(reverse("mfa_activate_totp"))
    # allauth asks for a recent password before showing the TOTP secret, or shows it at once.
    assert response.status_code in {200, 302}
    assert "totp" in settings.MFA_SUPPORTED_TYPES


def test_a_password_on_its_own_is_never_enough_without_an_account(client: Client) -> None:
    response = client.post(
        reverse("account_login"), {"login": "nobody@example.org", "password": "x"}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
