"""Initiation: getting acquainted, and the agreement both people confirm to enter cultivation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mentora.lib.wording import MENTOR
from mentora.profiles.choices import Cadence, FocusArea
from mentora.relationships.access import require_relationship
from mentora.relationships.lifecycle import AGREEMENT_CONFIRM
from mentora.relationships.models import Agreement, Relationship, Stage
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
from mentora.relationships.services.relationship import relationship_advance

if TYPE_CHECKING:
    from mentora.accounts.models import User

AGREEMENT_FIELDS = (
    "goals",
    "focus_areas",
    "meeting_cadence",
    "channel",
    "confidentiality",
    "expected_duration_weeks",
    "feedback",
    "ending",
)
AGREEMENT_STAGES = frozenset({Stage.INITIATION, Stage.CULTIVATION})


@transaction.atomic
def acquaintance_update(
    *, relationship: Relationship, by: User, career_goals: str, why_this_mentor: str
) -> Relationship:
    """The mentee records their career goals and why they chose this mentor."""
    locked = lock(relationship)
    require_relationship(relationship=locked, user=by, to="write_acquaintance")
    require_stage(locked, WORKING_STAGES, "Getting acquainted")
    relationship.career_goals = text_of(
        Relationship, "career_goals", career_goals, label="Career goals", required=False
    )
    relationship.why_this_mentor = text_of(
        Relationship, "why_this_mentor", why_this_mentor, label="Why this mentor", required=False
    )
    relationship.save(update_fields=["career_goals", "why_this_mentor"])
    touch(relationship)
    return relationship


def _agreement_value(name: str, value: Any) -> Any:
    """One agreement field's value, checked (a ValidationError on the field otherwise)."""
    if name == "focus_areas":
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise ValidationError({"focus_areas": "Focus areas are a list of names."})
        bad = [v for v in value if v not in FocusArea.values]
        if bad:
            raise ValidationError({"focus_areas": f"Unknown focus areas: {', '.join(bad)}."})
        return list(value)
    if name == "meeting_cadence":
        if value not in Cadence.values:
            raise ValidationError({"meeting_cadence": f"Unknown cadence {value!r}."})
        return value
    if name == "expected_duration_weeks":
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 260:
            raise ValidationError(
                {"expected_duration_weeks": "The expected duration is 1 to 260 weeks."}
            )
        return value
    label = name.replace("_", " ").capitalize()
    if name == "channel":
        return line_of(Agreement, name, value, label=label, required=False)
    return text_of(Agreement, name, value, label=label, required=False)


@transaction.atomic
def agreement_save(*, relationship: Relationship, by: User, **fields: Any) -> Agreement:
    """Write the agreement; any change clears both confirmations, so both confirm again."""
    locked = lock(relationship)
    require_relationship(relationship=locked, user=by, to="work")
    require_stage(locked, AGREEMENT_STAGES, "Changing the agreement")
    unknown = set(fields) - set(AGREEMENT_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown agreement fields: {', '.join(sorted(unknown))}.")
    agreement = Agreement.objects.select_for_update().get(relationship=locked)
    changed = False
    for name, value in fields.items():
        value = _agreement_value(name, value if name != "focus_areas" else value or [])
        if getattr(agreement, name) != value:
            setattr(agreement, name, value)
            changed = True
    if changed:
        had_confirmations = bool(agreement.mentor_confirmed_at or agreement.mentee_confirmed_at)
        agreement.mentor_confirmed_at = None
        agreement.mentee_confirmed_at = None
        agreement.version += 1
        agreement.updated_at = timezone.now()
        agreement.updated_by = by
        agreement.save()
        touch(locked)
        notify_other(
            locked,
            by=by,
            kind="agreement.changed",
            title=f"{by.display_name} changed your agreement"
            + ("; please confirm it again" if had_confirmations else ""),
            url=relationship_url(locked, "agreement/"),
        )
    return agreement


@transaction.atomic
def agreement_confirm(*, relationship: Relationship, by: User) -> Agreement:
    """Confirm the agreement; when the second person confirms, initiation becomes cultivation.

    The relationship's row is locked first, then the agreement's, so two confirmations at the
    same instant queue: the second one sees the first and makes the one move to cultivation.
    """
    locked = lock(relationship)
    roles = require_relationship(relationship=locked, user=by, to="work")
    require_stage(locked, AGREEMENT_STAGES, "Confirming the agreement")
    agreement = Agreement.objects.select_for_update().get(relationship=locked)
    if not agreement.goals.strip():
        raise ValidationError("Write at least the goals of the agreement before confirming it.")
    now = timezone.now()
    if MENTOR in roles:
        agreement.mentor_confirmed_at = agreement.mentor_confirmed_at or now
    else:
        agreement.mentee_confirmed_at = agreement.mentee_confirmed_at or now
    agreement.save(update_fields=["mentor_confirmed_at", "mentee_confirmed_at"])
    touch(locked)
    if agreement.confirmed_by_both:
        if locked.stage == Stage.INITIATION:
            relationship_advance(
                relationship=relationship,
                to_stage=Stage.CULTIVATION,
                by=by,
                note="Both confirmed the agreement.",
                action=AGREEMENT_CONFIRM,
            )
    else:
        notify_other(
            locked,
            by=by,
            kind="agreement.confirmed",
            title=f"{by.display_name} confirmed your agreement; your confirmation is next",
            url=relationship_url(locked, "agreement/"),
        )
    return agreement
