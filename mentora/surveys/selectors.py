"""Reads of surveys and their responses, filtered by what each person may see.

Who sees what:
- the respondent sees their own surveys and answers;
- the other party of the relationship never sees the answers (named or confidential);
- managers of the program see individual answers, with the person, only for named instruments;
  for confidential ones they see aggregates of at least five respondents
  (`mentora.surveys.outcomes`) and response counts;
- everyone else gets a 404.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from mentora.programs.models import Program
from mentora.programs.selectors import programs_managed_by, user_manages_program
from mentora.surveys.instruments import REPUTATION_ITEMS
from mentora.surveys.models import Anonymity, Answer, Instrument, ProgramSurveySchedule, Survey

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


def get_survey_for_respondent(*, user: User, survey_id: int) -> Survey:
    """One of the person's own surveys; 404 for everyone else (the other party and managers too)."""
    try:
        return surveys_for_user(user=user).get(pk=survey_id)
    except Survey.DoesNotExist:
        raise Http404("No such survey.") from None


def instruments_visible_to(*, user: User) -> QuerySet[Instrument]:
    """Built-in instruments and the own instruments of the programs the person manages."""
    if not user.is_authenticated:
        return Instrument.objects.none()
    return Instrument.objects.filter(
        Q(program__isnull=True) | Q(program__in=programs_managed_by(user=user))
    ).select_related("program")


def get_instrument_for_user(*, user: User, instrument_id: int) -> Instrument:
    try:
        return instruments_visible_to(user=user).get(pk=instrument_id)
    except Instrument.DoesNotExist:
        raise Http404("No such instrument.") from None


def program_instruments(*, program: Program) -> QuerySet[Instrument]:
    """A program's own (custom) instruments."""
    return Instrument.objects.filter(program=program).order_by("-created_at", "-pk")


def get_custom_instrument_for_manager(*, user: User, instrument_id: int) -> Instrument:
    """A program's own instrument, for a manager of that program; 404 otherwise."""
    try:
        instrument = Instrument.objects.select_related("program").get(
            pk=instrument_id, program__isnull=False
        )
    except Instrument.DoesNotExist:
        raise Http404("No such survey.") from None
    if instrument.program is None or not user_manages_program(
        user=user, program=instrument.program
    ):
        raise Http404("No such survey.")
    return instrument


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
    from mentora.surveys.models import Occasion

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
    if (
        instrument.program is None
        or instrument.anonymity != Anonymity.NAMED
        or not user_manages_program(user=user, program=instrument.program)
    ):
        raise Http404("No such survey.")
    return (
        _surveys()
        .filter(instrument=instrument, completed_at__isnull=False)
        .prefetch_related("response__answers__item")
        .order_by("-completed_at")
    )
