"""Typed readers for configuration from environment variables; each fails loudly on a bad value."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit


class ConfigurationError(RuntimeError):
    """A configuration variable is missing or has a value that cannot be used."""


def env_str(name: str, default: str | None = None) -> str:
    """Return the variable's text, or the default; without a default a missing one is an error."""
    value = os.environ.get(name)
    if value is None or value == "":
        if default is None:
            raise ConfigurationError(f"{name} must be set (see .env.example).")
        return default
    return value


def env_bool(name: str, *, default: bool) -> bool:
    """Read true/false, yes/no, on/off or 1/0."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ConfigurationError(f"{name}={raw!r} is not a boolean; use true or false.")


def env_int(name: str, *, default: int) -> int:
    """Read a whole number."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigurationError(f"{name}={raw!r} is not a whole number.") from None


def env_list(name: str, *, default: list[str]) -> list[str]:
    """Read a comma-separated list."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_csp_sources(name: str) -> list[str]:
    """Read extra hosts or schemes for one Content-Security-Policy directive.

    Only sources such as `https://analytics.example.org` or `data:` are accepted: a quoted
    keyword (`'unsafe-inline'`, `'unsafe-eval'`, a nonce or hash) would loosen the policy for every
    page, so it is refused rather than passed on.
    """
    sources = env_list(name, default=[])
    for source in sources:
        if "'" in source or '"' in source or ";" in source or " " in source:
            raise ConfigurationError(
                f"{name} holds {source!r}: list hosts or schemes only "
                "(https://analytics.example.org), never quoted keywords such as 'unsafe-inline'."
            )
    return sources


def development_secret_key(var_dir: Path) -> str:
    """Generate a secret key once into var/ and reuse it, so sessions survive restarts."""
    path = var_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    path.write_text(key)
    path.chmod(0o600)
    return key


def redis_url_for_test_worker(url: str, worker: str) -> str:
    """The Redis URL with a database of the test worker's own (gw0 uses 1, gw1 uses 2...)."""
    parts = urlsplit(url)
    if parts.scheme not in {"redis", "rediss"}:
        raise ConfigurationError(f"REDIS_URL={url!r} must start with redis:// or rediss://.")
    number = int(worker.removeprefix("gw") or "0")
    return urlunsplit(parts._replace(path=f"/{number + 1}"))
