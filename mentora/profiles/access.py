"""The one profile rule the profiles app knows on its own: a profile is its owner's to change.

Who else may see a profile (people who share a program, the managers of a program the person is
in) is a programs rule: `mentora.programs.access.profile_roles` adds those roles to these."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mentora.accounts.models import User
    from mentora.profiles.models import Profile

# The person the profile (or an enrollment, an invitation) belongs to.
OWNER = "owner"


def own_profile_roles(*, profile: Profile, user: User) -> frozenset[str]:
    """OWNER when the profile is the person's own; nothing otherwise."""
    return frozenset({OWNER}) if profile.user_id == user.pk else frozenset()


def owner_roles(*, owner: User, user: User | None) -> frozenset[str]:
    """OWNER when `user` is `owner` (a profile not created yet has only its owner)."""
    return frozenset({OWNER}) if user is not None and user.pk == owner.pk else frozenset()
