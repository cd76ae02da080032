"""What a change of password or of second factor means for API tokens: every one is revoked.

allauth sends these signals from its pages; the rule itself is the service
`api_tokens_revoke_all`, which any other door changing a password calls too.
"""

from __future__ import annotations

from typing import Any

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from django.dispatch import receiver

from mentora.accounts.models import User
from mentora.accounts.services import api_tokens_revoke_all


@receiver(account_signals.password_changed)
@receiver(account_signals.password_set)
@receiver(account_signals.password_reset)
@receiver(mfa_signals.authenticator_added)
@receiver(mfa_signals.authenticator_removed)
@receiver(mfa_signals.authenticator_reset)
def revoke_api_tokens(sender: Any, *, user: User, **kwargs: Any) -> None:
    api_tokens_revoke_all(user=user)
