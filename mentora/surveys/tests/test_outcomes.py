"""Benefit changes with their confidence intervals (checked against scipy), suppression below 5,
the check-in summary, and a participant's own history."""

from __future__ import annotations

import datetime
import math

import pytest
from django.test import Client
from django.utils import timezone
from scipy import stats

from mentora.accounts.models import User
from mentora.programs.models import Enrollment, Program
from mentora.relationships.models import Relationship
from mentora.relationships.services import relationship_create
from mentora.surveys.instruments import BUILTIN_INSTRUMENTS, ItemSpec
from mentora.surveys.models import Occasion
from mentora.surveys.outcomes import (
    benefit_changes,
    check_in_summary,
    paired_change,
    participant_benefit_history,
    scale_means,
)
from mentora.testing import PASSWORD
from mentora.testing.surveys import answer, enrolled, send

pytestmark = pytest.mark.django_db

MENTEE_ITEMS = next(s for s in BUILTIN_INSTRUMENTS if s.key == "mentee_benefits").items
MENTOR_ITEMS = next(s for s in BUILTIN_INSTRUMENTS if s.key == "mentor_benefits").items


def benefits(level: int, items: list[ItemSpec]) -> dict[str, int]:
    """Every item answered so that each scale scores `level`."""
    return {item.key: 6 - level if item.reverse_scored else level for item in items}


def pairs(program: Program, manager: User, count: int) -> list[Relationship]:
    mentor = enrolled(program, "many-mentor@example.org", "Mo Many", Enrollment.Role.MENTOR)
    program.max_mentors_per_mentee = 3
    program.save()
    relationships = []
    for number in range(count):
        mentee = enrolled(
            program, f"mentee{number}@example.org", f"Mentee {number}", Enrollment.Role.MENTEE
        )
        relationships.append(
            relationship_create(
                program=program,
                mentor=mentor
                if number < 5
                else enrolled(
                    program, f"m{number}@example.org", f"Mentor {number}", Enrollment.Role.MENTOR
                ),
                mentee=mentee,
                created_by=manager,
                origin=Relationship.Origin.MANAGER_PAIR,
            )
        )
    return relationships


def baseline_and_end(
    relationship: Relationship, before: int, after: int, *, days: int = 100
) -> None:
    start = timezone.now() - datetime.timedelta(days=days)
    survey = send(
        relationship=relationship,
        person=relationship.mentee,
        key="mentee_benefits",
        occasion=Occasion.BASELINE,
        at=start,
    )
    response = answer(survey, benefits(before, MENTEE_ITEMS))
    response.submitted_at = start
    response.save()
    end = send(
        relationship=relationship,
        person=relationship.mentee,
        key="mentee_benefits",
        occasion=Occasion.CLOSING,
    )
    answer(end, benefits(after, MENTEE_ITEMS))


def test_paired_change_matches_scipy() -> None:
    before = [2.0, 3.0, 2.5, 3.5, 2.0, 4.0, 3.0]
    after = [3.0, 3.5, 3.5, 3.5, 2.5, 4.5, 2.5]
    baseline_mean, end_mean, change, low, high = paired_change(before, after)
    expected = stats.ttest_rel(after, before).confidence_interval(0.95)
    assert math.isclose(low, expected.low)
    assert math.isclose(high, expected.high)
    assert math.isclose(change, sum(after) / 7 - sum(before) / 7)
    assert (baseline_mean, end_mean) == (sum(before) / 7, sum(after) / 7)


def test_paired_change_without_spread_has_a_zero_width_interval() -> None:
    assert paired_change([2.0, 3.0], [3.0, 4.0])[2:] == (1.0, 1.0, 1.0)


def test_benefit_changes_and_interval_from_stored_answers(program: Program, manager: User) -> None:
    levels = [(2, 3), (3, 4), (2, 4), (3, 3), (4, 5), (1, 2)]
    for relationship, (before, after) in zip(pairs(program, manager, 6), levels, strict=True):
        baseline_and_end(relationship, before, after)
    changes = {c.scale: c for c in benefit_changes(program=program) if c.side == "mentee"}
    confidence = changes["confidence"]
    assert confidence.n == 6
    assert not confidence.suppressed
    befores = [float(b) for b, _ in levels]
    afters = [float(a) for _, a in levels]
    expected = stats.ttest_rel(afters, befores).confidence_interval(0.95)
    assert confidence.baseline_mean == round(sum(befores) / 6, 2)
    assert confidence.end_mean == round(sum(afters) / 6, 2)
    assert confidence.mean_change == round(sum(afters) / 6 - sum(befores) / 6, 2)
    assert confidence.ci_low == round(expected.low, 2)
    assert confidence.ci_high == round(expected.high, 2)
    mentor_side = [c for c in benefit_changes(program=program) if c.side == "mentor"]
    assert all(c.suppressed and c.n == 0 for c in mentor_side)


def test_fewer_than_five_pairs_are_suppressed(program: Program, manager: User) -> None:
    for relationship in pairs(program, manager, 4):
        baseline_and_end(relationship, 2, 4)
    for change in benefit_changes(program=program):
        assert change.suppressed
        assert change.baseline_mean is change.end_mean is change.mean_change is None
        assert change.ci_low is change.ci_high is None
    assert {c.n for c in benefit_changes(program=program) if c.side == "mentee"} == {4}


def test_a_baseline_without_an_end_is_not_paired(program: Program, manager: User) -> None:
    relationships = pairs(program, manager, 5)
    for relationship in relationships[:4]:
        baseline_and_end(relationship, 2, 4)
    send(
        relationship=relationships[4],
        person=relationships[4].mentee,
        key="mentee_benefits",
        occasion=Occasion.BASELINE,
    )
    assert all(c.n == 4 for c in benefit_changes(program=program) if c.side == "mentee")


def test_check_in_summary_is_suppressed_below_five_people(program: Program, manager: User) -> None:
    relationships = pairs(program, manager, 5)
    rhythms = ["about_right", "about_right", "too_often", "about_right"]
    for relationship, rhythm in zip(relationships, rhythms, strict=False):
        survey = send(relationship=relationship, person=relationship.mentee, key="check_in")
        answer(survey, {"quality": 4, "rhythm": rhythm, "honest_feedback": 4, "makes_time": 4})
    summary = check_in_summary(program=program)
    assert summary.suppressed
    assert summary.n == 4
    assert summary.quality_mean is None
    survey = send(relationship=relationships[4], person=relationships[4].mentee, key="check_in")
    answer(
        survey, {"quality": 2, "rhythm": "not_often_enough", "honest_feedback": 4, "makes_time": 4}
    )
    summary = check_in_summary(program=program)
    assert not summary.suppressed
    assert summary.quality_mean == 3.6
    assert summary.rhythm_shares == {"too_often": 0.2, "about_right": 0.6, "not_often_enough": 0.2}


def test_own_history_holds_only_ones_own_scores(program: Program, manager: User) -> None:
    first, second = pairs(program, manager, 2)
    baseline_and_end(first, 2, 4)
    baseline_and_end(second, 3, 3)
    history = participant_benefit_history(user=first.mentee, program=program)
    assert list(history.points) == ["mentee"]
    assert [p.scores["confidence"] for p in history.points["mentee"]] == [2.0, 4.0]
    assert [p.occasion for p in history.points["mentee"]] == ["baseline", "closing"]
    assert participant_benefit_history(user=manager, program=program).points == {}


def test_the_progress_link_leads_to_ones_own_scores(
    program: Program, manager: User, outsider: User
) -> None:

    first, _ = pairs(program, manager, 2)
    baseline_and_end(first, 2, 4)
    client = Client()
    client.login(email=first.mentee.email, password=PASSWORD)
    page = client.get(f"/surveys/progress/{program.pk}/", follow=True)
    assert page.redirect_chain == [(f"/reports/progress/#program-{program.pk}-heading", 302)]
    html = page.content.decode()
    assert "<svg" in html
    assert "Confidence" in html
    client.login(email=outsider.email, password=PASSWORD)
    assert client.get(f"/surveys/progress/{program.pk}/").status_code == 404


def test_the_managers_page_shows_benefit_changes(program: Program, manager: User) -> None:
    for relationship in pairs(program, manager, 5):
        baseline_and_end(relationship, 2, 4)
    client = Client()
    client.login(email=manager.email, password=PASSWORD)
    html = client.get(f"/surveys/programs/{program.pk}/").content.decode()
    assert "+2.00" in html
    assert "fewer than 5 people" in html  # the mentor side has no answers


def test_scale_means_count_each_person_once_and_suppress_below_five(
    program: Program, manager: User
) -> None:

    relationships = pairs(program, manager, 5)
    values = {"goals_achieved": 4, "recommend_mentor": 5, "take_part_again": 3}
    values |= {"honest_feedback": 4, "makes_time": 4}
    for relationship in relationships[:4]:
        survey = send(relationship=relationship, person=relationship.mentee, key="closing")
        answer(survey, values)
    means = {m.scale: m for m in scale_means(program=program, instrument_key="closing")}
    assert means["goals_achieved"].n == 4
    assert means["goals_achieved"].mean is None
    last = relationships[4]
    answer(
        send(relationship=last, person=last.mentee, key="closing"),
        {**values, "goals_achieved": 2},
    )
    means = {m.scale: m for m in scale_means(program=program, instrument_key="closing")}
    assert means["goals_achieved"].mean == 3.6
    assert means["goals_achieved"].n == 5
    assert means["would_recommend"].mean == 5.0
