"""Reads for self-service finding: recommendations, requests, bookmarks."""

from __future__ import annotations

from mentora.programs.models import Program


def mentor_response_hours(*, program: Program) -> dict[int, float]:
    """Each mentor's median hours to answer a mentee's request, by mentor user id.

    Only mentors who have answered requests appear. Filled in by the finding app.
    """
    return {}
