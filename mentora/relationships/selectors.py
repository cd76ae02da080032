"""Permission-filtered reads of relationships and what the two people share.

The two people see everything they share. The program's managers may open a relationship but see
only its stage, dates and activity counts. Opening one relationship (or one of its meetings,
goals…) goes through access.py; the lists here agree with its roles: `relationships_for_user`
are those where the person is mentor or mentee, `relationships_managed_by` those where they are a
manager. Private notes are read only through `private_note_for`, which returns the author's own
note and nothing else.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from mentora.lib.wording import MENTEE, MENTOR
from mentora.programs.models import Enrollment
from mentora.programs.selectors import programs_managed_by
from mentora.relationships.models import (
    LIVE_STAGES,
    Acknowledgment,
    Meeting,
    PrivateNote,
    Relationship,
    SeparationProposal,
    Stage,
)

if TYPE_CHECKING:
    from mentora.accounts.models import User


def mentor_capacity(*, enrollment: Enrollment) -> int:
    """How many mentees a mentor takes at once: their offer, or the program's default."""
    offer = getattr(enrollment, "mentor_offer", None)
    return offer.capacity if offer is not None else enrollment.program.default_mentor_capacity


def live_relationship_count(**filters: Any) -> int:
    """How many relationships that count against capacities and limits match the filters."""
    return Relationship.objects.filter(stage__in=LIVE_STAGES, **filters).count()


def relationships_with_people() -> QuerySet[Relationship]:
    """Relationships with their program and both people's profiles (for pages and access)."""
    return Relationship.objects.select_related(
        "program",
        "program__organisation",
        "mentor",
        "mentor__profile",
        "mentee",
        "mentee__profile",
    )


def relationships_for_user(*, user: User) -> QuerySet[Relationship]:
    """The relationships the person is one of the two people of, live ones first."""
    if not user.is_authenticated:
        return Relationship.objects.none()
    return relationships_with_people().filter(Q(mentor=user) | Q(mentee=user))


def relationships_managed_by(*, user: User) -> QuerySet[Relationship]:
    """Relationships of the programs the person manages."""
    if not user.is_authenticated:
        return Relationship.objects.none()
    return relationships_with_people().filter(
        program__in=programs_managed_by(user=user).values("pk")
    )


def get_open_separation_proposal(*, relationship: Relationship) -> SeparationProposal | None:
    return relationship.separation_proposals.filter(status=SeparationProposal.Status.OPEN).first()


def separation_decision_due(
    *, proposal: SeparationProposal, now: datetime.datetime | None = None
) -> bool:
    """True once an open proposal has waited longer than the relationship's notice period."""
    notice = datetime.timedelta(days=proposal.relationship.separation_notice_days)
    return (
        proposal.status == SeparationProposal.Status.OPEN
        and (now or timezone.now()) >= proposal.created_at + notice
    )


def private_note_for(*, meeting: Meeting, user: User) -> PrivateNote | None:
    """The person's own private note on a meeting. Nobody can read another person's note."""
    return PrivateNote.objects.filter(meeting=meeting, author=user).first()


def meetings_of(*, relationship: Relationship) -> QuerySet[Meeting]:
    return relationship.meetings.all()


def next_meeting(
    *, relationship: Relationship, now: datetime.datetime | None = None
) -> Meeting | None:
    return (
        relationship.meetings.filter(
            status=Meeting.Status.SCHEDULED, starts_at__gte=now or timezone.now()
        )
        .order_by("starts_at")
        .first()
    )


def activity_counts(*, relationship: Relationship) -> dict[str, int]:
    """What managers may see of a pair's activity: counts, never content."""
    now = timezone.now()
    meetings = relationship.meetings.aggregate(
        scheduled=Count("pk", filter=Q(status=Meeting.Status.SCHEDULED)),
        held=Count("pk", filter=Q(status=Meeting.Status.SCHEDULED, starts_at__lt=now)),
        cancelled=Count("pk", filter=Q(status=Meeting.Status.CANCELLED)),
    )
    goals = relationship.goals.aggregate(
        total=Count("pk"), met=Count("pk", filter=Q(met_at__isnull=False))
    )
    return {
        "meetings_held": meetings["held"],
        "meetings_upcoming": meetings["scheduled"] - meetings["held"],
        "meetings_cancelled": meetings["cancelled"],
        "goals": goals["total"],
        "goals_met": goals["met"],
        "questions": relationship.questions.count(),
        "lessons": relationship.lessons.count(),
        "resources": relationship.resources.count(),
    }


def all_goals_met(*, relationship: Relationship) -> bool:
    """True when the relationship has goals and every one is met (coaching then suggests
    separation)."""
    goals = list(relationship.goals.values_list("met_at", flat=True))
    return bool(goals) and all(met is not None for met in goals)


@dataclass(frozen=True)
class HomeRelationship:
    relationship: Relationship
    role: str
    other: User
    other_label: str
    next_meeting: Meeting | None


def home_relationships(*, user: User) -> list[HomeRelationship]:
    """The person's live relationships for their home page: the other, stage, next meeting."""
    rows: list[HomeRelationship] = []
    for relationship in (
        relationships_for_user(user=user)
        .exclude(stage=Stage.ENDED)
        .order_by("program__name", "created_at")
    ):
        is_mentor = relationship.mentor_id == user.pk
        rows.append(
            HomeRelationship(
                relationship=relationship,
                role=MENTOR if is_mentor else MENTEE,
                other=relationship.mentee if is_mentor else relationship.mentor,
                other_label=relationship.mentee_label if is_mentor else relationship.mentor_label,
                next_meeting=next_meeting(relationship=relationship),
            )
        )
    return rows


def public_acknowledgments(*, mentor: User) -> QuerySet[Acknowledgment]:
    """Thank-you notes to this mentor that the mentor agreed to show on their profile."""
    return (
        Acknowledgment.objects.filter(relationship__mentor=mentor, made_public_at__isnull=False)
        .select_related("relationship__mentee__profile", "relationship__program")
        .order_by("-made_public_at")
    )
