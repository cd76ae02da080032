"""Whole runs pinned to the byte: synthetic people through the public API and `mentora match`.

The digests were taken before `engine/features.py` became a package of feature builders
(issue 11): the split, and any later refactoring, must leave every score, factor value, reason,
order and number format exactly as it was. The population exercises every factor and every hard
rule (questionnaire rules, seniority standing in for years, reporting lines, earlier partners,
exclusions and pins, the experience and working-hour rules).

When a change of output is intended, the failing assertion prints the new digest; replace the
constant and say why in the commit message. The figures come from float64 arithmetic and a
float32 candidate search, so a very different CPU or BLAS could in principle move a last digit.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from mentora.engine import (
    MODES,
    Constraints,
    MatchResult,
    MenteeRecord,
    MentorRecord,
    Question,
    ScoringOptions,
    Weights,
    explain_pair,
    match,
    recommend,
)
from mentora.engine.cli import main
from mentora.engine.csvio import write_people_csv
from mentora.engine.solvers import Mode
from mentora.engine.synthetic import synthetic_population

SEED = 3
TOP_K = 12
QUESTIONS = (
    Question(id="style", rule="should_match", weight=2.0, text="Preferred mentoring style"),
    Question(id="city", rule="must_match", weight=1.0, text="City"),
    Question(id="rhythm", rule="should_differ", weight=1.0, text="Daily rhythm"),
    Question(id="pet", rule="ignore", weight=1.0, text="Favourite pet"),
)
ANSWERS = {
    "style": ("hands-on", "reflective", "challenging", ""),
    "city": ("lisbon", "berlin", "lagos", "", "", ""),
    "rhythm": ("early", "late", ""),
    "pet": ("cat", "dog"),
}
WEIGHTS = Weights(
    skills=3.0, goals=2.5, focus_areas=1.0, industry=1.0, organisation=0.75, job_function=1.25,
    experience=1.5, timezone=1.0, meeting_format=0.5, time=1.0, passion=0.75, feedback=0.5,
    questionnaire=1.5,
)  # fmt: skip
OPTIONS = ScoringOptions(
    ideal_experience_gap=6.0,
    working_hours=(8.0, 18.0),
    desired_overlap_hours=5.0,
    organisation_preference="different",
    job_function_preference="any",
    session_hours=1.5,
)
SENIORITIES = ("entry", "mid", "senior", "lead", "director")


def _answers(rng: np.random.Generator) -> dict[str, tuple[str, ...]]:
    answers: dict[str, tuple[str, ...]] = {}
    for question, values in ANSWERS.items():
        value = values[int(rng.integers(0, len(values)))]
        if value:
            answers[question] = (value,)
    return answers


def population() -> tuple[list[MentorRecord], list[MenteeRecord], Constraints]:
    """Synthetic people with every optional field some of them may fill."""
    mentors, mentees = synthetic_population(120, 70, seed=SEED, max_mentors_wanted=2)
    rng = np.random.default_rng(SEED + 100)
    mentors = [
        replace(
            mentor,
            passion=round(float(rng.uniform(0.2, 1.0)), 2) if rng.random() < 0.5 else None,
            answers=_answers(rng),
            years_experience=None if index % 9 == 0 else mentor.years_experience,
            seniority=SENIORITIES[index % len(SENIORITIES)],
            manager_id=mentors[index - 1].id if index % 11 == 5 else "",
            previous_mentee_ids=(mentees[index].id,) if index % 13 == 0 else (),
        )
        for index, mentor in enumerate(mentors)
    ]
    mentees = [
        replace(
            mentee,
            answers=_answers(rng),
            years_experience=None if index % 10 == 0 else mentee.years_experience,
            seniority=SENIORITIES[index % 3],
            organisation_preference=("same", None, "any")[index % 3],
            job_function_preference=("different", None, None, "same")[index % 4],
            previous_mentor_ids=(mentors[index % len(mentors)].id,) if index % 17 == 0 else (),
        )
        for index, mentee in enumerate(mentees)
    ]
    constraints = Constraints(
        excluded_pairs=frozenset({(mentees[1].id, mentors[2].id), (mentees[4].id, mentors[7].id)}),
        pinned_pairs=frozenset({(mentees[3].id, mentors[8].id), (mentees[6].id, mentors[9].id)}),
        exclude_less_experienced=True,
        min_overlap_hours=2.0,
    )
    return mentors, mentees, constraints


def _plain(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"cannot serialise {value!r}")


def digest(data: object) -> str:
    text = json.dumps(data, sort_keys=True, default=_plain, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def result_data(result: MatchResult) -> dict[str, Any]:
    """Everything a run returns, as plain data (floats keep every bit through repr)."""
    graph = result.candidates
    return {
        "mode": result.mode,
        "assignments": [asdict(a) for a in result.assignments],
        "unmatched": [asdict(u) for u in result.unmatched],
        "metrics": result.metrics.as_dict(),
        "factor_names": result.model.factor_names,
        "factor_weights": result.model.factor_weights.tolist(),
        "graph": {
            "mentee": graph.mentee.tolist(),
            "mentor": graph.mentor.tolist(),
            "score_units": graph.score_units.tolist(),
            "pinned": graph.pinned.tolist(),
            "rank": graph.rank.tolist(),
        },
    }


API_DIGESTS = {
    "optimal": "ff5a6a8c96e25fe377dca0c7a48638637af28f812b80324c8beb190a3e07b9f4",
    "optimal_total": "cd45bfadf45c67f22fd11fcc95f10d7debec867e00aff62f2cb384cd2e6a39cf",
    "stable": "ea9f2aec7b540dc829c3d509961c07ebf89cff091049eb1a20d8c6eef7bdc73c",
    "greedy": "8b16a8b2f240f72e9c5a3fb9827f7a5a927f94fd0943b61e6f3d40b576d15e6b",
}


@pytest.mark.parametrize("mode", MODES)
def test_a_match_run_gives_the_pinned_output(mode: Mode) -> None:
    mentors, mentees, constraints = population()
    result = match(
        mentors,
        mentees,
        constraints=constraints,
        weights=WEIGHTS,
        options=OPTIONS,
        questions=QUESTIONS,
        mode=mode,
        top_k=TOP_K,
        seed=SEED,
        group_labels={m.id: m.industry for m in mentees},
    )
    assert len(result.assignments) > 100
    assert len({u.code for u in result.unmatched}) >= 2
    assert digest(result_data(result)) == API_DIGESTS[mode]


def test_recommendations_and_explanations_give_the_pinned_output() -> None:
    mentors, mentees, constraints = population()
    settings: dict[str, Any] = {
        "constraints": replace(constraints, excluded_pairs=frozenset(), pinned_pairs=frozenset()),
        "weights": WEIGHTS,
        "options": OPTIONS,
        "questions": QUESTIONS,
        "seed": SEED,
    }
    data: dict[str, Any] = {}
    for mentee in mentees[:12]:
        data[mentee.id] = [asdict(r) for r in recommend(mentee, mentors, top_k=5, **settings)]
    # Pairs a run would never propose, so their broken rules are named in a pinned order.
    data["explanations"] = [
        asdict(explain_pair(mentee, mentor, **settings))
        for mentee in mentees[:6]
        for mentor in mentors[:9]
    ]
    blocked = [e["blocked_by"] for e in data["explanations"] if e["blocked_by"]]
    assert any(len(reasons) > 1 for reasons in blocked)
    assert digest(data) == EXPLANATIONS_DIGEST


EXPLANATIONS_DIGEST = "fd34c886c35bcac62f3630c7eebbffb5962e5503f63c914c1b1ba9eff5a9d0dd"


def write_files(folder: Path) -> None:
    """The population as the CLI's CSV files, with a weights.toml that sets everything."""
    mentors, mentees, constraints = population()
    pinned = dict(constraints.pinned_pairs)
    excluded = dict(constraints.excluded_pairs)
    write_people_csv(folder / "mentors.csv", mentors)
    write_people_csv(
        folder / "mentees.csv",
        mentees,
        extra_columns={
            "pinned_mentors": [pinned.get(m.id, "") for m in mentees],
            "excluded_mentors": [excluded.get(m.id, "") for m in mentees],
            "gender": [("female", "male", "")[i % 3] for i in range(len(mentees))],
        },
    )
    lines = ["[weights]"]
    lines += [f"{name} = {value!r}" for name, value in WEIGHTS.as_dict().items()]
    lines += [
        "[scoring]",
        "ideal_experience_gap = 6",
        "working_hours = [8, 18]",
        "desired_overlap_hours = 5",
        'organisation_preference = "different"',
        'job_function_preference = "any"',
        "session_hours = 1.5",
        "[constraints]",
        "exclude_less_experienced = true",
        "min_overlap_hours = 2",
    ]
    for question in QUESTIONS:
        lines += [
            f"[questions.{question.id}]",
            f'rule = "{question.rule}"',
            f"weight = {question.weight!r}",
            f'text = "{question.text}"',
        ]
    (folder / "weights.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


# (matches.csv, pairs.csv, the summary without its timings), each as SHA-256.
CLI_DIGESTS = {
    "optimal": (
        "b5b655062f76a92d7f74fff74cda23d54050cb894eeb91fdd7a6ce451bd9b9a9",
        "c42ef25880f6d7aa5e4cfc3558328b05641ebe7a829fd1d1823f8e0009f5bf80",
        "0e813c42ef1035c3772dcd695359c1596fdfe742e0834f0eb1c40cb009cc9ead",
    ),
    "stable": (
        "5a26bd792e29dbf283a0bb3471fb1b68ccbc23bc759d6eb22603a5f1b0354408",
        "c42ef25880f6d7aa5e4cfc3558328b05641ebe7a829fd1d1823f8e0009f5bf80",
        "15eba28c58ccb8ecd770b41a43ee7466ed1ecb3fd57900cd1eebac8f3fa5c7d5",
    ),
}


@pytest.mark.parametrize("mode", sorted(CLI_DIGESTS))
def test_mentora_match_writes_the_pinned_bytes(
    tmp_path: Path, mode: str, capsys: pytest.CaptureFixture[str]
) -> None:
    write_files(tmp_path)
    status = main(
        [
            "match",
            "--mentors", str(tmp_path / "mentors.csv"),
            "--mentees", str(tmp_path / "mentees.csv"),
            "--weights", str(tmp_path / "weights.toml"),
            "--out", str(tmp_path / "matches.csv"),
            "--scores-out", str(tmp_path / "pairs.csv"),
            "--mode", mode,
            "--top-k", str(TOP_K),
            "--seed", str(SEED),
            "--explain",
        ]
    )  # fmt: skip
    assert status == 0
    summary = capsys.readouterr().out.replace(str(tmp_path), "<folder>")
    summary = re.sub(r"^Time: .*\n", "", summary, flags=re.MULTILINE)
    matches = (tmp_path / "matches.csv").read_bytes()
    pairs = (tmp_path / "pairs.csv").read_bytes()
    assert matches.count(b"\n") > 150
    found = (
        hashlib.sha256(matches).hexdigest(),
        hashlib.sha256(pairs).hexdigest(),
        hashlib.sha256(summary.encode("utf-8")).hexdigest(),
    )
    assert found == CLI_DIGESTS[mode], summary
