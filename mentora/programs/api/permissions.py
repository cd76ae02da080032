"""Who is asking, and the 403 checks that follow a successful (404-guarded) look-up.

Visibility is always decided by the selectors, which raise 404 for what a person may not see.
The checks here only run on objects the person can already see, so a refusal is a 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from mentora.accounts.models import User
from mentora.programs.models import Organisation, Program
from mentora.programs.selectors import organisations_managed_by, user_manages_program


def ensure_manages_program(*, user: User, program: Program) -> None:
    """Refuse (403) a person who can see the program but does not manage it."""
    if not user_manages_program(user=user, program=program):
        raise PermissionDenied("Only the program's managers can do this.")


def ensure_manages_organisation(*, user: User, organisation: Organisation) -> None:
    """Refuse (403) a person who can see the organisation but is not one of its managers."""
    if not organisations_managed_by(user=user).filter(pk=organisation.pk).exists():
        raise PermissionDenied("Only the organisation's program managers can do this.")
