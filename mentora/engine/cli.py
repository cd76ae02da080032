"""`mentora match`: match mentees to mentors from two CSV files, without a database or Django.

Exit codes: 0 on success, 2 on bad input (the message names file, row, column and value; no
output file is written).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tqdm import tqdm

from mentora.engine.api import MatchResult, match
from mentora.engine.csvio import read_mentees, read_mentors, resolve_pairs
from mentora.engine.file_errors import InputFileError, shown
from mentora.engine.outputs import atomic_outputs, check_outputs, guard_cell, write_csv
from mentora.engine.records import EngineInputError
from mentora.engine.validation import MAX_SEED
from mentora.engine.weights_file import read_settings

CLI_MODES = ("optimal", "stable", "greedy")
# Below this many mentee x mentor pairs a run takes a second or two: no progress bars.
PROGRESS_MIN_PAIRS = 2_000_000
MATCH_COLUMNS = (
    "mentee_id", "mentee_name", "mentor_id", "mentor_name", "score", "rank", "reasons",
)  # fmt: skip


class PhaseProgress:
    """One tqdm bar per phase on standard error, or nothing when disabled."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled
        self.bars: dict[str, Any] = {}

    def __call__(self, phase: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        bar = self.bars.get(phase)
        if bar is None:
            bar = tqdm(total=total, desc=phase, unit="", file=sys.stderr, leave=True)
            self.bars[phase] = bar
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()


def _whole_number(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{shown(value)} is not a whole number") from None


def _positive_int(value: str) -> int:
    number = _whole_number(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {number}")
    return number


def _seed(value: str) -> int:
    number = _whole_number(value)
    if not 0 <= number <= MAX_SEED:
        raise argparse.ArgumentTypeError(
            f"must be a whole number from 0 to {MAX_SEED}, not {number}"
        )
    return number


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for `mentora`."""
    parser = argparse.ArgumentParser(
        prog="mentora", description="Mentora's command line: matching without a database."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    command = commands.add_parser(
        "match",
        help="match mentees to mentors from CSV files",
        description="Match mentees to mentors from CSV files (format: docs/matching-csv.md).",
    )
    command.add_argument("--mentors", type=Path, required=True, help="mentors.csv")
    command.add_argument("--mentees", type=Path, required=True, help="mentees.csv")
    command.add_argument("--out", type=Path, required=True, help="matches.csv to write")
    command.add_argument("--mode", choices=CLI_MODES, default="optimal")
    command.add_argument(
        "--top-k", type=_positive_int, default=50, help="candidate mentors kept per mentee"
    )
    command.add_argument("--weights", type=Path, help="weights.toml")
    command.add_argument(
        "--explain", action="store_true", help="add every factor's value to matches.csv"
    )
    command.add_argument(
        "--scores-out", type=Path, help="write every candidate pair and its score (pairs.csv)"
    )
    command.add_argument("--seed", type=_seed, default=0, help="0 to 4294967295")
    command.add_argument(
        "--progress",
        choices=("auto", "always", "never"),
        default="auto",
        help="progress bars on standard error (auto: on a terminal, for large inputs)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `mentora` console script."""
    args = build_parser().parse_args(argv)
    try:
        return run_match(args)
    except (InputFileError, EngineInputError) as error:
        sys.stderr.write(f"mentora match: error: {error}\n")
        return 2


def run_match(args: argparse.Namespace) -> int:
    """Read, match, write, summarise."""
    outputs = [args.out, *([args.scores_out] if args.scores_out else [])]
    check_outputs(outputs)
    timings: dict[str, float] = {}

    started = time.perf_counter()
    settings = read_settings(args.weights)
    mentors = read_mentors(args.mentors)
    table = read_mentees(args.mentees)
    constraints = resolve_pairs(args.mentees, table, mentors, settings.constraints)
    timings["read"] = time.perf_counter() - started

    pairs = len(mentors) * len(table.records)
    enabled = args.progress == "always" or (
        args.progress == "auto" and sys.stderr.isatty() and pairs >= PROGRESS_MIN_PAIRS
    )
    progress = PhaseProgress(enabled=enabled)
    progress("read", 1, 1)
    try:
        result = match(
            mentors,
            table.records,
            constraints=constraints,
            weights=settings.weights,
            options=settings.options,
            questions=settings.questions,
            mode=args.mode,
            top_k=args.top_k,
            seed=args.seed,
            progress=progress,
        )
        timings["score and candidates"] = result.timings["features"] + result.timings["candidates"]
        timings["solve"] = result.timings["solve"]
        timings["explain"] = result.timings["metrics"] + result.timings["explain"]

        started = time.perf_counter()
        progress("write", 0, 1)
        with atomic_outputs(outputs) as handles:
            rows = write_matches(handles[0], result, explain=args.explain)
            if args.scores_out:
                write_scores(handles[1], result)
        progress("write", 1, 1)
        timings["write"] = time.perf_counter() - started
    finally:
        progress.close()
    sys.stdout.write(summary(result, args=args, rows=rows, timings=timings) + "\n")
    return 0


def write_matches(handle: Any, result: MatchResult, *, explain: bool) -> int:
    """matches.csv: one row per pair, then a row with an empty mentor for unfilled demand."""
    model = result.model
    factor_names = model.factor_names
    header = list(MATCH_COLUMNS)
    if explain:
        header += ["pinned", *(f"factor_{name}" for name in factor_names)]
    names = {r.id: r.name for r in model.mentors}
    by_mentee: dict[str, list[list[object]]] = {}
    for assignment in result.assignments:
        explanation = assignment.explanation
        row: list[object] = [
            assignment.mentee_id,
            "",
            assignment.mentor_id,
            names[assignment.mentor_id],
            f"{assignment.score:.6f}",
            assignment.rank,
            "; ".join(explanation.reasons) if explanation else "",
        ]
        if explain and explanation:
            row += ["yes" if assignment.pinned else "no"]
            row += [f"{factor.value:.4f}" for factor in explanation.factors]
        by_mentee.setdefault(assignment.mentee_id, []).append(row)
    for unmatched in result.unmatched:
        row = [unmatched.mentee_id, "", "", "", "", "", unmatched.reason]
        if explain:
            row += [""] * (1 + len(factor_names))
        by_mentee.setdefault(unmatched.mentee_id, []).append(row)

    def rows() -> Any:
        for mentee in model.mentees:
            for row in by_mentee.get(mentee.id, ()):
                row[1] = mentee.name
                yield row

    return write_csv(handle, header, rows())


def write_scores(handle: Any, result: MatchResult) -> None:
    """pairs.csv: every candidate pair with the exact score the solver optimised."""
    handle.write("mentee_id,mentor_id,score\n")
    mentee_ids = [_csv_cell(r.id) for r in result.model.mentees]
    mentor_ids = [_csv_cell(r.id) for r in result.model.mentors]
    graph = result.candidates
    chunk = 500_000
    for start in range(0, graph.n_arcs, chunk):
        part = slice(start, start + chunk)
        handle.write(
            "".join(
                f"{mentee_ids[a]},{mentor_ids[b]},{units // 1_000_000}.{units % 1_000_000:06d}\n"
                for a, b, units in zip(
                    graph.mentee[part].tolist(),
                    graph.mentor[part].tolist(),
                    graph.score_units[part].tolist(),
                    strict=True,
                )
            )
        )


def _csv_cell(value: str) -> str:
    """An id as a CSV cell: formulas guarded (`guard_cell`), then quoted as the csv module would."""
    value = str(guard_cell(value))
    if any(ch in value for ch in ',"\n\r'):
        return '"' + value.replace('"', '""') + '"'
    return value


def _percent(part: float, whole: float) -> str:
    return f"{100.0 * part / whole:.1f}%" if whole else "n/a"


def summary(
    result: MatchResult, *, args: argparse.Namespace, rows: int, timings: dict[str, float]
) -> str:
    """The metrics a program manager reads first, as plain lines."""
    metrics = result.metrics
    graph = result.candidates
    lines = [
        f"Mode: {result.mode}; {metrics.mentees:,} mentees; {graph.n_mentors:,} mentors; "
        f"{graph.n_arcs:,} candidate pairs (top {args.top_k}); seed {args.seed}",
        f"Matched mentees: {metrics.mentees_matched:,} of {metrics.mentees:,} "
        f"({_percent(metrics.mentees_matched, metrics.mentees)}); places filled: "
        f"{metrics.pairs:,} of {metrics.demand:,} wanted "
        f"({_percent(metrics.pairs, metrics.demand)})",
    ]
    if metrics.mean_score is not None:
        quantiles = metrics.score_quantiles
        lines.append(
            f"Score: total {metrics.total_score:,.6f}; mean {metrics.mean_score:.2f}; "
            f"quartiles {quantiles['p25']:.1f} / {quantiles['p50']:.1f} / {quantiles['p75']:.1f}"
        )
        lines.append(
            "Score distribution: "
            + ", ".join(f"{band}: {count:,}" for band, count in metrics.score_histogram.items())
        )
    lines.append(
        f"Mentor load: min {metrics.mentor_load_min}, mean {metrics.mentor_load_mean:.2f}, "
        f"max {metrics.mentor_load_max}; mentors used {metrics.mentors_used:,} of "
        f"{metrics.mentors:,} ({_percent(metrics.mentors_used, metrics.mentors)}); "
        f"capacity used {100.0 * metrics.capacity_used:.1f}%"
    )
    lines.append(f"Blocking pairs: {metrics.blocking_pairs:,}")
    if result.unmatched:
        counts = Counter(u.code for u in result.unmatched)
        lines.append(
            f"Unfilled: {len(result.unmatched):,} mentees ("
            + ", ".join(f"{code.replace('_', ' ')}: {n:,}" for code, n in counts.most_common())
            + ")"
        )
    lines.append(
        "Time: " + ", ".join(f"{phase} {seconds:.2f} s" for phase, seconds in timings.items())
    )
    lines.append(f"Wrote {args.out} ({rows:,} rows)")
    if args.scores_out:
        lines.append(f"Wrote {args.scores_out} ({graph.n_arcs:,} pairs)")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
