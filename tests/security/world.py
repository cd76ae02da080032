"""Two organisations, A and B, with one of everything, and SECRET markers planted in every private
text, each with the people who may read it (its audience).

The world is written through the same services the doors use (`mentora.testing` builders). Each
organisation has a program with a manager, a mentor and mentees; the mentor's pairs stand in each
stage (initiation, cultivation with an open separation proposal, separation, ended), with an
agreement, goals and milestones, a meeting with shared and private notes, questions and replies,
a lesson, a link and a file, closing reflections, new terms and a thank-you; a mentor request with
messages, a private checklist, a pause, surveys answered, a custom survey, an invitation and a
match run. Organisation A also has an unrelated participant of the same program and a participant
of its second program.

The identities replayed by the authorization matrix are the names in `IDENTITIES`; an audience is
a set of those names plus the names of people of the world who are not replayed (B's people, A's
other mentees). This module only builds; `tests/security/test_authorization_matrix.py` replays.
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from mentora.accounts.models import ApiToken, User
from mentora.accounts.services import api_token_issue
from mentora.finding.choosing import bookmark_set, consideration_update
from mentora.finding.models import MentorRequest
from mentora.finding.pauses import mentor_pause
from mentora.finding.services import request_create, request_message_add
from mentora.matching.models import MatchRun, Pin
from mentora.matching.services import match_pin_set, matching_settings_save
from mentora.notifications.models import Notification
from mentora.profiles.services import demographics_update
from mentora.programs.models import Enrollment, Invitation, Organisation, Program, Question
from mentora.programs.services import (
    invitation_create,
    program_create,
    program_transition,
    question_create,
)
from mentora.relationships import services as relationships
from mentora.relationships.models import (
    Goal,
    Meeting,
    Milestone,
    Relationship,
    Resource,
    SeparationProposal,
    Stage,
)
from mentora.relationships.models import Question as RelationshipQuestion
from mentora.surveys.models import Anonymity, Instrument, Survey
from mentora.surveys.services import instrument_create
from mentora.testing import enroll, make_person
from mentora.testing.matching import draft
from mentora.testing.programs import make_organisation
from mentora.testing.relationships import pair, walk_to
from mentora.testing.surveys import CHECK_IN_ANSWERS, answer, send

__all__ = ["IDENTITIES", "Secret", "Side", "World", "build_world"]

# Who the matrix signs in as. "manager_a" manages organisation A (managers are per organisation,
# so a manager of A's other program is the same person); "manager_b" manages organisation B;
# "participant" is enrolled in A's program and in no pair; "other_program" is enrolled only in
# A's second program; "staff" is site staff (is_staff, not a superuser).
IDENTITIES = (
    "anonymous",
    "mentee",
    "mentor",
    "participant",
    "other_program",
    "manager_a",
    "manager_b",
    "staff",
)


@dataclass(frozen=True)
class Secret:
    """A marker planted in one private text, and who may read it."""

    marker: str
    where: str
    audience: frozenset[str]


@dataclass
class Side:
    """One organisation's objects, by the names the matrix fills URLs with."""

    letter: str
    organisation: Organisation
    program: Program
    second_program: Program
    manager: User
    mentor: User
    mentee: User
    relationship: Relationship
    initiation: Relationship
    separation: Relationship
    ended: Relationship
    meeting: Meeting
    goal: Goal
    milestone: Milestone
    question: RelationshipQuestion
    resource: Resource
    proposal: SeparationProposal
    request: MentorRequest
    asking: User
    enrollment: Enrollment
    program_question: Question
    invitation: Invitation
    run: MatchRun
    pin: Pin
    survey: Survey
    instrument: Instrument
    notification: Notification
    token: ApiToken


@dataclass
class World:
    a: Side
    b: Side
    staff: User
    participant: User
    other_program: User
    secrets: list[Secret] = field(default_factory=list)

    def users(self) -> dict[str, User | None]:
        """The person behind each identity (None for anonymous)."""
        return {
            "anonymous": None,
            "mentee": self.a.mentee,
            "mentor": self.a.mentor,
            "participant": self.participant,
            "other_program": self.other_program,
            "manager_a": self.a.manager,
            "manager_b": self.b.manager,
            "staff": self.staff,
        }


class _Planter:
    def __init__(self, letter: str) -> None:
        self.letter = letter
        self.secrets: list[Secret] = []
        self._counter = itertools.count()

    def __call__(self, what: str, *audience: str) -> str:
        marker = f"SECRET-{self.letter}-{what}-{next(self._counter):03d}"
        self.secrets.append(Secret(marker=marker, where=what, audience=frozenset(audience)))
        return marker


def build_world() -> World:
    """Build organisations A and B (the test settings must store media files somewhere
    disposable)."""
    staff = make_person("staff@example.org", "Stella Staff")
    staff.is_staff = True
    staff.save(update_fields=["is_staff"])
    plant_a, plant_b = _Planter("A"), _Planter("B")
    a = _side(plant_a, letter="A", role_names=_A_ROLES)
    b = _side(plant_b, letter="B", role_names=_B_ROLES)
    participant = make_person("participant-a@example.org", "Paula Participant")
    enroll(a.program, participant, Enrollment.Role.MENTEE)
    other_program = make_person("other-program-a@example.org", "Olaf Otherprogram")
    enroll(a.second_program, other_program, Enrollment.Role.MENTEE)
    return World(
        a=a,
        b=b,
        staff=staff,
        participant=participant,
        other_program=other_program,
        secrets=plant_a.secrets + plant_b.secrets,
    )


@dataclass(frozen=True)
class _Roles:
    """The audience names of one side's people."""

    manager: str
    mentor: str
    mentee: str
    initiation_mentee: str
    separation_mentee: str
    ended_mentee: str
    asking: str


_A_ROLES = _Roles(
    manager="manager_a",
    mentor="mentor",
    mentee="mentee",
    initiation_mentee="a_initiation_mentee",
    separation_mentee="a_separation_mentee",
    ended_mentee="a_ended_mentee",
    asking="a_asking",
)
_B_ROLES = _Roles(
    manager="manager_b",
    mentor="b_mentor",
    mentee="b_mentee",
    initiation_mentee="b_initiation_mentee",
    separation_mentee="b_separation_mentee",
    ended_mentee="b_ended_mentee",
    asking="b_asking",
)


def _side(plant: _Planter, *, letter: str, role_names: _Roles) -> Side:
    """One organisation with one of everything, its private texts planted."""
    r = role_names
    low = letter.lower()
    manager = make_person(f"manager-{low}@example.org", f"Manager {letter}")
    organisation = make_organisation(f"Organisation {letter}", manager=manager)
    program = program_create(
        organisation=organisation, created_by=manager, name=f"Mentoring {letter}"
    )
    program_question = question_create(
        program=program,
        created_by=manager,
        text="What would you like to learn?",
        kind=Question.Kind.SHORT_TEXT,
    )
    program_transition(program=program, to_state=Program.State.OPEN, changed_by=manager)
    second_program = program_create(
        organisation=organisation, created_by=manager, name=f"Second program {letter}"
    )
    program_transition(program=second_program, to_state=Program.State.OPEN, changed_by=manager)
    invitation = invitation_create(
        organisation=organisation,
        program=program,
        email=f"invited-{low}@example.org",
        role=Enrollment.Role.MENTEE,
        invited_by=manager,
    )

    mentor = make_person(f"mentor-{low}@example.org", f"Mentor {letter}")
    enroll(program, mentor, Enrollment.Role.MENTOR, capacity=6)
    mentee = make_person(f"mentee-{low}@example.org", f"Mentee {letter}")
    enrollment = enroll(
        program,
        mentee,
        Enrollment.Role.MENTEE,
        answers={program_question.pk: "Leading a team."},
    )
    demographics_update(
        user=mentee, nationality=plant("nationality", r.mentee), ethnicity="Prefer not to say"
    )
    mentees = {}
    for stage in ("initiation", "separation", "ended"):
        mentees[stage] = make_person(f"{stage}-{low}@example.org", f"{stage.title()} {letter}")
        enroll(program, mentees[stage], Enrollment.Role.MENTEE)
    asking = make_person(f"asking-{low}@example.org", f"Asking {letter}")
    enroll(program, asking, Enrollment.Role.MENTEE)

    parties = (r.mentor, r.mentee)
    relationship = pair(program, mentor=mentor, mentee=mentee, by=manager)
    relationships.acquaintance_update(
        relationship=relationship,
        by=mentee,
        career_goals=plant("acquaintance-career-goals", *parties),
        why_this_mentor=plant("acquaintance-why", *parties),
    )
    relationships.agreement_save(
        relationship=relationship,
        by=mentee,
        goals=plant("agreement-goals", *parties),
        channel="Video call",
        confidentiality=plant("agreement-confidentiality", *parties),
        feedback="Direct and kind.",
        ending="A last talk.",
    )
    walk_to(relationship, Stage.CULTIVATION)
    goal = relationships.goal_create(
        relationship=relationship,
        by=mentee,
        title=plant("goal-title", *parties),
        description=plant("goal-description", *parties),
        target_value=20,
        unit="huddles",
        milestones=[plant("milestone", *parties)],
    )
    milestone = goal.milestones.get()
    meeting = relationships.meeting_schedule(
        relationship=relationship,
        by=mentor,
        starts_at=timezone.now() + datetime.timedelta(days=3),
        location=plant("meeting-location", *parties),
        agenda=plant("meeting-agenda", *parties),
    )
    relationships.meeting_record(
        meeting=meeting, by=mentor, shared_notes=plant("meeting-shared-notes", *parties)
    )
    relationships.private_note_save(
        meeting=meeting, author=mentee, text=plant("private-note-mentee", r.mentee)
    )
    relationships.private_note_save(
        meeting=meeting, author=mentor, text=plant("private-note-mentor", r.mentor)
    )
    question = relationships.question_ask(
        relationship=relationship, by=mentee, text=plant("question", *parties), meeting=meeting
    )
    relationships.question_reply(question=question, by=mentor, text=plant("reply", *parties))
    relationships.lesson_record(
        relationship=relationship, by=mentor, text=plant("lesson", *parties), goal=goal
    )
    relationships.resource_add(
        relationship=relationship,
        by=mentor,
        title=plant("resource-link-title", *parties),
        url=f"https://example.org/{plant('resource-url', *parties)}",
    )
    resource = relationships.resource_add(
        relationship=relationship,
        by=mentee,
        title=plant("resource-file-title", *parties),
        file=SimpleUploadedFile(
            "plan.pdf", f"%PDF-1.4 {plant('file-content', *parties)}".encode(), "application/pdf"
        ),
    )
    answer(
        send(relationship=relationship, person=mentee, key="check_in"),
        {**CHECK_IN_ANSWERS, "comment": plant("survey-comment", r.mentee)},
    )
    survey = send(relationship=relationship, person=mentor, key="check_in")
    proposal = relationships.separation_propose(
        relationship=relationship, by=mentee, reflection=plant("separation-reflection", *parties)
    )

    initiation = pair(program, mentor=mentor, mentee=mentees["initiation"], by=manager)
    relationships.agreement_save(
        relationship=initiation,
        by=mentees["initiation"],
        goals=plant("initiation-agreement", r.mentor, r.initiation_mentee),
    )
    separation = walk_to(
        pair(program, mentor=mentor, mentee=mentees["separation"], by=manager), Stage.SEPARATION
    )
    relationships.closing_reflection_save(
        relationship=separation,
        by=mentor,
        learned=plant("closing-learned", r.mentor, r.separation_mentee),
        application=plant("closing-application", r.mentor, r.separation_mentee),
    )
    ended_parties = (r.mentor, r.ended_mentee)
    ended = walk_to(
        pair(program, mentor=mentor, mentee=mentees["ended"], by=manager), Stage.SEPARATION
    )
    relationships.redefinition_set(
        relationship=ended,
        by=mentees["ended"],
        relation="peers",
        check_in_frequency="yearly",
        expectations=plant("redefinition-expectations", *ended_parties),
    )
    relationships.acknowledgment_write(
        relationship=ended, by=mentees["ended"], text=plant("thank-you", *ended_parties)
    )
    ended = relationships.relationship_end(
        relationship=ended, by=mentees["ended"], reason=plant("end-reason", *ended_parties)
    )

    request = request_create(
        program=program,
        mentee=asking,
        mentor=mentor,
        message=plant("request-message", r.asking, r.mentor),
    )
    request_message_add(request=request, by=mentor, text=plant("request-reply", r.asking, r.mentor))
    bookmark_set(program=program, mentee=asking, mentor=mentor, on=True)
    consideration_update(
        program=program,
        mentee=asking,
        mentor=mentor,
        answers={"passion": "yes"},
        note=plant("checklist-note", r.asking),
    )
    mentor_pause(
        program=program,
        mentor=mentor,
        until=timezone.localdate() + datetime.timedelta(days=30),
        # Shown on the mentor's page to the program's mentees.
        note=plant(
            "pause-note",
            r.mentor,
            r.mentee,
            r.asking,
            r.initiation_mentee,
            r.separation_mentee,
            r.ended_mentee,
            *(("participant",) if letter == "A" else ()),
        ),
    )

    instrument = instrument_create(
        program=program,
        by=manager,
        title="Pulse",
        items=[{"key": "pulse", "text": "How is it going?", "kind": "text"}],
        anonymity=Anonymity.CONFIDENTIAL,
    )
    matching_settings_save(program=program, updated_by=manager, top_k=5)
    run = draft(program, manager, [(mentor, asking)])
    pin = match_pin_set(program=program, mentee=asking, mentor=mentor, kind="pin", set_by=manager)
    notification = Notification.objects.filter(recipient=mentee).order_by("pk").first()
    assert notification is not None
    # An API token's name is its owner's (site staff without the admin's token rights see none).
    token = api_token_issue(user=mentee, name=plant("token-name", r.mentee)).token
    return Side(
        letter=letter,
        organisation=organisation,
        program=program,
        second_program=second_program,
        manager=manager,
        mentor=mentor,
        mentee=mentee,
        relationship=relationship,
        initiation=initiation,
        separation=separation,
        ended=ended,
        meeting=meeting,
        goal=goal,
        milestone=milestone,
        question=question,
        resource=resource,
        proposal=proposal,
        request=request,
        asking=asking,
        enrollment=enrollment,
        program_question=program_question,
        invitation=invitation,
        run=run,
        pin=pin,
        survey=survey,
        instrument=instrument,
        notification=notification,
        token=token,
    )
