"""The finding part of the demo, called by mentora.programs.demo after relationships are seeded.

In the demo mentoring program: requests waiting for the demo mentor (one with a short exchange of
questions), bookmarks and a private checklist of the demo mentee, and earlier requests that
mentors answered after a realistic delay, so response times show on mentors' pages. Everything
goes through the services with explicit past times, so the demo obeys the same rules (capacity,
open-request cap) as real use. Only declines and withdrawals: nobody new is paired, so the other
parts of the demo (relationships, the match run) see the people they expect.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from mentora.accounts.models import User
from mentora.finding.choosing import bookmark_set, consideration_update
from mentora.finding.models import SELF_SERVICE_MODES, MentorRequest
from mentora.finding.selectors import free_places
from mentora.finding.services import (
    request_create,
    request_decline,
    request_message_add,
    request_withdraw,
)
from mentora.programs.models import Enrollment, Program
from mentora.relationships.models import LIVE_STAGES

MENTOR_EMAIL = "mentor@demo.mentora.test"
MENTEE_EMAIL = "mentee@demo.mentora.test"
WAITING_FOR_DEMO_MENTOR = 3
ANSWERED = 12
BOOKMARKS = 3
REQUEST_MESSAGES = [
    "I've just been asked to lead a small project team and I'd like help getting started: "
    "planning, delegating, and giving feedback without sounding like a boss.",
    "I want to move from analysis into product management within a year. Your path from "
    "engineering into leadership is the kind of change I'm hoping to make.",
    "I'm preparing for a promotion conversation in the spring and want to learn how to talk "
    "about my work with more confidence.",
    "I'd like to build a network outside my own department and learn how other teams decide "
    "what to work on.",
    "After five years in the same role I want to work out what comes next, and someone who has "
    "changed direction would help me think it through.",
]
DECLINE_REASONS = [
    "",
    "My focus is engineering leadership; someone from your own field would help you more.",
    "I'm travelling a lot this quarter and could not give you the time you deserve.",
    "",
]


def _active(program: Program, role: str) -> list[Enrollment]:
    return list(
        Enrollment.objects.filter(program=program, role=role, status=Enrollment.Status.ACTIVE)
        .select_related("user", "user__profile", "mentor_offer", "program")
        .order_by("pk")
    )


def finding_demo_seed(*, program: Program, rng: random.Random) -> None:
    """Add this app's demo data to the demo mentoring program (idempotent through demo_seed)."""
    if program.kind != Program.Kind.MENTORING or program.matching_mode not in SELF_SERVICE_MODES:
        return
    if MentorRequest.objects.filter(program=program).exists():
        return
    now = timezone.now()
    paired_mentees = set(
        program.relationships.filter(stage__in=LIVE_STAGES).values_list("mentee_id", flat=True)
    )
    mentors = [e for e in _active(program, Enrollment.Role.MENTOR) if free_places(enrollment=e) > 0]
    waiting = [
        e.user
        for e in _active(program, Enrollment.Role.MENTEE)
        if e.user_id not in paired_mentees and e.user.email != MENTEE_EMAIL
    ]
    demo_mentor = User.objects.filter(email=MENTOR_EMAIL).first()
    demo_mentee = User.objects.filter(email=MENTEE_EMAIL).first()
    others = [e.user for e in mentors if e.user.email != MENTOR_EMAIL]
    rng.shuffle(waiting)
    if not waiting or not others:
        return

    # Earlier requests, answered after a few hours to a couple of days (response times).
    demo_mentor_has_room = demo_mentor is not None and any(
        e.user_id == demo_mentor.pk for e in mentors
    )
    answered_by = [demo_mentor] * 3 if demo_mentor is not None and demo_mentor_has_room else []
    answered_by += rng.sample(others, min(len(others), ANSWERED))
    for index, mentor in enumerate(answered_by[:ANSWERED]):
        # Not the mentees who are now waiting for the demo mentor: they have not asked them yet.
        mentee = waiting[(index + WAITING_FOR_DEMO_MENTOR) % len(waiting)]
        asked = now - datetime.timedelta(days=rng.randint(16, 60), hours=rng.randint(0, 12))
        request = request_create(
            program=program,
            mentee=mentee,
            mentor=mentor,
            message=rng.choice(REQUEST_MESSAGES),
            now=asked,
        )
        answered = asked + datetime.timedelta(hours=rng.choice([2, 5, 9, 20, 26, 40, 52]))
        if index % 5 == 4:
            request_withdraw(request=request, by=mentee, now=answered)
        else:
            request_decline(
                request=request,
                by=mentor,
                reason=DECLINE_REASONS[index % len(DECLINE_REASONS)],
                now=answered,
            )

    # Requests waiting for the demo mentor, one with a short exchange.
    if demo_mentor is not None and demo_mentor_has_room:
        for index, mentee in enumerate(waiting[:WAITING_FOR_DEMO_MENTOR]):
            asked = now - datetime.timedelta(days=1 + 2 * index, hours=rng.randint(1, 8))
            request = request_create(
                program=program,
                mentee=mentee,
                mentor=demo_mentor,
                message=REQUEST_MESSAGES[index % len(REQUEST_MESSAGES)],
                now=asked,
            )
            if index == 1:
                request_message_add(
                    request=request,
                    by=demo_mentor,
                    text="Thanks for asking! Before I answer: what would a good first three "
                    "months look like for you, and how often could you meet?",
                    now=asked + datetime.timedelta(hours=6),
                )
                request_message_add(
                    request=request,
                    by=mentee,
                    text="A plan for my first project team and one honest conversation about "
                    "feedback. Every two weeks, over lunch UK time, would suit me well.",
                    now=asked + datetime.timedelta(hours=22),
                )

    # The demo mentee keeps a few mentors in mind, with a private checklist for one.
    if demo_mentee is not None:
        kept = rng.sample(others, min(BOOKMARKS, len(others)))
        for mentor in kept:
            bookmark_set(program=program, mentee=demo_mentee, mentor=mentor, on=True)
        consideration_update(
            program=program,
            mentee=demo_mentee,
            mentor=kept[0],
            answers={"passion": "yes", "knowledge": "yes", "time": "not_sure", "proximity": "no"},
            note="Ask how they moved into leadership; check they have time in the spring.",
        )
