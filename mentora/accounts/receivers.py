"""What a change of password or of second factor means for API tokens: every one is revoked.

allauth sends these signals from its pages. Other doors (the admin's password form,
`manage.py changepassword`, a shell) set the password on the model and save it: Django's
`AbstractBaseUser` keeps the new raw password in `_password` until that save has finished, so a
`post_save` that sees it is a password change too. The rule itself is the service
`api_tokens_revoke_all`.
"""

from __future__ import annotations

from typing import Any

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from django.db.models.signals import post_save
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


@receiver(post_save, sender=User)
def revoke_api_tokens_on_a_new_password(
    sender: type[User], *, instance: User, created: bool, **kwargs: Any
) -> None:
    if not created and getattr(instance, "_password", None) is not None:
        api_tokens_revoke_all(user=instance)
