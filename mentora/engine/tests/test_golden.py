"""Small hand-checked examples: scores, explanations, reasons for the unmatched, metrics."""

from __future__ import annotations

import numpy as np
import pytest

from mentora.engine import (
    Constraints,
    MenteeRecord,
    MentorRecord,
    Question,
    Taxonomy,
    Weights,
    compute_metrics,
    explain_pair,
    graph_from_arrays,
    match,
)
from mentora.engine.features import experience_fit
from mentora.engine.timezones import working_hours_overlap

INES = MenteeRecord(
    id="ines",
    skills_wanted=("SQL", "negotiation", "public speaking", "python"),
    goals="Lead the analytics team at my hospital",
    industry="healthcare",
    years_experience=4,
    languages=("en", "pt"),
    timezone="Europe/Lisbon",
)
ANA = MentorRecord(
    id="ana",
    skills=("sql", "Negotiating", "presenting", "budgeting"),
    industry="Healthcare",
    years_experience=12,
    languages=("pt",),
    timezone="Europe/Lisbon",
    bio="I built the analytics team at a hospital group",
)


def test_explanation_of_a_strong_pair_is_hand_checked() -> None:
    only = Weights(
        skills=1, goals=0, focus_areas=0, industry=1, organisation=0, job_function=0,
        experience=1, timezone=1, meeting_format=0, time=0, passion=0, feedback=0,
        questionnaire=0,
    )  # fmt: skip
    explanation = explain_pair(INES, ANA, weights=only)
    values = {f.name: f.value for f in explanation.factors}
    # Skills: synonyms fold "Negotiating" and "presenting"; 3 of the 4 wanted.
    assert values["skills"] == 0.75
    assert values["industry"] == 1.0
    # Gap of 8 years is the ideal gap; same timezone gives 8 working hours >= 4 desired.
    assert values["experience"] == 1.0
    assert values["timezone"] == 1.0
    assert explanation.score == pytest.approx(100 * (0.75 + 1 + 1 + 1) / 4)
    assert explanation.allowed
    assert explanation.reasons == (
        "8 more years of experience than you",
        "Both work in healthcare",
        "8 working hours in common",
        "Offers 3 of the 4 skills you want: sql, negotiation and public speaking",
    )


def test_explanation_names_weaknesses_and_broken_rules() -> None:
    far = MentorRecord(
        id="far",
        skills=("design",),
        industry="finance",
        years_experience=2,
        languages=("ja",),
        timezone="Asia/Tokyo",
    )
    explanation = explain_pair(INES, far)
    assert not explanation.allowed
    assert explanation.blocked_by == (
        "No language in common",
        "Fewer than 1 working hours in common",
    )
    assert "Offers none of the 4 skills you want" in explanation.reasons
    assert len(explanation.reasons) >= 2


def test_only_one_working_hour_in_common_is_said_plainly() -> None:
    new_york = MentorRecord(id="ny", languages=("en",), timezone="America/New_York")
    london = MenteeRecord(id="ldn", languages=("en",), timezone="Europe/London")
    # 9-17 in London is 4-12 in New York in winter: 13:00-17:00 London overlaps 9:00-12:00... 3h
    assert working_hours_overlap((0.0, 1.0), (-5.0, -4.0), 9, 17) == 3.0
    text = explain_pair(london, new_york, weights=Weights(timezone=5)).reasons
    assert "Only 3 working hours in common" in text


def test_experience_fit_peaks_at_the_ideal_gap() -> None:
    assert experience_fit(-1, 8) == 0.0
    assert experience_fit(0, 8) == 0.0
    assert experience_fit(8, 8) == 1.0
    assert experience_fit(4, 8) == pytest.approx(0.7)
    assert experience_fit(24, 8) == pytest.approx(0.3)


def test_taxonomy_folds_case_spacing_and_synonyms() -> None:
    taxonomy = Taxonomy({"Structured Query Language": "SQL", "k8s admin": "kubernetes"})
    assert taxonomy.canonical_set(["SQL", " sql ", "structured-query-language", "ML"]) == (
        "sql",
        "machine learning",
    )
    assert taxonomy.canonical("K8s_Admin") == "kubernetes"


def test_each_unmatched_mentee_gets_a_reason() -> None:
    mentors = [
        MentorRecord(id="m1", capacity=1, skills=("sql",), languages=("en",)),
        MentorRecord(id="boss", capacity=1, languages=("de",), timezone="Europe/Berlin"),
        MentorRecord(id="tokyo", capacity=1, languages=("ja",), timezone="Asia/Tokyo"),
    ]
    mentees = [
        MenteeRecord(id="first", skills_wanted=("sql",), languages=("en",)),
        MenteeRecord(id="second", skills_wanted=("sql",), languages=("en",)),
        MenteeRecord(id="spanish", languages=("es",)),
        MenteeRecord(id="report", languages=("de",), manager_id="boss", timezone="Europe/Berlin"),
        MenteeRecord(id="la", languages=("ja",), timezone="America/Los_Angeles"),
    ]
    result = match(mentors, mentees, mode="stable")  # ties: the mentor prefers the lower index
    assert [(a.mentee_id, a.mentor_id) for a in result.assignments] == [("first", "m1")]
    reasons = {u.mentee_id: (u.code, u.reason) for u in result.unmatched}
    assert reasons == {
        "second": ("mentors_full", "Every compatible mentor is full (1 mentor)"),
        "spanish": ("no_shared_language", "No mentor speaks any of your languages (es)"),
        "report": (
            "excluded",
            "Every otherwise compatible mentor is excluded for you (your manager)",
        ),
        "la": (
            "no_working_hours_overlap",
            "No mentor has at least 1 working hours in common with you (America/Los_Angeles)",
        ),
    }


def test_must_match_questions_are_hard_and_should_differ_prefers_difference() -> None:
    questions = (
        Question(id="style", rule="must_match"),
        Question(id="background", rule="should_differ", weight=2),
    )

    def mentor(mentor_id: str, style: str, background: str) -> MentorRecord:
        answers = {"style": (style,), "background": (background,)}
        return MentorRecord(id=mentor_id, languages=("en",), answers=answers)

    mentors = [
        mentor("same", "hands-on", "tech"),
        mentor("other", "hands-on", "arts"),
        mentor("reflective", "reflective", "arts"),
    ]
    mentee = MenteeRecord(
        id="e", languages=("en",), answers={"style": ("hands-on",), "background": ("tech",)}
    )
    result = match(mentors, [mentee], questions=questions, mode="optimal")
    assert [a.mentor_id for a in result.assignments] == ["other"]
    ranked = sorted(result.candidates.mentor.tolist())
    assert ranked == [0, 1]  # "reflective" breaks the must-match rule


def test_metrics_per_group_and_load() -> None:
    graph = graph_from_arrays(
        np.array([0, 1, 2]),
        np.array([0, 0, 1]),
        np.array([80.0, 60.0, 40.0]),
        demand=np.array([1, 1, 1]),
        capacity=np.array([2, 1, 0]),
    )
    metrics = compute_metrics(
        graph,
        np.array([0, 1]),
        mentee_ids=["a", "b", "c"],
        group_labels={"a": "x", "b": "y", "c": "y"},
    )
    assert metrics.total_score == 140.0
    assert metrics.share_mentees_matched == pytest.approx(2 / 3)
    assert (metrics.mentor_load_min, metrics.mentor_load_max, metrics.mentors_used) == (0, 2, 1)
    assert metrics.groups["x"].match_rate == 1.0
    assert metrics.groups["y"].match_rate == 0.5
    assert metrics.groups["y"].mean_score == 60.0
    assert metrics.score_histogram["60-70"] == 1


def test_pinned_pair_is_kept_even_against_the_rules() -> None:
    mentors = [MentorRecord(id="m", languages=("ja",), timezone="Asia/Tokyo")]
    mentees = [MenteeRecord(id="e", languages=("en",))]
    result = match(mentors, mentees, constraints=Constraints(pinned_pairs=frozenset({("e", "m")})))
    [assignment] = result.assignments
    assert assignment.pinned
    assert assignment.explanation is not None
    assert assignment.explanation.reasons[0] == "Pinned by the program manager"
    assert "No language in common" in assignment.explanation.blocked_by
