"""Closing: separation (mutual, or decided by a manager once a proposal went unanswered), the
closing reflections, the new terms of redefinition and the mentee's acknowledgment."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mentora.notifications.services import notify
from mentora.relationships.access import require_relationship
from mentora.relationships.lifecycle import REDEFINITION_SET, SEPARATION_RESOLVE
from mentora.relationships.models import (
    Acknowledgment,
    ClosingReflection,
    RedefinitionTerms,
    Relationship,
    SeparationProposal,
    Stage,
)
from mentora.relationships.selectors import separation_decision_due
from mentora.relationships.services.common import (
    ACKNOWLEDGMENT_STAGES,
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

CLOSING_STAGES = frozenset({Stage.SEPARATION, Stage.REDEFINITION})


@transaction.atomic
def separation_propose(
    *, relationship: Relationship, by: User, reflection: str
) -> SeparationProposal:
    """One side proposes to separate, with a reflection; the other confirms."""
    locked = lock(relationship)
    require_relationship(relationship=locked, user=by, to="work")
    require_stage(locked, {Stage.CULTIVATION}, "Proposing separation")
    if locked.separation_proposals.filter(status=SeparationProposal.Status.OPEN).exists():
        raise ValidationError("A separation proposal is already waiting for an answer.")
    proposal = SeparationProposal.objects.create(
        relationship=locked,
        proposed_by=by,
        reflection=text_of(SeparationProposal, "reflection", reflection, label="Your reflection"),
    )
    touch(locked)
    notify_other(
        locked,
        by=by,
        kind="separation.proposed",
        title=f"{by.display_name} proposes to move to separation",
        body=f"Please answer within {locked.separation_notice_days} days.",
        url=relationship_url(locked, "separation/"),
        important=True,
    )
    return proposal


def _resolve(proposal: SeparationProposal, *, by: User, status: str) -> SeparationProposal:
    proposal.status = status
    proposal.resolved_at = timezone.now()
    proposal.resolved_by = by
    proposal.save(update_fields=["status", "resolved_at", "resolved_by"])
    return proposal


def _open_proposal(proposal: SeparationProposal) -> SeparationProposal:
    """The proposal's row, locked (after the relationship's), if it still waits for an answer."""
    locked = SeparationProposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status != SeparationProposal.Status.OPEN:
        raise ValidationError("This separation proposal has already been answered.")
    return locked


@transaction.atomic
def separation_confirm(*, proposal: SeparationProposal, by: User) -> Relationship:
    """The other side confirms: the relationship enters separation."""
    relationship = lock(proposal.relationship)
    require_relationship(relationship=relationship, user=by, to="work")
    proposal = _open_proposal(proposal)
    if proposal.proposed_by_id == by.pk:
        raise ValidationError("Separation is mutual: the other person confirms your proposal.")
    _resolve(proposal, by=by, status=SeparationProposal.Status.CONFIRMED)
    return relationship_advance(
        relationship=relationship,
        to_stage=Stage.SEPARATION,
        by=by,
        note="Both agreed to separate.",
        action=SEPARATION_RESOLVE,
    )


@transaction.atomic
def separation_withdraw(*, proposal: SeparationProposal, by: User) -> SeparationProposal:
    """Withdraw one's own proposal, or decline the other's: the pair stays in cultivation."""
    relationship = lock(proposal.relationship)
    require_relationship(relationship=relationship, user=by, to="work")
    proposal = _open_proposal(proposal)
    _resolve(proposal, by=by, status=SeparationProposal.Status.WITHDRAWN)
    if proposal.proposed_by_id != by.pk:
        notify(
            recipient=proposal.proposed_by,
            kind="separation.declined",
            title=f"{by.display_name} would like to continue for now",
            url=relationship_url(relationship, "separation/"),
        )
    return proposal


@transaction.atomic
def separation_decide(
    *, proposal: SeparationProposal, by: User, separate: bool, note: str = ""
) -> SeparationProposal:
    """A manager decides an unanswered proposal once the notice period has passed."""
    relationship = lock(proposal.relationship)
    require_relationship(relationship=relationship, user=by, to="manage")
    proposal = _open_proposal(proposal)
    if not separation_decision_due(proposal=proposal):
        raise ValidationError(
            f"The other side has {relationship.separation_notice_days} days to answer; "
            "a manager decides only after that."
        )
    _resolve(
        proposal,
        by=by,
        status=SeparationProposal.Status.DECIDED
        if separate
        else SeparationProposal.Status.WITHDRAWN,
    )
    if separate:
        relationship_advance(
            relationship=relationship,
            to_stage=Stage.SEPARATION,
            by=by,
            note=note or "A manager decided the unanswered separation proposal.",
            action=SEPARATION_RESOLVE,
        )
    return proposal


@transaction.atomic
def closing_reflection_save(
    *, relationship: Relationship, by: User, learned: str, application: str
) -> ClosingReflection:
    """Write (or rewrite) one's closing reflection: what was learned and how it will be applied."""
    locked = lock(relationship)
    require_relationship(relationship=locked, user=by, to="work")
    require_stage(locked, CLOSING_STAGES, "Writing a closing reflection")
    reflection, _ = ClosingReflection.objects.update_or_create(
        relationship=locked,
        author=by,
        defaults={
            "learned": text_of(ClosingReflection, "learned", learned, label="What was learned"),
            "application": text_of(
                ClosingReflection, "application", application, label="How it will be applied"
            ),
            "updated_at": timezone.now(),
        },
    )
    touch(locked)
    return reflection


@transaction.atomic
def redefinition_set(
    *,
    relationship: Relationship,
    by: User,
    relation: str,
    check_in_frequency: str = RedefinitionTerms.CheckIn.NONE,
    expectations: str = "",
) -> RedefinitionTerms:
    """Set the new terms; from separation this moves the relationship to redefinition."""
    locked = lock(relationship)
    require_relationship(relationship=locked, user=by, to="work")
    require_stage(locked, CLOSING_STAGES, "Setting new terms")
    if relation not in RedefinitionTerms.Relation.values:
        raise ValidationError({"relation": f"Unknown relation {relation!r}."})
    if check_in_frequency not in RedefinitionTerms.CheckIn.values:
        raise ValidationError({"check_in_frequency": f"Unknown frequency {check_in_frequency!r}."})
    if relation == RedefinitionTerms.Relation.NONE:
        check_in_frequency = RedefinitionTerms.CheckIn.NONE
    terms, _ = RedefinitionTerms.objects.update_or_create(
        relationship=locked,
        defaults={
            "relation": relation,
            "check_in_frequency": check_in_frequency,
            "expectations": text_of(
                RedefinitionTerms,
                "expectations",
                expectations,
                label="Expectations",
                required=False,
            ),
            "set_by": by,
            "updated_at": timezone.now(),
        },
    )
    touch(locked)
    if locked.stage == Stage.SEPARATION:
        relationship_advance(
            relationship=relationship,
            to_stage=Stage.REDEFINITION,
            by=by,
            note=f"New terms: {RedefinitionTerms.Relation(relation).label}.",
            action=REDEFINITION_SET,
        )
    else:
        notify_other(
            locked,
            by=by,
            kind="relationship.terms",
            title=f"{by.display_name} changed your new terms",
            url=relationship_url(locked, "redefinition/"),
        )
    return terms


@transaction.atomic
def acknowledgment_write(*, relationship: Relationship, by: User, text: str) -> Acknowledgment:
    """The mentee thanks their mentor; changing the text makes it private again until agreed."""
    locked = lock(relationship)
    require_relationship(relationship=locked, user=by, to="thank")
    require_stage(locked, ACKNOWLEDGMENT_STAGES, "Writing a thank-you")
    text = text_of(Acknowledgment, "text", text, label="The thank-you")
    acknowledgment, created = Acknowledgment.objects.get_or_create(
        relationship=locked, defaults={"text": text}
    )
    if not created and acknowledgment.text != text:
        acknowledgment.text = text
        acknowledgment.made_public_at = None
        acknowledgment.save(update_fields=["text", "made_public_at"])
    notify(
        recipient=locked.mentor,
        kind="acknowledgment.written",
        title=f"{by.display_name} wrote you a thank-you",
        body="It appears on your profile once you agree.",
        url=relationship_url(locked, "redefinition/"),
        important=True,
    )
    return acknowledgment


@transaction.atomic
def acknowledgment_set_public(
    *, acknowledgment: Acknowledgment, by: User, public: bool
) -> Acknowledgment:
    """The mentor agrees (or stops agreeing) to show the thank-you on their profile."""
    lock(acknowledgment.relationship)
    require_relationship(relationship=acknowledgment.relationship, user=by, to="publish_thanks")
    acknowledgment.made_public_at = (
        (acknowledgment.made_public_at or timezone.now()) if public else None
    )
    acknowledgment.save(update_fields=["made_public_at"])
    return acknowledgment
