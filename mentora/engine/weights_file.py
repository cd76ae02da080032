"""Reading weights.toml: factor weights, scoring options, hard rules and questionnaire questions.

Every problem is an `InputFileError` naming the file and the setting; the settings are then
checked together with the engine's own rules (`validate_settings`), so a value the engine would
refuse is reported against the file.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from mentora.engine.file_errors import InputFileError, nul_error
from mentora.engine.records import (
    DIRECTIONS,
    QUESTION_RULES,
    Constraints,
    EngineInputError,
    Question,
    ScoringOptions,
    Weights,
)
from mentora.engine.validation import validate_settings


@dataclass(frozen=True)
class Settings:
    """What weights.toml configures."""

    weights: Weights
    options: ScoringOptions
    constraints: Constraints
    questions: tuple[Question, ...]


def _typed_section(
    path: Path, section: str, data: dict[str, Any], target: type, *, numbers_only: bool = False
) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise InputFileError(
            path,
            f"[{section}] must be a table of settings (one `name = value` a line), not {data!r}",
        )
    known = {f.name: f for f in fields(target)}
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in known or key in {"excluded_pairs", "pinned_pairs"}:
            raise InputFileError(
                path, f"unknown setting '{key}' in [{section}] (known: {', '.join(known)})"
            )
        default = getattr(target(), key)
        if isinstance(default, bool):
            if not isinstance(value, bool):
                raise InputFileError(
                    path, f"[{section}] {key} must be true or false, not {value!r}"
                )
        elif isinstance(default, int | float) or numbers_only:
            if (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or not math.isfinite(value)
                or value < 0
            ):
                raise InputFileError(
                    path, f"[{section}] {key} must be a number, 0 or more, not {value!r}"
                )
            value = float(value)
        elif isinstance(default, tuple):
            if (
                not isinstance(value, list)
                or len(value) != 2
                or not all(isinstance(v, int | float) for v in value)
            ):
                raise InputFileError(path, f"[{section}] {key} must be two numbers, like [9, 17]")
            value = (float(value[0]), float(value[1]))
        elif isinstance(default, str) and value not in DIRECTIONS:
            raise InputFileError(
                path, f"[{section}] {key} must be one of {', '.join(DIRECTIONS)}, not {value!r}"
            )
        values[key] = value
    return values


def read_settings(path: Path | None) -> Settings:
    """Weights, scoring options, constraints and questions from weights.toml (defaults if None)."""
    if path is None:
        return Settings(Weights(), ScoringOptions(), Constraints(), ())
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InputFileError(path, f"cannot be read ({error.strerror})") from error
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise InputFileError(path, "is not UTF-8 text") from error
    except tomllib.TOMLDecodeError as error:
        raise InputFileError(path, f"is not valid TOML ({error})") from error
    unknown = sorted(set(data) - {"weights", "scoring", "constraints", "questions"})
    if unknown:
        raise InputFileError(
            path,
            f"unknown section [{unknown[0]}] (known: weights, scoring, constraints, questions)",
        )
    weights = Weights(
        **_typed_section(path, "weights", data.get("weights", {}), Weights, numbers_only=True)
    )
    options = ScoringOptions(
        **_typed_section(path, "scoring", data.get("scoring", {}), ScoringOptions)
    )
    constraints = Constraints(
        **_typed_section(path, "constraints", data.get("constraints", {}), Constraints)
    )
    questions = []
    question_specs = data.get("questions") or {}
    if not isinstance(question_specs, dict):
        raise InputFileError(
            path, f"[questions] must hold one table per question, not {question_specs!r}"
        )
    for question_id, spec in question_specs.items():
        if "\x00" in question_id:
            raise InputFileError(path, nul_error("the question id ", question_id))
        if not isinstance(spec, dict):
            raise InputFileError(path, f"[questions.{question_id}] must be a table")
        rule = spec.get("rule", "should_match")
        if rule not in QUESTION_RULES:
            raise InputFileError(
                path,
                f"[questions.{question_id}] rule must be one of {', '.join(QUESTION_RULES)}, "
                f"not {rule!r}",
            )
        weight = spec.get("weight", 1.0)
        if isinstance(weight, bool) or not isinstance(weight, int | float) or weight < 0:
            raise InputFileError(path, f"[questions.{question_id}] weight must be a number >= 0")
        unknown_keys = sorted(set(spec) - {"rule", "weight", "text"})
        if unknown_keys:
            raise InputFileError(path, f"[questions.{question_id}] unknown key '{unknown_keys[0]}'")
        text = str(spec.get("text", ""))
        if "\x00" in text:
            raise InputFileError(path, nul_error(f"[questions.{question_id}] text ", text))
        questions.append(Question(id=question_id, rule=rule, weight=float(weight), text=text))
    try:
        validate_settings(
            weights=weights, options=options, constraints=constraints, questions=questions
        )
    except EngineInputError as error:
        raise InputFileError(path, str(error)) from error
    return Settings(weights, options, constraints, tuple(questions))
