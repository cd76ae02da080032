"""Every write to survey instruments, schedules, surveys and responses."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from mentora.lib.forms import error_text
from mentora.lib.text import clean_line, clean_text
from mentora.notifications.services import notify
from mentora.programs.models import Enrollment, Program
from mentora.surveys.access import (
    INSTRUMENT_CAPABILITIES,
    PROGRAM_SURVEYS_CAPABILITIES,
    SURVEY_CAPABILITIES,
    instrument_roles,
    program_surveys_roles,
    survey_roles,
)
from mentora.surveys.models import (
    Anonymity,
    Answer,
    Audience,
    Instrument,
    InstrumentVersion,
    Item,
    Occasion,
    ProgramSurveySchedule,
    Response,
    Survey,
)
from mentora.surveys.scoring import validate_answers

if TYPE_CHECKING:
    from mentora.accounts.models import User

TITLE_MAX = Instrument._meta.get_field("title").max_length or 200
DESCRIPTION_MAX = Instrument._meta.get_field("description").max_length or 2000
ITEM_TEXT_MAX = Item._meta.get_field("text").max_length or 300
CHOICE_LABEL_MAX = 200
CHOICE_VALUE_MAX = 40
ITEMS_MAX = 40
CHOICES_MAX = 10
SCHEDULE_FIELDS = ("enabled", "baseline", "check_in_days", "closing", "follow_up_days", "due_days")


def _require(*, instrument: Instrument, user: User, to: str) -> None:
    """Refuse (PermissionDenied) unless the person may `to` the instrument."""
    if not INSTRUMENT_CAPABILITIES.allows(instrument_roles(instrument=instrument, user=user), to):
        raise PermissionDenied(
            INSTRUMENT_CAPABILITIES.refusals.get(to, "Only the program's managers can do this.")
            if instrument.program is None
            else "Only the program's managers can do this."
        )


# --- Responses ---------------------------------------------------------------------------------


@transaction.atomic
def response_submit(*, survey: Survey, by: User, answers: Mapping[str, object]) -> Response:
    """Answer a survey once: every value is checked against its item, then stored together."""
    if not SURVEY_CAPABILITIES.allows(survey_roles(survey=survey, user=by), "answer"):
        raise PermissionDenied(SURVEY_CAPABILITIES.refusals["answer"])
    locked = (
        Survey.objects.select_for_update().select_related("version", "program").get(pk=survey.pk)
    )
    if locked.completed_at is not None:
        raise ValidationError("You have already answered this survey; answers cannot be changed.")
    items = [item for item in locked.version.items.all() if item.applies_to(locked.role)]
    cleaned = validate_answers(items, answers)
    now = timezone.now()
    response = Response.objects.create(survey=locked, submitted_at=now)
    Answer.objects.bulk_create(
        Answer(
            response=response,
            item=item,
            number=value if isinstance(value, int) else None,
            text=value if isinstance(value, str) else "",
        )
        for item in items
        if (value := cleaned[item.key]) is not None
    )
    locked.completed_at = now
    locked.save(update_fields=["completed_at"])
    survey.completed_at = now
    return response


# --- Instruments -------------------------------------------------------------------------------


def _line(value: object, *, label: str, limit: int) -> str:
    """One line of a survey's text, cleaned; a ValidationError with one plain message."""
    try:
        return clean_line(value, field="items", label=label, limit=limit, required=False)
    except ValidationError as error:
        raise ValidationError(error_text(error)) from None


def _clean_choices(raw: object, where: str) -> tuple[list[list[str]], list[str]]:
    """A choice question's [value, label] pairs, and the problems found."""
    choices: list[list[str]] = []
    errors: list[str] = []
    if raw is None:
        raw = []
    if isinstance(raw, str) or not isinstance(raw, Sequence):
        return [], [f"{where}: its choices are a list of texts or [value, label] pairs."]
    for choice in raw:
        try:
            if isinstance(choice, str):
                label = _line(choice, label=f"{where}: a choice", limit=CHOICE_LABEL_MAX)
                value = slugify(label).replace("-", "_")[:CHOICE_VALUE_MAX]
            elif isinstance(choice, Sequence) and len(choice) == 2:
                value = _line(choice[0], label=f"{where}: a choice value", limit=CHOICE_VALUE_MAX)
                label = _line(choice[1], label=f"{where}: a choice", limit=CHOICE_LABEL_MAX)
            else:
                errors.append(
                    f"{where}: a choice is a text or a [value, label] pair, not {choice!r}."
                )
                continue
        except ValidationError as error:
            errors.append(error_text(error))
            continue
        if value and label:
            choices.append([value, label])
    return choices, errors


def _clean_items(items: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Check a list of item definitions; ValidationError naming the item by its number."""
    if not items:
        raise ValidationError({"items": "A survey needs at least one question."})
    if len(items) > ITEMS_MAX:
        raise ValidationError({"items": f"A survey has at most {ITEMS_MAX} questions."})
    cleaned: list[dict[str, Any]] = []
    errors: list[str] = []
    keys: set[str] = set()
    for number, raw in enumerate(items, start=1):
        where = f"Question {number}"
        try:
            text = _line(raw.get("text"), label=where, limit=ITEM_TEXT_MAX)
        except ValidationError as error:
            errors.append(error_text(error))
            continue
        kind = str(raw.get("kind") or "")
        if not text:
            errors.append(f"{where} needs a text.")
            continue
        if kind not in Item.Kind.values:
            errors.append(
                f"{where} has the kind {kind!r}; choose one of {', '.join(Item.Kind.values)}."
            )
            continue
        choices, problems = _clean_choices(raw.get("choices"), where)
        errors += problems
        if kind == Item.Kind.CHOICE and not 2 <= len(choices) <= CHOICES_MAX:
            errors.append(f"{where} is a choice: give it 2 to {CHOICES_MAX} choices.")
        if len({value for value, _ in choices}) != len(choices):
            errors.append(f"{where} has two choices with the same value.")
        reverse = bool(raw.get("reverse_scored", False))
        if reverse and kind not in (Item.Kind.AGREE_1_5, Item.Kind.SCALE_0_10):
            errors.append(f"{where}: only 1-5 and 0-10 questions can be reverse-scored.")
        audience = str(raw.get("audience") or Audience.BOTH)
        if audience not in Audience.values:
            errors.append(f"{where} has the audience {audience!r}; choose mentor, mentee or both.")
        scale = slugify(str(raw.get("scale") or "")).replace("-", "_")[:60]
        key = slugify(str(raw.get("key") or "")).replace("-", "_")[:60] or f"q{number}"
        if key in keys:
            errors.append(f"{where} repeats the key {key!r}.")
        keys.add(key)
        cleaned.append(
            {
                "key": key,
                "position": number,
                "text": text,
                "kind": kind,
                "choices": choices if kind == Item.Kind.CHOICE else [],
                "scale": scale if kind in (Item.Kind.AGREE_1_5, Item.Kind.SCALE_0_10) else "",
                "reverse_scored": reverse,
                "audience": audience,
                "required": bool(raw.get("required", kind != Item.Kind.TEXT)),
            }
        )
    if errors:
        raise ValidationError({"items": errors})
    return cleaned


def _clean_instrument_fields(
    *, title: object, audience: str, anonymity: str
) -> tuple[str, str, str]:
    errors: dict[str, str] = {}
    try:
        title = clean_line(title, field="title", label="A title", limit=TITLE_MAX)
    except ValidationError as error:
        errors["title"] = error_text(error)
    if audience not in Audience.values:
        errors["audience"] = f"{audience!r} is not an audience; choose mentor, mentee or both."
    if anonymity not in Anonymity.values:
        errors["anonymity"] = (
            f"{anonymity!r} is not an anonymity rule; choose named or confidential."
        )
    if errors:
        raise ValidationError(errors)
    return str(title), audience, anonymity


def _clean_description(description: object) -> str:
    return clean_text(
        description,
        field="description",
        label="The introduction",
        limit=DESCRIPTION_MAX,
        required=False,
    )


def _unique_key(program: Program, title: str) -> str:
    base = slugify(title)[:50] or "survey"
    key, number = base, 2
    while Instrument.objects.filter(program=program, key=key).exists():
        key, number = f"{base}-{number}", number + 1
    return key


@transaction.atomic
def instrument_create(
    *,
    program: Program,
    by: User,
    title: str,
    items: Sequence[Mapping[str, Any]],
    description: str = "",
    audience: str = Audience.BOTH,
    anonymity: str = Anonymity.CONFIDENTIAL,
) -> Instrument:
    """A program's own survey (version 1 with its items), created by one of its managers."""
    PROGRAM_SURVEYS_CAPABILITIES.require(program_surveys_roles(program=program, user=by), "manage")
    title, audience, anonymity = _clean_instrument_fields(
        title=title, audience=audience, anonymity=anonymity
    )
    description = _clean_description(description)
    cleaned = _clean_items(items)
    instrument = Instrument.objects.create(
        key=_unique_key(program, title),
        program=program,
        title=title,
        description=description,
        audience=audience,
        anonymity=anonymity,
        created_by=by,
    )
    version = InstrumentVersion.objects.create(instrument=instrument, number=1, created_by=by)
    Item.objects.bulk_create(Item(version=version, **item) for item in cleaned)
    return instrument


@transaction.atomic
def instrument_update(
    *,
    instrument: Instrument,
    by: User,
    items: Sequence[Mapping[str, Any]],
    title: str | None = None,
    description: str | None = None,
) -> InstrumentVersion:
    """Change a program's survey. Answered versions never change: they get a successor."""
    _require(instrument=instrument, user=by, to="change")
    locked = Instrument.objects.select_for_update().get(pk=instrument.pk)
    if title is not None:
        locked.title, _, _ = _clean_instrument_fields(
            title=title, audience=locked.audience, anonymity=locked.anonymity
        )
    if description is not None:
        locked.description = _clean_description(description)
    locked.save(update_fields=["title", "description"])
    cleaned = _clean_items(items)
    version = locked.current_version()
    if version.is_locked:
        version = InstrumentVersion.objects.create(
            instrument=locked, number=version.number + 1, created_by=by
        )
    else:
        version.items.all().delete()
    Item.objects.bulk_create(Item(version=version, **item) for item in cleaned)
    instrument.refresh_from_db()
    return version


# --- Sending -----------------------------------------------------------------------------------


def survey_url(survey: Survey) -> str:
    return reverse("surveys:answer", args=[survey.pk])


@transaction.atomic
def custom_survey_send(
    *,
    instrument: Instrument,
    by: User,
    roles: Collection[str],
    due_days: int = 14,
    now: datetime.datetime | None = None,
) -> int:
    """Send a program's own survey to its active participants in the given roles.

    Sending again on the same day adds nobody twice. Returns how many people it was sent to.
    """
    program = instrument.program
    if program is None:
        raise ValidationError("Built-in instruments are sent by the program's schedule.")
    _require(instrument=instrument, user=by, to="send")
    roles = set(roles)
    if not roles or not roles <= {Survey.Role.MENTOR, Survey.Role.MENTEE}:
        raise ValidationError({"roles": "Send the survey to mentors, mentees or both."})
    allowed = (
        {Survey.Role.MENTOR, Survey.Role.MENTEE}
        if instrument.audience == Audience.BOTH
        else {instrument.audience}
    )
    if not roles <= allowed:
        raise ValidationError(
            {"roles": f"This survey is for {Audience(instrument.audience).label.lower()} only."}
        )
    if not 1 <= due_days <= 90:
        raise ValidationError({"due_days": f"Give 1 to 90 days to answer, not {due_days}."})
    now = now or timezone.now()
    version = instrument.current_version()
    key = f"sent:{timezone.localdate(now).isoformat()}"
    enrollments = Enrollment.objects.filter(
        program=program, role__in=roles, status=Enrollment.Status.ACTIVE
    ).select_related("user")
    existing = set(
        Survey.objects.filter(instrument=instrument, occasion_key=key).values_list(
            "respondent_id", "role"
        )
    )
    surveys = [
        Survey(
            program=program,
            instrument=instrument,
            version=version,
            respondent=enrollment.user,
            role=enrollment.role,
            occasion=Occasion.CUSTOM,
            occasion_key=key,
            created_at=now,
            due_at=now + datetime.timedelta(days=due_days),
        )
        for enrollment in enrollments
        if (enrollment.user_id, enrollment.role) not in existing
    ]
    # A concurrent sending of the same survey loses quietly to the unique constraint.
    Survey.objects.bulk_create(surveys, ignore_conflicts=True)
    for survey in surveys:
        notify(
            recipient=survey.respondent,
            kind="survey.due",
            title=f"A survey from {program}: {instrument.title}",
            body=f"Please answer by {timezone.localdate(survey.due_at):%d %b %Y}.",
            url=reverse("surveys:mine"),
        )
    return len(surveys)


# --- Schedule ----------------------------------------------------------------------------------


@transaction.atomic
def schedule_update(*, program: Program, by: User, **fields: Any) -> ProgramSurveySchedule:
    """Change when the program's relationships are surveyed."""
    PROGRAM_SURVEYS_CAPABILITIES.require(program_surveys_roles(program=program, user=by), "manage")
    unknown = set(fields) - set(SCHEDULE_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown schedule settings: {', '.join(sorted(unknown))}.")
    schedule, _ = ProgramSurveySchedule.objects.select_for_update().get_or_create(program=program)
    limits = {"check_in_days": (0, 365), "follow_up_days": (0, 730), "due_days": (1, 90)}
    errors: dict[str, str] = {}
    for name, value in fields.items():
        if name in limits:
            low, high = limits[name]
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                errors[name] = (
                    f"{name.replace('_', ' ').capitalize()} must be a whole number from {low} "
                    f"to {high}, not {value!r}."
                )
                continue
        elif not isinstance(value, bool):
            errors[name] = f"{name.replace('_', ' ')} must be true or false, not {value!r}."
            continue
        setattr(schedule, name, value)
    if errors:
        raise ValidationError(errors)
    schedule.updated_at = timezone.now()
    schedule.updated_by = by
    schedule.save()
    return schedule
