"""Who may do what in self-service finding: one roles function and one table per resource.

- A program's finding and a mentor's page there: a MENTEE is an active mentee of a program that
  lets mentees choose their mentors and is open for it (open, matching or running); they may see
  its mentors, bookmark them, keep a private checklist and ask them. A mentor's own page is not
  theirs to look at (a person in both roles never asks themselves).
- A request: its MENTEE (who asked) and its MENTOR (who was asked). Managers see no request.
- A private checklist (consideration): its AUTHOR alone, never the mentor or a manager.
- A mentor's availability (pause and resume): the MENTOR themself, in a program not closed.

No role: 404 (an outsider learns nothing). A role without the capability: 403. Pages and the
REST API ask the `access_*` functions; the services ask the same roles functions (`require`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentora.finding.models import (
    FINDING_STATES,
    SELF_SERVICE_MODES,
    MentorConsideration,
    MentorRequest,
)
from mentora.lib.access import Access, capabilities
from mentora.lib.lifecycle import SYSTEM
from mentora.programs.models import Enrollment, Program

if TYPE_CHECKING:
    from mentora.accounts.models import User

MENTEE = "mentee"
MENTOR = "mentor"
AUTHOR = "author"
JOB_ROLES = frozenset({SYSTEM})
ROLE_LABELS = {MENTEE: "the mentee", MENTOR: "the mentor", SYSTEM: "Mentora"}

FINDING = capabilities(
    "program", {"view": {MENTEE}}, {"view": "Only the program's mentees look for mentors here."}
)
MENTOR_PAGE = capabilities(
    "mentor",
    {"view": {MENTEE}, "bookmark": {MENTEE}, "consider": {MENTEE}, "request": {MENTEE}},
    {
        "bookmark": "Only the program's mentees can bookmark its mentors.",
        "consider": "Only the program's mentees keep a checklist about its mentors.",
        "request": "Only the program's enrolled mentees can ask for a mentor.",
    },
)
REQUEST = capabilities(
    "request",
    {
        "view": {MENTEE, MENTOR},
        "accept": {MENTOR},
        "decline": {MENTOR},
        "withdraw": {MENTEE},
        "message": {MENTEE, MENTOR},
    },
    {
        "accept": "Only the mentor who was asked can accept.",
        "decline": "Only the mentor who was asked can decline.",
        "withdraw": "Only the mentee who asked can withdraw the request.",
        "message": "Only the two people of this request can write on it.",
    },
)
CONSIDERATION = capabilities(
    "private checklist",
    {"view": {AUTHOR}, "change": {AUTHOR}},
    {"change": "A private checklist is its author's alone."},
)
AVAILABILITY = capabilities(
    "availability",
    {"view": {MENTOR}, "pause": {MENTOR}},
    {"pause": "Only the program's mentors can pause."},
)


def lets_mentees_choose(program: Program) -> bool:
    """Whether mentees choose their own mentors in the program now."""
    return program.matching_mode in SELF_SERVICE_MODES and program.state in FINDING_STATES


def finding_roles(*, program: Program, user: User) -> frozenset[str]:
    """MENTEE when the person may look for mentors in the program now, else none."""
    if not user.is_authenticated or not lets_mentees_choose(program):
        return frozenset()
    enrolled = Enrollment.objects.filter(
        program=program, user=user, role=Enrollment.Role.MENTEE, status=Enrollment.Status.ACTIVE
    ).exists()
    return frozenset({MENTEE}) if enrolled else frozenset()


def mentor_page_roles(*, mentor: Enrollment, user: User) -> frozenset[str]:
    """The person's roles toward an active mentor's page in a program (never their own)."""
    if mentor.user_id == user.pk:
        return frozenset()
    return finding_roles(program=mentor.program, user=user)


def request_roles(*, request: MentorRequest, user: User | None) -> frozenset[str]:
    """MENTEE (who asked) or MENTOR (who was asked); the system for jobs; else none."""
    if user is None:
        return JOB_ROLES
    roles = set()
    if user.pk == request.mentee_id:
        roles.add(MENTEE)
    if user.pk == request.mentor_id:
        roles.add(MENTOR)
    return frozenset(roles)


def consideration_roles(*, consideration: MentorConsideration, user: User) -> frozenset[str]:
    """AUTHOR for the mentee who wrote the checklist; nobody else has any role."""
    return frozenset({AUTHOR}) if consideration.mentee_id == user.pk else frozenset()


def availability_roles(*, enrollment: Enrollment, user: User) -> frozenset[str]:
    """MENTOR for the mentor themself, active in a program that is not closed."""
    if (
        enrollment.user_id == user.pk
        and enrollment.role == Enrollment.Role.MENTOR
        and enrollment.status == Enrollment.Status.ACTIVE
        and enrollment.program.state != Program.State.CLOSED
    ):
        return frozenset({MENTOR})
    return frozenset()


# -- Doors ----------------------------------------------------------------------------------------


def access_finding(*, user: User, program_id: int, to: str = "view") -> Access[Program]:
    """A program the person looks for mentors in, or 404."""
    program = Program.objects.select_related("organisation").filter(pk=program_id).first()
    roles = finding_roles(program=program, user=user) if program is not None else frozenset()
    return FINDING.grant(program, roles=roles, to=to)


def access_mentor(
    *, user: User, program_id: int, mentor_id: int, to: str = "view"
) -> Access[Enrollment]:
    """An active mentor's enrollment in a program the person looks for mentors in, or 404."""
    mentor = (
        Enrollment.objects.filter(
            program_id=program_id,
            user_id=mentor_id,
            role=Enrollment.Role.MENTOR,
            status=Enrollment.Status.ACTIVE,
        )
        .select_related("user", "user__profile", "program", "program__organisation", "mentor_offer")
        .first()
    )
    roles = mentor_page_roles(mentor=mentor, user=user) if mentor is not None else frozenset()
    return MENTOR_PAGE.grant(mentor, roles=roles, to=to)


def access_request(*, user: User, request_id: int, to: str = "view") -> Access[MentorRequest]:
    """A request the person sent or received, or 404 (403 for the other side's answers)."""
    request = (
        MentorRequest.objects.select_related(
            "program", "mentor", "mentor__profile", "mentee", "mentee__profile"
        )
        .filter(pk=request_id)
        .first()
    )
    roles = (
        request_roles(request=request, user=user)
        if request is not None and user.is_authenticated
        else frozenset()
    )
    return REQUEST.grant(request, roles=roles, to=to)


def access_availability(*, user: User, program_id: int, to: str = "view") -> Access[Enrollment]:
    """The person's own active mentor enrollment in a program that is not closed, or 404."""
    enrollment = (
        Enrollment.objects.filter(
            program_id=program_id, user_id=user.pk, role=Enrollment.Role.MENTOR
        )
        .select_related("program", "mentor_offer")
        .first()
    )
    roles = (
        availability_roles(enrollment=enrollment, user=user)
        if enrollment is not None
        else frozenset()
    )
    return AVAILABILITY.grant(enrollment, roles=roles, to=to)
