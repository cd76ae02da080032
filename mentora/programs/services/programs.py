"""Programs: creation and settings by an organisation's managers, and the program lifecycle."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction

from mentora.lib.text import clean_line, clean_text
from mentora.programs.access import (
    ORGANISATION_CAPABILITIES,
    PROGRAM_CAPABILITIES,
    organisation_roles,
    program_roles,
    require,
    with_staff,
)
from mentora.programs.lifecycle import PROGRAM_LIFECYCLE
from mentora.programs.models import Organisation, Program, ProgramStateChange
from mentora.programs.services.organisations import ensure_approved, unique_slug

if TYPE_CHECKING:
    from mentora.accounts.models import User

PROGRAM_EDITABLE_FIELDS = (
    "name",
    "description",
    "kind",
    "format",
    "matching_mode",
    "listed",
    "enrollment_opens_at",
    "enrollment_closes_at",
    "expected_duration_weeks",
    "meeting_cadence",
    "default_mentor_capacity",
    "max_mentors_per_mentee",
    "same_organisation_only",
    "requires_approval",
    "allow_dual_role",
    "publish_needs_acceptance",
    "max_open_requests",
    "request_expiry_days",
    "inactivity_days",
    "separation_notice_days",
)
NAME_MAX = Program._meta.get_field("name").max_length or 160
DESCRIPTION_MAX = Program._meta.get_field("description").max_length or 5000
NOTE_MAX = ProgramStateChange._meta.get_field("note").max_length or 300


def _clean_program_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(PROGRAM_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown program fields: {', '.join(sorted(unknown))}.")
    cleaned = dict(fields)
    if "name" in cleaned:
        cleaned["name"] = clean_line(
            cleaned["name"], field="name", label="The name", limit=NAME_MAX
        )
    if "description" in cleaned:
        cleaned["description"] = clean_text(
            cleaned["description"],
            field="description",
            label="The description",
            limit=DESCRIPTION_MAX,
            required=False,
        )
    return cleaned


@transaction.atomic
def program_create(*, organisation: Organisation, created_by: User, **fields: Any) -> Program:
    """Create a draft program in an organisation the person manages."""
    require(
        ORGANISATION_CAPABILITIES,
        roles=organisation_roles(organisation=organisation, user=created_by),
        to="manage",
        refusal="Only the organisation's program managers can create programs.",
    )
    ensure_approved(organisation)
    cleaned = _clean_program_fields(fields)
    taken = set(organisation.programs.values_list("slug", flat=True))
    program = Program(
        organisation=organisation,
        slug=unique_slug(base=str(cleaned.get("name", "")), taken=taken, fallback="program"),
        **cleaned,
    )
    program.full_clean()
    program.save()
    return program


@transaction.atomic
def program_update(*, program: Program, updated_by: User, **fields: Any) -> Program:
    """Change a program's settings (not its state: see `program_transition`)."""
    require(
        PROGRAM_CAPABILITIES, roles=program_roles(program=program, user=updated_by), to="manage"
    )
    for name, value in _clean_program_fields(fields).items():
        setattr(program, name, value)
    program.full_clean()
    program.save()
    return program


@transaction.atomic
def program_transition(
    *, program: Program, to_state: str, changed_by: User, note: str = ""
) -> Program:
    """Move a program through its lifecycle (the one writer of its state), recording the move.

    Its managers move it from their pages and the API; site staff may from the admin."""
    roles = with_staff(program_roles(program=program, user=changed_by), changed_by)
    require(PROGRAM_CAPABILITIES, roles=roles, to="administer")
    locked = Program.objects.select_for_update().select_related("organisation").get(pk=program.pk)
    source = locked.state
    if to_state in PROGRAM_LIFECYCLE.labels and not PROGRAM_LIFECYCLE.move_between(
        source, to_state
    ):
        possible = [PROGRAM_LIFECYCLE.label(t) for t in PROGRAM_LIFECYCLE.targets_from(source)]
        raise ValidationError(
            {
                "to_state": f"A program cannot move from {PROGRAM_LIFECYCLE.label(source)!r} to "
                f"{PROGRAM_LIFECYCLE.label(to_state)!r}"
                + (f"; it can move to {', '.join(map(repr, possible))}." if possible else ".")
            }
        )
    note = clean_text(note, field="note", label="The note", limit=NOTE_MAX, required=False)
    PROGRAM_LIFECYCLE.check(
        locked,
        target=to_state,
        roles=roles,
        note=note,
        field_name="to_state",
    )
    ProgramStateChange.objects.create(
        program=locked, from_state=source, to_state=to_state, changed_by=changed_by, note=note
    )
    locked.state = to_state
    locked.save(update_fields=["state"])
    program.state = to_state
    return locked
