"""A page that only shows something answers GET and HEAD and refuses POST with 405
(`require_safe`), so a write can only come through a door that means to write.

Every Mentora page view is a class (its methods say what it answers), names its methods with
Django's `require_http_methods` family, or reads `request.method` itself.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pytest

from tests.security.doors import doors


def _names_its_methods(view: Callable[..., Any]) -> bool:
    function: Any = view
    while True:
        free = dict(zip(function.__code__.co_freevars, function.__closure__ or (), strict=True))
        if "request_method_list" in free:  # django.views.decorators.http.require_http_methods
            return True
        if not hasattr(function, "__wrapped__"):
            return "request.method" in inspect.getsource(function)
        function = function.__wrapped__


def test_every_page_names_the_methods_it_answers() -> None:
    unnamed = []
    for door in doors():
        view = door.view
        if door.route.startswith("/api/") or hasattr(view, "view_class"):
            continue
        if view.__module__.startswith("mentora.") and not _names_its_methods(view):
            unnamed.append(f"{door.route} ({door.name})")
    assert not unnamed, "add @require_safe (or the methods it answers):\n" + "\n".join(unnamed)


@pytest.mark.django_db
def test_a_page_that_only_shows_refuses_post(client: Any) -> None:
    assert client.post("/programs/").status_code == 405
    assert client.get("/programs/").status_code in {200, 302}
