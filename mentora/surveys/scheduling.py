"""The daily survey run: send the surveys each relationship's stage calls for, remind once.

For each relationship, by its program's `ProgramSurveySchedule` (or the defaults):
- baseline: when initiation starts (also early in cultivation if initiation was skipped quickly);
- check-in: every `check_in_days` days of cultivation, counted from when cultivation started;
- closing: at separation (also early in redefinition if separation was short);
- follow-up: `follow_up_days` days into redefinition.
Each survey has an occasion key (e.g. "check_in:2026-03-01:2"); a unique constraint on it makes
the run idempotent: running it twice, or on two workers at once, creates nothing twice. Surveys
past their due date get one reminder (a conditional update claims it, so it is sent once).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from mentora.notifications.services import notify
from mentora.programs.models import Program
from mentora.relationships.models import Relationship, Stage
from mentora.surveys.instruments import OCCASION_INSTRUMENTS
from mentora.surveys.models import (
    Instrument,
    InstrumentVersion,
    Occasion,
    ProgramSurveySchedule,
    Survey,
)

# A stage entered less than this long ago still gets the survey of the stage it passed through.
LATE_GRACE = datetime.timedelta(days=30)


@dataclass(frozen=True)
class Due:
    occasion: str
    key: str


def due_occasions(
    *, relationship: Relationship, schedule: ProgramSurveySchedule, now: datetime.datetime
) -> list[Due]:
    """The occasions a relationship is due for now, by its stage and when it entered it."""
    if not schedule.enabled:
        return []
    since = now - relationship.stage_changed_at
    due: list[Due] = []
    stage = relationship.stage
    if schedule.baseline and (
        stage == Stage.INITIATION or (stage == Stage.CULTIVATION and since < LATE_GRACE)
    ):
        due.append(Due(Occasion.BASELINE, "baseline"))
    if stage == Stage.CULTIVATION and schedule.check_in_days:
        number = since.days // schedule.check_in_days
        if number >= 1:
            started = timezone.localdate(relationship.stage_changed_at).isoformat()
            due.append(Due(Occasion.CHECK_IN, f"check_in:{started}:{number}"))
    if schedule.closing and (
        stage == Stage.SEPARATION or (stage == Stage.REDEFINITION and since < LATE_GRACE)
    ):
        due.append(Due(Occasion.CLOSING, "closing"))
    if (
        stage == Stage.REDEFINITION
        and schedule.follow_up_days
        and since >= datetime.timedelta(days=schedule.follow_up_days)
    ):
        due.append(Due(Occasion.FOLLOW_UP, "follow_up"))
    return due


def _builtin_versions() -> dict[str, tuple[Instrument, InstrumentVersion]]:
    versions: dict[str, tuple[Instrument, InstrumentVersion]] = {}
    for instrument in Instrument.objects.filter(program__isnull=True):
        versions[instrument.key] = (instrument, instrument.current_version())
    return versions


def _program_run(
    *,
    program: Program,
    schedule: ProgramSurveySchedule,
    relationships: list[Relationship],
    versions: dict[str, tuple[Instrument, InstrumentVersion]],
    now: datetime.datetime,
) -> int:
    existing = set(
        Survey.objects.filter(relationship__in=relationships).values_list(
            "relationship_id", "respondent_id", "role", "instrument_id", "occasion_key"
        )
    )
    new: list[Survey] = []
    for relationship in relationships:
        for due in due_occasions(relationship=relationship, schedule=schedule, now=now):
            for role, person in (("mentor", relationship.mentor), ("mentee", relationship.mentee)):
                for instrument_key in OCCASION_INSTRUMENTS[due.occasion][role]:
                    if instrument_key not in versions:
                        continue
                    instrument, version = versions[instrument_key]
                    identity = (relationship.pk, person.pk, role, instrument.pk, due.key)
                    if identity in existing:
                        continue
                    existing.add(identity)
                    new.append(
                        Survey(
                            program=program,
                            instrument=instrument,
                            version=version,
                            respondent=person,
                            role=role,
                            relationship=relationship,
                            stage=relationship.stage,
                            occasion=due.occasion,
                            occasion_key=due.key,
                            created_at=now,
                            due_at=now + datetime.timedelta(days=schedule.due_days),
                        )
                    )
    with transaction.atomic():
        Survey.objects.bulk_create(new, ignore_conflicts=True)
        told: set[tuple[int, int, str]] = set()
        url = reverse("surveys:mine")
        for survey in new:
            assert survey.relationship is not None
            if (survey.respondent.pk, survey.relationship.pk, survey.occasion) in told:
                continue
            told.add((survey.respondent.pk, survey.relationship.pk, survey.occasion))
            other = survey.relationship.other_party(survey.respondent)
            notify(
                recipient=survey.respondent,
                kind="survey.due",
                title=f"{Occasion(survey.occasion).label} survey about your relationship with "
                f"{getattr(other, 'display_name', other)}",
                body=f"It takes a few minutes. Please answer by "
                f"{timezone.localdate(survey.due_at):%d %b %Y}.",
                url=url,
            )
    return len(new)


def _remind(*, now: datetime.datetime) -> int:
    overdue = (
        Survey.objects.filter(completed_at__isnull=True, reminded_at__isnull=True, due_at__lt=now)
        .exclude(relationship__stage=Stage.ENDED)
        .select_related("respondent", "instrument")
    )
    sent = 0
    url = reverse("surveys:mine")
    for survey in overdue:
        with transaction.atomic():
            claimed = Survey.objects.filter(pk=survey.pk, reminded_at__isnull=True).update(
                reminded_at=now
            )
            if not claimed:
                continue
            notify(
                recipient=survey.respondent,
                kind="survey.reminder",
                title=f"Reminder: {survey.instrument.title} is waiting for your answers",
                body="Your answers help the program support people like you.",
                url=url,
            )
            sent += 1
    return sent


def survey_schedule_run(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Create the surveys that are due and remind people of overdue ones (safe to rerun)."""
    now = now or timezone.now()
    versions = _builtin_versions()
    schedules = {s.program_id: s for s in ProgramSurveySchedule.objects.all()}
    by_program: dict[int, list[Relationship]] = defaultdict(list)
    programs: dict[int, Program] = {}
    for relationship in Relationship.objects.filter(
        stage__in=[Stage.INITIATION, Stage.CULTIVATION, Stage.SEPARATION, Stage.REDEFINITION]
    ).select_related("program", "mentor", "mentee"):
        by_program[relationship.program_id].append(relationship)
        programs[relationship.program_id] = relationship.program
    created = 0
    for program_id, relationships in by_program.items():
        program = programs[program_id]
        schedule = schedules.get(program_id) or ProgramSurveySchedule(program=program)
        created += _program_run(
            program=program,
            schedule=schedule,
            relationships=relationships,
            versions=versions,
            now=now,
        )
    return {"surveys_sent": created, "reminders_sent": _remind(now=now)}
