"""The words a program uses for its two roles: mentor and mentee, or coach and coachee.

Programs, relationships, requests and surveys all ask here, so a coaching program never slips
back to "mentor" in one place.
"""

from __future__ import annotations

MENTOR = "mentor"
MENTEE = "mentee"

_WORDS: dict[tuple[str, bool], str] = {
    (MENTOR, False): "Mentor",
    (MENTEE, False): "Mentee",
    (MENTOR, True): "Coach",
    (MENTEE, True): "Coachee",
}


def role_word(role: str, *, coaching: bool, capital: bool = True) -> str:
    """'Mentor', 'Mentee', 'Coach' or 'Coachee' (lower case with `capital=False`)."""
    word = _WORDS.get((role, coaching))
    if word is None:
        raise ValueError(f"{role!r} is not a role; it is mentor or mentee.")
    return word if capital else word.lower()


def role_words(*, coaching: bool) -> dict[str, str]:
    """Both roles' words for templates: {{ words.Mentor }}, {{ words.mentee }} and so on."""
    mentor = role_word(MENTOR, coaching=coaching)
    mentee = role_word(MENTEE, coaching=coaching)
    return {"Mentor": mentor, "mentor": mentor.lower(), "Mentee": mentee, "mentee": mentee.lower()}
