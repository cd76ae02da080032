"""Recommendations: the engine ranks a program's mentors for one mentee, with reasons.

The engine input is built once per page view through the matching bridge
(`mentora.matching.records.program_engine_input`); the ranked list (mentor ids and scores) is
cached for a minute, keyed by the program, the mentee and when anything the score depends on last
changed, so paging and filtering do not rebuild it. Reasons are computed only for the mentors
shown. Paused mentors are never ranked (the bridge leaves them out); mentors with no free place
are ranked but flagged, so the page can hide them unless the mentee asks to see them.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from django.core.cache import cache
from django.db.models import Count, Max

from mentora.engine.candidates import generate_candidates
from mentora.engine.explain import Explanation, explain_pairs
from mentora.engine.features import FeatureModel, build_model
from mentora.matching.records import EngineInput, program_engine_input
from mentora.profiles.models import MentorOffer, Profile
from mentora.programs.models import Enrollment, Program
from mentora.relationships.models import Relationship

if TYPE_CHECKING:
    from mentora.accounts.models import User

CACHE_SECONDS = 60


@dataclass(frozen=True, slots=True)
class RankedMentor:
    mentor_id: int
    score: float
    has_room: bool


@dataclass
class Ranking:
    """One mentee's ranked mentors; `explain` gives reasons for a few of them."""

    program: Program
    mentee: User
    mentors: list[RankedMentor]
    wants_more: bool = True  # False when the mentee already has all the mentors allowed
    engine_input: EngineInput | None = None
    model: FeatureModel | None = None

    def explain(self, mentor_ids: list[int]) -> dict[int, Explanation]:
        """Reasons for these mentors (builds the engine model if the ranking came from cache)."""
        if not mentor_ids:
            return {}
        if self.model is None:
            if self.engine_input is None:
                self.engine_input, _ = _engine_input(program=self.program, mentee=self.mentee)
            self.model = _model(self.engine_input)
        if self.model is None:
            return {}
        index = {record.id: i for i, record in enumerate(self.model.mentors)}
        positions = [index[str(m)] for m in mentor_ids if str(m) in index]
        if not positions:
            return {}
        explanations = explain_pairs(
            self.model,
            np.zeros(len(positions), dtype=np.int64),
            np.array(positions, dtype=np.int64),
        )
        return {int(e.mentor_id): e for e in explanations}


def _engine_input(*, program: Program, mentee: User) -> tuple[EngineInput, frozenset[str]]:
    """The bridge's input for this one mentee, without pins, and the ids of full mentors.

    Full mentors (no place left, net of live pairs) get one place so the engine still scores
    them; the page hides them unless the mentee asks to see everyone.
    """
    source = program_engine_input(program=program, mentee_ids=[mentee.pk])
    full = frozenset(record.id for record in source.mentors if record.capacity < 1)
    mentors = [
        record if record.id not in full else dataclasses.replace(record, capacity=1)
        for record in source.mentors
    ]
    constraints = dataclasses.replace(source.constraints, pinned_pairs=frozenset())
    return dataclasses.replace(source, mentors=mentors, constraints=constraints), full


def _model(engine_input: EngineInput) -> FeatureModel | None:
    if not engine_input.mentees or not engine_input.mentors:
        return None
    return build_model(
        engine_input.mentees,
        engine_input.mentors,
        weights=engine_input.weights,
        options=engine_input.options,
        constraints=engine_input.constraints,
        questions=engine_input.questions,
        taxonomy=engine_input.taxonomy,
    )


def _cache_key(*, program: Program, mentee: User) -> str:
    # Anything that changes a score or a mentor's room changes this key: profiles of the
    # program's people, enrollments, and relationships (their count and latest change).
    people = Enrollment.objects.filter(program=program).values("user_id")
    profiles = Profile.objects.filter(user_id__in=people).aggregate(latest=Max("updated_at"))
    relationships = Relationship.objects.filter(program=program).aggregate(
        latest=Max("stage_changed_at"), last=Max("pk")
    )
    enrollments = Enrollment.objects.filter(program=program).aggregate(
        latest=Max("decided_at"), last=Max("pk")
    )
    offers = MentorOffer.objects.filter(enrollment__program=program).aggregate(
        paused=Count("paused_at"), latest=Max("paused_at")
    )
    parts = [
        program.pk,
        mentee.pk,
        profiles["latest"],
        relationships["latest"],
        relationships["last"],
        enrollments["latest"],
        enrollments["last"],
        offers["paused"],
        offers["latest"],
    ]
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f"finding:ranking:{program.pk}:{mentee.pk}:{digest}"


def rank_mentors(*, program: Program, mentee: User, use_cache: bool = True) -> Ranking:
    """Every unpaused mentor the mentee may be paired with, best first, with scores."""
    key = _cache_key(program=program, mentee=mentee)
    cached = cache.get(key) if use_cache else None
    if cached is not None:
        return Ranking(
            program=program,
            mentee=mentee,
            mentors=[RankedMentor(*row) for row in cached["mentors"]],
            wants_more=cached["wants_more"],
        )
    engine_input, full = _engine_input(program=program, mentee=mentee)
    ranking = Ranking(program=program, mentee=mentee, mentors=[], engine_input=engine_input)
    if not engine_input.mentees:
        ranking.wants_more = False
    else:
        ranking.model = _model(engine_input)
    if ranking.model is not None:
        graph = generate_candidates(ranking.model, top_k=len(engine_input.mentors))
        records = ranking.model.mentors
        ranking.mentors = [
            RankedMentor(
                mentor_id=int(records[b].id),
                score=round(float(score), 1),
                has_room=records[b].id not in full,
            )
            for b, score in zip(graph.mentor.tolist(), graph.scores.tolist(), strict=True)
        ]
    cache.set(
        key,
        {
            "mentors": [(m.mentor_id, m.score, m.has_room) for m in ranking.mentors],
            "wants_more": ranking.wants_more,
        },
        CACHE_SECONDS,
    )
    return ranking
