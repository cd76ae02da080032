"""Reads of surveys and their responses."""

from __future__ import annotations

from mentora.programs.models import Program


def mentor_feedback_ratings(*, program: Program) -> dict[int, float]:
    """Each mentor's mean rating (1-5) for honest feedback and making time, by mentor user id.

    Only mentors rated by at least 3 different mentees appear; the matching engine treats the
    others as unknown (neutral). Filled in by the surveys app.
    """
    return {}
