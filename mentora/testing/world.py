"""One of everything: a small world in which every table of Mentora has rows, written through the
same services the doors use, for tests that walk every door of one kind (every admin page...).

Two pairs of one program hold what people write to each other: Otto mentors Mina in cultivation
(agreement, goals and milestones, a meeting with shared and private notes, questions and replies,
a lesson, a link and a file); he mentored Nils through separation to new terms and a thank-you,
and the relationship has ended. Nina asked Otto by request (with a message) and keeps a private
checklist about him. Both people of the first pair answered a check-in survey; a manager drafted
a match run and pinned a pair. The tables only a job or the engine writes (health signals, a
run's events and unmatched mentees) are written as those would write them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from mentora.accounts.models import User
from mentora.accounts.services import api_token_issue
from mentora.finding.choosing import bookmark_set, consideration_update
from mentora.finding.pauses import mentor_pause
from mentora.finding.services import request_create, request_decline, request_message_add
from mentora.matching.models import MatchRun, MatchRunEvent, UnmatchedMentee
from mentora.matching.services import match_pin_set, matching_settings_save
from mentora.notifications.services import preferences_update
from mentora.profiles.services import demographics_update
from mentora.programs.models import Enrollment, Organisation, Program, Question
from mentora.programs.services import (
    invitation_create,
    organisation_domain_add,
    program_create,
    program_transition,
    question_create,
)
from mentora.relationships import services as relationships
from mentora.relationships.models import HealthSignal, Meeting, Relationship, Stage
from mentora.surveys.models import Anonymity
from mentora.surveys.services import instrument_create, schedule_update
from mentora.testing import PASSWORD, enroll, make_person
from mentora.testing.matching import draft
from mentora.testing.programs import make_organisation
from mentora.testing.relationships import cultivate, pair, walk_to
from mentora.testing.surveys import CHECK_IN_ANSWERS, answer, send

__all__ = ["World", "build_world"]


@dataclass(frozen=True)
class World:
    staff: User
    manager: User
    organisation: Organisation
    program: Program
    mentor: User
    mentee: User
    relationship: Relationship
    ended: Relationship


def build_world() -> World:
    """Build the world (the test settings must store media files somewhere disposable)."""
    staff = User.objects.create_superuser(email="staff@example.org", password=PASSWORD)
    manager = make_person("manager@example.org", "Maria Manager", job_title="HR lead")
    organisation = make_organisation("Acme Health", manager=manager, domains=("acme.example",))
    organisation_domain_add(organisation=organisation, domain="acme-labs.example", added_by=staff)
    program = program_create(organisation=organisation, created_by=manager, name="Acme Mentoring")
    question = question_create(
        program=program,
        created_by=manager,
        text="What would you like to learn?",
        kind=Question.Kind.SHORT_TEXT,
    )
    program_transition(program=program, to_state=Program.State.OPEN, changed_by=manager)
    invitation_create(
        organisation=organisation,
        program=program,
        email="invited@example.org",
        role=Enrollment.Role.MENTEE,
        invited_by=manager,
    )

    mentor = make_person("mentor@example.org", "Otto Mentor", bio="Twenty years in wards.")
    enroll(
        program,
        mentor,
        Enrollment.Role.MENTOR,
        answers={question.pk: "How to lead."},
        capacity=3,
        motivation="I like helping people grow.",
    )
    mentee = make_person("mentee@example.org", "Mina Mentee")
    enroll(program, mentee, Enrollment.Role.MENTEE, answers={question.pk: "Leading a team."})
    demographics_update(user=mentee, gender="woman", nationality="Portuguese")
    former = make_person("former@example.org", "Nils Former")
    enroll(program, former, Enrollment.Role.MENTEE, why_mentor="A mentor who led wards.")
    asking = make_person("asking@example.org", "Nina Asking")
    enroll(program, asking, Enrollment.Role.MENTEE)

    relationship = _working_pair(program=program, manager=manager, mentor=mentor, mentee=mentee)
    ended = _ended_pair(program=program, manager=manager, mentor=mentor, mentee=former)
    HealthSignal.objects.create(
        relationship=relationship, kind=HealthSignal.Kind.NUDGE, key="2026-01", recipients=2
    )
    preferences_update(user=mentee, daily_digest=True, muted_kinds=["relationship.goal_added"])

    answer(send(relationship=relationship, person=mentee, key="check_in"), CHECK_IN_ANSWERS)
    answer(
        send(relationship=relationship, person=mentor, key="check_in"),
        {"quality": 5, "rhythm": "too_often", "comment": "She prepares well."},
    )
    schedule_update(program=program, by=manager, check_in_days=45)
    instrument_create(
        program=program,
        by=manager,
        title="Pulse",
        items=[{"key": "pulse", "text": "How is it going?", "kind": "text"}],
        anonymity=Anonymity.CONFIDENTIAL,
    )

    request_create(program=program, mentee=asking, mentor=mentor, message="Could you help me?")
    request = request_create(
        program=program, mentee=former, mentor=mentor, message="One more question?"
    )
    request_message_add(request=request, by=mentor, text="What is it about?")
    request_decline(request=request, by=mentor, reason="We already worked together.")
    bookmark_set(program=program, mentee=asking, mentor=mentor, on=True)
    consideration_update(
        program=program,
        mentee=asking,
        mentor=mentor,
        answers={"passion": "yes"},
        note="Seems kind.",
    )
    mentor_pause(
        program=program,
        mentor=mentor,
        until=timezone.localdate() + datetime.timedelta(days=30),
        note="Back after the holidays.",
    )

    matching_settings_save(program=program, updated_by=manager, top_k=5)
    run = draft(program, manager, [(mentor, asking)])
    MatchRunEvent.objects.create(
        run=run, from_status=MatchRun.Status.RUNNING, to_status=MatchRun.Status.DRAFT, note="Done."
    )
    UnmatchedMentee.objects.create(
        run=run, mentee=former, wanted=1, matched=0, code="no_mentor", reason="Nobody fits."
    )
    match_pin_set(program=program, mentee=asking, mentor=mentor, kind="pin", set_by=manager)
    api_token_issue(user=mentor, name="Calendar sync")
    return World(
        staff=staff,
        manager=manager,
        organisation=organisation,
        program=program,
        mentor=mentor,
        mentee=mentee,
        relationship=relationship,
        ended=ended,
    )


def _working_pair(*, program: Program, manager: User, mentor: User, mentee: User) -> Relationship:
    """A pair in cultivation with one of everything the two people share."""
    relationship = pair(program, mentor=mentor, mentee=mentee, by=manager)
    relationships.acquaintance_update(
        relationship=relationship,
        by=mentee,
        career_goals="Lead a team.",
        why_this_mentor="He led wards.",
    )
    relationships.agreement_save(
        relationship=relationship,
        by=mentee,
        goals="Grow into leading.",
        focus_areas=["skill_building"],
        channel="Video call",
        confidentiality="Between us.",
        feedback="Direct and kind.",
        ending="A last talk.",
    )
    cultivate(relationship)
    goal = relationships.goal_create(
        relationship=relationship,
        by=mentee,
        title="Run the morning huddle",
        description="Every day for a month.",
        target_value=20,
        unit="huddles",
        milestones=["First huddle"],
    )
    relationships.milestone_add(goal=goal, by=mentee, title="Tenth huddle")
    meeting = relationships.meeting_schedule(
        relationship=relationship,
        by=mentor,
        starts_at=timezone.now() + datetime.timedelta(days=3),
        location="Room 4",
        agenda="The huddle.",
    )
    relationships.meeting_record(meeting=meeting, by=mentor, shared_notes="It went well.")
    relationships.private_note_save(meeting=meeting, author=mentee, text="I was nervous.")
    question = relationships.question_ask(
        relationship=relationship, by=mentee, text="How do I start?", meeting=meeting
    )
    relationships.question_reply(question=question, by=mentor, text="With one small habit.")
    relationships.lesson_record(
        relationship=relationship, by=mentor, text="Listen first.", goal=goal
    )
    relationships.resource_add(
        relationship=relationship,
        by=mentor,
        title="Reading list",
        url="https://example.org/reading",
    )
    relationships.resource_add(
        relationship=relationship,
        by=mentee,
        title="My plan",
        file=SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan", content_type="application/pdf"),
    )
    assert Meeting.objects.filter(relationship=relationship).exists()
    return relationship


def _ended_pair(*, program: Program, manager: User, mentor: User, mentee: User) -> Relationship:
    """A pair walked through separation to new terms and a thank-you, then ended."""
    relationship = walk_to(
        pair(program, mentor=mentor, mentee=mentee, by=manager), Stage.SEPARATION
    )
    for person in (mentor, mentee):
        relationships.closing_reflection_save(
            relationship=relationship,
            by=person,
            learned="Planning a quarter.",
            application="A monthly review.",
        )
    relationships.redefinition_set(
        relationship=relationship,
        by=mentee,
        relation="peers",
        check_in_frequency="yearly",
        expectations="Coffee once a year.",
    )
    relationships.acknowledgment_write(relationship=relationship, by=mentee, text="Thank you!")
    return relationships.relationship_end(
        relationship=relationship, by=mentee, reason="We said what we had to say."
    )
