"""Why a mentee got fewer mentors than wanted, in words a program manager can act on."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mentora.engine.candidates import CandidateGraph
from mentora.engine.features import FeatureModel, IntArray
from mentora.engine.metrics import selected_mask


@dataclass(frozen=True, slots=True)
class UnmatchedMentee:
    """A mentee with unfilled places, and the reason (a code and a sentence)."""

    mentee_id: str
    wanted: int
    matched: int
    code: str
    reason: str


def _constraint_failures(model: FeatureModel, mentee: int, mentors: IntArray) -> list[str]:
    """Reasons when no mentor passes the hard constraints, most specific first."""
    record = model.mentees[mentee]
    pairs_a = np.full(len(mentors), mentee, dtype=np.int64)
    failures: list[tuple[str, str]] = []
    passes_all = np.ones(len(mentors), dtype=bool)
    for constraint in model.set_constraints:
        allowed = constraint.pair_allowed(pairs_a, mentors)
        passes_all &= allowed
        if not allowed.any():
            if constraint.name == "language":
                failures.append(
                    (
                        "no_shared_language",
                        f"No mentor speaks any of your languages ({', '.join(record.languages)})",
                    )
                )
            elif constraint.name.startswith("question:"):
                question_id = constraint.name.split(":", 1)[1]
                text = next(
                    (q.text or q.id for q in model.questions if q.id == question_id), question_id
                )
                failures.append(
                    (f"question:{question_id}", f"No mentor gave a matching answer to “{text}”")
                )
            else:  # a rule registered by a newer feature module
                failures.append((constraint.name, f"No mentor meets the rule “{constraint.name}”"))
    for table_constraint in model.table_constraints:
        allowed = table_constraint.pair_allowed(pairs_a, mentors)
        passes_all &= allowed
        if not allowed.any():
            if table_constraint.name == "working_hours":
                failures.append(
                    (
                        "no_working_hours_overlap",
                        f"No mentor has at least {model.constraints.min_overlap_hours:g} "
                        f"working hours in common with you ({record.timezone})",
                    )
                )
            elif table_constraint.name == "experience":
                failures.append(
                    ("no_more_experienced_mentor", "Every mentor is less experienced than you")
                )
            else:
                failures.append(
                    (
                        table_constraint.name,
                        f"No mentor meets the rule “{table_constraint.name}”",
                    )
                )
    organisation = model.organisation_constraint.pair_allowed(pairs_a, mentors)
    passes_all &= organisation
    if not organisation.any():
        if model.constraints.organisation_rule == "same":
            failures.append(
                ("organisation_rule", "No mentor from your organisation has room in this program")
            )
        else:
            failures.append(
                (
                    "organisation_rule",
                    "No mentor from another organisation has room in this program",
                )
            )
    if failures:
        return [f"{code}\x1f{text}" for code, text in failures]
    excluded = [
        model.excluded[(mentee, int(b))]
        for b in mentors[passes_all]
        if (mentee, int(b)) in model.excluded
    ]
    if passes_all.any() and len(excluded) == int(passes_all.sum()):
        kinds = sorted(set(excluded))
        return [
            "excluded\x1fEvery otherwise compatible mentor is excluded for you "
            f"({'; '.join(kinds)})"
        ]
    return [
        "constraints_combined\x1fNo mentor meets all the program's rules at once "
        "(language, working hours, organisation and the rest)"
    ]


def unmatched_reasons(
    model: FeatureModel, graph: CandidateGraph, selected: IntArray
) -> list[UnmatchedMentee]:
    """A reason for every mentee whose demand is not filled, in mentee order."""
    chosen = selected_mask(graph, selected)
    mentee_load = np.bincount(graph.mentee[selected], minlength=graph.n_mentees)
    mentor_load = np.bincount(graph.mentor[selected], minlength=graph.n_mentors)
    full = mentor_load >= graph.capacity
    indptr = graph.indptr
    with_capacity = np.flatnonzero(graph.capacity > 0)
    results: list[UnmatchedMentee] = []
    short = np.flatnonzero(mentee_load < graph.demand)
    for mentee in short.tolist():
        wanted, matched = int(graph.demand[mentee]), int(mentee_load[mentee])
        arcs = np.arange(indptr[mentee], indptr[mentee + 1])
        others = arcs[~chosen[arcs]]
        if len(with_capacity) == 0:
            code, reason = "no_capacity", "No mentor has room in this program"
        elif len(arcs) == 0:
            code, reason = _constraint_failures(model, mentee, with_capacity)[0].split("\x1f")
        elif full[graph.mentor[others]].all():
            considered = int(np.count_nonzero(~graph.pinned[arcs]))
            if graph.top_k and considered >= graph.top_k:
                # The list was cut at top-k: mentors beyond it were never considered. Counting
                # them would mean scoring the mentee against every mentor again.
                code = "mentors_full_beyond_top_k"
                reason = (
                    f"Your {considered} best-fitting mentors are all full; compatible mentors "
                    "beyond them were not considered (raise top-k)"
                )
            elif matched:
                code = "mentors_full"
                reason = "Every other compatible mentor is full"
            else:
                code = "mentors_full"
                reason = f"Every compatible mentor is full ({_count(len(arcs))})"
        else:
            code = "left_unmatched"
            reason = "Compatible mentors had room, but pairing them would lower the total score"
        if matched:
            reason = f"Matched {matched} of the {wanted} mentors wanted. {reason}"
        results.append(UnmatchedMentee(model.mentees[mentee].id, wanted, matched, code, reason))
    return results


def _count(n: int) -> str:
    return "1 mentor" if n == 1 else f"{n} mentors"
