from __future__ import annotations

from django.http import HttpRequest

from mentora.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """The request of a view behind `login_required`: its user is a real, signed-in person."""

    user: User
