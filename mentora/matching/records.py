"""The bridge from the database to the engine: a program's participants as engine records.

Everything the engine scores comes from here, in a handful of queries whatever the program's size
(no query per person). Demographic self-identification is never read: the engine cannot score
what it is never given.

How the mentor-choice numbers are derived:

- `passion`: a mentor who wrote no motivation is unknown (None, scored neutrally). A stated
  motivation counts as evidence of wanting to help: 0.6, rising with its length to 1.0 at 50
  words. It is a deliberately weak signal: it rewards saying why, not eloquence.
- `response_hours`: `mentora.finding.selectors.mentor_response_hours` (median hours to answer
  requests), unknown until a mentor has answered some.
- `feedback_rating`: `mentora.surveys.selectors.mentor_feedback_ratings` (mean 1-5 rating by past
  mentees), unknown until enough mentees rated them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import cast

from mentora.engine.records import (
    FACTOR_NAMES,
    Constraints,
    Direction,
    MenteeRecord,
    MentorRecord,
    Question,
    QuestionRule,
    ScoringOptions,
    Weights,
)
from mentora.engine.taxonomy import Taxonomy
from mentora.matching.models import MatchingSettings, Pin
from mentora.profiles.models import MenteeNeeds, MentorOffer, Skill
from mentora.programs.models import Answer, Enrollment, Program
from mentora.programs.models import Question as QuestionModel
from mentora.relationships.models import LIVE_STAGES, Relationship, Stage

# Words of stated motivation at which `passion` reaches 1.
PASSION_FULL_WORDS = 50


@dataclass(frozen=True)
class EngineInput:
    """Everything `mentora.engine.match` needs for one program, built from the database."""

    mentors: list[MentorRecord]
    mentees: list[MenteeRecord]
    questions: list[Question]
    constraints: Constraints
    weights: Weights
    options: ScoringOptions
    taxonomy: Taxonomy = field(default_factory=Taxonomy)

    @property
    def mentor_by_id(self) -> dict[str, MentorRecord]:
        return {record.id: record for record in self.mentors}

    @property
    def mentee_by_id(self) -> dict[str, MenteeRecord]:
        return {record.id: record for record in self.mentees}


def weights_from_mapping(values: object) -> Weights:
    """Weights from a saved mapping; unknown names are ignored, missing ones take the default."""
    defaults = Weights().as_dict()
    if isinstance(values, dict):
        for name in FACTOR_NAMES:
            value = values.get(name)
            if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
                defaults[name] = float(value)
    return Weights(**defaults)


def program_weights(program: Program) -> Weights:
    """The factor weights saved for the program, or the engine's defaults."""
    saved = MatchingSettings.objects.filter(program=program).values_list("weights", flat=True)
    return weights_from_mapping(saved.first())


def passion_from_motivation(motivation: str) -> float | None:
    """None without a stated motivation; 0.6 to 1.0 with its length (see the module docstring)."""
    words = len(motivation.split())
    if words == 0:
        return None
    return round(0.6 + 0.4 * min(words, PASSION_FULL_WORDS) / PASSION_FULL_WORDS, 4)


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


def _answer_values(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list | tuple):
        return tuple(str(v) for v in value if str(v).strip())
    text = str(value).strip()
    return (text,) if text else ()


def _direction(value: str) -> Direction | None:
    # "No preference" follows the program's defaults (a similar industry and job function count
    # in favour); only an explicit "same" or "different" overrides them.
    if value == "same":
        return "same"
    if value == "different":
        return "different"
    return None


def program_engine_input(
    *,
    program: Program,
    mentee_ids: Collection[int] | None = None,
    include_paused: bool = False,
) -> EngineInput:
    """The program's active mentors and the mentees still wanting one, as engine records.

    Record ids are `str(user_id)`. Mentor capacity and mentees' mentors wanted are net of live
    relationships; mentees who want no more mentors are left out, and so are paused mentors
    unless `include_paused`. `mentee_ids` narrows the mentees (user ids) for one-person
    recommendations. Excluded pairs: people a mentee asked to avoid, live pairs, pairs a manager
    forbade; previous partners and the reporting line are excluded by the engine's constraints.
    """
    # Imported here: these apps import the matching app for their own features.
    from mentora.finding.selectors import mentor_response_hours
    from mentora.surveys.selectors import mentor_feedback_ratings

    # Relationships of the program: live ones reduce capacity and are excluded; ended ones are
    # previous partners.
    live_by_mentor: dict[int, int] = defaultdict(int)
    live_by_mentee: dict[int, int] = defaultdict(int)
    live_pairs: set[tuple[int, int]] = set()
    previous_mentors: dict[int, list[int]] = defaultdict(list)
    for mentor_id, mentee_id, stage in Relationship.objects.filter(program=program).values_list(
        "mentor_id", "mentee_id", "stage"
    ):
        if stage in LIVE_STAGES:
            live_by_mentor[mentor_id] += 1
            live_by_mentee[mentee_id] += 1
            live_pairs.add((mentee_id, mentor_id))
        elif stage == Stage.ENDED:
            previous_mentors[mentee_id].append(mentor_id)
    previous_mentees: dict[int, list[int]] = defaultdict(list)
    for mentee_id, mentor_ids in previous_mentors.items():
        for mentor_id in mentor_ids:
            previous_mentees[mentor_id].append(mentee_id)

    # Questionnaire: questions that take part in matching, and every answer to them.
    question_rows = list(
        QuestionModel.objects.filter(program=program)
        .exclude(matching_rule=QuestionModel.MatchingRule.IGNORE)
        .values_list("pk", "matching_rule", "weight", "text")
    )
    questions = [
        Question(id=str(pk), rule=cast(QuestionRule, rule), weight=float(weight), text=text)
        for pk, rule, weight, text in question_rows
    ]
    answers: dict[int, dict[str, tuple[str, ...]]] = defaultdict(dict)
    if questions:
        for enrollment_id, question_id, value in Answer.objects.filter(
            enrollment__program=program,
            enrollment__status=Enrollment.Status.ACTIVE,
            question_id__in=[pk for pk, *_ in question_rows],
        ).values_list("enrollment_id", "question_id", "value"):
            values = _answer_values(value)
            if values:
                answers[enrollment_id][str(question_id)] = values

    ratings = mentor_feedback_ratings(program=program)
    response_hours = mentor_response_hours(program=program)
    default_capacity = program.default_mentor_capacity

    # Mentors.
    profile_fields = tuple(
        f"enrollment__user__profile__{name}"
        for name in (
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
    )
    offers = MentorOffer.objects.filter(
        enrollment__role=Enrollment.Role.MENTOR,
        enrollment__program=program,
        enrollment__status=Enrollment.Status.ACTIVE,
    )
    if not include_paused:
        offers = offers.filter(paused_at__isnull=True)
    skills_by_offer: dict[int, list[str]] = defaultdict(list)
    for offer_id, name in MentorOffer.skills.through.objects.filter(
        mentoroffer__in=offers
    ).values_list("mentoroffer_id", "skill__name"):
        skills_by_offer[offer_id].append(name)
    mentors: list[MentorRecord] = []
    for row in offers.order_by("enrollment__user_id").values_list(
        "pk",
        "enrollment_id",
        "enrollment__user_id",
        "capacity",
        "hours_per_month",
        "focus_areas",
        "motivation",
        "free_tags",
        "enrollment__user__profile__headline",
        "enrollment__user__profile__bio",
        *profile_fields,
    ):
        (
            offer_id,
            enrollment_id,
            user_id,
            capacity,
            hours,
            focus_areas,
            motivation,
            free_tags,
            headline,
            bio,
            name,
            organisation,
            department,
            job_function,
            industry,
            years,
            seniority,
            languages,
            zone,
            formats,
            manager_id,
        ) = row
        offered = capacity if capacity is not None else default_capacity
        mentors.append(
            MentorRecord(
                id=str(user_id),
                capacity=max(0, offered - live_by_mentor.get(user_id, 0)),
                name=name or "",
                skills=(*skills_by_offer.get(offer_id, ()), *_strings(free_tags)),
                focus_areas=_strings(focus_areas),
                industry=industry or "",
                organisation=organisation or "",
                department=department or "",
                job_function=job_function or "",
                years_experience=float(years) if years is not None else None,
                seniority=seniority or "",
                languages=_strings(languages),
                timezone=zone or "UTC",
                meeting_formats=_strings(formats),
                hours_per_month=float(hours) if hours is not None else None,
                bio=" ".join(part for part in (headline, bio, motivation) if part),
                manager_id=str(manager_id) if manager_id else "",
                passion=passion_from_motivation(motivation or ""),
                response_hours=response_hours.get(user_id),
                feedback_rating=ratings.get(user_id),
                previous_mentee_ids=tuple(str(m) for m in previous_mentees.get(user_id, ())),
                answers=answers.get(enrollment_id, {}),
            )
        )

    # Mentees.
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
    avoided: dict[int, list[int]] = defaultdict(list)
    for needs_id, avoided_id in MenteeNeeds.people_to_avoid.through.objects.filter(
        menteeneeds__in=needs
    ).values_list("menteeneeds_id", "user_id"):
        avoided[needs_id].append(avoided_id)
    limit = program.max_mentors_per_mentee
    mentees: list[MenteeRecord] = []
    excluded_users: set[tuple[int, int]] = set(live_pairs)
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
        *profile_fields,
    ):
        (
            needs_id,
            enrollment_id,
            user_id,
            goals,
            why,
            focus_areas,
            cadence,
            organisation_preference,
            industry_preference,
            job_function_preference,
            name,
            organisation,
            department,
            job_function,
            industry,
            years,
            seniority,
            languages,
            zone,
            formats,
            manager_id,
        ) = row
        wanted = limit - live_by_mentee.get(user_id, 0)
        if wanted < 1:
            continue
        for avoided_id in avoided.get(needs_id, ()):
            excluded_users.add((user_id, avoided_id))
        mentees.append(
            MenteeRecord(
                id=str(user_id),
                mentors_wanted=wanted,
                name=name or "",
                skills_wanted=tuple(skills_by_needs.get(needs_id, ())),
                goals=" ".join([*_strings(goals), why or ""]).strip(),
                focus_areas=_strings(focus_areas),
                industry=industry or "",
                organisation=organisation or "",
                department=department or "",
                job_function=job_function or "",
                years_experience=float(years) if years is not None else None,
                seniority=seniority or "",
                languages=_strings(languages),
                timezone=zone or "UTC",
                meeting_formats=_strings(formats),
                cadence=cadence or "monthly",
                industry_preference=_direction(industry_preference),
                organisation_preference=_direction(organisation_preference),
                job_function_preference=_direction(job_function_preference),
                manager_id=str(manager_id) if manager_id else "",
                previous_mentor_ids=tuple(str(m) for m in previous_mentors.get(user_id, ())),
                answers=answers.get(enrollment_id, {}),
            )
        )

    mentor_id_set = {record.id for record in mentors}
    mentee_id_set = {record.id for record in mentees}
    pinned: set[tuple[str, str]] = set()
    for mentee_id, mentor_id, kind in Pin.objects.filter(program=program).values_list(
        "mentee_id", "mentor_id", "kind"
    ):
        if kind == Pin.Kind.FORBID:
            excluded_users.add((mentee_id, mentor_id))
        elif (mentee_id, mentor_id) not in live_pairs:
            pinned.add((str(mentee_id), str(mentor_id)))
    excluded = frozenset(
        (str(a), str(b))
        for a, b in excluded_users
        if str(a) in mentee_id_set and str(b) in mentor_id_set
    )
    constraints = Constraints(
        excluded_pairs=excluded,
        pinned_pairs=frozenset(
            (a, b) for a, b in pinned if a in mentee_id_set and b in mentor_id_set
        ),
        organisation_rule="same" if program.same_organisation_only else "any",
    )
    return EngineInput(
        mentors=mentors,
        mentees=mentees,
        questions=questions,
        constraints=constraints,
        weights=program_weights(program),
        options=ScoringOptions(),
        taxonomy=program_taxonomy(program),
    )


def _strings(values: object) -> tuple[str, ...]:
    if not isinstance(values, list | tuple):
        return ()
    return tuple(str(v) for v in values if isinstance(v, str | int) and str(v).strip())
