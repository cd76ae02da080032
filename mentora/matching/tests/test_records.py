"""The bridge: a program's participants as engine records, in a few queries."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mentora.accounts.models import User
from mentora.engine import match
from mentora.engine.records import Weights
from mentora.finding.services import request_create, request_message_add
from mentora.matching.measures import RESPONSE_HOURS, register_mentor_measure, registered_measures
from mentora.matching.models import MatchingSettings, Pin
from mentora.matching.records import (
    passion_from_motivation,
    program_engine_input,
    program_weights,
)
from mentora.profiles.models import DemographicIdentity, MentorOffer
from mentora.programs.models import Enrollment, Program, Question
from mentora.programs.services import enrollment_submit, question_create
from mentora.relationships.models import Relationship, Stage
from mentora.relationships.selectors import live_relationship_count, mentor_capacity
from mentora.relationships.services import relationship_create
from mentora.testing import make_person
from mentora.testing.matching import add_mentee, add_mentor

pytestmark = pytest.mark.django_db


def test_records_carry_profile_offer_and_needs(
    program: Program, mentor: User, mentee: User
) -> None:
    offer = MentorOffer.objects.get(enrollment__user=mentor)
    offer.focus_areas = ["networking"]
    offer.save()
    offer.skills.set([])
    engine_input = program_engine_input(program=program)
    [mentor_record] = engine_input.mentors
    [mentee_record] = engine_input.mentees
    assert mentor_record.id == str(mentor.pk)
    assert mentor_record.capacity == 2
    assert mentor_record.industry == "healthcare"
    assert mentor_record.years_experience == 15
    assert mentor_record.focus_areas == ("networking",)
    assert mentor_record.passion is not None
    assert 0.6 <= mentor_record.passion <= 1
    assert "helping people grow" in mentor_record.bio
    assert mentee_record.id == str(mentee.pk)
    assert "Lead a team" in mentee_record.goals
    assert mentee_record.mentors_wanted == 1
    assert engine_input.weights == Weights()


def test_skills_by_name_and_synonyms_through_the_taxonomy(program: Program, manager: User) -> None:
    mentor = add_mentor(program, "sam@example.org", skills=["Python"])
    add_mentee(program, "pia@example.org", skills=["Python"])
    engine_input = program_engine_input(program=program)
    [mentor_record] = [m for m in engine_input.mentors if m.id == str(mentor.pk)]
    assert mentor_record.skills == ("Python",)
    assert engine_input.taxonomy.canonical("python programming") == "python"


def test_live_relationships_reduce_capacity_and_wanted(
    program: Program, manager: User, mentor: User, mentee: User
) -> None:
    relationship_create(
        program=program, mentor=mentor, mentee=mentee, created_by=manager, origin="manager_pair"
    )
    other = add_mentee(program, "other@example.org")
    engine_input = program_engine_input(program=program)
    assert [m.capacity for m in engine_input.mentors] == [1]
    # The paired mentee wants no more mentors (the program allows one) and is left out.
    assert [m.id for m in engine_input.mentees] == [str(other.pk)]


def test_live_pairs_are_excluded_when_mentees_may_have_more(
    program: Program, manager: User, mentor: User, mentee: User
) -> None:
    program.max_mentors_per_mentee = 2
    program.save()
    relationship_create(
        program=program, mentor=mentor, mentee=mentee, created_by=manager, origin="manager_pair"
    )
    engine_input = program_engine_input(program=program)
    [record] = engine_input.mentees
    assert record.mentors_wanted == 1
    assert (str(mentee.pk), str(mentor.pk)) in engine_input.constraints.excluded_pairs


def test_ended_relationships_make_previous_partners(
    program: Program, manager: User, mentor: User, mentee: User
) -> None:
    relationship = relationship_create(
        program=program, mentor=mentor, mentee=mentee, created_by=manager, origin="manager_pair"
    )
    Relationship.objects.filter(pk=relationship.pk).update(stage=Stage.ENDED)
    engine_input = program_engine_input(program=program)
    assert engine_input.mentees[0].previous_mentor_ids == (str(mentor.pk),)
    result = match(
        engine_input.mentors,
        engine_input.mentees,
        constraints=engine_input.constraints,
        taxonomy=engine_input.taxonomy,
    )
    assert result.assignments == ()


def test_paused_mentors_are_left_out_unless_asked(
    program: Program, mentor: User, mentee: User
) -> None:
    MentorOffer.objects.filter(enrollment__user=mentor).update(paused_at=timezone.now())
    assert program_engine_input(program=program).mentors == []
    assert len(program_engine_input(program=program, include_paused=True).mentors) == 1


def test_only_active_enrollments(program: Program, mentor: User, mentee: User) -> None:
    Enrollment.objects.filter(user=mentee).update(status=Enrollment.Status.WITHDRAWN)
    assert program_engine_input(program=program).mentees == []


def test_mentee_ids_narrow_the_mentees(program: Program, mentor: User, mentee: User) -> None:
    other = add_mentee(program, "other@example.org")
    engine_input = program_engine_input(program=program, mentee_ids=[other.pk])
    assert [m.id for m in engine_input.mentees] == [str(other.pk)]
    assert len(engine_input.mentors) == 1


def test_people_to_avoid_and_forbidden_pins_are_excluded(
    program: Program, manager: User, mentor: User
) -> None:
    second = add_mentor(program, "second@example.org")
    avoiding = add_mentee(program, "avoid@example.org", people_to_avoid=[mentor])
    Pin.objects.create(
        program=program, mentee=avoiding, mentor=second, kind=Pin.Kind.FORBID, created_by=manager
    )
    excluded = program_engine_input(program=program).constraints.excluded_pairs
    assert (str(avoiding.pk), str(mentor.pk)) in excluded
    assert (str(avoiding.pk), str(second.pk)) in excluded


def test_pins_become_pinned_pairs(
    program: Program, manager: User, mentor: User, mentee: User
) -> None:
    Pin.objects.create(
        program=program, mentee=mentee, mentor=mentor, kind=Pin.Kind.PIN, created_by=manager
    )
    pinned = program_engine_input(program=program).constraints.pinned_pairs
    assert pinned == frozenset({(str(mentee.pk), str(mentor.pk))})


def test_reporting_line_and_same_organisation(program: Program, mentor: User) -> None:
    report = add_mentee(program, "report@example.org")
    report.profile.manager = mentor
    report.profile.save()
    program.same_organisation_only = True
    program.save()
    engine_input = program_engine_input(program=program)
    [record] = [m for m in engine_input.mentees if m.id == str(report.pk)]
    assert record.manager_id == str(mentor.pk)
    assert engine_input.constraints.organisation_rule == "same"
    assert engine_input.constraints.exclude_reporting_line


def test_questionnaire_answers_become_engine_questions(program: Program, manager: User) -> None:
    question = question_create(
        program=program,
        created_by=manager,
        text="Preferred language of work?",
        kind=Question.Kind.SINGLE_CHOICE,
        choices=["English", "German"],
        matching_rule=Question.MatchingRule.MUST_MATCH,
        weight=2,
    )
    question_create(
        program=program, created_by=manager, text="Anything else?", kind=Question.Kind.SHORT_TEXT
    )
    mentor = make_person("q-mentor@example.org", "Q Mentor")
    enrollment_submit(
        program=program,
        user=mentor,
        role=Enrollment.Role.MENTOR,
        answers={question.pk: "German"},
        mentor_offer={"capacity": 1},
    )
    engine_input = program_engine_input(program=program)
    [engine_question] = engine_input.questions
    assert engine_question.id == str(question.pk)
    assert engine_question.rule == "must_match"
    assert engine_question.weight == 2
    assert engine_input.mentors[0].answers == {str(question.pk): ("German",)}


def test_saved_weights_are_used(program: Program, mentor: User, mentee: User) -> None:
    MatchingSettings.objects.create(program=program, weights={"skills": 9, "bogus": 3, "time": -1})
    weights = program_weights(program)
    assert weights.skills == 9
    assert weights.time == Weights().time
    assert program_engine_input(program=program).weights.skills == 9


def test_demographics_never_reach_the_records(program: Program, mentor: User, mentee: User) -> None:
    DemographicIdentity.objects.create(user=mentee, gender="woman", nationality="Portuguese")
    engine_input = program_engine_input(program=program)
    text = repr(engine_input.mentees) + repr(engine_input.mentors)
    assert "woman" not in text
    assert "Portuguese" not in text


def test_passion_is_unknown_without_motivation_and_grows_with_it() -> None:
    assert passion_from_motivation("") is None
    short = passion_from_motivation("I like it")
    long = passion_from_motivation("word " * 80)
    assert short is not None
    assert long is not None
    assert 0.6 < short < long == 1.0


def test_a_constant_number_of_queries(program: Program, manager: User) -> None:
    for i in range(3):
        add_mentor(program, f"m{i}@example.org", skills=["Python"])
        add_mentee(program, f"e{i}@example.org", skills=["Python"])
    with CaptureQueriesContext(connection) as few:
        program_engine_input(program=program)
    for i in range(3, 12):
        add_mentor(program, f"m{i}@example.org", skills=["Python"])
        add_mentee(program, f"e{i}@example.org", skills=["Python"])
    with CaptureQueriesContext(connection) as many:
        engine_input = program_engine_input(program=program)
    assert len(engine_input.mentees) == 12
    assert len(many.captured_queries) == len(few.captured_queries) <= 12


def test_response_hours_come_from_the_measure_finding_registered(
    program: Program, mentor: User, mentee: User
) -> None:
    """Matching never imports finding: finding registers how fast mentors answer requests."""
    start = timezone.now() - datetime.timedelta(hours=10)
    with time_machine.travel(start, tick=False):
        asked = request_create(program=program, mentee=mentee, mentor=mentor, message="Hello")
    with time_machine.travel(start + datetime.timedelta(hours=5), tick=False):
        request_message_add(request=asked, by=mentor, text="Tell me more?")

    assert RESPONSE_HOURS in registered_measures()
    [record] = program_engine_input(program=program).mentors
    assert record.response_hours == 5.0
    with pytest.raises(ValueError, match="not a mentor measure"):
        register_mentor_measure("gender", lambda program: {})


def test_capacity_follows_the_shared_rule(
    program: Program, manager: User, mentor: User, mentee: User
) -> None:
    """A mentor's places in the engine are `mentor_capacity` less `live_relationship_count`."""
    relationship_create(
        program=program, mentor=mentor, mentee=mentee, created_by=manager, origin="manager_pair"
    )
    enrollment = Enrollment.objects.select_related("mentor_offer", "program").get(
        user=mentor, role="mentor"
    )
    [record] = program_engine_input(program=program).mentors
    assert record.capacity == mentor_capacity(enrollment=enrollment) - live_relationship_count(
        program=program, mentor=mentor
    )
