"""What a mentee keeps while choosing a mentor: bookmarks and a private checklist.

Both are for a mentee who may look for mentors in the program (`access.MENTOR_PAGE`), about an
active mentor of it; the checklist and its note are their author's alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mentora.finding.access import MENTOR_PAGE, mentor_page_roles
from mentora.finding.models import (
    CHOICE_QUESTIONS,
    NOTE_MAX,
    Bookmark,
    ChecklistAnswer,
    MentorConsideration,
)
from mentora.lib.text import clean_text
from mentora.programs.models import Enrollment, Program

if TYPE_CHECKING:
    from mentora.accounts.models import User


def _require_mentor_page(*, program: Program, mentee: User, mentor: User, to: str) -> None:
    """PermissionDenied unless `mentee` may `to` on the page of `mentor`, an active mentor."""
    enrollment = (
        Enrollment.objects.select_related("program")
        .filter(
            program=program,
            user=mentor,
            role=Enrollment.Role.MENTOR,
            status=Enrollment.Status.ACTIVE,
        )
        .first()
    )
    roles = (
        mentor_page_roles(mentor=enrollment, user=mentee) if enrollment is not None else frozenset()
    )
    MENTOR_PAGE.require(roles, to)


@transaction.atomic
def bookmark_set(*, program: Program, mentee: User, mentor: User, on: bool) -> bool:
    """Keep (or forget) a mentor for later; returns whether the mentor is now bookmarked.

    Forgetting is always allowed (it is the mentee's own list); keeping needs a mentor the
    mentee may ask.
    """
    if not on:
        Bookmark.objects.filter(program=program, mentee=mentee, mentor=mentor).delete()
        return False
    _require_mentor_page(program=program, mentee=mentee, mentor=mentor, to="bookmark")
    Bookmark.objects.get_or_create(program=program, mentee=mentee, mentor=mentor)
    return True


@transaction.atomic
def consideration_update(
    *,
    program: Program,
    mentee: User,
    mentor: User,
    answers: dict[str, str],
    note: str,
) -> MentorConsideration:
    """Save a mentee's private checklist answers and note about one mentor (theirs alone)."""
    _require_mentor_page(program=program, mentee=mentee, mentor=mentor, to="consider")
    known = {name for name, _ in CHOICE_QUESTIONS}
    unknown = sorted(set(answers) - known)
    if unknown:
        raise ValidationError(
            {"answers": f"Unknown questions {', '.join(unknown)}; use {', '.join(sorted(known))}."}
        )
    for name, value in answers.items():
        if value not in ("", *ChecklistAnswer.values):
            raise ValidationError(
                {name: f"{value!r} is not an answer; use yes, not_sure, no or leave it empty."}
            )
    note = clean_text(note, field="note", label="The note", required=False, limit=NOTE_MAX)
    # Keyed by its author: a mentee only ever writes their own checklist.
    consideration, _ = MentorConsideration.objects.select_for_update().get_or_create(
        program=program, mentee=mentee, mentor=mentor
    )
    for name, value in answers.items():
        setattr(consideration, name, value)
    consideration.note = note
    consideration.updated_at = timezone.now()
    consideration.save()
    return consideration
