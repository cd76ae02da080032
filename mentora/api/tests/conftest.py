"""API fixtures on top of the shared personas and API clients (`anonymous`, `api_as`) of the
root conftest."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_rate_limits(request: pytest.FixtureRequest) -> Iterator[None]:
    """Log-in throttling counts failures in the cache; keep each test's count to itself. (The
    cache is a database table unless REDIS_URL is set: tests without the database never log in.)"""
    uses_database = request.node.get_closest_marker("django_db") or "db" in request.fixturenames
    if uses_database:
        cache.clear()
    yield
    if uses_database:
        cache.clear()
