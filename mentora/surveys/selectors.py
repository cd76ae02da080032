"""Reads of surveys and their responses, filtered by what each person may see.

Who sees what (the rules themselves are in `mentora.surveys.access`, and these lists agree):
- the respondent sees their own surveys and answers;
- the other party of the relationship never sees the answers (named or confidential);
- managers of the program see individual answers, with the person, only for named instruments;
  for confidential ones they see aggregates of at least five respondents
  (`mentora.surveys.outcomes`, `custom_survey_results`) and response counts;
- everyone else gets a 404.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from mentora.lib.suppression import is_reportable
from mentora.programs.models import Enrollment, Program
from mentora.programs.selectors import programs_managed_by
from mentora.surveys.access import MANAGER, instrument_roles
from mentora.surveys.instruments import REPUTATION_ITEMS
from mentora.surveys.models import (
    Anonymity,
    Answer,
    Instrument,
    Item,
    Occasion,
    ProgramSurveySchedule,
    Survey,
)

if TYPE_CHECKING:
    from mentora.accounts.models import User

# A mentor's reputation counts only once this many different mentees have rated them.
MIN_RATERS = 3


def mentor_feedback_ratings(*, program: Program) -> dict[int, float]:
    """Each mentor's mean rating (1-5) for honest feedback and making time, by mentor user id.

    Only mentors rated by at least 3 different mentees appear; the matching engine treats the
    others as unknown (neutral).
    """
    rows = Answer.objects.filter(
        response__survey__program=program,
        response__survey__role=Survey.Role.MENTEE,
        response__survey__relationship__isnull=False,
        item__key__in=REPUTATION_ITEMS,
        item__version__instrument__program__isnull=True,
        number__isnull=False,
    ).values_list(
        "response__survey__relationship__mentor_id", "response__survey__respondent_id", "number"
    )
    numbers: dict[int, list[int]] = defaultdict(list)
    raters: dict[int, set[int]] = defaultdict(set)
    for mentor_id, mentee_id, number in rows:
        if mentor_id == mentee_id or number is None:
            continue
        numbers[mentor_id].append(number)
        raters[mentor_id].add(mentee_id)
    return {
        mentor_id: round(sum(values) / len(values), 3)
        for mentor_id, values in numbers.items()
        if len(raters[mentor_id]) >= MIN_RATERS
    }


def _surveys() -> QuerySet[Survey]:
    return Survey.objects.select_related(
        "program",
        "instrument",
        "version",
        "relationship",
        "relationship__mentor",
        "relationship__mentee",
        "respondent",
    )


def surveys_for_user(*, user: User) -> QuerySet[Survey]:
    """The person's own surveys, open ones first by due date."""
    if not user.is_authenticated:
        return Survey.objects.none()
    return _surveys().filter(respondent=user).order_by("-completed_at", "due_at", "pk")


def open_surveys_for_user(*, user: User) -> QuerySet[Survey]:
    """The person's surveys waiting for an answer, soonest due first."""
    return surveys_for_user(user=user).filter(completed_at__isnull=True).order_by("due_at", "pk")


def instruments_visible_to(*, user: User) -> QuerySet[Instrument]:
    """Built-in instruments and the own instruments of the programs the person manages."""
    if not user.is_authenticated:
        return Instrument.objects.none()
    return Instrument.objects.filter(
        Q(program__isnull=True) | Q(program__in=programs_managed_by(user=user))
    ).select_related("program")


def program_instruments(*, program: Program) -> QuerySet[Instrument]:
    """A program's own (custom) instruments."""
    return Instrument.objects.filter(program=program).order_by("-created_at", "-pk")


def schedule_for(*, program: Program) -> ProgramSurveySchedule:
    """The program's survey schedule, or an unsaved one with the defaults."""
    try:
        return ProgramSurveySchedule.objects.get(program=program)
    except ProgramSurveySchedule.DoesNotExist:
        return ProgramSurveySchedule(program=program)


@dataclass(frozen=True)
class ResponseRate:
    instrument: Instrument
    occasion: str
    occasion_label: str
    sent: int
    completed: int
    overdue: int

    @property
    def rate(self) -> float | None:
        return self.completed / self.sent if self.sent else None


def response_rates(*, program: Program) -> list[ResponseRate]:
    """How many surveys were sent and answered, by instrument and occasion (counts only)."""
    now = timezone.now()
    rows = (
        Survey.objects.filter(program=program)
        .values("instrument_id", "occasion")
        .annotate(
            sent=Count("pk"),
            completed=Count("pk", filter=Q(completed_at__isnull=False)),
            overdue=Count("pk", filter=Q(completed_at__isnull=True, due_at__lt=now)),
        )
        .order_by("instrument_id", "occasion")
    )
    instruments = Instrument.objects.in_bulk({row["instrument_id"] for row in rows})
    labels = dict(Occasion.choices)
    return [
        ResponseRate(
            instrument=instruments[row["instrument_id"]],
            occasion=row["occasion"],
            occasion_label=str(labels.get(row["occasion"], row["occasion"])),
            sent=row["sent"],
            completed=row["completed"],
            overdue=row["overdue"],
        )
        for row in rows
    ]


def named_responses(*, instrument: Instrument, user: User) -> QuerySet[Survey]:
    """Answered surveys of a named instrument with their people, for the program's managers.

    Confidential instruments never list individual answers: this raises 404 for them.
    """
    if MANAGER not in instrument_roles(instrument=instrument, user=user) or (
        instrument.anonymity != Anonymity.NAMED
    ):
        raise Http404("No such survey.")
    return (
        _surveys()
        .filter(instrument=instrument, completed_at__isnull=False)
        .prefetch_related("response__answers__item")
        .order_by("-completed_at")
    )


@dataclass(frozen=True)
class ItemMean:
    """The mean answer to one numeric question, from `n` people (withheld below five)."""

    item: Item
    mean: float | None
    n: int

    @property
    def suppressed(self) -> bool:
        return self.mean is None


@dataclass(frozen=True)
class CustomSurveyResults:
    """What a program's managers see of one of its own surveys."""

    instrument: Instrument
    sent: int
    respondents: int  # distinct people who answered
    named: list[Survey] | None  # each answered survey with its person; None when confidential
    item_means: list[ItemMean]


def custom_survey_results(*, instrument: Instrument, user: User) -> CustomSurveyResults:
    """A program's own survey as its managers may see it: named answers one by one only for a
    named survey; the mean of each numeric question of the current version only when at least
    five different people answered it (a person answering the survey sent on several days counts
    once), whatever the anonymity."""
    if MANAGER not in instrument_roles(instrument=instrument, user=user):
        raise Http404("No such survey.")
    answered = Survey.objects.filter(instrument=instrument, completed_at__isnull=False)
    numbers: dict[int, list[int]] = defaultdict(list)
    people: dict[int, set[int]] = defaultdict(set)
    for item_id, respondent_id, number in Answer.objects.filter(
        response__survey__instrument=instrument, number__isnull=False
    ).values_list("item_id", "response__survey__respondent_id", "number"):
        if number is not None:
            numbers[item_id].append(number)
            people[item_id].add(respondent_id)
    means = []
    for item in instrument.current_version().items.all():
        if not item.is_numeric:
            continue
        values = numbers.get(item.pk, [])
        n = len(people.get(item.pk, ()))
        shown = is_reportable(n)
        means.append(
            ItemMean(item=item, mean=round(sum(values) / len(values), 2) if shown else None, n=n)
        )
    return CustomSurveyResults(
        instrument=instrument,
        sent=Survey.objects.filter(instrument=instrument).count(),
        respondents=answered.values("respondent").distinct().count(),
        named=(
            list(named_responses(instrument=instrument, user=user))
            if instrument.anonymity == Anonymity.NAMED
            else None
        ),
        item_means=means,
    )


def programs_taken_part_in(*, user: User) -> QuerySet[Program]:
    """The programs the person takes part in (an active enrollment), by name."""
    if not user.is_authenticated:
        return Program.objects.none()
    return (
        Program.objects.filter(enrollments__user=user, enrollments__status=Enrollment.Status.ACTIVE)
        .distinct()
        .order_by("name")
    )


def get_program_of_participant(*, user: User, program_id: int) -> Program:
    """A program the person takes part in, or 404."""
    program = programs_taken_part_in(user=user).filter(pk=program_id).first()
    if program is None:
        raise Http404("No such program.")
    return program
