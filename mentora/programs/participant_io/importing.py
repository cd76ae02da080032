"""Importing a checked participants file: people of the organisation are enrolled at once, everyone
else is invited, all in one transaction.

An import never changes the profile of an account that exists. An address in one of the
organisation's verified domains that has no account gets one, with a profile from the file; a
member who has never written a profile gets one too (nothing of theirs is overwritten).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from mentora.accounts.models import User
from mentora.profiles.models import Profile
from mentora.profiles.services import profile_update
from mentora.programs.access import PROGRAM_CAPABILITIES, program_roles, require
from mentora.programs.models import Enrollment, Program
from mentora.programs.participant_io.checking import participants_import_preview
from mentora.programs.participant_io.report import (
    ImportReport,
    ParticipantImportError,
    ParticipantRow,
    Problem,
)
from mentora.programs.services import enrollment_submit, invitation_create

IMPORT_NOTE = "Imported from a participants file."


def _person_profile(rows: Sequence[ParticipantRow]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for row in rows:
        for name, value in row.profile.items():
            merged.setdefault(name, value)
    return merged


class _RowFailed(Exception):
    def __init__(self, row: int, message: str) -> None:
        super().__init__(message)
        self.row = row
        self.message = message


def _account(email: str, *, fields: dict[str, Any], created: set[str]) -> User:
    """The account of an address that belongs to the organisation, created when it has none."""
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=None)
        EmailAddress.objects.create(user=user, email=email, verified=False, primary=True)
        created.add(email)
    if not Profile.objects.filter(user=user).exists():
        profile_update(user=user, editor=None, **fields)
    return user


def _invitation_data(rows: Sequence[ParticipantRow], row: ParticipantRow) -> dict[str, Any]:
    """What the file says about a person, for the form they accept the invitation with."""
    return {
        "profile": _person_profile(rows),
        "side": dict(row.side),
        "manager_email": next((r.manager_email for r in rows if r.manager_email), ""),
    }


def _write(
    *,
    program: Program,
    rows: Sequence[ParticipantRow],
    imported_by: User,
    progress: Callable[[int, int], object] | None,
) -> None:
    by_person: dict[str, list[ParticipantRow]] = defaultdict(list)
    for row in rows:
        by_person[row.email].append(row)
    users: dict[str, User] = {}
    created: set[str] = set()
    for index, row in enumerate(rows, start=1):
        try:
            if row.enroll_now:
                user = users.get(row.email)
                if user is None:
                    user = _account(
                        row.email, fields=_person_profile(by_person[row.email]), created=created
                    )
                    users[row.email] = user
                enrollment_submit(
                    program=program,
                    user=user,
                    role=row.role,
                    answers={},
                    mentor_offer=row.side if row.role == Enrollment.Role.MENTOR else None,
                    mentee_needs=row.side if row.role == Enrollment.Role.MENTEE else None,
                    enrolled_by=imported_by,
                    require_answers=False,
                    note=IMPORT_NOTE,
                )
            else:
                invitation_create(
                    organisation=program.organisation,
                    program=program,
                    email=row.email,
                    role=row.role,
                    invited_by=imported_by,
                    data=_invitation_data(by_person[row.email], row),
                    send_again=False,
                )
        except ValidationError as error:
            raise _RowFailed(row.number, "; ".join(error.messages)) from error
        if progress is not None:
            progress(index, len(rows))
    _link_managers(by_person=by_person, users=users, created=created, program=program)


def _link_managers(
    *,
    by_person: dict[str, list[ParticipantRow]],
    users: dict[str, User],
    created: set[str],
    program: Program,
) -> None:
    """Link the accounts this import created to their managers: people of the organisation the
    file enrolled, or its members (an invited manager is not linked until they accept)."""
    for email in created:
        manager_email = next((r.manager_email for r in by_person[email] if r.manager_email), "")
        manager = users.get(manager_email)
        if manager is None and manager_email:
            manager = User.objects.filter(
                email=manager_email,
                organisation_memberships__organisation_id=program.organisation_id,
            ).first()
        if manager is not None:
            profile_update(user=users[email], editor=None, manager=manager)


def participants_import(
    *,
    program: Program,
    file_name: str,
    data: bytes,
    imported_by: User,
    only_valid_rows: bool = False,
    progress: Callable[[int, int], object] | None = None,
) -> ImportReport:
    """Import a participants file into a program: all rows or, when asked, only the valid ones;
    in one transaction, so nothing is written when it fails. People of the organisation are
    enrolled; everyone else gets an invitation."""
    require(
        PROGRAM_CAPABILITIES,
        roles=program_roles(program=program, user=imported_by),
        to="manage",
        refusal="Only the program's managers can import participants.",
    )
    report = participants_import_preview(program=program, file_name=file_name, data=data)
    if report.file_problems or (report.problems and not only_valid_rows):
        raise ParticipantImportError(report)
    rows = report.valid_rows
    try:
        with transaction.atomic():
            _write(program=program, rows=rows, imported_by=imported_by, progress=progress)
    except _RowFailed as failure:
        row = next(r for r in rows if r.number == failure.row)
        report.problems.append(
            Problem(failure.row, "email", row.email, f"could not be saved: {failure.message}")
        )
        report.invalid_rows.add(failure.row)
        raise ParticipantImportError(report) from None
    except IntegrityError:
        # Someone else enrolled or created the same person between the check and the write.
        report.problems.append(
            Problem(
                None,
                "",
                "",
                "The program changed while importing; nothing was written. Check the file again.",
            )
        )
        raise ParticipantImportError(report) from None
    report.written = True
    return report
