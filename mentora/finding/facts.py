"""What Mentora knows about a mentor for each of the five questions a mentee asks (PRODUCT.md).

Shown on a mentor's page (and in the API's mentor detail), beside the mentee's private checklist.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mentora.finding.models import CHOICE_QUESTIONS
from mentora.finding.selectors import free_places, mentee_enrollment, mentor_response_hours
from mentora.profiles.choices import FocusArea
from mentora.profiles.models import MentorOffer
from mentora.programs.models import Enrollment, Program
from mentora.relationships.models import Relationship
from mentora.surveys.selectors import mentor_feedback_ratings

if TYPE_CHECKING:
    from mentora.accounts.models import User

MIN_RATINGS_NOTE = "not enough ratings yet"


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
