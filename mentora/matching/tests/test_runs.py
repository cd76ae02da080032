"""Match runs: start, progress, failure, pins, moves, changes between drafts, discard."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from typing import Any
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from mentora.accounts.models import User
from mentora.engine import match
from mentora.engine.api import MatchResult
from mentora.engine.records import Weights
from mentora.matching import services
from mentora.matching.models import MatchRun, MatchRunEvent, Pin, Proposal, UnmatchedMentee
from mentora.matching.previews import proposal_alternatives, weights_preview
from mentora.matching.selectors import run_diff
from mentora.programs.models import Program
from mentora.testing.matching import add_mentee, add_mentor, populate

pytestmark = pytest.mark.django_db


def user(email: str) -> User:
    return User.objects.get(email=email)


def start(
    program: Program,
    manager: User,
    *,
    mode: str | None = None,
    top_k: int | None = None,
    weights: Mapping[str, Any] | None = None,
) -> MatchRun:
    return services.match_run_start(
        program=program, started_by=manager, mode=mode, top_k=top_k, weights=weights
    )


def test_a_run_produces_a_draft_with_pairs_reasons_and_metrics(
    program: Program, manager: User
) -> None:
    populate(program, mentors=3, mentees=5)
    run = start(program, manager)
    assert run.status == MatchRun.Status.DRAFT
    assert run.percent == 100
    proposals = list(run.proposals.all())
    assert len(proposals) == 5
    assert all(p.reasons and p.factors for p in proposals)
    assert run.metrics["pairs"] == 5
    assert run.metrics["share_mentees_matched"] == 1.0
    assert sum(run.metrics["load_histogram"].values()) == 3
    assert [e.to_status for e in MatchRunEvent.objects.filter(run=run)] == [
        "queued",
        "running",
        "draft",
    ]


def test_capacity_short_leaves_mentees_unmatched_with_reasons(
    program: Program, manager: User
) -> None:
    populate(program, mentors=1, mentees=3, capacity=1)
    run = start(program, manager)
    assert run.proposals.count() == 1
    unmatched = list(UnmatchedMentee.objects.filter(run=run))
    assert len(unmatched) == 2
    assert all(u.reason for u in unmatched)


def test_progress_is_written_to_the_run_as_the_engine_reports(
    program: Program, manager: User
) -> None:
    populate(program, mentors=2, mentees=2)
    seen: list[tuple[str, int]] = []
    real_match = match

    # A spy stands in for match(): it takes whatever match() takes.
    def spying_match(*args: Any, **kwargs: Any) -> MatchResult:
        progress: Callable[[str, int, int], None] = kwargs["progress"]

        def report(phase: str, done: int, total: int) -> None:
            progress(phase, done, total)
            run = MatchRun.objects.get(program=program)
            seen.append((run.stage, run.percent))

        kwargs["progress"] = report
        return real_match(*args, **kwargs)

    with mock.patch("mentora.matching.execution.match", spying_match):
        run = start(program, manager)
    assert run.status == MatchRun.Status.DRAFT
    stages = {stage for stage, _ in seen}
    assert "Choosing the pairs" in stages
    assert all(0 <= percent < 100 for _, percent in seen)


def test_a_failed_run_says_why_and_leaves_nothing(program: Program, manager: User) -> None:
    populate(program, mentors=2, mentees=2)
    with mock.patch.object(Proposal.objects, "bulk_create", side_effect=RuntimeError("disk full")):
        run = start(program, manager)
    assert run.status == MatchRun.Status.FAILED
    assert "disk full" in run.error
    assert "Nothing was saved" in run.error
    assert not Proposal.objects.filter(run=run).exists()
    assert not UnmatchedMentee.objects.filter(run=run).exists()


def test_a_run_without_mentees_fails_with_a_clear_message(program: Program, manager: User) -> None:
    populate(program, mentors=2, mentees=0)
    run = start(program, manager)
    assert run.status == MatchRun.Status.FAILED
    assert run.error == "No enrolled mentee is waiting for a mentor."


def test_only_managers_start_runs(program: Program, mentor: User, mentee: User) -> None:
    with pytest.raises(PermissionDenied):
        start(program, mentor)


def test_bad_settings_are_refused_with_the_field(
    program: Program, manager: User, mentor: User, mentee: User
) -> None:
    with pytest.raises(ValidationError, match="Candidates per mentee"):
        start(program, manager, top_k=0)
    with pytest.raises(ValidationError, match="mode"):
        start(program, manager, mode="random")
    with pytest.raises(ValidationError, match="skills"):
        start(program, manager, weights={"skills": -1})
    with pytest.raises(ValidationError, match="Unknown factor 'gender'"):
        start(program, manager, weights={"gender": 1})


def test_one_run_at_a_time(program: Program, manager: User, mentor: User, mentee: User) -> None:
    MatchRun.objects.create(program=program, started_by=manager, status=MatchRun.Status.RUNNING)
    with pytest.raises(ValidationError, match="already in progress"):
        start(program, manager)


def test_a_lost_run_stops_blocking_new_ones(
    program: Program, manager: User, mentor: User, mentee: User
) -> None:
    lost = MatchRun.objects.create(
        program=program,
        started_by=manager,
        status=MatchRun.Status.RUNNING,
        started_at=timezone.now() - datetime.timedelta(hours=2),
    )
    run = start(program, manager)
    assert run.status == MatchRun.Status.DRAFT
    lost.refresh_from_db()
    assert lost.status == MatchRun.Status.FAILED
    assert "stopped before finishing" in lost.error


def test_the_run_snapshots_weights_and_settings_are_saved_per_program(
    program: Program, manager: User, mentor: User, mentee: User
) -> None:
    services.matching_settings_save(
        program=program, updated_by=manager, weights={"skills": 7}, mode="stable", top_k=20
    )
    run = start(program, manager)
    assert run.mode == "stable"
    assert run.top_k == 20
    assert run.weights["skills"] == 7
    assert run.weights["goals"] == Weights().goals


def test_pins_are_kept_across_runs(program: Program, manager: User) -> None:
    populate(program, mentors=3, mentees=3, capacity=1)
    first = start(program, manager)
    proposal = first.proposals.order_by("pk").first()
    assert proposal is not None
    # Pin the mentee to a mentor the first draft did not choose for them.
    other = next(
        p.mentor for p in first.proposals.exclude(pk=proposal.pk) if p.mentor != proposal.mentor
    )
    services.match_pin_set(
        program=program, mentee=proposal.mentee, mentor=other, kind="pin", set_by=manager
    )
    second = start(program, manager)
    pinned = second.proposals.get(mentee=proposal.mentee)
    assert pinned.mentor == other
    assert pinned.pinned
    assert second.previous == first
    third = start(program, manager)
    assert third.proposals.get(mentee=proposal.mentee).mentor == other


def test_a_forbidden_pair_is_never_proposed(program: Program, manager: User) -> None:
    mentor_a = add_mentor(program, "a@example.org", capacity=1, skills=["Python"])
    add_mentor(program, "b@example.org", capacity=1, skills=["Clinical leadership"])
    mentee = add_mentee(program, "m@example.org", skills=["Python"])
    run = start(program, manager)
    assert run.proposals.get().mentor == mentor_a
    services.match_pin_set(
        program=program, mentee=mentee, mentor=mentor_a, kind="forbid", set_by=manager
    )
    again = start(program, manager)
    assert again.proposals.get().mentor != mentor_a


def test_pins_are_validated(program: Program, manager: User) -> None:
    mentor = add_mentor(program, "a@example.org", capacity=1)
    mentee = add_mentee(program, "m@example.org")
    other = add_mentee(program, "n@example.org")
    services.match_pin_set(
        program=program, mentee=mentee, mentor=mentor, kind="pin", set_by=manager
    )
    with pytest.raises(ValidationError, match="capacity"):
        services.match_pin_set(
            program=program, mentee=other, mentor=mentor, kind="pin", set_by=manager
        )
    with pytest.raises(ValidationError, match="not an enrolled mentor"):
        services.match_pin_set(
            program=program, mentee=mentee, mentor=other, kind="pin", set_by=manager
        )
    services.match_pin_clear(program=program, mentee=mentee, mentor=mentor, cleared_by=manager)
    assert not Pin.objects.exists()


def test_a_mentor_offering_no_place_cannot_be_pinned(program: Program, manager: User) -> None:
    mentor = add_mentor(program, "zero@example.org", capacity=0)
    mentee = add_mentee(program, "m@example.org")
    with pytest.raises(ValidationError, match="0 pinned mentees, their capacity"):
        services.match_pin_set(
            program=program, mentee=mentee, mentor=mentor, kind="pin", set_by=manager
        )
    assert not Pin.objects.exists()


def test_move_shows_alternatives_and_rescores(program: Program, manager: User) -> None:
    populate(program, mentors=3, mentees=2, capacity=1)
    run = start(program, manager)
    proposal = run.proposals.order_by("pk").first()
    assert proposal is not None
    alternatives = proposal_alternatives(proposal=proposal)
    # One mentor is free in the draft; the other two are taken (capacity 1).
    assert len(alternatives) == 1
    target = User.objects.get(pk=alternatives[0].mentor_id)
    assert alternatives[0].score > 0
    moved = services.proposal_move(proposal=proposal, mentor=target, moved_by=manager, pin=True)
    assert moved.mentor == target
    assert moved.moved
    assert moved.score == pytest.approx(alternatives[0].score, abs=0.01)
    assert Pin.objects.filter(mentee=proposal.mentee, mentor=target, kind="pin").exists()
    taken = run.proposals.exclude(pk=proposal.pk).get().mentor
    with pytest.raises(ValidationError, match="no room left"):
        services.proposal_move(proposal=moved, mentor=taken, moved_by=manager)


def test_diff_with_the_previous_draft(program: Program, manager: User) -> None:
    populate(program, mentors=2, mentees=2, capacity=1)
    first = start(program, manager)
    assert run_diff(run=first) is None
    proposal = first.proposals.order_by("pk").first()
    assert proposal is not None
    services.match_pin_set(
        program=program,
        mentee=proposal.mentee,
        mentor=proposal.mentor,
        kind="forbid",
        set_by=manager,
    )
    add_mentee(program, "late@example.org", skills=["Python"])
    add_mentor(program, "late-mentor@example.org", capacity=1, skills=["Python"])
    second = start(program, manager)
    diff = run_diff(run=second)
    assert diff is not None
    assert diff.previous_run_id == first.pk
    assert diff.added == 1
    assert [row.mentee for row in diff.added_rows] == ["Late"]
    assert diff.changed >= 1
    assert diff.removed == 0


def test_weights_preview_rescores_the_draft_without_saving(program: Program, manager: User) -> None:
    populate(program, mentors=3, mentees=3)
    run = start(program, manager)
    preview = weights_preview(run=run, weights=Weights(skills=0, goals=10))
    assert preview.pairs == 3
    assert preview.mean_before == pytest.approx(
        sum(p.score for p in run.proposals.all()) / 3, abs=0.01
    )
    assert preview.mean_after != preview.mean_before
    assert preview.sampled == 3
    assert MatchRun.objects.count() == 1


def test_discard_a_draft(program: Program, manager: User, mentor: User, mentee: User) -> None:
    run = start(program, manager)
    services.match_run_discard(run=run, discarded_by=manager)
    run.refresh_from_db()
    assert run.status == MatchRun.Status.DISCARDED
    with pytest.raises(ValidationError, match="only a draft"):
        services.match_run_discard(run=run, discarded_by=manager)
    with pytest.raises(ValidationError, match="only a draft"):
        services.match_run_publish(run=run, published_by=manager)
