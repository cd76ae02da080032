"""The surveys part of the demo, called by mentora.programs.demo after relationships are seeded.

Every relationship gets the surveys its stage would have brought (baseline, check-ins, closing,
follow-up) with plausible answers: benefits mostly improve from baseline to the end, with noise
and some declines; check-ins are mostly good; mentees rate their mentors. Most are answered, some
are still open (the demo mentee has a check-in waiting).

A mentoring program also gets an earlier cohort: a dozen relationships that went through all four
stages and ended, so the dashboard has enough paired baseline and end answers (at least five per
benefit) and a few mentors have been rated by three mentees or more (their reputation in
matching). The small coaching program gets no such cohort, so its benefit changes stay below five
and are suppressed. Everything comes from `rng` and is written with bulk_create.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone

from mentora.accounts.models import User
from mentora.programs.models import Enrollment, OrganisationManager, Program
from mentora.relationships import services as relationship_services
from mentora.relationships.models import Relationship, Stage
from mentora.surveys.instruments import MENTEE_BENEFIT_SCALES, MENTOR_BENEFIT_SCALES
from mentora.surveys.models import Answer, Instrument, Item, Occasion, Response, Survey

DEMO_FIRST = ("mentor@", "mentee@")
PAST_COHORT_NOTE = "Completed the program: both agreed the goals were met."
# How many earlier mentees the first mentors with room had (the demo mentor first).
PAST_COUNTS = [2, 3, 3, 2, 2]
COMMENTS = [
    "Our last conversation about feedback really helped.",
    "Hard to find time this month, but we are back on track.",
    "I would like more practical exercises between meetings.",
    "Great sessions, very honest and encouraging.",
    "",
    "",
]
IMPROVEMENTS = [
    "Suggest topics for the first meetings.",
    "A mid-point session with other pairs would be nice.",
    "Remind us earlier about the closing conversation.",
    "",
]


def _sorted(program: Program, role: str) -> list[User]:
    users = [
        e.user
        for e in Enrollment.objects.filter(
            program=program, role=role, status=Enrollment.Status.ACTIVE
        ).select_related("user")
    ]
    users.sort(key=lambda u: (not u.email.startswith(DEMO_FIRST), u.email))
    return users


def _past_cohort(*, program: Program, rng: random.Random) -> list[Relationship]:
    """Earlier relationships that went through all four stages and ended."""
    manager = (
        OrganisationManager.objects.filter(organisation_id=program.organisation_id)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if manager is None:
        return []
    mentors = _sorted(program, Enrollment.Role.MENTOR)
    paired = set(Relationship.objects.filter(program=program).values_list("mentee_id", flat=True))
    free_mentees = [m for m in _sorted(program, Enrollment.Role.MENTEE) if m.pk not in paired]
    free_mentees = free_mentees[len(free_mentees) // 2 :]  # leave the first ones to matching
    rng.shuffle(free_mentees)
    created: list[Relationship] = []
    counts = iter(PAST_COUNTS)
    count = next(counts)
    for mentor in mentors:
        done = 0
        while done < count and free_mentees:
            try:
                created.append(
                    _completed(
                        program=program, mentor=mentor, mentee=free_mentees[-1], by=manager.user
                    )
                )
            except ValidationError:
                break  # no room with this mentor: the demo respects capacity like everyone else
            free_mentees.pop()
            done += 1
        if done:
            count = next(counts, 0)
            if not count:
                break
    return created


def _completed(*, program: Program, mentor: User, mentee: User, by: User) -> Relationship:
    relationship = relationship_services.relationship_create(
        program=program,
        mentor=mentor,
        mentee=mentee,
        created_by=by,
        origin=Relationship.Origin.MANAGER_PAIR,
    )
    for stage in (Stage.CULTIVATION, Stage.SEPARATION, Stage.REDEFINITION):
        relationship_services.relationship_advance(relationship=relationship, to_stage=stage, by=by)
    return relationship_services.relationship_advance(
        relationship=relationship, to_stage=Stage.ENDED, by=by, note=PAST_COHORT_NOTE
    )


@dataclass
class _Plan:
    """The surveys of one relationship: (occasion, key, days ago sent, answered?) in order."""

    occasions: list[tuple[str, str, int, bool]] = field(default_factory=list)


def _plan(relationship: Relationship, *, past: bool, rng: random.Random) -> _Plan:
    plan = _Plan()
    # The demo accounts answer everything of their past, so their pages show a full history.
    always = past and relationship.mentee.email.startswith(DEMO_FIRST)

    def answered(share: float) -> bool:
        return rng.random() < share or always

    if relationship.stage == Stage.PENDING_ACCEPTANCE:
        return plan
    if past:
        start = rng.randint(280, 380)
        plan.occasions.append((Occasion.BASELINE, "baseline", start, answered(0.95)))
        for number in range(1, 4):
            plan.occasions.append(
                (Occasion.CHECK_IN, f"check_in:demo:{number}", start - 42 * number, answered(0.8))
            )
        plan.occasions.append((Occasion.CLOSING, "closing", start - 170, answered(0.9)))
        plan.occasions.append((Occasion.FOLLOW_UP, "follow_up", start - 170 - 91, answered(0.6)))
        return plan
    stage = relationship.stage
    if stage == Stage.INITIATION:
        plan.occasions.append((Occasion.BASELINE, "baseline", rng.randint(2, 12), answered(0.6)))
        return plan
    if stage == Stage.ENDED:  # ended early
        plan.occasions.append((Occasion.BASELINE, "baseline", 90, answered(0.9)))
        plan.occasions.append((Occasion.CHECK_IN, "check_in:demo:1", 45, answered(0.7)))
        return plan
    start = rng.randint(120, 170)
    plan.occasions.append((Occasion.BASELINE, "baseline", start, answered(0.95)))
    check_ins = 2 if stage == Stage.CULTIVATION else 3
    for number in range(1, check_ins + 1):
        days = max(start - 42 * number, 3)
        plan.occasions.append((Occasion.CHECK_IN, f"check_in:demo:{number}", days, answered(0.85)))
    if stage in (Stage.SEPARATION, Stage.REDEFINITION):
        plan.occasions.append((Occasion.CLOSING, "closing", rng.randint(3, 10), answered(0.9)))
    return plan


def _clip(value: float, low: int, high: int) -> int:
    return max(low, min(high, round(value)))


class _Answers:
    """Plausible answers: a person has a level per benefit; the end adds a (noisy) gain."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.levels: dict[tuple[int, int, str], float] = {}
        self.gains: dict[tuple[int, int, str], float] = {}
        self.mentor_quality: dict[int, float] = {}

    def benefit(self, person: int, relationship: int, scale: str, *, end: bool) -> float:
        key = (person, relationship, scale)
        if key not in self.levels:
            self.levels[key] = self.rng.gauss(2.9, 0.55)
            # Most improve, some decline: mean gain ~0.5 with a wide spread.
            self.gains[key] = self.rng.gauss(0.5, 0.45)
        return self.levels[key] + (self.gains[key] if end else 0.0)

    def quality(self, mentor: int) -> float:
        if mentor not in self.mentor_quality:
            self.mentor_quality[mentor] = self.rng.gauss(4.0, 0.45)
        return self.mentor_quality[mentor]

    def value(
        self, item: Item, *, survey: Survey, relationship: Relationship, end: bool
    ) -> int | str | None:
        rng = self.rng
        if item.kind == Item.Kind.TEXT:
            text = rng.choice(IMPROVEMENTS if item.key == "improve" else COMMENTS)
            return text or None
        if item.kind == Item.Kind.CHOICE:
            return rng.choices([c[0] for c in item.choices], weights=[1, 7, 2])[0]
        if item.scale in MENTEE_BENEFIT_SCALES or item.scale in MENTOR_BENEFIT_SCALES:
            level = self.benefit(survey.respondent_id, relationship.pk, item.scale, end=end)
        elif item.key in ("honest_feedback", "makes_time"):
            level = self.quality(relationship.mentor_id) + rng.gauss(0, 0.3)
        else:
            level = self.quality(relationship.mentor_id) - 0.2
        number = _clip(level + rng.gauss(0, 0.45), 1, 5)
        return 6 - number if item.reverse_scored else number


def surveys_demo_seed(*, program: Program, rng: random.Random) -> None:
    """Add this app's demo data to one demo program (idempotent through demo_seed)."""
    past = _past_cohort(program=program, rng=rng) if not program.is_coaching else []
    past_ids = {relationship.pk for relationship in past}
    instruments = {
        i.key: (i, i.current_version())
        for i in Instrument.objects.filter(program__isnull=True).prefetch_related("versions__items")
    }
    items_of = {key: list(version.items.all()) for key, (_, version) in instruments.items()}
    from mentora.surveys.instruments import OCCASION_INSTRUMENTS

    now = timezone.now()
    relationships = list(
        Relationship.objects.filter(program=program)
        .select_related("mentor", "mentee")
        .order_by("pk")
    )
    surveys: list[Survey] = []
    for relationship in relationships:
        plan = _plan(relationship, past=relationship.pk in past_ids, rng=rng)
        for index, (occasion, key, days_ago, is_answered) in enumerate(plan.occasions):
            is_last = index == len(plan.occasions) - 1
            sent = now - datetime.timedelta(days=days_ago, hours=rng.randint(0, 8))
            for role, person in (
                (Survey.Role.MENTOR, relationship.mentor),
                (Survey.Role.MENTEE, relationship.mentee),
            ):
                demo_mentee = person.email.startswith("mentee@") and role == Survey.Role.MENTEE
                for instrument_key in OCCASION_INSTRUMENTS[occasion][role]:
                    instrument, version = instruments[instrument_key]
                    waiting = demo_mentee and is_last and relationship.is_live
                    done = is_answered and not waiting
                    surveys.append(
                        Survey(
                            program=program,
                            instrument=instrument,
                            version=version,
                            respondent=person,
                            role=role,
                            relationship=relationship,
                            stage=_stage_at(occasion, relationship),
                            occasion=occasion,
                            occasion_key=key,
                            created_at=sent,
                            due_at=sent + datetime.timedelta(days=14),
                            reminded_at=None,
                            completed_at=sent + datetime.timedelta(days=rng.randint(0, 9))
                            if done
                            else None,
                        )
                    )
    for survey in surveys:  # an open survey not answered in time was reminded once
        if survey.completed_at is None and survey.due_at < now:
            survey.reminded_at = survey.due_at + datetime.timedelta(days=1)
        if survey.completed_at is not None and survey.completed_at > now:
            survey.completed_at = now - datetime.timedelta(hours=1)
    Survey.objects.bulk_create(surveys)
    by_pk = {relationship.pk: relationship for relationship in relationships}
    done_surveys = [survey for survey in surveys if survey.completed_at is not None]
    responses = Response.objects.bulk_create(
        Response(survey=survey, submitted_at=survey.completed_at or now) for survey in done_surveys
    )
    generator = _Answers(rng)
    answers: list[Answer] = []
    for survey, response in zip(done_surveys, responses, strict=True):
        relationship = by_pk[survey.relationship_id]  # type: ignore[index]
        end = survey.occasion in (Occasion.CLOSING, Occasion.FOLLOW_UP)
        for item in items_of[survey.instrument.key]:
            if not item.applies_to(survey.role):
                continue
            value = generator.value(item, survey=survey, relationship=relationship, end=end)
            if value is None:
                continue
            answers.append(
                Answer(
                    response=response,
                    item=item,
                    number=value if isinstance(value, int) else None,
                    text=value if isinstance(value, str) else "",
                )
            )
    Answer.objects.bulk_create(answers, batch_size=2000)


def _stage_at(occasion: str, relationship: Relationship) -> str:
    if occasion == Occasion.BASELINE:
        return Stage.INITIATION
    if occasion == Occasion.CHECK_IN:
        return Stage.CULTIVATION
    if occasion == Occasion.CLOSING:
        return Stage.SEPARATION
    if occasion == Occasion.FOLLOW_UP:
        return Stage.REDEFINITION
    return str(relationship.stage)
