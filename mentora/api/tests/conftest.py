"""API fixtures on top of the shared personas and API clients (`anonymous`, `api_as`) of the
root conftest."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_rate_limits() -> Iterator[None]:
    """Log-in throttling counts failures in the cache; keep each test's count to itself."""
    cache.clear()
    yield
    cache.clear()
