"""Pairs excluded by the program's rules rather than by a factor: explicit blocks, the reporting
line (a mentee's manager and everyone above them) and earlier partners."""

from __future__ import annotations

from collections.abc import Sequence

from mentora.engine.records import Constraints, MenteeRecord, MentorRecord


def excluded_pairs(
    mentees: Sequence[MenteeRecord],
    mentors: Sequence[MentorRecord],
    mentee_index: dict[str, int],
    mentor_index: dict[str, int],
    constraints: Constraints,
) -> dict[tuple[int, int], str]:
    """Excluded pairs with the reason: explicit blocks, the reporting line, earlier partners."""
    excluded: dict[tuple[int, int], str] = {}
    for mentee_id, mentor_id in sorted(constraints.excluded_pairs):
        excluded[(mentee_index[mentee_id], mentor_index[mentor_id])] = "blocked for this mentee"
    if constraints.exclude_reporting_line:
        managers: dict[str, str] = {}
        people: list[MentorRecord | MenteeRecord] = [*mentors, *mentees]
        for record in people:
            if record.manager_id:
                managers.setdefault(record.id, record.manager_id)
        for a, mentee in enumerate(mentees):
            seen = {mentee.id}
            manager = mentee.manager_id
            direct = True
            while manager and manager not in seen:
                seen.add(manager)
                b = mentor_index.get(manager)
                if b is not None:
                    reason = "your manager" if direct else "above you in your reporting line"
                    excluded.setdefault((a, b), reason)
                manager = managers.get(manager, "")
                direct = False
    if not constraints.allow_previous_partners:
        for a, mentee in enumerate(mentees):
            for mentor_id in mentee.previous_mentor_ids:
                b = mentor_index.get(mentor_id)
                if b is not None:
                    excluded.setdefault((a, b), "an earlier mentor of yours")
        for b, mentor in enumerate(mentors):
            for mentee_id in mentor.previous_mentee_ids:
                earlier = mentee_index.get(mentee_id)
                if earlier is not None:
                    excluded.setdefault((earlier, b), "an earlier mentor of yours")
    return excluded
