"""Explanations: each factor's value and weight, and two to four reasons a person can read."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from mentora.engine.features import (
    CADENCE_HOURS_PER_MONTH,
    NEUTRAL,
    FeatureModel,
    IntArray,
    mentor_hours_per_mentee,
)
from mentora.engine.taxonomy import normalise_name
from mentora.engine.text import stem, stop_words, terms

MAX_REASONS = 4
# Text similarities are low even for related texts: 0.2 already reads as a real overlap.
GOALS_PIVOT = 0.2
PIVOTS = {"goals": GOALS_PIVOT}
MIN_REASONS = 2
_WORD = re.compile(r"[a-z][a-z0-9+#]{2,}")


@dataclass(frozen=True, slots=True)
class FactorScore:
    """One factor of one pair: its value in [0, 1], its weight, and the points it adds."""

    name: str
    value: float
    weight: float  # 0 when the factor is unused (no data anywhere, or weight 0)
    points: float  # share of the 0-100 score this factor contributes


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a mentor fits a mentee: the score, every factor, and the main reasons."""

    mentee_id: str
    mentor_id: str
    score: float
    factors: tuple[FactorScore, ...]
    reasons: tuple[str, ...]
    allowed: bool = True  # False when a hard constraint forbids the pair
    blocked_by: tuple[str, ...] = ()  # the hard constraints it breaks, in words
    pinned: bool = False


def _hours(value: float) -> str:
    return f"{value:.0f}" if abs(value - round(value)) < 0.05 else f"{value:.1f}"


def _plural(count: float, word: str) -> str:
    return f"{_hours(count)} {word}" + ("" if abs(count - 1) < 0.05 else "s")


def _list(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _label(value: str) -> str:
    return normalise_name(value)


def _reason_texts(model: FeatureModel, a: int, b: int, values: dict[str, float]) -> dict[str, str]:
    """A sentence per factor that has something to say about this pair."""
    mentee, mentor = model.mentees[a], model.mentors[b]
    texts: dict[str, str] = {}

    wanted = list(model.mentee_skills[a])
    offered = set(model.mentor_skills[b])
    if wanted:
        shared = [skill for skill in wanted if skill in offered]
        if not shared:
            texts["skills"] = f"Offers none of the {_plural(len(wanted), 'skill')} you want"
        elif len(shared) == len(wanted):
            texts["skills"] = (
                f"Offers the skill you want: {shared[0]}"
                if len(wanted) == 1
                else f"Offers all {len(wanted)} skills you want: {_list(shared)}"
            )
        else:
            texts["skills"] = (
                f"Offers {len(shared)} of the {len(wanted)} skills you want: {_list(shared)}"
            )

    if mentee.goals.strip() and mentor.bio.strip():
        bio_terms = set(terms(mentor.bio))
        common = list(
            dict.fromkeys(
                word
                for word in _WORD.findall(mentee.goals.lower())
                if word not in stop_words() and stem(word) in bio_terms
            )
        )
        if values["goals"] >= GOALS_PIVOT and common:
            texts["goals"] = f"Their experience speaks to your goals: {_list(common[:3])}"
        elif values["goals"] < 0.05:
            texts["goals"] = "Their experience says little about your goals"

    focus_wanted = [_label(f) for f in mentee.focus_areas if f.strip()]
    if focus_wanted:
        focus_offered = {_label(f) for f in mentor.focus_areas}
        shared = [f for f in focus_wanted if f in focus_offered]
        texts["focus_areas"] = (
            f"Offers the focus you asked for: {_list(shared)}"
            if shared
            else f"Does not offer the focus you asked for ({_list(focus_wanted)})"
        )

    preference = mentee.industry_preference or model.options.industry_preference
    if mentee.industry.strip() and mentor.industry.strip() and preference != "any":
        same = _label(mentee.industry) == _label(mentor.industry)
        industry = _label(mentor.industry)
        if same:
            texts["industry"] = (
                f"Both work in {industry}"
                if preference == "same"
                else f"Also works in {industry}; you asked for another industry"
            )
        else:
            texts["industry"] = (
                f"Works in {industry}, outside your industry, as you asked"
                if preference == "different"
                else f"Works in {industry}, not {_label(mentee.industry)}"
            )

    preference = mentee.organisation_preference or model.options.organisation_preference
    if mentee.organisation.strip() and mentor.organisation.strip() and preference != "any":
        same_org = _label(mentee.organisation) == _label(mentor.organisation)
        same_dept = (
            same_org
            and mentee.department.strip() != ""
            and _label(mentee.department) == _label(mentor.department)
        )
        if same_dept:
            texts["organisation"] = f"Both in {mentor.organisation}, {mentor.department}"
        elif same_org:
            texts["organisation"] = f"Both work at {mentor.organisation}"
        else:
            texts["organisation"] = (
                "From another organisation, as you asked"
                if preference == "different"
                else f"From another organisation ({mentor.organisation})"
            )

    preference = mentee.job_function_preference or model.options.job_function_preference
    if mentee.job_function.strip() and mentor.job_function.strip() and preference != "any":
        function = _label(mentor.job_function)
        if _label(mentee.job_function) == function:
            texts["job_function"] = f"Same job function: {function}"
        else:
            texts["job_function"] = f"Works in {function}, a different job function"

    years_a, years_b = model.mentee_years[a], model.mentor_years[b]
    if years_a is not None and years_b is not None:
        gap = years_b - years_a
        if gap > 0:
            texts["experience"] = f"{_plural(gap, 'more year')} of experience than you"
        elif gap == 0:
            texts["experience"] = "As experienced as you"
        else:
            texts["experience"] = (
                f"Less experienced than you ({_hours(years_b)} vs {_hours(years_a)} years)"
            )

    overlap = float(
        model.overlap_hours[model.mentee_timezone_codes[a], model.mentor_timezone_codes[b]]
    )
    if overlap < model.options.desired_overlap_hours:
        texts["timezone"] = f"Only {_plural(overlap, 'working hour')} in common"
    else:
        texts["timezone"] = f"{_plural(overlap, 'working hour')} in common"

    formats_a = [_label(f) for f in mentee.meeting_formats if f.strip()]
    formats_b = {_label(f) for f in mentor.meeting_formats if f.strip()}
    if formats_a and formats_b:
        shared = [f for f in formats_a if f in formats_b]
        texts["meeting_format"] = (
            f"Can meet as you prefer: {' or '.join(shared)}"
            if shared
            else "No meeting format in common"
        )

    per_mentee = mentor_hours_per_mentee(mentor)
    if per_mentee is not None:
        needed = CADENCE_HOURS_PER_MONTH[mentee.cadence] * model.options.session_hours
        if per_mentee >= needed:
            texts["time"] = f"Has time for {mentee.cadence} meetings"
        else:
            texts["time"] = (
                f"Has {_plural(per_mentee, 'hour')} a month per mentee, "
                f"less than {mentee.cadence} meetings need ({_hours(needed)})"
            )

    if mentor.response_hours is not None and mentor.response_hours <= 24:
        texts["passion"] = "Usually answers requests within a day"
    elif mentor.passion is not None and mentor.passion >= 0.7:
        texts["passion"] = "Keen to help others succeed"
    elif mentor.response_hours is not None and mentor.response_hours > 24 * 7:
        texts["passion"] = (
            f"Slow to answer requests (about {_plural(mentor.response_hours / 24, 'day')})"
        )

    if mentor.feedback_rating is not None:
        texts["feedback"] = f"Past mentees rate their feedback {mentor.feedback_rating:.1f}/5"

    for question in model.questions:
        if question.rule == "ignore":
            continue
        answers_a = [_label(x) for x in mentee.answers.get(question.id, ()) if x.strip()]
        answers_b = {_label(x) for x in mentor.answers.get(question.id, ()) if x.strip()}
        if not answers_a or not answers_b:
            continue
        shared = [x for x in answers_a if x in answers_b]
        title = question.text or question.id
        if question.rule == "should_differ":
            if not shared:
                texts.setdefault("questionnaire", f"Different answers to “{title}”, as intended")
        elif shared:
            texts.setdefault("questionnaire", f"Same answer to “{title}”: {_list(shared)}")
    return texts


def choose_reasons(
    texts: dict[str, str], values: dict[str, float], weights: dict[str, float]
) -> list[str]:
    """Two to four reasons: the strongest points for the pair, then its worst weakness."""
    total = sum(weights.values()) or 1.0
    strength = {
        name: weights.get(name, 0.0) / total * (values[name] - PIVOTS.get(name, NEUTRAL))
        for name in texts
        if weights.get(name, 0.0) > 0
    }
    ranked = sorted(strength, key=lambda name: (-strength[name], name))
    negatives = sorted(
        (name for name in ranked if strength[name] < 0), key=lambda n: (strength[n], n)
    )
    # Up to three strengths and the worst weakness, or four strengths when there is none.
    positives = [name for name in ranked if strength[name] > 0][
        : MAX_REASONS - 1 if negatives else MAX_REASONS
    ]
    chosen = positives[:]
    if negatives:
        chosen.append(negatives[0])
    for name in sorted(strength, key=lambda n: (-abs(strength[n]), n)):
        if len(chosen) >= MIN_REASONS:
            break
        if name not in chosen:
            chosen.append(name)
    return [texts[name] for name in chosen[:MAX_REASONS]]


def constraint_violations(
    model: FeatureModel, mentee_indices: IntArray, mentor_indices: IntArray
) -> list[list[str]]:
    """Per pair, each hard constraint it breaks, in words (empty when the pair is allowed)."""
    violations: list[list[str]] = [[] for _ in range(len(mentee_indices))]
    checks: list[tuple[str, np.ndarray]] = []
    for constraint in model.set_constraints:
        if constraint.name == "language":
            label = "No language in common"
        else:
            question_id = constraint.name.split(":", 1)[1]
            title = next((q.text or q.id for q in model.questions if q.id == question_id), "")
            label = f"No matching answer to “{title}”"
        checks.append((label, constraint.pair_allowed(mentee_indices, mentor_indices)))
    for table_constraint in model.table_constraints:
        label = (
            f"Fewer than {model.constraints.min_overlap_hours:g} working hours in common"
            if table_constraint.name == "working_hours"
            else "Less experienced than the mentee"
        )
        checks.append((label, table_constraint.pair_allowed(mentee_indices, mentor_indices)))
    rule = model.constraints.organisation_rule
    if rule != "any":
        label = "Not in the same organisation" if rule == "same" else "In the same organisation"
        checks.append(
            (label, model.organisation_constraint.pair_allowed(mentee_indices, mentor_indices))
        )
    for label, allowed in checks:
        for row in np.flatnonzero(~allowed).tolist():
            violations[row].append(label)
    for row, (a, b) in enumerate(
        zip(mentee_indices.tolist(), mentor_indices.tolist(), strict=True)
    ):
        reason = model.excluded.get((a, b))
        if reason is not None:
            violations[row].append(f"Excluded: {reason}")
    return violations


def explain_pairs(
    model: FeatureModel,
    mentee_indices: IntArray,
    mentor_indices: IntArray,
    *,
    scores: np.ndarray | None = None,
    pinned: np.ndarray | None = None,
) -> list[Explanation]:
    """Explanations for arrays of pairs; `scores` given are used as is (the solver's numbers)."""
    mentee_indices = np.asarray(mentee_indices, dtype=np.int64)
    mentor_indices = np.asarray(mentor_indices, dtype=np.int64)
    values = model.pair_factor_values(mentee_indices, mentor_indices)
    if scores is None:
        scores = np.round(model.pair_scores(mentee_indices, mentor_indices), 6)
    violations = constraint_violations(model, mentee_indices, mentor_indices)
    weights = dict(zip(model.factor_names, model.factor_weights.tolist(), strict=True))
    total = sum(weights.values()) or 1.0
    explanations = []
    for row, (a, b) in enumerate(
        zip(mentee_indices.tolist(), mentor_indices.tolist(), strict=True)
    ):
        factor_values = dict(zip(model.factor_names, values[row].tolist(), strict=True))
        factors = tuple(
            FactorScore(
                name=name,
                value=round(value, 6),
                weight=weights[name],
                points=round(100.0 * weights[name] * value / total, 6),
            )
            for name, value in factor_values.items()
        )
        is_pinned = bool(pinned[row]) if pinned is not None else False
        reasons = choose_reasons(_reason_texts(model, a, b, factor_values), factor_values, weights)
        if is_pinned:
            reasons = ["Pinned by the program manager", *reasons][:MAX_REASONS]
        explanations.append(
            Explanation(
                mentee_id=model.mentees[a].id,
                mentor_id=model.mentors[b].id,
                score=float(scores[row]),
                factors=factors,
                reasons=tuple(reasons),
                allowed=not violations[row],
                blocked_by=tuple(violations[row]),
                pinned=is_pinned,
            )
        )
    return explanations
