"""One permission check per resource, in the style of Zulip's `access_stream_by_id`.

Each app has an `access.py` with, for every resource it owns, a `<resource>_roles(...)` function
(the person's roles toward one object: mentor, mentee, manager, owner…) and an
`access_<resource>(*, user, <resource>_id, to=...)` function that loads the object, computes the
roles and checks them against the resource's table of capabilities. Pages, REST endpoints and
templates ask that function; the services use the same roles function for their own refusals.

The answer is always one of three: the object with the person's roles; 404 when the person has
no role at all (an outsider learns nothing, not even that the object exists); 403 when the person
can see the object but may not do this with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404


@dataclass(frozen=True)
class Access[T]:
    """What one person may do with one object: the object and the person's roles toward it."""

    obj: T
    roles: frozenset[str]

    def has(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))


@dataclass(frozen=True)
class Capabilities:
    """A resource's table: for each capability ("view", "change", "manage"…), the roles that have
    it and what a person without them is told."""

    noun: str
    rules: Mapping[str, frozenset[str]]
    refusals: Mapping[str, str]

    def roles_for(self, capability: str) -> frozenset[str]:
        try:
            return self.rules[capability]
        except KeyError:
            raise ValueError(f"A {self.noun} has no capability {capability!r}.") from None

    def allows(self, roles: Iterable[str], capability: str) -> bool:
        return bool(self.roles_for(capability).intersection(roles))

    def require(self, roles: Iterable[str], to: str) -> None:
        """For services: refuse (PermissionDenied, with the table's reason) roles without `to`."""
        if not self.allows(roles, to):
            raise PermissionDenied(
                self.refusals.get(to, f"You may not do this with this {self.noun}.")
            )

    def grant[T](self, obj: T | None, *, roles: Iterable[str], to: str) -> Access[T]:
        """The access, or 404 (no object, or no role at all) or 403 (a role without `to`)."""
        given = frozenset(roles)
        allowed = self.roles_for(to)
        if obj is None or not given:
            raise Http404(f"No such {self.noun}.")
        if not given & allowed:
            raise PermissionDenied(
                self.refusals.get(to, f"You may not do this with this {self.noun}.")
            )
        return Access(obj=obj, roles=given)


def capabilities(
    noun: str, rules: Mapping[str, Iterable[str]], refusals: Mapping[str, str] | None = None
) -> Capabilities:
    """Build a resource's table of capabilities."""
    return Capabilities(
        noun=noun,
        rules={name: frozenset(roles) for name, roles in rules.items()},
        refusals=dict(refusals or {}),
    )
