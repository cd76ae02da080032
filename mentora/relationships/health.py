"""The daily health check: nudges for quiet pairs, alerts for managers, overdue stages,
unanswered separation proposals and check-in reminders after redefinition.

Every signal is recorded as a HealthSignal row whose (relationship, kind, key) is unique, and is
sent in the same transaction that records it: running the check twice sends nothing twice.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from mentora.notifications.services import notify
from mentora.programs.selectors import organisation_managers
from mentora.relationships.models import (
    CHECK_IN_DAYS,
    DEFAULT_INACTIVITY_DAYS,
    INITIATION_MAX_DAYS,
    HealthSignal,
    RedefinitionTerms,
    Relationship,
    SeparationProposal,
    Stage,
)

if TYPE_CHECKING:
    from mentora.accounts.models import User

WATCHED_STAGES = (Stage.INITIATION, Stage.CULTIVATION, Stage.SEPARATION)


def _managers(relationship: Relationship) -> list[User]:
    """The program's managers, to alert them."""
    return [
        row.user for row in organisation_managers(organisation=relationship.program.organisation)
    ]


def _key(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S")


def _signal(
    relationship: Relationship,
    *,
    kind: str,
    key: str,
    recipients: Iterable[User],
    title: str,
    body: str = "",
    url: str,
    important: bool = False,
    now: datetime.datetime,
) -> bool:
    """Send a signal once: False when it was already recorded for this key."""
    people = list(recipients)
    try:
        with transaction.atomic():
            HealthSignal.objects.create(
                relationship=relationship, kind=kind, key=key, sent_at=now, recipients=len(people)
            )
            for person in people:
                notify(
                    recipient=person,
                    kind=f"health.{kind}",
                    title=title[:200],
                    body=body,
                    url=url,
                    important=important,
                )
    except IntegrityError:
        return False
    return True


def relationships_health_check(
    *, now: datetime.datetime | None = None, inactivity_days: int | None = None
) -> dict[str, int]:
    """Run every health rule once; returns how many signals of each kind were sent now.

    The inactivity period is each program's own (`Program.inactivity_days`) unless
    `inactivity_days` overrides it for every program.
    """
    if inactivity_days is not None and inactivity_days < 1:
        raise ValueError("The inactivity period is at least one day.")
    now = now or timezone.now()
    sent = dict.fromkeys(HealthSignal.Kind.values, 0)
    relationships = Relationship.objects.filter(stage__in=WATCHED_STAGES).select_related(
        "program", "mentor__profile", "mentee__profile"
    )
    for relationship in relationships.iterator(chunk_size=500):
        url = reverse("relationships:detail", args=[relationship.pk])
        quiet = datetime.timedelta(
            days=inactivity_days or relationship.program.inactivity_days or DEFAULT_INACTIVITY_DAYS
        )
        idle = now - relationship.last_activity_at
        pair = f"{relationship.mentor.display_name} and {relationship.mentee.display_name}"
        activity_key = _key(relationship.last_activity_at)
        if idle >= quiet and _signal(
            relationship,
            kind=HealthSignal.Kind.NUDGE,
            key=activity_key,
            recipients=[relationship.mentor, relationship.mentee],
            title=f"Nothing has happened in your relationship for {idle.days} days",
            body="A short meeting or a question keeps it going.",
            url=url,
            now=now,
        ):
            sent[HealthSignal.Kind.NUDGE] += 1
        if idle >= 2 * quiet and _signal(
            relationship,
            kind=HealthSignal.Kind.MANAGER_ALERT,
            key=activity_key,
            recipients=_managers(relationship),
            title=f"{pair} have been quiet for {idle.days} days",
            body=f"In {relationship.program}.",
            url=url,
            important=True,
            now=now,
        ):
            sent[HealthSignal.Kind.MANAGER_ALERT] += 1
        held = now - relationship.stage_changed_at
        if (
            relationship.stage == Stage.INITIATION
            and held >= datetime.timedelta(days=INITIATION_MAX_DAYS)
            and _signal(
                relationship,
                kind=HealthSignal.Kind.INITIATION_OVERDUE,
                key=_key(relationship.stage_changed_at),
                recipients=[relationship.mentor, relationship.mentee, *_managers(relationship)],
                title=f"{pair} have been in initiation for {held.days} days",
                body="Confirming the agreement moves the pair to cultivation.",
                url=url,
                now=now,
            )
        ):
            sent[HealthSignal.Kind.INITIATION_OVERDUE] += 1
    sent[HealthSignal.Kind.SEPARATION_UNANSWERED] = _unanswered_separations(now=now)
    sent[HealthSignal.Kind.CHECK_IN] = _check_in_reminders(now=now)
    return sent


def _unanswered_separations(*, now: datetime.datetime) -> int:
    count = 0
    proposals = SeparationProposal.objects.filter(
        status=SeparationProposal.Status.OPEN
    ).select_related("relationship__program", "relationship__mentor", "relationship__mentee")
    for proposal in proposals:
        relationship = proposal.relationship
        if now < proposal.created_at + datetime.timedelta(days=relationship.separation_notice_days):
            continue
        if _signal(
            relationship,
            kind=HealthSignal.Kind.SEPARATION_UNANSWERED,
            key=str(proposal.pk),
            recipients=_managers(relationship),
            title=f"Please decide: {relationship.mentor.display_name} and "
            f"{relationship.mentee.display_name} have an unanswered separation proposal",
            url=reverse("relationships:separation", args=[relationship.pk]),
            important=True,
            now=now,
        ):
            SeparationProposal.objects.filter(pk=proposal.pk).update(escalated_at=now)
            count += 1
    return count


def _check_in_reminders(*, now: datetime.datetime) -> int:
    count = 0
    terms_list = (
        RedefinitionTerms.objects.filter(relationship__stage=Stage.REDEFINITION)
        .exclude(check_in_frequency=RedefinitionTerms.CheckIn.NONE)
        .select_related("relationship__mentor", "relationship__mentee")
    )
    for terms in terms_list:
        days = CHECK_IN_DAYS.get(terms.check_in_frequency)
        if not days:
            continue
        period = (now - terms.updated_at).days // days
        if period < 1:
            continue
        relationship = terms.relationship
        if _signal(
            relationship,
            kind=HealthSignal.Kind.CHECK_IN,
            key=f"{_key(terms.updated_at)}#{period}",
            recipients=[relationship.mentor, relationship.mentee],
            title="Time for your check-in, as you agreed",
            body=terms.get_check_in_frequency_display(),
            url=reverse("relationships:detail", args=[relationship.pk]),
            now=now,
        ):
            count += 1
    return count
