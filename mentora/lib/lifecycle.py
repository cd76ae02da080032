"""Lifecycles as tables of moves: for every move, who may make it and what must already be true.

Each of Mentora's lifecycles (program, enrollment, match run, mentor request, relationship) is one
`Lifecycle`, a table of `Move`s, and has one writer. The writer locks the object's row
(`select_for_update`, re-reading the state from the locked row), asks `Lifecycle.check` whether
the move may happen, changes the state and records one event row. Because the rule lives in the
table and only the writer changes the state, every door (page, REST API, admin action, command,
background task, import) gets the same answer; the pages and the API ask `Lifecycle.available`
which moves to offer, so a button is never shown for a move the writer would refuse.

A move with an `action` is gated: it happens only as part of that action (cultivation begins when
the second person confirms the agreement, inside `agreement_confirm`), never through a generic
"move to this state" door, and its guards are checked against the locked object even then.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

# The actor a background job or the system acts as (the health check, expiry, a failed worker).
SYSTEM = "system"


@dataclass(frozen=True)
class Attempt[T]:
    """One request to move an object: what, by whom (their roles toward it), how and when."""

    obj: T
    source: str
    target: str
    roles: frozenset[str]
    action: str = ""
    note: str = ""
    now: datetime.datetime = field(default_factory=timezone.now)


@dataclass(frozen=True)
class Guard[T]:
    """Something that must already be true for a move, and what to say when it is not."""

    holds: Callable[[Attempt[T]], bool]
    message: str | Callable[[Attempt[T]], str]

    def explain(self, attempt: Attempt[T]) -> str:
        return self.message(attempt) if callable(self.message) else self.message


@dataclass(frozen=True)
class Move[T]:
    """One allowed move of the table.

    `by` names the roles that may make it (the resource's access module computes a person's
    roles); `guards` must all hold; `action`, when set, is the only action through which the move
    happens; `refusal` is what a person without one of the roles is told.
    """

    source: str
    target: str
    by: frozenset[str]
    guards: tuple[Guard[T], ...] = ()
    action: str = ""
    description: str = ""
    refusal: str = ""

    @property
    def gated(self) -> bool:
        return bool(self.action)


class Lifecycle[T]:
    """A table of moves between the states of one kind of object."""

    def __init__(
        self,
        *,
        noun: str,
        labels: Mapping[str, str],
        state_of: Callable[[T], str],
        moves: Sequence[Move[T]],
        final: Iterable[str] = (),
    ) -> None:
        self.noun = noun
        self.labels = dict(labels)
        self.state_of = state_of
        self.moves: tuple[Move[T], ...] = tuple(moves)
        self.final = frozenset(final)
        seen: set[tuple[str, str]] = set()
        for move in self.moves:
            for state in (move.source, move.target):
                if state not in self.labels:
                    raise ValueError(f"{noun}: {state!r} is not one of its states.")
            if (move.source, move.target) in seen:
                raise ValueError(
                    f"{noun}: the move {move.source} -> {move.target} is listed twice."
                )
            if not move.by:
                raise ValueError(f"{noun}: nobody may make {move.source} -> {move.target}.")
            seen.add((move.source, move.target))

    # -- Reading the table ----------------------------------------------------------------------

    def label(self, state: str) -> str:
        return self.labels.get(state, state)

    def move_between(self, source: str, target: str) -> Move[T] | None:
        return next((m for m in self.moves if m.source == source and m.target == target), None)

    def moves_from(self, source: str) -> list[Move[T]]:
        return [m for m in self.moves if m.source == source]

    def targets_from(self, source: str) -> list[str]:
        return [m.target for m in self.moves_from(source)]

    # -- Checking an attempt --------------------------------------------------------------------

    def check(
        self,
        obj: T,
        *,
        target: str,
        roles: Iterable[str],
        action: str = "",
        note: str = "",
        now: datetime.datetime | None = None,
        field_name: str = "to",
    ) -> Move[T]:
        """The move from the object's state to `target`, or the reason it may not happen.

        Raises `ValidationError` (on `field_name`) for an unknown state, a move not in the table,
        a gated move asked for outside its action, or a guard that does not hold; raises
        `PermissionDenied` when none of `roles` may make the move. Call it on the locked object.
        """
        source = self.state_of(obj)
        attempt = Attempt(
            obj=obj,
            source=source,
            target=target,
            roles=frozenset(roles),
            action=action,
            note=note,
            now=now or timezone.now(),
        )
        if target not in self.labels:
            raise ValidationError({field_name: f"{target!r} is not a state of a {self.noun}."})
        move = self.move_between(source, target)
        if move is None:
            raise ValidationError({field_name: self._not_in_table(source, target)})
        if move.action and move.action != action:
            raise ValidationError(
                {
                    field_name: move.description
                    or f"A {self.noun} moves to {self.label(target).lower()} only through "
                    f"{move.action.replace('_', ' ')}."
                }
            )
        if not attempt.roles & move.by:
            raise PermissionDenied(
                move.refusal
                or f"You may not move this {self.noun} to {self.label(target).lower()}."
            )
        for guard in move.guards:
            if not guard.holds(attempt):
                raise ValidationError({field_name: guard.explain(attempt)})
        return move

    def available(
        self,
        obj: T,
        *,
        roles: Iterable[str],
        action: str = "",
        now: datetime.datetime | None = None,
    ) -> list[Move[T]]:
        """The moves these roles may make now through `action` ("" for the plain moves)."""
        moment = now or timezone.now()
        given = frozenset(roles)
        source = self.state_of(obj)
        found: list[Move[T]] = []
        for move in self.moves_from(source):
            if move.action != action or not given & move.by:
                continue
            attempt = Attempt(
                obj=obj, source=source, target=move.target, roles=given, action=action, now=moment
            )
            if all(guard.holds(attempt) for guard in move.guards):
                found.append(move)
        return found

    def _not_in_table(self, source: str, target: str) -> str:
        here = self.label(source).lower()
        there = self.label(target).lower()
        if source == target:
            return f"This {self.noun} is already {here}."
        targets = sorted(self.label(t).lower() for t in self.targets_from(source))
        if not targets:
            return f"A {self.noun} that is {here} cannot change any more."
        return (
            f"A {self.noun} that is {here} cannot become {there}; "
            f"it can become {', '.join(targets)}."
        )

    # -- Describing the table (docs, the `lifecycles` command) -----------------------------------

    def as_markdown(self, *, role_labels: Mapping[str, str] | None = None) -> str:
        """The table as Markdown: from, to, who, what must be true, through which action."""
        names = role_labels or {}
        rows = [
            f"| {self.noun} from | to | who | only through | what must be true |",
            "| --- | --- | --- | --- | --- |",
        ]
        for move in self.moves:
            who = ", ".join(names.get(role, role) for role in sorted(move.by))
            guards = "; ".join(
                g.message if isinstance(g.message, str) else (g.message.__doc__ or "see code")
                for g in move.guards
            )
            rows.append(
                f"| {self.label(move.source)} | {self.label(move.target)} | {who} | "
                f"{move.action.replace('_', ' ') or 'any door'} | {guards or '-'} |"
            )
        return "\n".join(rows)
