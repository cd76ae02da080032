"""What the relationship services share: the stages in which the pair works, text cleaning within
each model field's limit, and small helpers (the row lock, activity, links, notifying the other
person)."""

from __future__ import annotations

import datetime
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db.models import Field, Model
from django.urls import reverse
from django.utils import timezone

from mentora.lib.text import clean_line, clean_text
from mentora.notifications.services import notify
from mentora.relationships.models import Relationship, Stage

if TYPE_CHECKING:
    from mentora.accounts.models import User

# Stages in which the pair works on shared content (meetings, goals, questions, lessons…).
WORKING_STAGES = frozenset({Stage.INITIATION, Stage.CULTIVATION, Stage.SEPARATION})
# Stages in which the mentee may write (or rewrite) their thank-you.
ACKNOWLEDGMENT_STAGES = frozenset({Stage.SEPARATION, Stage.REDEFINITION, Stage.ENDED})


def stage_label(stage: str) -> str:
    return str(Stage(stage).label) if stage in Stage.values else stage


def require_stage(relationship: Relationship, stages: Collection[str], what: str) -> None:
    """A ValidationError naming the stages in which `what` is possible, when this is not one."""
    if relationship.stage not in stages:
        allowed = ", ".join(stage_label(s).lower() for s in Stage.values if s in stages)
        raise ValidationError(
            f"{what} is possible in {allowed}; this relationship is in "
            f"{stage_label(relationship.stage).lower()}."
        )


def limit_of(model: type[Model], name: str) -> int:
    """The model field's max_length: the one limit the form, the serializer and the service use."""
    field = model._meta.get_field(name)
    if not isinstance(field, Field) or field.max_length is None:
        raise ValueError(f"{model.__name__}.{name} has no max_length.")
    return field.max_length


def text_of(
    model: type[Model],
    name: str,
    value: object,
    *,
    label: str,
    required: bool = True,
    field: str | None = None,
) -> str:
    """Free text for `model.name`: trimmed, within its limit, no NUL (errors on `field`)."""
    return clean_text(
        value, field=field or name, label=label, limit=limit_of(model, name), required=required
    )


def line_of(
    model: type[Model],
    name: str,
    value: object,
    *,
    label: str,
    required: bool = True,
    field: str | None = None,
) -> str:
    """One line for `model.name` (a title, a place): like `text_of`, and no line breaks."""
    return clean_line(
        value, field=field or name, label=label, limit=limit_of(model, name), required=required
    )


def relationship_url(relationship: Relationship, suffix: str = "") -> str:
    return reverse("relationships:detail", args=[relationship.pk]) + suffix


def notify_other(relationship: Relationship, *, by: User, **kwargs: Any) -> None:
    """Notify the other of the two people about what `by` did."""
    notify(recipient=relationship.other_party(by), **kwargs)


def touch(relationship: Relationship, *, now: datetime.datetime | None = None) -> None:
    """Record activity (a meeting, note, question, goal update…) for the health check."""
    moment = now or timezone.now()
    Relationship.objects.filter(pk=relationship.pk).update(last_activity_at=moment)
    relationship.last_activity_at = moment


def lock(relationship: Relationship) -> Relationship:
    """The relationship's row, locked until the transaction ends, with its state re-read.

    Every service that writes what depends on the stage takes this lock first (then the rows it
    writes), so concurrent writers queue in one order instead of deadlocking or reading a stage
    that is about to change.
    """
    return (
        Relationship.objects.select_for_update(of=("self",))
        .select_related("program", "mentor__profile", "mentee__profile")
        .get(pk=relationship.pk)
    )
