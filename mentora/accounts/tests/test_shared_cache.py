"""The cache that holds attempt limits and used two-factor codes is one every process shares."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from mentora.config import redis_url_for_test_worker

ROOT = Path(__file__).resolve().parents[3]
SHARED_BACKENDS = {
    "django.core.cache.backends.db.DatabaseCache",
    "django.core.cache.backends.redis.RedisCache",
}


def test_the_cache_is_not_kept_in_one_process() -> None:
    """Not Django's default local-memory cache, which each server process has its own of."""
    assert settings.CACHES["default"]["BACKEND"] in SHARED_BACKENDS


def test_each_parallel_test_worker_has_a_redis_database_of_its_own() -> None:
    assert redis_url_for_test_worker("redis://127.0.0.1:6379/0", "gw0") == (
        "redis://127.0.0.1:6379/1"
    )
    assert redis_url_for_test_worker("redis://:pw@cache:6380", "gw3") == "redis://:pw@cache:6380/4"


def _in_another_process(code: str) -> str:
    """Run `code` in `manage.py shell` of a new process on the same database and cache."""
    env = dict(os.environ, MENTORA_TESTING="true")
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        env["DATABASE_URL"] = (
            f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout.strip()


@pytest.mark.django_db(transaction=True)
def test_another_process_sees_the_counts_this_one_wrote() -> None:
    redis = settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    if not redis and connection.vendor != "postgresql":
        pytest.skip("the test database is in this process's memory: run on PostgreSQL or Redis")
    key = f"shared-cache-test-{uuid.uuid4().hex}"
    cache.set(key, 4, timeout=60)

    seen = _in_another_process(
        "import sys; from django.core.cache import cache; "
        f"sys.stdout.write(str(cache.get({key!r}))); cache.incr({key!r})"
    )

    assert seen == "4"
    assert cache.get(key) == 5
