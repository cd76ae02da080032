"""API tokens: a new one for each log-in, stored as a digest, expiring, revoked by their owner and
by a change of password or of second factor, listed on a page and by the API."""

from __future__ import annotations

import datetime
import hashlib

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.fixtures import DjangoCaptureOnCommitCallbacks
from rest_framework.test import APIClient

from mentora.accounts.models import ApiToken, User
from mentora.accounts.services import api_token_issue, api_token_revoke
from mentora.accounts.tasks import purge_api_tokens
from mentora.testing import PASSWORD

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/auth/token/"
TOKENS_URL = "/api/auth/tokens/"
ME = "/api/profiles/me/"


def obtain(email: str = "mentee@example.org", **extra: str) -> str:
    response = APIClient().post(
        TOKEN_URL, {"email": email, "password": PASSWORD, **extra}, format="json"
    )
    assert response.status_code == 200, response.json()
    return str(response.json()["token"])


def calling_with(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def works(key: str) -> bool:
    return calling_with(key).get(ME).status_code == 200


def logged_in(email: str) -> Client:
    """A browser that logged in through the page (allauth then counts it as a recent log-in)."""
    client = Client()
    response = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_each_log_in_issues_a_new_token_and_both_work(mentee: User) -> None:
    first, second = obtain(), obtain()

    assert first != second
    assert works(first)
    assert works(second)


def test_only_a_digest_of_the_key_is_stored(mentee: User) -> None:
    key = obtain(name="Reporting script")

    token = ApiToken.objects.get(user=mentee)
    assert token.name == "Reporting script"
    assert token.digest == hashlib.sha256(key.encode()).hexdigest()
    stored = [str(value) for value in ApiToken.objects.values_list().get()]
    assert key not in stored


def test_a_token_expires_after_api_token_days(mentee: User) -> None:
    key = obtain()
    token = ApiToken.objects.get(user=mentee)
    assert token.expires - token.created == datetime.timedelta(days=settings.API_TOKEN_DAYS)

    with time_machine.travel(token.expires - datetime.timedelta(minutes=1)):
        assert works(key)
    with time_machine.travel(token.expires + datetime.timedelta(minutes=1)):
        response = calling_with(key).get(ME)
    assert response.status_code == 401


def test_last_used_is_written_at_most_once_a_minute(mentee: User) -> None:
    key = obtain()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert works(key)
    token = ApiToken.objects.get(user=mentee)
    assert token.last_used == start

    with time_machine.travel(start + datetime.timedelta(seconds=30), tick=False):
        assert works(key)
    token.refresh_from_db()
    assert token.last_used == start

    later = start + datetime.timedelta(seconds=61)
    with time_machine.travel(later, tick=False):
        assert works(key)
    token.refresh_from_db()
    assert token.last_used == later


def test_deleting_the_token_of_a_call_revokes_only_that_token(mentee: User) -> None:
    first, second = obtain(), obtain()

    assert calling_with(first).delete(TOKEN_URL).status_code == 204

    assert not works(first)
    assert works(second)


def test_a_password_change_revokes_every_token(mentee: User) -> None:
    key = obtain()
    client = logged_in(mentee.email)
    new = "another long pass phrase 7"

    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": new, "password2": new},
    )

    assert response.status_code == 302
    assert not works(key)


def test_a_password_set_through_any_other_door_revokes_every_token(mentee: User) -> None:
    """The admin's password form and `manage.py changepassword` send no allauth signal: they set
    the password on the model and save it, which revokes the tokens all the same."""
    key = obtain()
    fresh = User.objects.get(pk=mentee.pk)

    fresh.set_password("another long pass phrase 7")
    fresh.save()

    assert not works(key)


def test_saving_a_person_without_a_new_password_keeps_the_tokens(mentee: User) -> None:
    key = obtain()
    fresh = User.objects.get(pk=mentee.pk)

    fresh.first_name = "Mia"
    fresh.save()

    assert works(key)


def test_a_password_reset_revokes_every_token(client: Client, mentee: User) -> None:
    key = obtain()
    client.post(reverse("account_reset_password"), {"email": mentee.email})
    link = str(mail.outbox[-1].body).split("http://testserver", 1)[1].split()[0]
    response = client.get(link, follow=True)
    new = "another long pass phrase 7"

    client.post(response.redirect_chain[-1][0], {"password1": new, "password2": new})

    mentee.refresh_from_db()
    assert mentee.check_password(new)
    assert not works(key)


def test_turning_two_factor_on_and_off_revokes_every_token(
    mentee: User, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    before = obtain()
    client = logged_in(mentee.email)
    # allauth asks for the password again before two-factor changes.
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    client.get(reverse("mfa_activate_totp"))
    secret = client.session[SECRET_SESSION_KEY]
    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mfa_activate_totp"), {"code": code})

    assert response.status_code == 302
    assert Authenticator.objects.filter(user=mentee, type=Authenticator.Type.TOTP).exists()
    assert not works(before)

    during = api_token_issue(user=mentee).key
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=mentee, type=Authenticator.Type.TOTP).exists()
    assert not works(during)


def test_the_api_lists_and_revokes_ones_own_tokens(mentee: User, mentor: User) -> None:
    key = obtain(name="Laptop")
    obtain(name="Phone")
    theirs = api_token_issue(user=mentor, name="Mentor's").token
    client = calling_with(key)

    listed = client.get(TOKENS_URL)

    assert listed.status_code == 200
    rows = listed.json()["results"]
    assert [row["name"] for row in rows] == ["Phone", "Laptop"]
    assert set(rows[0]) == {"id", "name", "created", "last_used", "expires"}

    assert client.delete(f"{TOKENS_URL}{theirs.pk}/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked is None

    phone = rows[0]["id"]
    assert client.delete(f"{TOKENS_URL}{phone}/").status_code == 204
    assert client.delete(f"{TOKENS_URL}{phone}/").status_code == 404
    assert [row["name"] for row in client.get(TOKENS_URL).json()["results"]] == ["Laptop"]


def test_anonymous_callers_cannot_list_tokens(anonymous: APIClient) -> None:
    assert anonymous.get(TOKENS_URL).status_code == 401


def test_the_page_lists_and_revokes_ones_own_tokens(
    client: Client, mentee: User, mentor: User
) -> None:
    key = obtain(name="Reporting script")
    token = ApiToken.objects.get(user=mentee)
    theirs = api_token_issue(user=mentor, name="Mentor's script").token
    client.force_login(mentee)

    page = client.get(reverse("accounts:api_tokens"))

    assert page.status_code == 200
    assert b"Reporting script" in page.content
    assert b"Mentor&#x27;s script" not in page.content
    assert reverse("accounts:api_token_revoke", args=[token.pk]).encode() in page.content

    other = client.post(reverse("accounts:api_token_revoke", args=[theirs.pk]))
    assert other.status_code == 404

    response = client.post(reverse("accounts:api_token_revoke", args=[token.pk]))
    assert response.status_code == 302
    assert not works(key)
    after = client.get(reverse("accounts:api_tokens")).content
    assert reverse("accounts:api_token_revoke", args=[token.pk]).encode() not in after
    assert b"You have no API tokens." in after


def test_the_account_pages_link_to_the_tokens(client: Client, mentee: User) -> None:
    client.force_login(mentee)
    page = client.get(reverse("account_change_password"))

    assert reverse("accounts:api_tokens").encode() in page.content


def test_the_admin_shows_a_tokens_metadata_but_never_its_digest(
    admin_client: Client, mentee: User
) -> None:
    token = api_token_issue(user=mentee, name="Reporting script").token

    page = admin_client.get(reverse("admin:accounts_apitoken_change", args=[token.pk]))
    listing = admin_client.get(reverse("admin:accounts_apitoken_changelist"))

    assert page.status_code == 200
    assert b"Reporting script" in page.content
    for response in (page, listing):
        assert token.digest.encode() not in response.content
    assert admin_client.get(reverse("admin:accounts_apitoken_add")).status_code == 403


def test_the_daily_job_forgets_tokens_dead_for_thirty_days(mentee: User) -> None:
    """Expired or revoked tokens stay listed (the person sees what ended) for thirty days, then
    the daily job deletes them; live tokens stay."""
    revoked_key = obtain()
    revoked = ApiToken.objects.get(user=mentee)
    live_key = obtain()
    api_token_revoke(token=revoked)
    assert revoked.revoked is not None

    with time_machine.travel(revoked.revoked + datetime.timedelta(days=29)):
        assert purge_api_tokens.call() == {"deleted": 0}
    with time_machine.travel(revoked.revoked + datetime.timedelta(days=31)):
        assert purge_api_tokens.call() == {"deleted": 1}
        assert works(live_key)
    assert not works(revoked_key)
    live = ApiToken.objects.get(user=mentee)
    with time_machine.travel(live.expires + datetime.timedelta(days=31)):
        assert purge_api_tokens.call() == {"deleted": 1}
    assert not ApiToken.objects.exists()


def test_the_purge_is_a_daily_job() -> None:
    assert "mentora.accounts.tasks.purge_api_tokens" in settings.MENTORA_DAILY_TASKS


def test_the_page_says_which_tokens_have_expired(client: Client, mentee: User) -> None:
    obtain(name="Old script")
    ApiToken.objects.filter(user=mentee).update(expires=timezone.now() - datetime.timedelta(days=1))
    client.force_login(mentee)

    page = client.get(reverse("accounts:api_tokens")).content.decode()

    assert "Expired " in page
    assert "table-scroll" in page


@pytest.mark.parametrize(
    ("name", "message"),
    [("x" * 101, "100"), ("Two\nlines", "one line"), ("Nul\x00", "NUL")],
)
def test_a_token_name_is_checked_by_the_service(mentee: User, name: str, message: str) -> None:
    """Every door that names a token (the API today, a page tomorrow) gets the same answer:
    a name too long, on two lines or with a NUL character is refused, never cut or stored."""
    with pytest.raises(ValidationError, match=message) as refused:
        api_token_issue(user=mentee, name=name)

    assert "name" in refused.value.message_dict
    assert not ApiToken.objects.filter(user=mentee).exists()


def test_the_api_refuses_a_token_name_on_two_lines(mentee: User) -> None:
    response = APIClient().post(
        "/api/auth/token/",
        {"email": mentee.email, "password": PASSWORD, "name": "Two\nlines"},
        format="json",
    )

    assert response.status_code == 400
    assert "name" in response.json()
    assert not ApiToken.objects.filter(user=mentee).exists()
