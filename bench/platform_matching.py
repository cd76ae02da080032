"""Benchmark of a match run inside the platform against the CLI engine on the same people.

    .venv/bin/python bench/platform_matching.py                 # 10k mentees x 3k mentors
    .venv/bin/python bench/platform_matching.py --mentees 1000 --mentors 300

It builds one seeded synthetic population (`mentora/engine/synthetic.py`) and, in the same run:

1. writes it as mentors.csv and mentees.csv and times `mentora match` on them in a fresh process
   (optimal mode, top-50, `--explain`, like the platform, which stores every factor);
2. loads the same people into a throwaway SQLite database under var/bench/ (bulk inserts: users,
   profiles, enrollments, mentor offers, mentee needs, skills, reporting lines) and times a
   match run from start to the draft stored (`match_run_start`, executed in this process as the
   worker would) and the draft page rendered for the manager.

Both sides see the same data: feedback ratings and response times are left out of the CSVs
(the database has no surveys or requests yet), and an "any" industry preference is written as
no preference (the platform's "No preference" follows the program's default). The target is at
most twice the CLI's time. Results go to bench/results/platform_matching.json and .md, and to a
section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import django
import numpy

ROOT = Path(__file__).resolve().parent.parent
sys.path = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

from mentora.engine.csvio import write_people_csv  # noqa: E402
from mentora.engine.synthetic import synthetic_population  # noqa: E402

BENCH_DIR = ROOT / "var" / "bench"
DATABASE = BENCH_DIR / "platform_matching.sqlite3"
RESULTS = ROOT / "bench" / "results"
DOCS = ROOT / "docs" / "benchmarks.md"
SECTION_START = "<!-- platform_matching:start -->"
SECTION_END = "<!-- platform_matching:end -->"
TOP_K = 50
TARGET_RATIO = 2.0
UNUSABLE = "!"  # Django's marker of an unusable password: nobody logs in as these people


def machine() -> dict[str, Any]:
    """The machine the numbers were measured on."""
    cpu = "unknown"
    memory_gib = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory_gib = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": memory_gib,
        "python": platform.python_version(),
        "django": django.__version__,
        "numpy": numpy.__version__,
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
    }


def population(n_mentees: int, n_mentors: int, seed: int) -> tuple[list[Any], list[Any]]:
    """The synthetic people, as both sides will see them (see the module docstring)."""
    mentors, mentees = synthetic_population(n_mentees, n_mentors, seed=seed)
    mentors = [replace(m, feedback_rating=None, response_hours=None) for m in mentors]
    mentees = [
        replace(m, industry_preference=None) if m.industry_preference == "any" else m
        for m in mentees
    ]
    return mentors, mentees


def run_cli(mentors_csv: Path, mentees_csv: Path, out: Path, seed: int) -> dict[str, Any]:
    """`mentora match` end to end in a fresh process: wall time and the phases it prints."""
    command = [
        sys.executable, "-m", "mentora.engine.cli", "match", "--mentors", str(mentors_csv),
        "--mentees", str(mentees_csv), "--out", str(out), "--mode", "optimal",
        "--top-k", str(TOP_K), "--seed", str(seed), "--explain", "--progress", "never",
    ]  # fmt: skip
    started = time.perf_counter()
    completed = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    wall = time.perf_counter() - started
    if completed.returncode != 0:
        raise RuntimeError(f"mentora match failed: {completed.stderr}")
    phases = {
        name.strip(): float(seconds)
        for name, seconds in re.findall(
            r"([a-z][a-z ]+?) ([0-9.]+) s", completed.stdout.split("Time:")[1]
        )
    }
    matched = re.search(r"Matched mentees: ([0-9,]+)", completed.stdout)
    mean = re.search(r"mean ([0-9.]+)", completed.stdout)
    return {
        "seconds": round(wall, 2),
        "phases": phases,
        "pairs": int(matched.group(1).replace(",", "")) if matched else 0,
        "mean_score": float(mean.group(1)) if mean else None,
    }


def setup_django() -> None:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    if DATABASE.exists():
        DATABASE.unlink()
    os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentora.settings")
    django.setup()
    # Django's models and commands (and the apps' modules) load only after django.setup().
    from django.core.management import call_command  # noqa: PLC0415 - after setup

    call_command("migrate", verbosity=0)


def load_database(mentors: list[Any], mentees: list[Any]) -> tuple[Any, Any]:
    """The population as one program's active enrollments; returns (program, manager)."""
    # Models load only after django.setup() (setup_django).
    from django.db import transaction  # noqa: PLC0415 - after setup

    from mentora.accounts.models import User  # noqa: PLC0415 - after setup
    from mentora.profiles.models import (  # noqa: PLC0415 - after setup
        MenteeNeeds,
        MentorOffer,
        Profile,
        Skill,
        SkillCategory,
    )
    from mentora.programs.models import (  # noqa: PLC0415 - after setup
        Enrollment,
        Organisation,
        OrganisationManager,
        Program,
    )

    with transaction.atomic():
        manager = User.objects.create_user(email="manager@bench.test", password=None)
        Profile.objects.create(user=manager, display_name="Bench Manager")
        organisation = Organisation.objects.create(name="Bench", slug="bench")
        OrganisationManager.objects.create(organisation=organisation, user=manager)
        program = Program.objects.create(
            organisation=organisation, name="Bench program", slug="bench", state="open"
        )
        category = SkillCategory.objects.create(name="Bench skills")
        names = sorted(
            {s for m in mentors for s in m.skills} | {s for m in mentees for s in m.skills_wanted}
        )
        Skill.objects.bulk_create(
            [Skill(category=category, name=n, organisation=organisation) for n in names]
        )
        skill_ids = dict(Skill.objects.filter(organisation=organisation).values_list("name", "pk"))

        people = [("mentor", m) for m in mentors] + [("mentee", m) for m in mentees]
        users = User.objects.bulk_create(
            [User(email=f"{r.id.lower()}@bench.test", password=UNUSABLE) for _, r in people],
            batch_size=2000,
        )
        user_of = {record.id: user for (_, record), user in zip(people, users, strict=True)}
        Profile.objects.bulk_create(
            [
                Profile(
                    user=user_of[record.id],
                    display_name=record.name,
                    organisation=record.organisation,
                    department=record.department,
                    job_function=record.job_function,
                    industry=record.industry,
                    years_experience=int(record.years_experience or 0),
                    timezone=record.timezone,
                    languages=list(record.languages),
                    meeting_formats=list(record.meeting_formats),
                    bio=record.bio if role == "mentor" else "",
                    manager=user_of.get(record.manager_id),
                )
                for role, record in people
            ],
            batch_size=2000,
        )
        enrollments = Enrollment.objects.bulk_create(
            [
                Enrollment(
                    program=program,
                    user=user_of[record.id],
                    role=role,
                    status=Enrollment.Status.ACTIVE,
                )
                for role, record in people
            ],
            batch_size=2000,
        )
        mentor_enrollments = enrollments[: len(mentors)]
        mentee_enrollments = enrollments[len(mentors) :]
        offers = MentorOffer.objects.bulk_create(
            [
                MentorOffer(
                    enrollment=enrollment,
                    focus_areas=list(record.focus_areas),
                    capacity=record.capacity,
                    hours_per_month=int(record.hours_per_month or 0),
                )
                for enrollment, record in zip(mentor_enrollments, mentors, strict=True)
            ],
            batch_size=2000,
        )
        needs = MenteeNeeds.objects.bulk_create(
            [
                MenteeNeeds(
                    enrollment=enrollment,
                    career_goals=[record.goals],
                    focus_areas=list(record.focus_areas),
                    meeting_cadence=record.cadence,
                    industry_preference=record.industry_preference or "any",
                )
                for enrollment, record in zip(mentee_enrollments, mentees, strict=True)
            ],
            batch_size=2000,
        )
        MentorOffer.skills.through.objects.bulk_create(
            [
                MentorOffer.skills.through(mentoroffer_id=offer.pk, skill_id=skill_ids[name])
                for offer, record in zip(offers, mentors, strict=True)
                for name in record.skills
            ],
            batch_size=5000,
        )
        MenteeNeeds.skills.through.objects.bulk_create(
            [
                MenteeNeeds.skills.through(menteeneeds_id=item.pk, skill_id=skill_ids[name])
                for item, record in zip(needs, mentees, strict=True)
                for name in record.skills_wanted
            ],
            batch_size=5000,
        )
    return program, manager


def run_platform(program: Any, manager: Any) -> dict[str, Any]:
    """A match run from start to the draft stored, then the draft page rendered."""
    # The test client and the apps' services load only after django.setup() (setup_django).
    from django.test import Client  # noqa: PLC0415 - after setup

    from mentora.matching.services import match_run_start  # noqa: PLC0415 - after setup

    client = Client()
    client.force_login(manager)
    started = time.perf_counter()
    run = match_run_start(program=program, started_by=manager, mode="optimal", top_k=TOP_K,
                          background=False)  # fmt: skip
    stored = time.perf_counter()
    if run.status != "draft":
        raise RuntimeError(f"the run did not produce a draft: {run.status} {run.error}")
    response = client.get(f"/matching/runs/{run.pk}/", SERVER_NAME="localhost")
    rendered = time.perf_counter()
    if response.status_code != 200:
        raise RuntimeError(f"the draft page answered {response.status_code}")
    return {
        "seconds": round(rendered - started, 2),
        "draft_stored_seconds": round(stored - started, 2),
        "page_seconds": round(rendered - stored, 2),
        "page_kib": round(len(response.content) / 1024, 1),
        "phases": run.metrics.get("timings", {}),
        "pairs": run.proposals.count(),
        "unmatched": run.unmatched.count(),
        "mean_score": run.metrics.get("mean_score"),
    }


def _platform_row(label: str, run: dict[str, Any]) -> str:
    phases = run["phases"]
    return (
        f"| {label} | {run['seconds']} | {run['pairs']:,} | read from the database "
        f"{phases.get('read', 0):.2f} s, features {phases.get('features', 0):.2f} s, candidates "
        f"{phases.get('candidates', 0):.2f} s, solve {phases.get('solve', 0):.2f} s, explain "
        f"{phases.get('explain', 0):.2f} s, store {phases.get('store', 0):.2f} s; "
        f"draft stored after {run['draft_stored_seconds']} s; "
        f"draft page {run['page_seconds']} s ({run['page_kib']} KiB) |"
    )


def markdown(results: dict[str, Any]) -> str:
    m = results["machine"]
    cli, runs = results["cli"], results["platform_runs"]
    size = f"{results['mentees']:,} mentees x {results['mentors']:,} mentors"
    met = "yes" if results["ratio"] <= TARGET_RATIO else "no"
    rows = [_platform_row("Match run, database to draft page: first in a fresh process", runs[0])]
    rows += [
        _platform_row(f"Match run, database to draft page: run {n} (process warm)", run)
        for n, run in enumerate(runs[1:], start=2)
    ]
    return "\n".join(
        [
            "## A match run inside the platform vs the CLI (bench/platform_matching.py)",
            "",
            f"Measured {results['measured']} on {m['nproc']} cores ({m['cpu']}), "
            f"{m['memory_gib']} GiB, Python {m['python']}, Django {m['django']}, "
            f"SQLite {m['sqlite']}. Seed {results['seed']}, {size}, optimal mode, top-{TOP_K}.",
            "",
            "Rerun: `.venv/bin/python bench/platform_matching.py` (writes a throwaway SQLite "
            "database under var/bench/, bench/results/platform_matching.json and .md, and this "
            "section). The same synthetic people go to CSVs for the CLI and, by bulk inserts, "
            "into the database for the platform; both produce the same pairs.",
            "",
            f"The CLI ran {results['repeat']} times, each in a fresh process (its fastest run "
            f"counts: {', '.join(str(x) for x in cli['all_seconds'])} s). The platform runs "
            f"{results['repeat']} match runs one after another in one process, as the "
            "background worker does: the first pays one-off costs a long-lived worker and web "
            "process pay once (importing scikit-learn, which the CLI also pays on every run, "
            "and Django's first page render); the later ones show a worker's steady state, and "
            "their draft page also compares the draft with the previous one.",
            "",
            "| Path | Total s | Pairs | Detail |",
            "| --- | ---: | ---: | --- |",
            f"| `mentora match` on CSVs (fresh process, `--explain`) | {cli['seconds']} | "
            f"{cli['pairs']:,} | "
            + ", ".join(f"{k} {v:.2f} s" for k, v in cli["phases"].items())
            + " |",
            *rows,
            "",
            f"Same result on both paths: {results['same_result']} (pairs, and mean score "
            f"{cli['mean_score']} vs {runs[-1]['mean_score']:.2f}).",
            "",
            f"Target: a match run in the platform at most {TARGET_RATIO:g}x the CLI's time. "
            f"Measured with the worker running: {results['ratio']:.2f}x (met: {met}); the first "
            f"run of a fresh process: {results['cold_ratio']:.2f}x.",
            "",
        ]
    )


def update_docs(text: str) -> None:
    """Replace this benchmark's section of docs/benchmarks.md, or append it at the end."""
    section = f"{SECTION_START}\n{text.rstrip()}\n{SECTION_END}\n"
    current = DOCS.read_text() if DOCS.exists() else ""
    if SECTION_START in current and SECTION_END in current:
        before, _, rest = current.partition(SECTION_START)
        _, _, after = rest.partition(SECTION_END)
        DOCS.write_text(before + section.rstrip("\n") + after)
    else:
        DOCS.write_text(current.rstrip("\n") + "\n\n" + section)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--mentees", type=int, default=10_000)
    parser.add_argument("--mentors", type=int, default=3_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each path (the CLI's fastest counts)"
    )
    parser.add_argument("--no-docs", action="store_true", help="leave docs/benchmarks.md alone")
    args = parser.parse_args(argv)

    mentors, mentees = population(args.mentees, args.mentors, args.seed)
    with tempfile.TemporaryDirectory() as folder:
        mentors_csv, mentees_csv = Path(folder, "mentors.csv"), Path(folder, "mentees.csv")
        write_people_csv(mentors_csv, mentors)
        write_people_csv(mentees_csv, mentees)
        print("CLI engine ...", flush=True)
        cli_runs = [
            run_cli(mentors_csv, mentees_csv, Path(folder, "matches.csv"), args.seed)
            for _ in range(args.repeat)
        ]
        cli = min(cli_runs, key=lambda r: r["seconds"])
        cli["all_seconds"] = [r["seconds"] for r in cli_runs]
    print(f"  {cli['seconds']} s, {cli['pairs']} pairs", flush=True)

    print("Database ...", flush=True)
    started = time.perf_counter()
    setup_django()
    program, manager = load_database(mentors, mentees)
    print(f"  migrated and loaded in {time.perf_counter() - started:.1f} s", flush=True)
    print("Platform match run ...", flush=True)
    platform_runs = []
    for _ in range(max(2, args.repeat)):
        platform_runs.append(run_platform(program, manager))
        print(f"  {platform_runs[-1]['seconds']} s, {platform_runs[-1]['pairs']} pairs", flush=True)
    warm = min(platform_runs[1:], key=lambda r: r["seconds"])

    results = {
        "measured": datetime.datetime.now(tz=datetime.UTC).astimezone().date().isoformat(),
        "machine": machine(),
        "seed": args.seed,
        "mentees": args.mentees,
        "mentors": args.mentors,
        "top_k": TOP_K,
        "repeat": args.repeat,
        "cli": cli,
        "platform_runs": platform_runs,
        "ratio": round(warm["seconds"] / cli["seconds"], 3),
        "cold_ratio": round(platform_runs[0]["seconds"] / cli["seconds"], 3),
        "same_result": all(
            cli["pairs"] == run["pairs"]
            and cli["mean_score"] is not None
            and abs(cli["mean_score"] - run["mean_score"]) < 0.01
            for run in platform_runs
        ),
        "target_ratio": TARGET_RATIO,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    suffix = "" if (args.mentees, args.mentors) == (10_000, 3_000) else f"-{args.mentees}"
    (RESULTS / f"platform_matching{suffix}.json").write_text(json.dumps(results, indent=2) + "\n")
    text = markdown(results)
    (RESULTS / f"platform_matching{suffix}.md").write_text(text)
    if not args.no_docs and not suffix:
        update_docs(text)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
