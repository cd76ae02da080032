"""Publishing a draft: every proposed pair becomes a relationship, in one transaction, or none does.

A manager publishes a small draft at once (`match_run_publish` in services); the worker publishes
a large one (`mentora.matching.execution.match_run_publish_execute`). Both come here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from mentora.lib.forms import error_text
from mentora.matching.lifecycle import match_run_moving
from mentora.matching.models import MatchRun, Proposal
from mentora.programs.models import Enrollment
from mentora.relationships.models import Relationship
from mentora.relationships.services import relationship_create

if TYPE_CHECKING:
    from mentora.accounts.models import User

# Drafts with at least this many pairs are published by the background worker: creating a
# relationship (with its notifications) takes some 20 ms, too long to keep a page waiting.
PUBLISH_IN_BACKGROUND_FROM = 300


def publish_draft(*, run_id: int, published_by: User, as_worker: bool = False) -> MatchRun:
    """Create every proposed relationship and freeze the run, all or nothing.

    The manager's publish (`as_worker=False`) moves a draft to published; the worker's
    (`as_worker=True`) moves a run that is publishing. When any pair cannot be created (a mentor
    filled up meanwhile, say) nothing is published and the ValidationError names the pair.
    """
    pairs = Proposal.objects.filter(run_id=run_id).count()
    with match_run_moving(
        run_id=run_id,
        target=MatchRun.Status.PUBLISHED,
        action="match_run_publish_execute" if as_worker else "match_run_publish",
        actor=published_by,
        as_worker=as_worker,
        note=f"{pairs} relationships created.",
    ) as run:
        program = run.program
        proposals = list(
            run.proposals.select_related("mentor__profile", "mentee__profile").order_by(
                "mentor_id", "mentee_id"
            )
        )
        # Lock every enrollment involved in primary-key order before pairing, so two
        # publishes (or a publish and an accepted request) queue instead of deadlocking.
        list(
            Enrollment.objects.select_for_update()
            .filter(
                Q(role=Enrollment.Role.MENTOR, user__in=run.proposals.values("mentor_id"))
                | Q(role=Enrollment.Role.MENTEE, user__in=run.proposals.values("mentee_id")),
                program=program,
            )
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        for proposal in proposals:
            try:
                relationship_create(
                    program=program,
                    mentor=proposal.mentor,
                    mentee=proposal.mentee,
                    created_by=published_by,
                    origin=Relationship.Origin.MATCH_RUN,
                    needs_acceptance=program.publish_needs_acceptance,
                )
            except ValidationError as error:
                raise ValidationError(
                    f"Cannot pair {proposal.mentor.display_name} with "
                    f"{proposal.mentee.display_name}: {error_text(error)} Nothing was published; "
                    "re-run the matching or move this mentee."
                ) from error
        run.frozen = True
        run.published_by = published_by
        run.published_at = timezone.now()
        run.error = ""
        run.stage = ""
        run.percent = 100
        run.heartbeat_at = None
    return run
