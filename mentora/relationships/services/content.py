"""What the pair works on: goals and milestones, questions and their threads, lessons, and shared
links and files."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from mentora.lib.wording import MENTOR
from mentora.notifications.services import notify
from mentora.relationships.access import require_relationship
from mentora.relationships.models import (
    Goal,
    Lesson,
    Meeting,
    Milestone,
    Question,
    Relationship,
    Reply,
    Resource,
    Stage,
)
from mentora.relationships.selectors import all_goals_met
from mentora.relationships.services.common import (
    WORKING_STAGES,
    line_of,
    lock,
    notify_other,
    relationship_url,
    require_stage,
    text_of,
    touch,
)

if TYPE_CHECKING:
    from mentora.accounts.models import User

RESOURCE_MAX_BYTES = 10 * 1024 * 1024
RESOURCE_EXTENSIONS = frozenset(
    {"pdf", "doc", "docx", "odt", "ppt", "pptx", "odp", "xls", "xlsx", "ods", "csv", "txt", "md"}
    | {"png", "jpg", "jpeg", "gif", "webp"}
)


# ---------------------------------------------------------------------------------------------
# Goals and milestones


def _decimal(value: Any, *, field: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        raise ValidationError({field: f"{value!r} is not a number."}) from None
    if not number.is_finite() or abs(number) >= Decimal("1e10"):
        raise ValidationError({field: f"{value!r} is not a usable number."})
    return number.quantize(Decimal("0.01"))


@transaction.atomic
def goal_create(
    *,
    relationship: Relationship,
    by: User,
    title: str,
    description: str = "",
    owner: User | None = None,
    due_on: datetime.date | None = None,
    target_value: Any = None,
    unit: str = "",
    milestones: Sequence[str] = (),
) -> Goal:
    """Add a goal; in coaching a goal needs a target value, a unit and a deadline."""
    locked = lock(relationship)
    require_relationship(relationship=locked, user=by, to="work")
    require_stage(locked, WORKING_STAGES, "Adding a goal")
    owner = owner or locked.mentee
    if owner.pk not in (locked.mentor_id, locked.mentee_id):
        raise ValidationError({"owner": "The owner of a goal is one of the two people."})
    target = _decimal(target_value, field="target_value")
    unit = line_of(Goal, "unit", unit, label="The unit", required=False)
    if locked.is_coaching:
        errors = {}
        if target is None or target <= 0:
            errors["target_value"] = "A coaching goal is measurable: give a target value above 0."
        if not unit:
            errors["unit"] = "A coaching goal needs a unit (for example 'talks given' or '%')."
        if due_on is None:
            errors["due_on"] = "A coaching goal needs a deadline."
        if errors:
            raise ValidationError(errors)
    goal = Goal.objects.create(
        relationship=locked,
        title=line_of(Goal, "title", title, label="The goal's title"),
        description=text_of(
            Goal, "description", description, label="The description", required=False
        ),
        owner=owner,
        due_on=due_on,
        target_value=target,
        current_value=Decimal(0) if target is not None else None,
        unit=unit,
    )
    for milestone in milestones:
        if isinstance(milestone, str) and milestone.strip():
            Milestone.objects.create(
                goal=goal,
                title=line_of(
                    Milestone, "title", milestone, label="A milestone", field="milestones"
                ),
            )
    touch(locked)
    notify_other(
        locked,
        by=by,
        kind="goal.created",
        title=f"{by.display_name} added a goal: {goal.title}"[:200],
        url=relationship_url(locked, "#goals"),
    )
    return goal


@transaction.atomic
def goal_update_progress(
    *, goal: Goal, by: User, progress: int | None = None, current_value: Any = None
) -> Goal:
    """Record progress (per cent, or the measured value against the target); a goal reaching
    100% or its target is met."""
    relationship = lock(goal.relationship)
    require_relationship(relationship=relationship, user=by, to="work")
    require_stage(relationship, WORKING_STAGES, "Updating a goal")
    goal = Goal.objects.select_for_update().get(pk=goal.pk)
    if goal.target_value is not None and current_value not in (None, ""):
        value = _decimal(current_value, field="current_value")
        assert value is not None
        if value < 0:
            raise ValidationError({"current_value": "The measured value cannot be negative."})
        goal.current_value = value
        goal.progress = min(100, int(value * 100 / goal.target_value))
    elif progress is not None:
        if isinstance(progress, bool) or not isinstance(progress, int) or not 0 <= progress <= 100:
            raise ValidationError({"progress": "Progress is a percentage from 0 to 100."})
        goal.progress = progress
    else:
        raise ValidationError("Give the progress or the measured value.")
    now = timezone.now()
    reached = goal.progress >= 100 or (
        goal.target_value is not None
        and goal.current_value is not None
        and goal.current_value >= goal.target_value
    )
    goal.met_at = (goal.met_at or now) if reached else None
    goal.updated_at = now
    goal.save()
    touch(relationship)
    if (
        reached
        and relationship.is_coaching
        and relationship.stage == Stage.CULTIVATION
        and all_goals_met(relationship=relationship)
    ):
        for person in (relationship.mentor, relationship.mentee):
            notify(
                recipient=person,
                kind="goal.all_met",
                title="Every coaching goal is met: time to consider separation",
                url=relationship_url(relationship, "separation/"),
                important=True,
            )
    return goal


@transaction.atomic
def milestone_set_done(*, milestone: Milestone, by: User, done: bool) -> Milestone:
    """Tick (or untick) a milestone of a goal."""
    relationship = lock(milestone.goal.relationship)
    require_relationship(relationship=relationship, user=by, to="work")
    require_stage(relationship, WORKING_STAGES, "Updating a milestone")
    milestone.done_at = (milestone.done_at or timezone.now()) if done else None
    milestone.save(update_fields=["done_at"])
    touch(relationship)
    return milestone


@transaction.atomic
def milestone_add(
    *, goal: Goal, by: User, title: str, due_on: datetime.date | None = None
) -> Milestone:
    """Add a milestone to a goal."""
    relationship = lock(goal.relationship)
    require_relationship(relationship=relationship, user=by, to="work")
    require_stage(relationship, WORKING_STAGES, "Adding a milestone")
    milestone = Milestone.objects.create(
        goal=goal,
        title=line_of(Milestone, "title", title, label="The milestone"),
        due_on=due_on,
    )
    touch(relationship)
    return milestone


# ---------------------------------------------------------------------------------------------
# Questions and lessons


@transaction.atomic
def question_ask(
    *, relationship: Relationship, by: User, text: str, meeting: Meeting | None = None
) -> Question:
    """Mentoring: the mentee asks. Coaching: the coach prepares a session's question."""
    locked = lock(relationship)
    require_relationship(relationship=locked, user=by, to="work")
    require_stage(locked, WORKING_STAGES, "Asking a question")
    require_relationship(relationship=locked, user=by, to="ask")
    if meeting is not None and meeting.relationship_id != locked.pk:
        raise ValidationError({"meeting": "That meeting belongs to another relationship."})
    question = Question.objects.create(
        relationship=locked,
        asked_by=by,
        text=text_of(Question, "text", text, label="The question"),
        meeting=meeting,
    )
    touch(locked)
    notify_other(
        locked,
        by=by,
        kind="question.asked",
        title=f"{by.display_name} asked: {question.text}"[:200],
        url=reverse("relationships:question", args=[locked.pk, question.pk]),
    )
    return question


@transaction.atomic
def question_reply(*, question: Question, by: User, text: str) -> Reply:
    """Answer in a question's thread; in coaching the coach records the coachee's answer."""
    relationship = lock(question.relationship)
    require_relationship(relationship=relationship, user=by, to="work")
    require_stage(relationship, WORKING_STAGES, "Answering a question")
    require_relationship(relationship=relationship, user=by, to="reply")
    reply = Reply.objects.create(
        question=question, author=by, text=text_of(Reply, "text", text, label="The answer")
    )
    touch(relationship)
    notify_other(
        relationship,
        by=by,
        kind="question.answered",
        title=f"{by.display_name} replied to: {question.text}"[:200],
        url=reverse("relationships:question", args=[relationship.pk, question.pk]),
    )
    return reply


@transaction.atomic
def lesson_record(
    *, relationship: Relationship, by: User, text: str, goal: Goal | None = None
) -> Lesson:
    """The mentor records a lesson shared; the mentee a skill practised (maybe for a goal)."""
    locked = lock(relationship)
    roles = require_relationship(relationship=locked, user=by, to="work")
    require_stage(locked, WORKING_STAGES, "Recording a lesson")
    if goal is not None and goal.relationship_id != locked.pk:
        raise ValidationError({"goal": "That goal belongs to another relationship."})
    lesson = Lesson.objects.create(
        relationship=locked,
        author=by,
        kind=Lesson.Kind.LESSON_SHARED if MENTOR in roles else Lesson.Kind.SKILL_PRACTISED,
        text=text_of(Lesson, "text", text, label="The lesson"),
        goal=goal,
    )
    touch(locked)
    return lesson


# ---------------------------------------------------------------------------------------------
# Shared links and files


def _download_name(name: str) -> str:
    """The uploaded file's own name, kept for the download (the stored name is random)."""
    printable = "".join(c for c in PurePath(name).name if c.isprintable() and c not in "/\\")
    return printable.strip()[: Resource._meta.get_field("original_name").max_length] or "file"


@transaction.atomic
def resource_add(
    *,
    relationship: Relationship,
    by: User,
    title: str,
    url: str = "",
    file: UploadedFile[Any] | None = None,
) -> Resource:
    """Share a link or a file (of an allowed type, at most 10 MB).

    A file is stored under a random name (see `Resource.file`) and only ever served by the
    download view, to the two people.
    """
    locked = lock(relationship)
    require_relationship(relationship=locked, user=by, to="work")
    require_stage(locked, WORKING_STAGES, "Sharing a resource")
    title = line_of(Resource, "title", title, label="The title")
    url = line_of(Resource, "url", url, label="The link", required=False)
    if bool(url) == bool(file):
        raise ValidationError("Share either a link or a file.")
    if url and not url.lower().startswith(("https://", "http://")):
        raise ValidationError({"url": "A link starts with https:// or http://."})
    size = 0
    original_name = ""
    if file is not None:
        original_name = _download_name(file.name or "file")
        extension = PurePath(original_name).suffix.lower().lstrip(".")
        if extension not in RESOURCE_EXTENSIONS:
            raise ValidationError(
                {
                    "file": f"Files of type .{extension or '?'} cannot be shared; allowed: "
                    + ", ".join(sorted(RESOURCE_EXTENSIONS))
                    + "."
                }
            )
        size = file.size or 0
        if size > RESOURCE_MAX_BYTES:
            raise ValidationError({"file": "A shared file is at most 10 MB."})
    resource = Resource(
        relationship=locked,
        added_by=by,
        title=title,
        url=url,
        size=size,
        original_name=original_name,
    )
    if file is not None:
        resource.file.save(original_name, file, save=False)
    resource.save()
    touch(locked)
    notify_other(
        locked,
        by=by,
        kind="resource.shared",
        title=f"{by.display_name} shared {title}"[:200],
        url=relationship_url(locked, "#resources"),
    )
    return resource
