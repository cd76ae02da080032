"""Session and token authentication of the API, and what anonymous callers get."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from rest_framework.test import APIClient

from mentora.accounts.models import User
from mentora.programs.models import Program
from mentora.testing import PASSWORD, make_person

TOKEN_URL = "/api/auth/token/"


def obtain_token(client: APIClient, email: str, password: str = PASSWORD, **extra: str) -> str:
    response = client.post(
        TOKEN_URL, {"email": email, "password": password, **extra}, format="json"
    )
    assert response.status_code == 200, response.json()
    return str(response.json()["token"])


@pytest.mark.django_db
def test_token_from_email_and_password_authenticates_api_calls(mentee: User) -> None:
    client = APIClient()
    token = obtain_token(client, "mentee@example.org")

    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = client.get("/api/profiles/me/")

    assert response.status_code == 200
    assert response.json()["email"] == "mentee@example.org"


@pytest.mark.django_db
def test_token_request_is_case_insensitive_about_the_email(mentee: User) -> None:
    assert obtain_token(APIClient(), "Mentee@Example.org")


@pytest.mark.django_db
def test_each_log_in_gets_a_new_token_until_revoked(mentee: User) -> None:
    client = APIClient()
    first = obtain_token(client, "mentee@example.org")
    assert obtain_token(client, "mentee@example.org") != first

    client.credentials(HTTP_AUTHORIZATION=f"Token {first}")
    assert client.delete(TOKEN_URL).status_code == 204

    assert client.get("/api/profiles/me/").status_code == 401


@pytest.mark.django_db
def test_wrong_password_gets_a_clear_400_and_no_token(mentee: User) -> None:
    response = APIClient().post(
        TOKEN_URL, {"email": "mentee@example.org", "password": "nope"}, format="json"
    )

    assert response.status_code == 400
    assert "token" not in response.json()
    assert response.json()["non_field_errors"] == [
        "The email address or the password is not right."
    ]


@pytest.mark.django_db
def test_missing_fields_are_named_in_the_400(db: None) -> None:
    response = APIClient().post(TOKEN_URL, {"email": "not an email"}, format="json")

    assert response.status_code == 400
    assert set(response.json()) == {"email", "password"}


@pytest.mark.django_db
def test_unverified_email_gets_no_token(db: None) -> None:
    make_person("new@example.org", "New Person")
    EmailAddress.objects.filter(email="new@example.org").update(verified=False)

    response = APIClient().post(
        TOKEN_URL, {"email": "new@example.org", "password": PASSWORD}, format="json"
    )

    assert response.status_code == 400
    assert "Verify your email address" in response.json()["non_field_errors"][0]


@pytest.mark.django_db
def test_repeated_failures_are_throttled_like_the_log_in_page(mentee: User) -> None:
    client = APIClient()
    statuses = [
        client.post(
            TOKEN_URL, {"email": "mentee@example.org", "password": f"guess {n}"}, format="json"
        ).status_code
        for n in range(6)
    ]

    assert statuses[:5] == [400] * 5
    assert statuses[5] == 429
    # Even the right password is refused while the account is throttled.
    response = client.post(
        TOKEN_URL, {"email": "mentee@example.org", "password": PASSWORD}, format="json"
    )
    assert response.status_code == 429


@pytest.mark.django_db
def test_two_factor_accounts_must_send_their_code(mentee: User) -> None:
    secret = generate_totp_secret()
    TOTP.activate(mentee, secret)
    client = APIClient()

    without = client.post(
        TOKEN_URL, {"email": "mentee@example.org", "password": PASSWORD}, format="json"
    )
    wrong = client.post(
        TOKEN_URL,
        {"email": "mentee@example.org", "password": PASSWORD, "code": "000000"},
        format="json",
    )
    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))

    assert without.status_code == 400
    assert "code" in without.json()
    assert wrong.status_code == 400
    assert obtain_token(client, "mentee@example.org", code=code)


@pytest.mark.django_db
def test_invalid_token_is_401(mentee: User) -> None:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")

    assert client.get("/api/profiles/me/").status_code == 401


@pytest.mark.django_db
def test_session_authentication_works(api_as: Callable[[User], APIClient], mentee: User) -> None:
    assert api_as(mentee).get("/api/enrollments/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/api/organisations/",
        "/api/programs/",
        "/api/programs/{program}/",
        "/api/programs/{program}/questions/",
        "/api/enrollments/",
        "/api/profiles/",
        "/api/profiles/me/",
        "/api/profiles/me/demographics/",
        "/api/skills/",
    ],
)
def test_anonymous_callers_are_refused(anonymous: APIClient, program: Program, url: str) -> None:
    response = anonymous.get(url.format(program=program.pk))

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


@pytest.mark.django_db
def test_anonymous_cannot_write(anonymous: APIClient, program: Program) -> None:
    assert anonymous.post("/api/organisations/", {"name": "X"}, format="json").status_code == 401
    assert (
        anonymous.post(
            f"/api/programs/{program.pk}/transition/", {"to_state": "matching"}, format="json"
        ).status_code
        == 401
    )


def current_code(secret: str) -> str:
    return str(format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time()))))


@pytest.mark.django_db
def test_wrong_codes_are_limited_like_the_two_factor_page(mentee: User) -> None:
    """allauth's own limit (`login_failed` for the person's second factor): the right code is
    refused too once it is reached."""
    secret = generate_totp_secret()
    TOTP.activate(mentee, secret)
    client = APIClient()
    right = current_code(secret)
    wrong = next(str(n).zfill(6) for n in range(10**6) if str(n).zfill(6) != right)
    attempt = {"email": "mentee@example.org", "password": PASSWORD}

    statuses = [
        client.post(TOKEN_URL, {**attempt, "code": wrong}, format="json").status_code
        for _ in range(5)
    ]
    refused = client.post(TOKEN_URL, {**attempt, "code": right}, format="json")

    assert statuses == [400] * 5
    assert refused.status_code == 429
    assert "token" not in refused.json()


@pytest.mark.django_db
def test_a_code_gets_one_token_only(mentee: User) -> None:
    secret = generate_totp_secret()
    TOTP.activate(mentee, secret)
    code = current_code(secret)
    client = APIClient()

    assert obtain_token(client, "mentee@example.org", code=code)
    again = client.post(
        TOKEN_URL,
        {"email": "mentee@example.org", "password": PASSWORD, "code": code},
        format="json",
    )

    assert again.status_code == 400
    assert again.json()["code"] == ["That code is not right or was used."]
