"""Builders for survey tests: built-in surveys sent to the people of a relationship, answered
through the service, and participants enrolled in one role."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.utils import timezone

from mentora.accounts.models import User
from mentora.programs.models import Enrollment, Program
from mentora.programs.services import enrollment_submit
from mentora.relationships.models import Relationship
from mentora.surveys.models import Instrument, Occasion, Response, Survey
from mentora.surveys.services import response_submit
from mentora.testing import make_person


def builtin(key: str) -> Instrument:
    """A built-in instrument by its key."""
    return Instrument.objects.get(key=key, program__isnull=True)


def send(
    *,
    relationship: Relationship,
    person: User,
    key: str,
    occasion: str = Occasion.CHECK_IN,
    occasion_key: str = "",
    at: datetime.datetime | None = None,
) -> Survey:
    """A built-in survey sent to one of the two people of a relationship."""
    instrument = builtin(key)
    at = at or timezone.now()
    return Survey.objects.create(
        program=relationship.program,
        instrument=instrument,
        version=instrument.current_version(),
        respondent=person,
        role="mentor" if person.pk == relationship.mentor_id else "mentee",
        relationship=relationship,
        stage=relationship.stage,
        occasion=occasion,
        occasion_key=occasion_key or f"{occasion}:{at.isoformat()}",
        created_at=at,
        due_at=at + datetime.timedelta(days=14),
    )


def answer(survey: Survey, values: Mapping[str, object]) -> Response:
    """The survey answered by its respondent through the service."""
    return response_submit(survey=survey, by=survey.respondent, answers=values)


def enrolled(program: Program, email: str, name: str, role: str) -> User:
    """A new person with an active enrollment in the program in one role."""
    user = make_person(email, name)
    enrollment_submit(
        program=program,
        user=user,
        role=role,
        answers={},
        **(
            {"mentor_offer": {"capacity": 5, "motivation": "Helping."}}
            if role == Enrollment.Role.MENTOR
            else {"mentee_needs": {"career_goals": ["Grow"]}}
        ),
    )
    return user


CHECK_IN_ANSWERS = {
    "quality": 4,
    "rhythm": "about_right",
    "honest_feedback": 5,
    "makes_time": 4,
    "comment": "Going well.",
}
