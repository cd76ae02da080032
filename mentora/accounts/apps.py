from __future__ import annotations

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "mentora.accounts"
    label = "accounts"

    def ready(self) -> None:
        """Connect the receivers that revoke API tokens on a change of password or second factor.

        The import waits for `ready` because the receivers import models. (RUF100 is silenced for
        as long as PLC0415 is not selected in pyproject.toml.)
        """
        from mentora.accounts import receivers  # noqa: F401, PLC0415, RUF100 - models load first
