"""The surveys part of the demo, called by mentora.programs.demo after relationships are seeded.

Every relationship gets the surveys the daily schedule run would have sent it, at the moments it
would have sent them (from its recorded stage changes) and with the run's own keys, so the next
daily run adds nothing twice: a baseline when initiation started, check-ins every 42 days of
cultivation, the closing survey at separation, the follow-up 91 days into redefinition. The
answers are plausible: benefits mostly improve from baseline to the end, with noise and some
declines; check-ins are mostly good; mentees rate their mentors. Most are answered; recent ones
less often; the demo mentee has a check-in waiting.

A mentoring program also gets an earlier cohort: a dozen relationships that went through all four
stages and ended, spread over the past year, so that a few mentors (the demo mentor first) have
been rated by three mentees or more, their reputation in matching. The small coaching program has
too few pairs for its benefit changes to reach five, so they are suppressed. Everything comes
from `rng` and is written with bulk_create.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone

from mentora.accounts.models import User
from mentora.programs.models import Enrollment, Program
from mentora.programs.selectors import first_manager
from mentora.relationships import services as relationship_services
from mentora.relationships.demo import relationship_walk_to
from mentora.relationships.models import Relationship, RelationshipEvent, Stage
from mentora.surveys.instruments import (
    MENTEE_BENEFIT_SCALES,
    MENTOR_BENEFIT_SCALES,
    OCCASION_INSTRUMENTS,
)
from mentora.surveys.models import (
    Answer,
    Instrument,
    Item,
    Occasion,
    ProgramSurveySchedule,
    Response,
    Survey,
)

DEMO_FIRST = ("mentor@", "mentee@")
MINUTE = datetime.timedelta(minutes=1)
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
    manager = first_manager(organisation=program.organisation)
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
                    _completed(program=program, mentor=mentor, mentee=free_mentees[-1], by=manager)
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
    # Through the agreement, separation and new terms both people make (the gated moves).
    relationship_walk_to(relationship=relationship, stage=Stage.REDEFINITION)
    return relationship_services.relationship_advance(
        relationship=relationship, to_stage=Stage.ENDED, by=by, note=PAST_COHORT_NOTE
    )


@dataclass
class _Plan:
    """The surveys of one relationship: (occasion, key, when sent) in time order."""

    occasions: list[tuple[str, str, datetime.datetime]] = field(default_factory=list)


def _entered(relationship: Relationship) -> dict[str, datetime.datetime]:
    """When the relationship last entered each stage (from its recorded stage changes)."""
    entered: dict[str, datetime.datetime] = {}
    for event in relationship.events.all():
        entered[event.to_stage] = event.created_at
    return entered


def _plan(
    relationship: Relationship, *, schedule: ProgramSurveySchedule, now: datetime.datetime
) -> _Plan:
    """The surveys the daily run would have sent, at the moments it would have sent them.

    The keys are the schedule run's own, so the next daily run finds them and adds nothing.
    """
    plan = _Plan()
    entered = _entered(relationship)
    if Stage.INITIATION not in entered:
        return plan  # still waiting for the mentor's acceptance
    plan.occasions.append((Occasion.BASELINE, "baseline", entered[Stage.INITIATION]))
    if Stage.CULTIVATION in entered and schedule.check_in_days:
        start = entered[Stage.CULTIVATION]
        until = entered.get(Stage.SEPARATION) or entered.get(Stage.ENDED) or now
        every = datetime.timedelta(days=schedule.check_in_days)
        number = 1
        while start + number * every <= until:
            key = f"check_in:{timezone.localdate(start).isoformat()}:{number}"
            plan.occasions.append((Occasion.CHECK_IN, key, start + number * every))
            number += 1
    if Stage.SEPARATION in entered:
        plan.occasions.append((Occasion.CLOSING, "closing", entered[Stage.SEPARATION]))
    if Stage.REDEFINITION in entered and schedule.follow_up_days:
        follow_up = entered[Stage.REDEFINITION] + datetime.timedelta(days=schedule.follow_up_days)
        if follow_up <= (entered.get(Stage.ENDED) or now):
            plan.occasions.append((Occasion.FOLLOW_UP, "follow_up", follow_up))
    return plan


def _backdate_past(*, relationships: list[Relationship], rng: random.Random) -> None:
    """Spread the earlier cohort over the past year (the services stamp everything now)."""
    now = timezone.now()
    day = datetime.timedelta(days=1)
    offsets: dict[str, int] = {
        Stage.INITIATION: 0,
        Stage.CULTIVATION: 20,
        Stage.SEPARATION: 190,
        Stage.REDEFINITION: 200,
        Stage.ENDED: 300,
    }
    for relationship in relationships:
        created = now - rng.randint(330, 400) * day - rng.randint(0, 600) * MINUTE
        for event in relationship.events.all():
            moment = created + offsets.get(event.to_stage, 0) * day
            RelationshipEvent.objects.filter(pk=event.pk).update(created_at=moment)
        ended = created + offsets[Stage.ENDED] * day
        Relationship.objects.filter(pk=relationship.pk).update(
            created_at=created, stage_changed_at=ended, last_activity_at=ended, ended_at=ended
        )


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
            return str(rng.choices([c[0] for c in item.choices], weights=[1, 7, 2])[0])
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
    _backdate_past(relationships=past, rng=rng)
    past_ids = {relationship.pk for relationship in past}
    instruments = {
        i.key: (i, i.current_version())
        for i in Instrument.objects.filter(program__isnull=True).prefetch_related("versions__items")
    }
    items_of = {key: list(version.items.all()) for key, (_, version) in instruments.items()}
    schedule = ProgramSurveySchedule.objects.filter(program=program).first() or (
        ProgramSurveySchedule(program=program)
    )
    now = timezone.now()
    relationships = list(
        Relationship.objects.filter(program=program)
        .select_related("mentor", "mentee")
        .prefetch_related("events")
        .order_by("pk")
    )
    surveys: list[Survey] = []
    for relationship in relationships:
        occasions = _plan(relationship, schedule=schedule, now=now).occasions
        # The demo accounts answer everything of their past, so their pages show a history.
        always = relationship.pk in past_ids and (
            relationship.mentor.email.startswith(DEMO_FIRST)
            or relationship.mentee.email.startswith(DEMO_FIRST)
        )
        for index, (occasion, key, sent) in enumerate(occasions):
            is_last = index == len(occasions) - 1
            recent = now - sent < datetime.timedelta(days=schedule.due_days)
            for role, person in (
                (Survey.Role.MENTOR, relationship.mentor),
                (Survey.Role.MENTEE, relationship.mentee),
            ):
                # The demo mentee's latest survey in a live relationship waits for an answer.
                waiting = (
                    person.email.startswith("mentee@")
                    and role == Survey.Role.MENTEE
                    and is_last
                    and relationship.is_live
                )
                demo_person = person.email.startswith(DEMO_FIRST)
                chance = 0.5 if recent else 0.85
                done = not waiting and (always or demo_person or rng.random() < chance)
                answered_at = min(
                    sent + datetime.timedelta(days=rng.randint(0, 9), hours=rng.randint(1, 9)),
                    now - datetime.timedelta(hours=1),
                )
                for instrument_key in OCCASION_INSTRUMENTS[occasion][role]:
                    instrument, version = instruments[instrument_key]
                    due = sent + datetime.timedelta(days=schedule.due_days)
                    if waiting:  # still in time, so the home page shows it as due
                        due = max(due, now + datetime.timedelta(days=6))
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
                            due_at=due,
                            # Not answered in time: the daily run reminded them once.
                            reminded_at=due if not done and due < now else None,
                            completed_at=answered_at if done else None,
                        )
                    )
    Survey.objects.bulk_create(surveys, batch_size=1000)
    by_pk = {relationship.pk: relationship for relationship in relationships}
    done_surveys = [survey for survey in surveys if survey.completed_at is not None]
    responses = Response.objects.bulk_create(
        (
            Response(survey=survey, submitted_at=survey.completed_at or now)
            for survey in done_surveys
        ),
        batch_size=1000,
    )
    generator = _Answers(rng)
    answers: list[Answer] = []
    for survey, response in zip(done_surveys, responses, strict=True):
        assert survey.relationship_id is not None  # every demo survey is about a relationship
        relationship = by_pk[survey.relationship_id]
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
