"""The relationship lifecycle: every stage move, who may make it and what must already be true.

`relationship_advance` (services/relationship.py) is the only writer of a relationship's stage:
it locks the row, computes the actor's roles (`access.relationship_roles`; a job acts as
`SYSTEM`), asks `LIFECYCLE.check`, saves and records one `RelationshipEvent`. The mutual steps
are gated: cultivation begins only inside `agreement_confirm`, separation only inside
`separation_confirm` or `separation_decide`, redefinition only inside `redefinition_set`, and
their guards read the locked relationship's rows, so no door (`/advance/`, a page, the admin, a
command, a job) can skip them. The generic door `/advance/` reaches only the plain moves, and the
pages and the API offer only what `LIFECYCLE.available(...)` returns.

| from | to | who | only through | what must be true |
| --- | --- | --- | --- | --- |
| awaiting acceptance | initiation | mentor | any door | - |
| awaiting acceptance | ended | mentor, mentee, manager, system | any door | a reason |
| initiation | cultivation | mentor, mentee | agreement_confirm | goals; both confirmed |
| initiation | ended | mentor, mentee, manager, system | any door | a reason |
| cultivation | initiation | mentor, mentee | any door | - |
| cultivation | separation | mentor, mentee, manager | separation_resolve | agreed or decided |
| cultivation | ended | mentor, mentee, manager, system | any door | a reason |
| separation | redefinition | mentor, mentee | redefinition_set | new terms exist |
| separation | ended | mentor, mentee, manager, system | any door | a reason |
| redefinition | ended | mentor, mentee, manager, system | any door | a reason |
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from mentora.lib.lifecycle import SYSTEM, Attempt, Guard, Lifecycle, Move
from mentora.relationships.access import MANAGER, MENTEE, MENTOR
from mentora.relationships.models import (
    Agreement,
    RedefinitionTerms,
    Relationship,
    SeparationProposal,
    Stage,
)

# The gated moves' actions: the services that alone make them.
AGREEMENT_CONFIRM = "agreement_confirm"
# Both separation services resolve a proposal: the other side confirms it, or a manager decides.
SEPARATION_RESOLVE = "separation_resolve"
REDEFINITION_SET = "redefinition_set"

PARTIES = frozenset({MENTOR, MENTEE})
# Who may end a relationship early: either person, a manager, or a job (with a reason).
ENDERS = frozenset({MENTOR, MENTEE, MANAGER, SYSTEM})


@dataclass(frozen=True)
class StageMove(Move[Relationship]):
    """A move of the relationship table; `reason_required` moves need a note saying why.

    The reason is input, not a fact about the relationship, so it is not a guard: a guard must
    hold before anyone types anything, for `available` to offer the move.
    """

    reason_required: bool = False


def reason_required(move: Move[Relationship]) -> bool:
    return isinstance(move, StageMove) and move.reason_required


def _agreement(attempt: Attempt[Relationship]) -> Agreement | None:
    return Agreement.objects.filter(relationship_id=attempt.obj.pk).first()


def _agreement_has_goals(attempt: Attempt[Relationship]) -> bool:
    agreement = _agreement(attempt)
    return agreement is not None and bool(agreement.goals.strip())


def _agreement_confirmed_by_both(attempt: Attempt[Relationship]) -> bool:
    # Every change of the agreement clears both confirmations (agreement_save), so two
    # confirmations are always of the current version.
    agreement = _agreement(attempt)
    return agreement is not None and agreement.confirmed_by_both


def _separation_agreed(attempt: Attempt[Relationship]) -> bool:
    """A proposal the other side confirmed, or one a manager decided after the notice period."""
    relationship = attempt.obj
    notice = datetime.timedelta(days=relationship.separation_notice_days)
    parties = {relationship.mentor_id, relationship.mentee_id}
    for proposal in SeparationProposal.objects.filter(
        relationship_id=relationship.pk,
        status__in=[SeparationProposal.Status.CONFIRMED, SeparationProposal.Status.DECIDED],
        resolved_at__isnull=False,
    ):
        assert proposal.resolved_at is not None
        if proposal.status == SeparationProposal.Status.CONFIRMED:
            if proposal.resolved_by_id in parties - {proposal.proposed_by_id}:
                return True
        elif proposal.resolved_at >= proposal.created_at + notice:
            return True
    return False


def _terms_set(attempt: Attempt[Relationship]) -> bool:
    return RedefinitionTerms.objects.filter(relationship_id=attempt.obj.pk).exists()


LIFECYCLE = Lifecycle[Relationship](
    noun="relationship",
    labels={stage.value: str(stage.label) for stage in Stage},
    state_of=lambda relationship: relationship.stage,
    final=[Stage.ENDED],
    moves=[
        StageMove(
            source=Stage.PENDING_ACCEPTANCE,
            target=Stage.INITIATION,
            by=frozenset({MENTOR}),
            description="The mentor accepts.",
            refusal="Only the mentor asked can accept.",
        ),
        StageMove(
            source=Stage.PENDING_ACCEPTANCE,
            target=Stage.ENDED,
            by=ENDERS,
            description="The mentor declines, the mentee withdraws, or a manager ends it.",
            refusal="Only the two people or the program's managers can end a relationship.",
            reason_required=True,
        ),
        StageMove(
            source=Stage.INITIATION,
            target=Stage.CULTIVATION,
            by=PARTIES,
            action=AGREEMENT_CONFIRM,
            guards=(
                Guard(
                    _agreement_has_goals,
                    "Write at least the goals of the agreement before confirming it.",
                ),
                Guard(
                    _agreement_confirmed_by_both,
                    "Both people confirm the current version of the agreement.",
                ),
            ),
            description="Cultivation begins when both people confirm the agreement.",
            refusal="Only the two people confirm their agreement.",
        ),
        StageMove(
            source=Stage.INITIATION,
            target=Stage.ENDED,
            by=ENDERS,
            refusal="Only the two people or the program's managers can end a relationship.",
            reason_required=True,
        ),
        StageMove(
            source=Stage.CULTIVATION,
            target=Stage.INITIATION,
            by=PARTIES,
            description="Back to initiation, to revisit the agreement together.",
            refusal="Only the two people can go back to initiation.",
        ),
        StageMove(
            source=Stage.CULTIVATION,
            target=Stage.SEPARATION,
            by=frozenset({MENTOR, MENTEE, MANAGER}),
            action=SEPARATION_RESOLVE,
            guards=(
                Guard(
                    _separation_agreed,
                    "Separation is mutual: the other side confirms a proposal, or a manager "
                    "decides one left unanswered past the notice period.",
                ),
            ),
            description="Separation is mutual: one side proposes it and the other confirms, or "
            "a manager decides a proposal left unanswered past the notice period.",
            refusal="Only the two people or the program's managers can agree to separate.",
        ),
        StageMove(
            source=Stage.CULTIVATION,
            target=Stage.ENDED,
            by=ENDERS,
            refusal="Only the two people or the program's managers can end a relationship.",
            reason_required=True,
        ),
        StageMove(
            source=Stage.SEPARATION,
            target=Stage.REDEFINITION,
            by=PARTIES,
            action=REDEFINITION_SET,
            guards=(Guard(_terms_set, "Set your new terms first."),),
            description="Redefinition begins when the two set their new terms.",
            refusal="Only the two people set their new terms.",
        ),
        StageMove(
            source=Stage.SEPARATION,
            target=Stage.ENDED,
            by=ENDERS,
            refusal="Only the two people or the program's managers can end a relationship.",
            reason_required=True,
        ),
        StageMove(
            source=Stage.REDEFINITION,
            target=Stage.ENDED,
            by=ENDERS,
            refusal="Only the two people or the program's managers can end a relationship.",
            reason_required=True,
        ),
    ],
)


def not_in_table(source: str, target: str) -> str:
    """Why a move that is not in the table cannot happen, and which moves can."""
    targets = sorted(LIFECYCLE.label(t).lower() for t in LIFECYCLE.targets_from(source))
    return (
        f"A relationship in {LIFECYCLE.label(source).lower()} cannot move to "
        f"{LIFECYCLE.label(target).lower()}"
        + (f"; it can move to {', '.join(targets)}." if targets else "; it has ended.")
    )
