"""The two lifecycles of the programs app, each one table of moves with one writer.

A program moves draft -> open -> matching / running -> closed through `program_transition`; an
enrollment moves from "not enrolled" to pending or active (the person's own submit, or a
manager's import of a member), and on to declined or withdrawn, through the enrollment services
(`enrollment_submit`, `enrollment_approve`, `enrollment_decline`, `enrollment_withdraw`). Each
writer locks the row, asks the table with the actor's roles (`mentora.programs.access`), changes
the state and records one event (`ProgramStateChange`, `EnrollmentEvent`), so every door (page,
REST API, admin action, import, command) gets the same answer. `docs/` and the pages read the
moves from here; nothing else lists them.
"""

from __future__ import annotations

from mentora.lib.lifecycle import Attempt, Guard, Lifecycle, Move
from mentora.profiles.access import OWNER
from mentora.profiles.models import Profile
from mentora.programs.access import (
    INVITED,
    MANAGER,
    SITE_STAFF,
    may_be_enrolled_by_a_manager,
    program_roles,
)
from mentora.programs.models import Enrollment, Program

# --- Programs -------------------------------------------------------------------------------------

State = Program.State
# Managers move their programs; site staff may too, from the admin.
_RUNNERS = frozenset({MANAGER, SITE_STAFF})


def _organisation_is_approved(attempt: Attempt[Program]) -> bool:
    return attempt.obj.organisation.is_approved


ORGANISATION_APPROVED: Guard[Program] = Guard(
    _organisation_is_approved,
    "The organisation waits for a site staff member's approval; its programs cannot open yet.",
)

PROGRAM_LIFECYCLE: Lifecycle[Program] = Lifecycle(
    noun="program",
    labels=dict(State.choices),
    state_of=lambda program: program.state,
    moves=[
        Move(State.DRAFT, State.OPEN, by=_RUNNERS, guards=(ORGANISATION_APPROVED,)),
        Move(State.OPEN, State.DRAFT, by=_RUNNERS),
        Move(State.OPEN, State.MATCHING, by=_RUNNERS),
        Move(State.OPEN, State.RUNNING, by=_RUNNERS),
        Move(State.MATCHING, State.OPEN, by=_RUNNERS),
        Move(State.MATCHING, State.RUNNING, by=_RUNNERS),
        Move(State.RUNNING, State.MATCHING, by=_RUNNERS),
        Move(State.RUNNING, State.CLOSED, by=_RUNNERS),
    ],
    final=[State.CLOSED],
)


# --- Enrollments ----------------------------------------------------------------------------------

Status = Enrollment.Status
# The state of a person who has no enrollment in that role yet (the first submit starts here).
NOT_ENROLLED = ""
# Statuses in which a person holds a place in the program.
LIVE = frozenset({Status.ACTIVE, Status.PENDING})
# The action through which a person (or a manager's import) takes a place in a program.
SUBMIT = "enrollment_submit"


def _enrolled_by_a_manager(attempt: Attempt[Enrollment]) -> bool:
    return OWNER not in attempt.roles


def _program_takes_enrollments(attempt: Attempt[Enrollment]) -> bool:
    program = attempt.obj.program
    if _enrolled_by_a_manager(attempt):
        # A manager's import may enroll members in a program being prepared or running.
        return program.state != State.CLOSED
    if program.enrollment_is_open(now=attempt.now):
        return True
    # An invitation lets the person in while the program runs, outside its window too.
    invited = INVITED in program_roles(program=program, user=attempt.obj.user)
    return invited and program.state in {State.OPEN, State.RUNNING}


def _has_a_profile(attempt: Attempt[Enrollment]) -> bool:
    return Profile.objects.filter(user_id=attempt.obj.user_id).exists()


def _holds_no_other_role(attempt: Attempt[Enrollment]) -> bool:
    enrollment = attempt.obj
    if enrollment.program.allow_dual_role:
        return True
    return not (
        Enrollment.objects.filter(
            program_id=enrollment.program_id, user_id=enrollment.user_id, status__in=LIVE
        )
        .exclude(role=enrollment.role)
        .exists()
    )


def _both_roles_refusal(attempt: Attempt[Enrollment]) -> str:
    program = attempt.obj.program
    return (
        "This program does not let one person be both "
        f"{program.role_label(Enrollment.Role.MENTOR).lower()} and "
        f"{program.role_label(Enrollment.Role.MENTEE).lower()}."
    )


def _needs_approval(attempt: Attempt[Enrollment]) -> bool:
    return attempt.obj.program.requires_approval


def _approved_on_entry(attempt: Attempt[Enrollment]) -> bool:
    # A manager's import counts as their approval.
    return not attempt.obj.program.requires_approval or MANAGER in attempt.roles


def _manager_enrolls_only_members(attempt: Attempt[Enrollment]) -> bool:
    if not _enrolled_by_a_manager(attempt):
        return True
    enrollment = attempt.obj
    return may_be_enrolled_by_a_manager(
        user=enrollment.user, organisation_id=enrollment.program.organisation_id
    )


def _program_not_closed(attempt: Attempt[Enrollment]) -> bool:
    return attempt.obj.program.state != State.CLOSED


OPEN_FOR_ENROLLMENT: Guard[Enrollment] = Guard(
    _program_takes_enrollments, "This program is not open for enrollment."
)
HAS_A_PROFILE: Guard[Enrollment] = Guard(_has_a_profile, "Complete your profile before enrolling.")
ONE_ROLE_UNLESS_ALLOWED: Guard[Enrollment] = Guard(_holds_no_other_role, _both_roles_refusal)
NEEDS_APPROVAL: Guard[Enrollment] = Guard(
    _needs_approval, "This program does not ask its managers to approve enrollments."
)
APPROVED_ON_ENTRY: Guard[Enrollment] = Guard(
    _approved_on_entry, "A manager of this program approves each enrollment first."
)
MEMBERS_ONLY: Guard[Enrollment] = Guard(
    _manager_enrolls_only_members,
    "A manager enrolls only members of the organisation; invite this person instead, and "
    "they enroll when they accept.",
)
NOT_CLOSED: Guard[Enrollment] = Guard(_program_not_closed, "This program is closed.")

_ENTER_PENDING = (OPEN_FOR_ENROLLMENT, HAS_A_PROFILE, ONE_ROLE_UNLESS_ALLOWED, NEEDS_APPROVAL)
_ENTER_ACTIVE = (
    MEMBERS_ONLY,
    OPEN_FOR_ENROLLMENT,
    HAS_A_PROFILE,
    ONE_ROLE_UNLESS_ALLOWED,
    APPROVED_ON_ENTRY,
)
_PERSON = frozenset({OWNER})
_PERSON_OR_IMPORT = frozenset({OWNER, MANAGER})
_MANAGERS = frozenset({MANAGER, SITE_STAFF})
_PERSON_OR_MANAGER = frozenset({OWNER, MANAGER, SITE_STAFF})
_SUBMIT_ONLY = "A person takes a place in a program only by enrolling."

ENROLLMENT_LIFECYCLE: Lifecycle[Enrollment] = Lifecycle(
    noun="enrollment",
    labels={NOT_ENROLLED: "Not enrolled", **dict(Status.choices)},
    state_of=lambda enrollment: enrollment.status,
    moves=[
        Move(NOT_ENROLLED, Status.PENDING, by=_PERSON, guards=_ENTER_PENDING, action=SUBMIT),
        Move(
            NOT_ENROLLED,
            Status.ACTIVE,
            by=_PERSON_OR_IMPORT,
            guards=_ENTER_ACTIVE,
            action=SUBMIT,
            description=_SUBMIT_ONLY,
        ),
        Move(
            Status.PENDING,
            Status.ACTIVE,
            by=_MANAGERS,
            guards=(NOT_CLOSED, ONE_ROLE_UNLESS_ALLOWED),
            refusal="Only the program's managers can approve an enrollment.",
        ),
        Move(
            Status.PENDING,
            Status.DECLINED,
            by=_MANAGERS,
            refusal="Only the program's managers can decline an enrollment.",
        ),
        Move(Status.PENDING, Status.WITHDRAWN, by=_PERSON_OR_MANAGER),
        Move(Status.ACTIVE, Status.WITHDRAWN, by=_PERSON_OR_MANAGER),
        Move(Status.DECLINED, Status.PENDING, by=_PERSON, guards=_ENTER_PENDING, action=SUBMIT),
        Move(
            Status.DECLINED,
            Status.ACTIVE,
            by=_PERSON_OR_IMPORT,
            guards=_ENTER_ACTIVE,
            action=SUBMIT,
            description=_SUBMIT_ONLY,
        ),
        Move(Status.WITHDRAWN, Status.PENDING, by=_PERSON, guards=_ENTER_PENDING, action=SUBMIT),
        Move(
            Status.WITHDRAWN,
            Status.ACTIVE,
            by=_PERSON_OR_IMPORT,
            guards=_ENTER_ACTIVE,
            action=SUBMIT,
            description=_SUBMIT_ONLY,
        ),
    ],
)
