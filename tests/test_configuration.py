"""Configuration comes only from the environment and fails loudly when it is wrong."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from mentora.config import ConfigurationError, development_secret_key, env_bool, env_int

ROOT = Path(__file__).resolve().parents[1]


def _start(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    unset = {"SECRET_KEY", "DEBUG", "DATABASE_URL"}
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_without_a_secret_key_stops_with_a_clear_message(tmp_path: Path) -> None:
    result = _start({"DEBUG": "false", "ALLOWED_HOSTS": "example.org", "VAR_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is false" in result.stderr


def test_development_generates_a_secret_key_once_and_reuses_it(tmp_path: Path) -> None:
    first = development_secret_key(tmp_path)
    assert len(first) >= 50
    assert development_secret_key(tmp_path) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_a_bad_boolean_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEBUG", "perhaps")
    with pytest.raises(ConfigurationError, match="DEBUG='perhaps' is not a boolean"):
        env_bool("DEBUG", default=True)


def test_a_bad_number_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EMAIL_PORT", "twenty-five")
    with pytest.raises(ConfigurationError, match="not a whole number"):
        env_int("EMAIL_PORT", default=25)


def test_sqlite_runs_in_wal_mode(db: None) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    options = connection.settings_dict["OPTIONS"]
    assert "journal_mode=WAL" in options["init_command"]


def test_every_variable_the_settings_read_is_in_env_example() -> None:
    settings_text = (ROOT / "mentora" / "settings.py").read_text()
    used = set(re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z_]+)"', settings_text))
    listed = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.MULTILINE))
    assert used - listed == set()
