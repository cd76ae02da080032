"""The bridge from the database to the engine: a program's participants as engine records.

Everything the engine scores comes from here, in a handful of queries whatever the program's size
(no query per person): `program_engine_input` calls one loader per data source
(`mentora.matching.loaders`). Demographic self-identification is never read: the engine cannot
score what it is never given.

How the mentor-choice numbers are derived:

- `capacity`: the mentor's places (`mentora.relationships.selectors.mentor_capacity`: their offer,
  or the program's default) minus their live relationships.
- `passion`: a mentor who wrote no motivation is unknown (None, scored neutrally). A stated
  motivation counts as evidence of wanting to help: 0.6, rising with its length to 1.0 at 50
  words. It is a deliberately weak signal: it rewards saying why, not eloquence.
- `response_hours`: median hours to answer requests, registered by the finding app
  (`mentora.matching.measures`), unknown until a mentor has answered some.
- `feedback_rating`: `mentora.surveys.selectors.mentor_feedback_ratings` (mean 1-5 rating by past
  mentees), unknown until enough mentees rated them.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from mentora.engine.records import (
    FACTOR_NAMES,
    Constraints,
    MenteeRecord,
    MentorRecord,
    Question,
    ScoringOptions,
    Weights,
)
from mentora.engine.taxonomy import Taxonomy
from mentora.matching import loaders
from mentora.matching.loaders import passion_from_motivation, program_taxonomy
from mentora.programs.models import Program

__all__ = [
    "EngineInput",
    "passion_from_motivation",
    "program_engine_input",
    "program_taxonomy",
    "program_weights",
    "weights_from_mapping",
]


@dataclass(frozen=True)
class EngineInput:
    """Everything `mentora.engine.match` needs for one program, built from the database."""

    mentors: list[MentorRecord]
    mentees: list[MenteeRecord]
    questions: list[Question]
    constraints: Constraints
    weights: Weights
    options: ScoringOptions
    taxonomy: Taxonomy = field(default_factory=Taxonomy)

    @property
    def mentor_by_id(self) -> dict[str, MentorRecord]:
        return {record.id: record for record in self.mentors}

    @property
    def mentee_by_id(self) -> dict[str, MenteeRecord]:
        return {record.id: record for record in self.mentees}


def weights_from_mapping(values: object) -> Weights:
    """Weights from a saved mapping; unknown names are ignored, missing ones take the default."""
    defaults = Weights().as_dict()
    if isinstance(values, dict):
        for name in FACTOR_NAMES:
            value = values.get(name)
            if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
                defaults[name] = float(value)
    return Weights(**defaults)


def program_weights(program: Program) -> Weights:
    """The factor weights saved for the program, or the engine's defaults."""
    return weights_from_mapping(loaders.saved_weights(program))


def program_engine_input(
    *,
    program: Program,
    mentee_ids: Collection[int] | None = None,
    include_paused: bool = False,
) -> EngineInput:
    """The program's active mentors and the mentees still wanting one, as engine records.

    Record ids are `str(user_id)`. Mentor capacity and mentees' mentors wanted are net of live
    relationships; mentees who want no more mentors are left out, and so are paused mentors
    unless `include_paused`. `mentee_ids` narrows the mentees (user ids) for one-person
    recommendations. Excluded pairs: people a mentee asked to avoid, live pairs, pairs a manager
    forbade; previous partners and the reporting line are excluded by the engine's constraints.
    """
    history = loaders.partner_history(program)
    questions, answers = loaders.questionnaire(program)
    mentors = loaders.mentor_records(
        program,
        history=history,
        answers=answers,
        track_record=loaders.mentor_track_record(program),
        include_paused=include_paused,
    )
    mentees, avoided = loaders.mentee_records(
        program, history=history, answers=answers, mentee_ids=mentee_ids
    )
    return EngineInput(
        mentors=mentors,
        mentees=mentees,
        questions=questions,
        constraints=loaders.pair_constraints(
            program, mentors=mentors, mentees=mentees, history=history, avoided=avoided
        ),
        weights=program_weights(program),
        options=ScoringOptions(),
        taxonomy=program_taxonomy(program),
    )
