"""The log-in and sign-up forms Mentora changes: the same answer, in the same time, for everyone.

- `SignupForm` (allauth's, named in ACCOUNT_FORMS): for an address that already has an account
  allauth creates nothing and so hashed no password, which answered about ten times faster than for
  a new address. It hashes the given password all the same.
"""

from __future__ import annotations

from typing import Any

from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.auth.hashers import make_password
from django.http import HttpRequest


class SignupForm(AllauthSignupForm):  # type: ignore[misc, unused-ignore]  # allauth is untyped
    def try_save(self, request: HttpRequest) -> Any:
        if self.account_already_exists:
            # As long as creating the account would have taken (no timing tells who has one).
            make_password(self.cleaned_data.get("password1") or "")
        return super().try_save(request)
