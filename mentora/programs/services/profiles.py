"""Saving one's profile with the one profile field that is an organisation rule: one's manager.

A person names their manager by email. Only someone who shares an organisation (both members) or
a program (both enrolled) with them may be named; anyone else, whether or not they have an
account, gets the same refusal, so the answer tells nobody who uses Mentora. The profile page, the
enrollment page and the API all save through `profile_save`.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from mentora.accounts.models import User
from mentora.lib.text import clean_line
from mentora.profiles.access import OWNER, owner_roles
from mentora.profiles.models import Profile
from mentora.profiles.services import profile_update
from mentora.programs.selectors import people_sharing_with

EMAIL_MAX = User._meta.get_field("email").max_length or 254
NOT_SHARED = (
    "Your manager must be someone who shares an organisation or a program with you on Mentora."
)


def profile_manager_find(*, user: User, email: str) -> User | None:
    """The person `user` names as their manager (None for an empty address): one query whatever
    the address, and the same refusal for an address nobody has and for a stranger's."""
    email = clean_line(
        email, field="manager_email", label="The email", limit=EMAIL_MAX, required=False
    )
    if not email:
        return None
    if email.lower() == user.email.lower():
        return user  # refused by profile_update: nobody is their own manager
    manager = people_sharing_with(user=user).filter(email__iexact=email).first()
    if manager is None:
        raise ValidationError({"manager_email": NOT_SHARED})
    return manager


@transaction.atomic
def profile_save(
    *, user: User, editor: User | None, manager_email: str | None = None, **fields: Any
) -> Profile:
    """Create or change a person's profile (`profiles.services.profile_update`), naming their
    manager by email when `manager_email` is given ("" names nobody)."""
    if editor is not None and OWNER not in owner_roles(owner=user, user=editor):
        # Before the manager is looked up: nobody learns whom another person shares things with.
        raise PermissionDenied("You can only edit your own profile.")
    if manager_email is not None:
        fields["manager"] = profile_manager_find(user=user, email=manager_email)
    return profile_update(user=user, editor=editor, **fields)
