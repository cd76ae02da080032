"""Who may do what with a program's matching: one roles function and one table per resource.

Only the program's managers see or change anything of its matching (its settings, runs,
proposals and pins); everyone else gets 404, the answer they would get for a program that does
not exist. The background worker acts as the system and as the run's worker (`WORKER_ROLES`); a
job that recovers lost runs acts as the system alone (`JOB_ROLES`).

Pages, REST endpoints and the admin ask the `access_*` functions; the services ask the same
roles functions and tables (`require`), so every door gets the same answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentora.lib.access import Access, capabilities
from mentora.lib.lifecycle import SYSTEM
from mentora.matching.models import MatchRun, Pin, Proposal
from mentora.programs.access import manages_program
from mentora.programs.models import Program

if TYPE_CHECKING:
    from mentora.accounts.models import User

MANAGER = "manager"
# The background worker that took a run on (or a large draft to publish).
WORKER = "worker"
WORKER_ROLES = frozenset({SYSTEM, WORKER})
JOB_ROLES = frozenset({SYSTEM})
ROLE_LABELS = {MANAGER: "program manager", WORKER: "the run's worker", SYSTEM: "Mentora"}

NOT_A_MANAGER = "Only the program's managers can run matching."

# A program's matching: its saved settings, starting runs, pinning and forbidding pairs.
MATCHING = capabilities(
    "program",
    {"view": {MANAGER}, "configure": {MANAGER}, "start": {MANAGER}, "pin": {MANAGER}},
    {"configure": NOT_A_MANAGER, "start": NOT_A_MANAGER, "pin": NOT_A_MANAGER},
)
MATCH_RUN = capabilities(
    "match run",
    {"view": {MANAGER}, "review": {MANAGER}, "publish": {MANAGER}, "discard": {MANAGER}},
    {"review": NOT_A_MANAGER, "publish": NOT_A_MANAGER, "discard": NOT_A_MANAGER},
)
PROPOSAL = capabilities("proposal", {"view": {MANAGER}, "move": {MANAGER}}, {"move": NOT_A_MANAGER})
PIN = capabilities("pin", {"view": {MANAGER}, "clear": {MANAGER}}, {"clear": NOT_A_MANAGER})


def matching_roles(*, program: Program, user: User | None) -> frozenset[str]:
    """The person's roles toward the program's matching: manager, or none (a job: the system)."""
    if user is None:
        return JOB_ROLES
    if manages_program(user=user, program=program):
        return frozenset({MANAGER})
    return frozenset()


def run_roles(*, run: MatchRun, user: User | None) -> frozenset[str]:
    """The person's roles toward a match run (those toward its program's matching)."""
    return matching_roles(program=run.program, user=user)


def proposal_roles(*, proposal: Proposal, user: User | None) -> frozenset[str]:
    """The person's roles toward a proposed pair (those toward its run)."""
    return run_roles(run=proposal.run, user=user)


def pin_roles(*, pin: Pin, user: User | None) -> frozenset[str]:
    """The person's roles toward a pin (those toward its program's matching)."""
    return matching_roles(program=pin.program, user=user)


def access_matching(*, user: User, program_id: int, to: str = "view") -> Access[Program]:
    """A program whose matching the person may `to`, or 404 (403 for a role without it)."""
    program = Program.objects.select_related("organisation").filter(pk=program_id).first()
    roles = matching_roles(program=program, user=user) if program is not None else frozenset()
    return MATCHING.grant(program, roles=roles, to=to)


def access_run(*, user: User, run_id: int, to: str = "view") -> Access[MatchRun]:
    """A match run the person may `to`, or 404 (403 for a role without it)."""
    run = (
        MatchRun.objects.select_related(
            "program", "program__organisation", "started_by__profile", "published_by__profile"
        )
        .filter(pk=run_id)
        .first()
    )
    roles = run_roles(run=run, user=user) if run is not None else frozenset()
    return MATCH_RUN.grant(run, roles=roles, to=to)


def access_proposal(
    *, user: User, proposal_id: int, run_id: int | None = None, to: str = "view"
) -> Access[Proposal]:
    """A proposal (of the run `run_id`, when given) the person may `to`, or 404."""
    proposals = Proposal.objects.select_related(
        "run", "run__program", "run__program__organisation", "mentee__profile", "mentor__profile"
    )
    if run_id is not None:
        proposals = proposals.filter(run_id=run_id)
    proposal = proposals.filter(pk=proposal_id).first()
    roles = proposal_roles(proposal=proposal, user=user) if proposal is not None else frozenset()
    return PROPOSAL.grant(proposal, roles=roles, to=to)


def access_pin(*, user: User, program_id: int, pin_id: int, to: str = "view") -> Access[Pin]:
    """A pin or ban of the program the person may `to`, or 404."""
    pin = (
        Pin.objects.select_related("program", "mentee__profile", "mentor__profile")
        .filter(program_id=program_id, pk=pin_id)
        .first()
    )
    roles = pin_roles(pin=pin, user=user) if pin is not None else frozenset()
    return PIN.grant(pin, roles=roles, to=to)
