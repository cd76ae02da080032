"""API helpers on top of the shared personas of the root conftest."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from mentora.accounts.models import User


@pytest.fixture(autouse=True)
def fresh_rate_limits() -> Iterator[None]:
    """Log-in throttling counts failures in the cache; keep each test's count to itself."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def anonymous() -> APIClient:
    return APIClient()


@pytest.fixture
def api_as() -> Callable[[User], APIClient]:
    """An API client signed in (by session) as the given person."""

    def client_for(user: User) -> APIClient:
        client = APIClient()
        client.force_login(user)
        return client

    return client_for
