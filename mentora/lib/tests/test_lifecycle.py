"""The lifecycle table: unknown states, moves not in the table, roles, gates and guards."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mentora.lib.lifecycle import Guard, Lifecycle, Move


@dataclass
class Door:
    state: str
    oiled: bool = False


LABELS = {"shut": "Shut", "open": "Open", "gone": "Gone"}
DOOR = Lifecycle[Door](
    noun="door",
    labels=LABELS,
    state_of=lambda door: door.state,
    moves=[
        Move(
            source="shut",
            target="open",
            by=frozenset({"keeper"}),
            guards=(Guard(lambda a: a.obj.oiled, "Oil the hinges first."),),
        ),
        Move(source="open", target="shut", by=frozenset({"keeper", "guest"})),
        Move(
            source="open",
            target="gone",
            by=frozenset({"keeper"}),
            action="door_remove",
            description="A door goes only when it is removed.",
        ),
    ],
)


def test_a_guard_that_does_not_hold_refuses_with_its_message() -> None:
    with pytest.raises(ValidationError, match="Oil the hinges first"):
        DOOR.check(Door("shut"), target="open", roles={"keeper"})
    assert DOOR.check(Door("shut", oiled=True), target="open", roles={"keeper"}).target == "open"


def test_only_the_roles_of_the_move_may_make_it() -> None:
    with pytest.raises(PermissionDenied):
        DOOR.check(Door("shut", oiled=True), target="open", roles={"guest"})
    with pytest.raises(PermissionDenied):
        DOOR.check(Door("shut", oiled=True), target="open", roles=set())


def test_a_move_not_in_the_table_names_the_moves_that_are() -> None:
    with pytest.raises(ValidationError, match="it can become open"):
        DOOR.check(Door("shut"), target="gone", roles={"keeper"})
    with pytest.raises(ValidationError, match="cannot change any more"):
        DOOR.check(Door("gone"), target="open", roles={"keeper"})
    with pytest.raises(ValidationError, match="already open"):
        DOOR.check(Door("open"), target="open", roles={"keeper"})


def test_an_unknown_state_is_refused_on_the_field() -> None:
    with pytest.raises(ValidationError) as refused:
        DOOR.check(Door("shut"), target="ajar", roles={"keeper"}, field_name="to_state")
    assert "to_state" in refused.value.message_dict


def test_a_gated_move_happens_only_through_its_action() -> None:
    with pytest.raises(ValidationError, match="only when it is removed"):
        DOOR.check(Door("open"), target="gone", roles={"keeper"})
    assert DOOR.check(Door("open"), target="gone", roles={"keeper"}, action="door_remove")


def test_available_offers_only_the_plain_moves_that_would_succeed() -> None:
    assert [m.target for m in DOOR.available(Door("open"), roles={"keeper"})] == ["shut"]
    assert DOOR.available(Door("shut"), roles={"keeper"}) == []
    assert [m.target for m in DOOR.available(Door("shut", oiled=True), roles={"keeper"})] == [
        "open"
    ]
    assert [
        m.target for m in DOOR.available(Door("open"), roles={"keeper"}, action="door_remove")
    ] == ["gone"]


def test_a_table_with_an_unknown_state_or_a_duplicate_move_does_not_build() -> None:
    with pytest.raises(ValueError, match="not one of its states"):
        Lifecycle[Door](
            noun="door",
            labels=LABELS,
            state_of=lambda d: d.state,
            moves=[Move(source="shut", target="ajar", by=frozenset({"keeper"}))],
        )
    with pytest.raises(ValueError, match="listed twice"):
        Lifecycle[Door](
            noun="door",
            labels=LABELS,
            state_of=lambda d: d.state,
            moves=[Move(source="shut", target="open", by=frozenset({"keeper"}))] * 2,
        )


def test_the_table_describes_itself_in_markdown() -> None:
    text = DOOR.as_markdown(role_labels={"keeper": "the keeper"})
    assert "| Shut | Open | the keeper | any door | Oil the hinges first. |" in text
    assert "door remove" in text
