"""The engine input's loaders: one per data source, each a handful of queries for a whole program.

`mentora.matching.records.program_engine_input` calls them in turn: earlier and current partners
(relationships), the questionnaire's answers (programs), the mentors' offers and the mentees'
needs with their profiles (profiles), the track-record measures (surveys, and the apps above
matching through `mentora.matching.measures`), and the pins and people to avoid (exclusions).
No loader queries once per person.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import cast

from mentora.engine.records import (
    Constraints,
    Direction,
    MenteeRecord,
    MentorRecord,
    Question,
    QuestionRule,
)
from mentora.engine.taxonomy import Taxonomy
from mentora.matching.measures import RESPONSE_HOURS, load_mentor_measures
from mentora.matching.models import MatchingSettings, Pin
from mentora.profiles.models import MenteeNeeds, MentorOffer, Skill
from mentora.programs.models import Answer, Enrollment, Program
from mentora.programs.models import Question as QuestionModel
from mentora.relationships.models import LIVE_STAGES, Relationship, Stage
from mentora.relationships.selectors import mentor_capacity
from mentora.surveys.selectors import mentor_feedback_ratings

# Words of stated motivation at which `passion` reaches 1.
PASSION_FULL_WORDS = 50
FEEDBACK_RATING = "feedback_rating"

# The profile fields both sides' records carry, through the enrollment.
PROFILE_FIELDS = (
    "display_name",
    "organisation",
    "department",
    "job_function",
    "industry",
    "years_experience",
    "seniority",
    "languages",
    "timezone",
    "meeting_formats",
    "manager_id",
)


# -- Relationships: live ones take places and are excluded; ended ones are earlier partners -------


@dataclass
class PartnerHistory:
    """A program's relationships as the engine needs them, by user id."""

    live_by_mentor: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    live_by_mentee: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    live_pairs: set[tuple[int, int]] = field(default_factory=set)
    previous_mentors: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    previous_mentees: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))


def partner_history(program: Program) -> PartnerHistory:
    """Live relationships (counted as `live_relationship_count` counts them) and ended ones."""
    history = PartnerHistory()
    for mentor_id, mentee_id, stage in Relationship.objects.filter(program=program).values_list(
        "mentor_id", "mentee_id", "stage"
    ):
        if stage in LIVE_STAGES:
            history.live_by_mentor[mentor_id] += 1
            history.live_by_mentee[mentee_id] += 1
            history.live_pairs.add((mentee_id, mentor_id))
        elif stage == Stage.ENDED:
            history.previous_mentors[mentee_id].append(mentor_id)
            history.previous_mentees[mentor_id].append(mentee_id)
    return history


# -- The questionnaire: questions that take part in matching, and every answer to them -----------


def _answer_values(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list | tuple):
        return tuple(str(v) for v in value if str(v).strip())
    text = str(value).strip()
    return (text,) if text else ()


def questionnaire(
    program: Program,
) -> tuple[list[Question], dict[int, dict[str, tuple[str, ...]]]]:
    """The program's matching questions, and the answers of active enrollments by enrollment id."""
    rows = list(
        QuestionModel.objects.filter(program=program)
        .exclude(matching_rule=QuestionModel.MatchingRule.IGNORE)
        .values_list("pk", "matching_rule", "weight", "text")
    )
    questions = [
        Question(id=str(pk), rule=cast(QuestionRule, rule), weight=float(weight), text=text)
        for pk, rule, weight, text in rows
    ]
    answers: dict[int, dict[str, tuple[str, ...]]] = defaultdict(dict)
    if questions:
        for enrollment_id, question_id, value in Answer.objects.filter(
            enrollment__program=program,
            enrollment__status=Enrollment.Status.ACTIVE,
            question_id__in=[pk for pk, *_ in rows],
        ).values_list("enrollment_id", "question_id", "value"):
            values = _answer_values(value)
            if values:
                answers[enrollment_id][str(question_id)] = values
    return questions, answers


# -- Track record: feedback from past mentees (surveys) and the measures of higher apps ----------


def mentor_track_record(program: Program) -> dict[str, Mapping[int, float]]:
    """Each track-record measure of the program's mentors, by measure name and user id."""
    return {FEEDBACK_RATING: mentor_feedback_ratings(program=program)} | load_mentor_measures(
        program
    )


def passion_from_motivation(motivation: str) -> float | None:
    """None without a stated motivation; 0.6 to 1.0 with its length (see `records`)."""
    words = len(motivation.split())
    if words == 0:
        return None
    return round(0.6 + 0.4 * min(words, PASSION_FULL_WORDS) / PASSION_FULL_WORDS, 4)


# -- Mentors: active offers with their profiles and skills ----------------------------------------


def _strings(values: object) -> tuple[str, ...]:
    if not isinstance(values, list | tuple):
        return ()
    return tuple(str(v) for v in values if isinstance(v, str | int) and str(v).strip())


def mentor_records(
    program: Program,
    *,
    history: PartnerHistory,
    answers: Mapping[int, dict[str, tuple[str, ...]]],
    track_record: Mapping[str, Mapping[int, float]],
    include_paused: bool,
) -> list[MentorRecord]:
    """The program's active (and, unless asked, unpaused) mentors, with their free places."""
    enrollments = (
        Enrollment.objects.filter(
            program=program,
            role=Enrollment.Role.MENTOR,
            status=Enrollment.Status.ACTIVE,
            mentor_offer__isnull=False,
        )
        .select_related("program", "mentor_offer", "user__profile")
        .order_by("user_id")
    )
    if not include_paused:
        enrollments = enrollments.filter(mentor_offer__paused_at__isnull=True)
    skills_by_offer: dict[int, list[str]] = defaultdict(list)
    for offer_id, name in MentorOffer.skills.through.objects.filter(
        mentoroffer__enrollment__in=enrollments
    ).values_list("mentoroffer_id", "skill__name"):
        skills_by_offer[offer_id].append(name)
    feedback = track_record.get(FEEDBACK_RATING, {})
    response_hours = track_record.get(RESPONSE_HOURS, {})
    records = []
    for enrollment in enrollments:
        offer = enrollment.mentor_offer
        profile = enrollment.user.profile
        user_id = enrollment.user_id
        free = mentor_capacity(enrollment=enrollment) - history.live_by_mentor.get(user_id, 0)
        records.append(
            MentorRecord(
                id=str(user_id),
                capacity=max(0, free),
                name=profile.display_name or "",
                skills=(*skills_by_offer.get(offer.pk, ()), *_strings(offer.free_tags)),
                focus_areas=_strings(offer.focus_areas),
                industry=profile.industry or "",
                organisation=profile.organisation or "",
                department=profile.department or "",
                job_function=profile.job_function or "",
                years_experience=_number(profile.years_experience),
                seniority=profile.seniority or "",
                languages=_strings(profile.languages),
                timezone=profile.timezone or "UTC",
                meeting_formats=_strings(profile.meeting_formats),
                hours_per_month=_number(offer.hours_per_month),
                bio=" ".join(
                    part for part in (profile.headline, profile.bio, offer.motivation) if part
                ),
                manager_id=str(profile.manager_id) if profile.manager_id else "",
                passion=passion_from_motivation(offer.motivation or ""),
                response_hours=response_hours.get(user_id),
                feedback_rating=feedback.get(user_id),
                previous_mentee_ids=tuple(
                    str(m) for m in history.previous_mentees.get(user_id, ())
                ),
                answers=answers.get(enrollment.pk, {}),
            )
        )
    return records


def _number(value: float | None) -> float | None:
    return float(value) if value is not None else None


# -- Mentees: active needs with their profiles, skills and people to avoid -------------------------


def _direction(value: str) -> Direction | None:
    # "No preference" follows the program's defaults (a similar industry and job function count
    # in favour); only an explicit "same" or "different" overrides them.
    if value == "same":
        return "same"
    if value == "different":
        return "different"
    return None


def mentee_records(
    program: Program,
    *,
    history: PartnerHistory,
    answers: Mapping[int, dict[str, tuple[str, ...]]],
    mentee_ids: Collection[int] | None,
) -> tuple[list[MenteeRecord], set[tuple[int, int]]]:
    """The program's active mentees still wanting a mentor, and the (mentee, person) pairs
    they asked to avoid."""
    needs = MenteeNeeds.objects.filter(
        enrollment__role=Enrollment.Role.MENTEE,
        enrollment__program=program,
        enrollment__status=Enrollment.Status.ACTIVE,
    )
    if mentee_ids is not None:
        needs = needs.filter(enrollment__user_id__in=list(mentee_ids))
    skills_by_needs: dict[int, list[str]] = defaultdict(list)
    for needs_id, name in MenteeNeeds.skills.through.objects.filter(
        menteeneeds__in=needs
    ).values_list("menteeneeds_id", "skill__name"):
        skills_by_needs[needs_id].append(name)
    avoided_by_needs: dict[int, list[int]] = defaultdict(list)
    for needs_id, avoided_id in MenteeNeeds.people_to_avoid.through.objects.filter(
        menteeneeds__in=needs
    ).values_list("menteeneeds_id", "user_id"):
        avoided_by_needs[needs_id].append(avoided_id)
    limit = program.max_mentors_per_mentee
    records: list[MenteeRecord] = []
    avoided: set[tuple[int, int]] = set()
    for row in needs.order_by("enrollment__user_id").values_list(
        "pk",
        "enrollment_id",
        "enrollment__user_id",
        "career_goals",
        "why_mentor",
        "focus_areas",
        "meeting_cadence",
        "organisation_preference",
        "industry_preference",
        "job_function_preference",
        *(f"enrollment__user__profile__{name}" for name in PROFILE_FIELDS),
    ):
        needs_id, enrollment_id, user_id, goals, why, focus_areas, cadence = row[:7]
        organisation_preference, industry_preference, job_function_preference = row[7:10]
        profile = dict(zip(PROFILE_FIELDS, row[10:], strict=True))
        wanted = limit - history.live_by_mentee.get(user_id, 0)
        if wanted < 1:
            continue
        avoided.update((user_id, person) for person in avoided_by_needs.get(needs_id, ()))
        records.append(
            MenteeRecord(
                id=str(user_id),
                mentors_wanted=wanted,
                name=profile["display_name"] or "",
                skills_wanted=tuple(skills_by_needs.get(needs_id, ())),
                goals=" ".join([*_strings(goals), why or ""]).strip(),
                focus_areas=_strings(focus_areas),
                industry=profile["industry"] or "",
                organisation=profile["organisation"] or "",
                department=profile["department"] or "",
                job_function=profile["job_function"] or "",
                years_experience=_number(profile["years_experience"]),
                seniority=profile["seniority"] or "",
                languages=_strings(profile["languages"]),
                timezone=profile["timezone"] or "UTC",
                meeting_formats=_strings(profile["meeting_formats"]),
                cadence=cadence or "monthly",
                industry_preference=_direction(industry_preference),
                organisation_preference=_direction(organisation_preference),
                job_function_preference=_direction(job_function_preference),
                manager_id=str(profile["manager_id"]) if profile["manager_id"] else "",
                previous_mentor_ids=tuple(
                    str(m) for m in history.previous_mentors.get(user_id, ())
                ),
                answers=answers.get(enrollment_id, {}),
            )
        )
    return records, avoided


# -- Exclusions and pins --------------------------------------------------------------------------


def pair_constraints(
    program: Program,
    *,
    mentors: list[MentorRecord],
    mentees: list[MenteeRecord],
    history: PartnerHistory,
    avoided: set[tuple[int, int]],
) -> Constraints:
    """Pairs never to make (people to avoid, live pairs, forbidden pins) and pairs to keep (pins).

    Earlier partners and the reporting line are excluded by the engine from the records.
    """
    excluded_users = set(history.live_pairs) | avoided
    pinned: set[tuple[str, str]] = set()
    for mentee_id, mentor_id, kind in Pin.objects.filter(program=program).values_list(
        "mentee_id", "mentor_id", "kind"
    ):
        if kind == Pin.Kind.FORBID:
            excluded_users.add((mentee_id, mentor_id))
        elif (mentee_id, mentor_id) not in history.live_pairs:
            pinned.add((str(mentee_id), str(mentor_id)))
    mentor_ids = {record.id for record in mentors}
    mentee_ids = {record.id for record in mentees}
    return Constraints(
        excluded_pairs=frozenset(
            (str(a), str(b))
            for a, b in excluded_users
            if str(a) in mentee_ids and str(b) in mentor_ids
        ),
        pinned_pairs=frozenset((a, b) for a, b in pinned if a in mentee_ids and b in mentor_ids),
        organisation_rule="same" if program.same_organisation_only else "any",
    )


# -- The program's vocabulary and saved weights ----------------------------------------------------


def program_taxonomy(program: Program) -> Taxonomy:
    """The shared skills taxonomy plus the organisation's own skills, synonyms to names."""
    synonyms: dict[str, str] = {}
    rows = Skill.objects.filter(organisation__isnull=True) | Skill.objects.filter(
        organisation_id=program.organisation_id
    )
    for name, names in rows.values_list("name", "synonyms"):
        for synonym in names or []:
            if isinstance(synonym, str) and synonym.strip():
                synonyms[synonym] = name
    return Taxonomy(synonyms)


def saved_weights(program: Program) -> object:
    """The weights mapping saved for the program (None when nothing was saved)."""
    return (
        MatchingSettings.objects.filter(program=program).values_list("weights", flat=True).first()
    )
