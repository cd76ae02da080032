"""Reads for self-service finding: who may look for mentors, requests, bookmarks, response times.

Every look-up of one object on user input goes through `mentora.finding.access`, which answers 404
for what the person may not see; the lists here agree with its roles. A mentee's checklist and
note are read only through `consideration_for`, which returns the author's own and nothing else.
What Mentora knows about a mentor for the five questions is in `facts.py`.
"""

from __future__ import annotations

import statistics
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from mentora.finding.models import (
    FINDING_STATES,
    SELF_SERVICE_MODES,
    Bookmark,
    CloseReason,
    MentorConsideration,
    MentorRequest,
    RequestStatus,
)
from mentora.programs.models import Enrollment, Program
from mentora.relationships.selectors import live_relationship_count, mentor_capacity

if TYPE_CHECKING:
    from mentora.accounts.models import User


# ---------------------------------------------------------------------------------------------
# Programs and people


def finding_enrollments(*, user: User) -> QuerySet[Enrollment]:
    """The person's active mentee enrollments in programs where mentees choose their mentors
    (the programs where `access.finding_roles` gives them MENTEE)."""
    if not user.is_authenticated:
        return Enrollment.objects.none()
    return (
        Enrollment.objects.filter(
            user=user,
            role=Enrollment.Role.MENTEE,
            status=Enrollment.Status.ACTIVE,
            program__matching_mode__in=SELF_SERVICE_MODES,
            program__state__in=FINDING_STATES,
        )
        .select_related("program", "program__organisation")
        .order_by("program__name", "pk")
    )


def mentor_enrollments_qs(*, program: Program) -> QuerySet[Enrollment]:
    """The program's active mentors."""
    return Enrollment.objects.filter(
        program=program, role=Enrollment.Role.MENTOR, status=Enrollment.Status.ACTIVE
    )


def mentee_enrollment(*, program: Program, user: User) -> Enrollment | None:
    return (
        Enrollment.objects.filter(
            program=program,
            user=user,
            role=Enrollment.Role.MENTEE,
            status=Enrollment.Status.ACTIVE,
        )
        .select_related("mentee_needs", "user__profile")
        .first()
    )


def mentor_enrollments_of(*, user: User) -> QuerySet[Enrollment]:
    """The person's active mentor enrollments, for the pause page and the home section."""
    if not user.is_authenticated:
        return Enrollment.objects.none()
    return (
        Enrollment.objects.filter(
            user=user, role=Enrollment.Role.MENTOR, status=Enrollment.Status.ACTIVE
        )
        .exclude(program__state=Program.State.CLOSED)
        .select_related("program", "mentor_offer")
        .order_by("program__name", "pk")
    )


def free_places(*, enrollment: Enrollment) -> int:
    """How many more mentees this mentor can take now."""
    used = live_relationship_count(program_id=enrollment.program_id, mentor_id=enrollment.user_id)
    return max(0, mentor_capacity(enrollment=enrollment) - used)


# ---------------------------------------------------------------------------------------------
# Requests


def _requests() -> QuerySet[MentorRequest]:
    return MentorRequest.objects.select_related(
        "program", "mentor", "mentor__profile", "mentee", "mentee__profile"
    )


def requests_sent(*, user: User) -> QuerySet[MentorRequest]:
    """The person's requests as a mentee, newest first."""
    if not user.is_authenticated:
        return MentorRequest.objects.none()
    return _requests().filter(mentee=user)


def requests_received(*, user: User) -> QuerySet[MentorRequest]:
    """Requests to the person as a mentor, newest first."""
    if not user.is_authenticated:
        return MentorRequest.objects.none()
    return _requests().filter(mentor=user)


def requests_for(
    *, user: User, role: str | None = None, waiting: bool | None = None
) -> QuerySet[MentorRequest]:
    """The person's requests, newest first: sent (`role="mentee"`), received (`"mentor"`) or
    both; only those waiting for an answer (`waiting=True`), only answered ones, or all."""
    if role == "mentee":
        requests = requests_sent(user=user)
    elif role == "mentor":
        requests = requests_received(user=user)
    else:
        requests = requests_sent(user=user) | requests_received(user=user)
    if waiting is not None:
        pending = Q(status=RequestStatus.PENDING)
        requests = requests.filter(pending) if waiting else requests.exclude(pending)
    return requests.order_by("-created_at", "-pk")


def open_request_between(*, program: Program, mentee: User, mentor: User) -> MentorRequest | None:
    """The mentee's request to this mentor that still waits for an answer, if any."""
    return MentorRequest.objects.filter(
        program=program, mentee=mentee, mentor=mentor, status=RequestStatus.PENDING
    ).first()


def open_request_count(*, program: Program, mentee: User) -> int:
    """How many of the mentee's requests in the program wait for an answer."""
    return MentorRequest.objects.filter(
        program=program, mentee=mentee, status=RequestStatus.PENDING
    ).count()


# ---------------------------------------------------------------------------------------------
# Bookmarks and the private checklist


def bookmarks_of(*, user: User, program: Program | None = None) -> QuerySet[Bookmark]:
    if not user.is_authenticated:
        return Bookmark.objects.none()
    bookmarks = Bookmark.objects.filter(mentee=user).select_related(
        "program", "mentor", "mentor__profile"
    )
    return bookmarks.filter(program=program) if program is not None else bookmarks


def bookmarked_ids(*, user: User, program: Program) -> set[int]:
    return set(bookmarks_of(user=user, program=program).values_list("mentor_id", flat=True))


def consideration_for(*, user: User, program: Program, mentor: User) -> MentorConsideration | None:
    """The person's OWN private checklist and note about a mentor; never anyone else's."""
    if not user.is_authenticated:
        return None
    return MentorConsideration.objects.filter(program=program, mentee=user, mentor=mentor).first()


# ---------------------------------------------------------------------------------------------
# What Mentora knows about a mentor (the five questions)


def mentor_response_hours(*, program: Program) -> dict[int, float]:
    """Each mentor's median hours to answer a mentee's request, by mentor user id.

    Only mentors who have answered requests appear: an answer is the mentor's first accept,
    decline or question; requests answered for them (full, expired, withdrawn) do not count.
    """
    rows = (
        MentorRequest.objects.filter(program=program, first_response_at__isnull=False)
        .exclude(close_reason__in=[CloseReason.MENTOR_FULL, CloseReason.EXPIRED])
        .values_list("mentor_id", "created_at", "first_response_at")
    )
    hours: dict[int, list[float]] = {}
    for mentor_id, created_at, answered_at in rows:
        if answered_at is None:
            continue
        hours.setdefault(mentor_id, []).append(
            max(0.0, (answered_at - created_at).total_seconds() / 3600)
        )
    return {mentor_id: round(statistics.median(values), 1) for mentor_id, values in hours.items()}
