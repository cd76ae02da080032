"""Reads for self-service finding: who may look for mentors, mentors' facts, requests, bookmarks.

Every look-up on user input goes through a `get_*_for_*` function that raises 404 for what the
person may not see. A mentee's checklist and note are read only through `consideration_for`,
which returns the author's own and nothing else.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from mentora.finding.models import (
    FINDING_STATES,
    SELF_SERVICE_MODES,
    Bookmark,
    CloseReason,
    MentorConsideration,
    MentorRequest,
    RequestStatus,
)
from mentora.profiles.models import MentorOffer
from mentora.programs.models import Enrollment, Program
from mentora.relationships.models import LIVE_STAGES, Relationship
from mentora.relationships.selectors import live_relationship_count, mentor_capacity

if TYPE_CHECKING:
    from mentora.accounts.models import User

MIN_RATINGS_NOTE = "not enough ratings yet"


# ---------------------------------------------------------------------------------------------
# Programs and people


def finding_enrollments(*, user: User) -> QuerySet[Enrollment]:
    """The person's active mentee enrollments in programs where mentees choose their mentors."""
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


def get_finding_program_for_mentee(*, user: User, program_id: int) -> Program:
    """A self-service program in which the person is an active mentee, or 404."""
    enrollment = finding_enrollments(user=user).filter(program_id=program_id).first()
    if enrollment is None:
        raise Http404("No such program to find a mentor in.")
    return enrollment.program


def mentor_enrollments_qs(*, program: Program) -> QuerySet[Enrollment]:
    return Enrollment.objects.filter(
        program=program, role=Enrollment.Role.MENTOR, status=Enrollment.Status.ACTIVE
    )


def get_mentor_enrollment_for_mentee(*, user: User, program: Program, mentor_id: int) -> Enrollment:
    """An active mentor of a program the person looks for mentors in, or 404."""
    get_finding_program_for_mentee(user=user, program_id=program.pk)
    enrollment = (
        mentor_enrollments_qs(program=program)
        .filter(user_id=mentor_id)
        .exclude(user=user)
        .select_related("user", "user__profile", "program", "mentor_offer")
        .first()
    )
    if enrollment is None:
        raise Http404("No such mentor in this program.")
    return enrollment


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


def get_mentor_enrollment_of(*, user: User, program_id: int) -> Enrollment:
    """The person's own active mentor enrollment in a program, or 404."""
    enrollment = mentor_enrollments_of(user=user).filter(program_id=program_id).first()
    if enrollment is None:
        raise Http404("You are not a mentor of this program.")
    return enrollment


def live_counts(*, program: Program) -> dict[int, int]:
    """Live relationships per mentor user id in a program."""
    rows = (
        Relationship.objects.filter(program=program, stage__in=LIVE_STAGES)
        .values("mentor_id")
        .annotate(n=Count("pk"))
    )
    return {row["mentor_id"]: row["n"] for row in rows}


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


def get_request_for_party(*, user: User, request_id: int) -> MentorRequest:
    """A request the person sent or received, or 404 (managers and others never see it)."""
    if not user.is_authenticated:
        raise Http404("No such request.")
    request = _requests().filter(Q(mentor=user) | Q(mentee=user), pk=request_id).first()
    if request is None:
        raise Http404("No such request.")
    return request


def open_request_between(*, program: Program, mentee: User, mentor: User) -> MentorRequest | None:
    return MentorRequest.objects.filter(
        program=program, mentee=mentee, mentor=mentor, status=RequestStatus.PENDING
    ).first()


def open_request_count(*, program: Program, mentee: User) -> int:
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


@dataclass
class ChoiceFact:
    """One of the five questions with what Mentora knows about it for this mentor."""

    key: str
    question: str
    facts: list[str] = field(default_factory=list)
    details: str = ""  # a longer text, such as the mentor's motivation


def _skills_in_common(
    *, mentor_enrollment: Enrollment, mentee: Enrollment | None
) -> tuple[int, list[str]]:
    """How many skills the mentee wants, and which of them the mentor offers."""
    offer = getattr(mentor_enrollment, "mentor_offer", None)
    needs = getattr(mentee, "mentee_needs", None) if mentee is not None else None
    if needs is None:
        return 0, []
    wanted = set(needs.skills.values_list("pk", flat=True))
    if offer is None:
        return len(wanted), []
    return len(wanted), [s.name for s in offer.skills.order_by("name") if s.pk in wanted]


def mentor_choice_facts(
    *,
    program: Program,
    mentor_enrollment: Enrollment,
    mentee: User,
    reasons: tuple[str, ...] = (),
    feedback_ratings: dict[int, float] | None = None,
    response_hours: dict[int, float] | None = None,
) -> list[ChoiceFact]:
    """What Mentora knows for each of the five mentor-choice questions, for this mentee."""
    from mentora.finding.models import CHOICE_QUESTIONS
    from mentora.surveys.selectors import mentor_feedback_ratings

    questions = dict(CHOICE_QUESTIONS)
    mentor = mentor_enrollment.user
    mentor_profile = getattr(mentor, "profile", None)
    mentee_profile = getattr(mentee, "profile", None)
    offer: MentorOffer | None = getattr(mentor_enrollment, "mentor_offer", None)
    mentee_side = mentee_enrollment(program=program, user=mentee)
    ratings = (
        feedback_ratings
        if feedback_ratings is not None
        else mentor_feedback_ratings(program=program)
    )
    hours = response_hours if response_hours is not None else mentor_response_hours(program=program)

    passion = ChoiceFact("passion", questions["passion"])
    if offer is not None and offer.motivation.strip():
        passion.details = offer.motivation.strip()
    else:
        passion.facts.append("They have not written why they mentor yet.")
    if offer is not None and offer.focus_areas:
        from mentora.profiles.choices import FocusArea

        labels = [
            str(FocusArea(value).label) if value in FocusArea.values else value
            for value in offer.focus_areas
        ]
        passion.facts.append("Offers: " + ", ".join(labels) + ".")
    mentored = Relationship.objects.filter(mentor=mentor).values("mentee_id").distinct().count()
    if mentored:
        passion.facts.append(
            f"Has mentored {mentored} {'person' if mentored == 1 else 'people'} on Mentora."
        )

    feedback = ChoiceFact("feedback", questions["feedback"])
    rating = ratings.get(mentor.pk)
    if rating is None:
        feedback.facts.append(f"Feedback from past mentees: {MIN_RATINGS_NOTE}.")
    else:
        feedback.facts.append(
            f"Past mentees rate their honest feedback and time {rating:.1f} out of 5."
        )

    knowledge = ChoiceFact("knowledge", questions["knowledge"])
    wanted, common = _skills_in_common(mentor_enrollment=mentor_enrollment, mentee=mentee_side)
    if common:
        knowledge.facts.append(
            f"Offers {len(common)} of the {wanted} skills you want: " + ", ".join(common) + "."
        )
    elif wanted:
        knowledge.facts.append("None of the skills you want to develop are among theirs.")
    else:
        knowledge.facts.append("Add the skills you want to develop to your profile to compare.")
    if mentor_profile is not None and mentor_profile.years_experience is not None:
        knowledge.facts.append(f"{mentor_profile.years_experience} years of experience.")
    # The engine's reasons about expertise (the others belong to the time and proximity questions).
    knowledge.facts.extend(
        f"{reason}."
        for reason in reasons
        if any(word in reason.lower() for word in ("skill", "goal", "experience", "focus"))
        and "skills you want" not in reason.lower()
    )

    time = ChoiceFact("time", questions["time"])
    if offer is not None:
        time.facts.append(f"Offers {offer.hours_per_month} hours a month to mentoring.")
    places = free_places(enrollment=mentor_enrollment)
    time.facts.append(
        "No free place at the moment."
        if places == 0
        else f"{places} free place{'' if places == 1 else 's'}."
    )
    if offer is not None and offer.is_paused:
        until = f" until {offer.paused_until:%d %B %Y}" if offer.paused_until else ""
        time.facts.append(f"Taking a break{until}.")
    answered = hours.get(mentor.pk)
    if answered is not None:
        time.facts.append(
            "Usually answers requests within "
            + (f"{answered:.0f} hours." if answered < 48 else f"{answered / 24:.0f} days.")
        )

    proximity = ChoiceFact("proximity", questions["proximity"])
    if mentor_profile is not None and mentee_profile is not None:
        if mentor_profile.industry and mentor_profile.industry == mentee_profile.industry:
            proximity.facts.append(f"Same industry: {mentor_profile.get_industry_display()}.")
        elif mentor_profile.industry:
            proximity.facts.append(f"Works in {mentor_profile.get_industry_display().lower()}.")
        same_org = (
            mentor_profile.organisation.strip()
            and mentor_profile.organisation.strip().casefold()
            == mentee_profile.organisation.strip().casefold()
        )
        if same_org:
            department = (
                f", {mentor_profile.department}" if mentor_profile.department.strip() else ""
            )
            proximity.facts.append(f"Same organisation: {mentor_profile.organisation}{department}.")
        elif mentor_profile.organisation.strip():
            proximity.facts.append(f"Works at {mentor_profile.organisation}.")
        if (
            mentor_profile.job_function
            and mentor_profile.job_function == mentee_profile.job_function
        ):
            proximity.facts.append(
                f"Same job function: {mentor_profile.get_job_function_display().lower()}."
            )
    if not proximity.facts:
        proximity.facts.append("Their profile does not say where they work.")
    return [passion, feedback, knowledge, time, proximity]
