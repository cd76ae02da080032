"""A mentor's pause: out of recommendations and match runs for a while (a holiday, say)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mentora.finding.access import AVAILABILITY, availability_roles
from mentora.lib.text import clean_line
from mentora.profiles.models import MentorOffer
from mentora.programs.models import Enrollment, Program

if TYPE_CHECKING:
    from mentora.accounts.models import User

# The pause note is stored on the mentor's offer (profiles), one line of at most this length.
PAUSE_NOTE_MAX = MentorOffer._meta.get_field("pause_note").max_length or 200


def _mentor_offer_locked(*, program: Program, mentor: User) -> MentorOffer:
    """The mentor's own offer in the program, locked; PermissionDenied for anyone else."""
    enrollment = (
        Enrollment.objects.select_for_update(of=("self",))
        .select_related("program")
        .filter(program=program, user=mentor, role=Enrollment.Role.MENTOR)
        .first()
    )
    roles = (
        availability_roles(enrollment=enrollment, user=mentor)
        if enrollment is not None
        else frozenset()
    )
    AVAILABILITY.require(roles, "pause")
    assert enrollment is not None
    offer, _ = MentorOffer.objects.select_for_update().get_or_create(
        enrollment=enrollment, defaults={"capacity": program.default_mentor_capacity}
    )
    return offer


@transaction.atomic
def mentor_pause(
    *,
    program: Program,
    mentor: User,
    until: datetime.date | None = None,
    note: str = "",
    now: datetime.datetime | None = None,
) -> MentorOffer:
    """A mentor takes a break: out of recommendations and match runs until they resume.

    Requests already waiting stay answerable. With `until`, the daily job resumes them after it.
    Only the mentor themself pauses, in a program that is not closed.
    """
    moment = now or timezone.now()
    note = clean_line(note, field="note", label="The note", required=False, limit=PAUSE_NOTE_MAX)
    if until is not None and until < timezone.localdate(moment):
        raise ValidationError({"until": f"{until:%d %B %Y} is in the past; choose a later day."})
    offer = _mentor_offer_locked(program=program, mentor=mentor)
    offer.paused_at = offer.paused_at or moment
    offer.paused_until = until
    offer.pause_note = note
    offer.save(update_fields=["paused_at", "paused_until", "pause_note"])
    return offer


@transaction.atomic
def mentor_resume(*, program: Program, mentor: User) -> MentorOffer:
    """A mentor is available again: back in recommendations and match runs."""
    offer = _mentor_offer_locked(program=program, mentor=mentor)
    offer.paused_at = None
    offer.paused_until = None
    offer.pause_note = ""
    offer.save(update_fields=["paused_at", "paused_until", "pause_note"])
    return offer


def mentors_resume_after_pause(*, today: datetime.date) -> int:
    """Resume every mentor whose pause ended before today; returns how many."""
    ended = MentorOffer.objects.filter(paused_at__isnull=False, paused_until__lt=today)
    return ended.update(paused_at=None, paused_until=None, pause_note="")
