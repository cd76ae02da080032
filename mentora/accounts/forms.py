"""The log-in and sign-up forms Mentora changes: the same answer, in the same time, for everyone.

- `SignupForm` (allauth's, named in ACCOUNT_FORMS): for an address that already has an account
  allauth creates nothing and so hashed no password, which answered about ten times faster than for
  a new address. It hashes the given password all the same.
- `AdminLoginForm` (the admin site's log-in form): authenticates through allauth's adapter, so the
  admin's log-in counts failures against the same limit as the log-in page and the API's tokens.
"""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import get_adapter
from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.http import HttpRequest


class SignupForm(AllauthSignupForm):  # type: ignore[misc, unused-ignore]  # allauth is untyped
    def try_save(self, request: HttpRequest) -> Any:
        if self.account_already_exists:
            # As long as creating the account would have taken (no timing tells who has one).
            make_password(self.cleaned_data.get("password1") or "")
        return super().try_save(request)


class AdminLoginForm(AdminAuthenticationForm):
    """The admin's log-in, limited like every other log-in (allauth's `login_failed` limit)."""

    def clean(self) -> dict[str, Any]:
        email = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if email and password and self.request is not None:
            try:
                user = get_adapter(self.request).authenticate(
                    self.request, email=email.lower(), password=password
                )
            except ValidationError as error:
                # Too many failed attempts: refused, whatever the password.
                raise ValidationError(error.messages, code="too_many_login_attempts") from None
            if user is None:
                raise self.get_invalid_login_error()
            self.user_cache = user
            self.confirm_login_allowed(user)
        return self.cleaned_data
