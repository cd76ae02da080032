"""Demo relationships: pairs in every stage, with meetings, goals, questions and lessons.

Called by `mentora.programs.demo` after the people are enrolled. Everything goes through the
services, so the demo obeys the same rules (capacity, transitions) as real use.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from mentora.accounts.models import User
from mentora.programs.models import Enrollment, Program
from mentora.programs.selectors import first_manager
from mentora.relationships import services
from mentora.relationships.models import Relationship, Stage

DEMO_EMAILS_FIRST = ("mentor@", "mentee@")
# How many pairs end up in each stage (in this order, so the demo accounts get the richest ones).
STAGE_PLAN = [
    Stage.CULTIVATION,
    Stage.INITIATION,
    Stage.CULTIVATION,
    Stage.SEPARATION,
    Stage.REDEFINITION,
    Stage.PENDING_ACCEPTANCE,
    Stage.ENDED,
    Stage.CULTIVATION,
    Stage.INITIATION,
    Stage.CULTIVATION,
    Stage.REDEFINITION,
    Stage.SEPARATION,
]
# A large program (the demo mentoring program) has many more pairs, in proportions that look like
# a program some months in: most in cultivation, some done, a few waiting or quiet.
LARGE_PROGRAM_MENTEES = 100
LARGE_PLAN_EXTRA = {
    Stage.CULTIVATION: 26,
    Stage.INITIATION: 8,
    Stage.SEPARATION: 6,
    Stage.REDEFINITION: 10,
    Stage.PENDING_ACCEPTANCE: 2,
    Stage.ENDED: 4,
}
# How long ago pairs in each stage were made, in days (a range to draw from).
AGE_DAYS: dict[str, tuple[int, int]] = {
    Stage.PENDING_ACCEPTANCE: (1, 6),
    Stage.INITIATION: (3, 24),
    Stage.CULTIVATION: (35, 170),
    Stage.SEPARATION: (160, 220),
    Stage.REDEFINITION: (200, 300),
    Stage.ENDED: (30, 120),
}
QUESTIONS = [
    "How did you decide when to move from specialist to manager?",
    "What should I prepare before asking for a promotion?",
    "How do you say no to a senior stakeholder?",
    "Which habits helped you most in your first year leading people?",
]
COACHING_QUESTIONS = [
    "What got in the way of the target this week?",
    "On a scale of 1 to 10, how confident are you about the next milestone?",
]
ANSWERS = [
    "Start from the outcome you want and work back; write it down before the meeting.",
    "Ask for feedback early and often, and make it easy to give.",
    "Say what you can do instead, and by when.",
]
LESSONS = [
    "Write the decision and its reasons in one page before the meeting.",
    "Delegate the outcome, not the task.",
    "Spend the first ten minutes of one-to-ones listening only.",
]
GOALS = [
    ("Lead a cross-team project", ["Choose the project", "Kick-off", "First review"]),
    ("Speak at an internal event", ["Pick a topic", "Rehearse with my mentor"]),
    ("Grow my network beyond my department", ["Meet five people", "Join a guild"]),
]
COACHING_GOALS = [
    ("Give internal talks", Decimal(3), "talks"),
    ("Raise my team's satisfaction score", Decimal(40), "points"),
]
WALK_GOALS = "Grow as a leader"
WALK_REFLECTION = "I have what I came for and feel ready to go on alone."


def _sorted_users(program: Program, role: str) -> list[User]:
    users = [
        e.user
        for e in Enrollment.objects.filter(
            program=program, role=role, status=Enrollment.Status.ACTIVE
        ).select_related("user__profile")
    ]
    users.sort(key=lambda u: (not u.email.startswith(DEMO_EMAILS_FIRST), u.email))
    return users


def _meetings(
    rng: random.Random, relationship: Relationship, *, now: datetime.datetime, past: int
) -> None:
    for i in range(past + 1):
        days = 14 * (past - i) - (7 if i == past else 0)
        start = (now - datetime.timedelta(days=days)).replace(
            hour=rng.choice([9, 11, 14, 16]), minute=0, second=0, microsecond=0
        )
        meeting = services.meeting_schedule(
            relationship=relationship,
            by=relationship.mentee,
            starts_at=start,
            duration_minutes=rng.choice([30, 45, 60]),
            location="Video call",
            agenda="Progress since last time; " + rng.choice(["feedback", "next steps", "goals"]),
        )
        if start < now:
            services.meeting_record(
                meeting=meeting,
                by=relationship.mentor,
                shared_notes="We reviewed the goals and agreed on next steps.",
                mentor_attended=True,
                mentee_attended=True,
            )


def _cultivate(rng: random.Random, relationship: Relationship) -> None:
    mentor, mentee = relationship.mentor, relationship.mentee
    services.acquaintance_update(
        relationship=relationship,
        by=mentee,
        career_goals="Lead a team within two years.",
        why_this_mentor=f"{mentor.display_name} has led teams like the one I want to lead.",
    )
    services.agreement_save(
        relationship=relationship,
        by=mentee,
        goals="Grow into a leadership role with confidence.",
        focus_areas=["career_advancement", "skill_building"],
        channel="Video call",
        confidentiality="What we discuss stays between us.",
        feedback="Direct and kind, at the end of each meeting.",
        ending="A closing conversation about what comes next.",
    )
    services.agreement_confirm(relationship=relationship, by=mentee)
    services.agreement_confirm(relationship=relationship, by=mentor)
    relationship.refresh_from_db()
    deadline = timezone.localdate() + datetime.timedelta(days=rng.randint(60, 150))
    if relationship.is_coaching:
        for title, target, unit in COACHING_GOALS:
            goal = services.goal_create(
                relationship=relationship,
                by=mentor,
                title=title,
                target_value=target,
                unit=unit,
                due_on=deadline,
            )
            services.goal_update_progress(
                goal=goal, by=mentee, current_value=target * Decimal(rng.randint(1, 9)) / 10
            )
        for text in COACHING_QUESTIONS:
            question = services.question_ask(relationship=relationship, by=mentor, text=text)
            services.question_reply(question=question, by=mentor, text=rng.choice(ANSWERS))
    else:
        for title, milestones in rng.sample(GOALS, 2):
            goal = services.goal_create(
                relationship=relationship,
                by=mentee,
                title=title,
                due_on=deadline,
                milestones=milestones,
            )
            services.goal_update_progress(goal=goal, by=mentee, progress=rng.choice([20, 40, 60]))
            services.milestone_set_done(milestone=goal.milestones.all()[0], by=mentee, done=True)
        for text in rng.sample(QUESTIONS, 2):
            question = services.question_ask(relationship=relationship, by=mentee, text=text)
            services.question_reply(question=question, by=mentor, text=rng.choice(ANSWERS))
        services.lesson_record(relationship=relationship, by=mentor, text=rng.choice(LESSONS))
    services.resource_add(
        relationship=relationship,
        by=mentor,
        title="A reading list on leading people",
        url="https://example.org/reading-list",
    )
    _meetings(rng, relationship, now=timezone.now(), past=rng.randint(1, 3))


def _separate(relationship: Relationship) -> None:
    proposal = services.separation_propose(
        relationship=relationship, by=relationship.mentee, reflection=WALK_REFLECTION
    )
    services.separation_confirm(proposal=proposal, by=relationship.mentor)
    for person in (relationship.mentor, relationship.mentee):
        services.closing_reflection_save(
            relationship=relationship,
            by=person,
            learned="How to plan a team's quarter and give feedback that lands.",
            application="A monthly review of my goals, and asking peers for feedback.",
        )


# The steps that move a pair forward, each through the service that alone makes that move.
WALK_ORDER: list[str] = [
    Stage.PENDING_ACCEPTANCE,
    Stage.INITIATION,
    Stage.CULTIVATION,
    Stage.SEPARATION,
]


def relationship_walk_to(*, relationship: Relationship, stage: str) -> Relationship:
    """Walk a pair forward to `stage` as both people would: the mentor accepts, both confirm an
    agreement (written if it has no goals yet), one proposes separation and the other confirms,
    the mentee sets new terms. Other apps' demos and tests use this; nothing goes around the
    lifecycle's gates."""
    if stage not in [*WALK_ORDER, Stage.REDEFINITION]:
        raise ValueError(f"A pair is walked forward to a live stage, not to {stage!r}.")
    target = WALK_ORDER.index(stage) if stage in WALK_ORDER else len(WALK_ORDER)
    mentor, mentee = relationship.mentor, relationship.mentee
    relationship.refresh_from_db()
    while relationship.stage in WALK_ORDER and WALK_ORDER.index(relationship.stage) < target:
        if relationship.stage == Stage.PENDING_ACCEPTANCE:
            services.relationship_accept(relationship=relationship, by=mentor)
        elif relationship.stage == Stage.INITIATION:
            relationship.agreement.refresh_from_db()
            if not relationship.agreement.goals.strip():
                services.agreement_save(relationship=relationship, by=mentee, goals=WALK_GOALS)
            services.agreement_confirm(relationship=relationship, by=mentee)
            services.agreement_confirm(relationship=relationship, by=mentor)
        elif relationship.stage == Stage.CULTIVATION:
            proposal = services.separation_propose(
                relationship=relationship, by=mentee, reflection=WALK_REFLECTION
            )
            services.separation_confirm(proposal=proposal, by=mentor)
        else:
            services.redefinition_set(
                relationship=relationship,
                by=mentee,
                relation="occasional_check_ins",
                check_in_frequency="quarterly",
            )
        relationship.refresh_from_db()
    return relationship


def _stage_plan(rng: random.Random, mentees: int) -> list[str]:
    plan: list[str] = list(STAGE_PLAN)
    if mentees >= LARGE_PROGRAM_MENTEES:
        extra = [stage for stage, count in LARGE_PLAN_EXTRA.items() for _ in range(count)]
        rng.shuffle(extra)
        plan += extra
    return plan


def _backdate(rng: random.Random, program: Program, relationships: list[Relationship]) -> None:
    """Spread the pairs over the past months, as if the program had been running for a while.

    The services stamp everything "now"; the dashboard's time to match, monthly meetings and
    at-risk pairs need a history. Each pair's stage changes are spread evenly over its age; a few
    pairs are left quiet (no activity for longer than the program's inactivity period) or stuck in
    initiation, so that the health check and the dashboard have something to flag.
    """
    now = timezone.now()
    day, minute = datetime.timedelta(days=1), datetime.timedelta(minutes=1)
    Program.objects.filter(pk=program.pk).update(created_at=now - 330 * day)
    for enrollment in Enrollment.objects.filter(program=program):
        Enrollment.objects.filter(pk=enrollment.pk).update(
            created_at=now - rng.randint(5, 60) * day - rng.randint(0, 600) * minute
        )
    quiet_left, stuck_left = 2, 1
    for relationship in relationships:
        stage = relationship.stage
        low, high = AGE_DAYS.get(stage, (10, 60))
        age = rng.randint(low, high)
        if stage == Stage.INITIATION and stuck_left:
            age, stuck_left = rng.randint(36, 48), stuck_left - 1
        created = now - age * day - rng.randint(0, 8 * 60) * minute
        events = list(relationship.events.order_by("created_at", "pk"))
        for k, event in enumerate(events):
            moment = created + (now - created) * k / len(events)
            type(event).objects.filter(pk=event.pk).update(created_at=moment)
        stage_changed = created + (now - created) * (len(events) - 1) / len(events)
        last_activity = now - rng.randint(0, 9) * day
        quiet = stage == Stage.CULTIVATION and quiet_left > 0 and age > 90
        if quiet:
            quiet_left -= 1
            last_activity = now - rng.randint(38, 70) * day
        if stage in {Stage.PENDING_ACCEPTANCE, Stage.INITIATION}:
            last_activity = max(created, now - rng.randint(1, 12) * day)
        held = [m for m in relationship.meetings.order_by("starts_at") if m.starts_at < now]
        if held:
            first = created + rng.randint(7, 16) * day
            span = max(last_activity - first, day)
            for k, meeting in enumerate(held):
                moment = first + span * (k / max(len(held) - 1, 1))
                moment = moment.replace(minute=0, second=0, microsecond=0)
                type(meeting).objects.filter(pk=meeting.pk).update(
                    starts_at=moment, created_at=moment - 10 * day, updated_at=moment
                )
        Relationship.objects.filter(pk=relationship.pk).update(
            created_at=created,
            stage_changed_at=stage_changed,
            last_activity_at=max(last_activity, stage_changed),
        )
        Enrollment.objects.filter(
            program=program, user=relationship.mentee, role=Enrollment.Role.MENTEE
        ).update(created_at=created - rng.randint(3, 45) * day)
        Enrollment.objects.filter(
            program=program, user=relationship.mentor, role=Enrollment.Role.MENTOR
        ).update(created_at=created - rng.randint(20, 60) * day)


def relationships_demo_seed(*, program: Program, rng: random.Random) -> list[Relationship]:
    """Pair active mentors and mentees of the program and walk each pair to a stage of the plan."""
    manager = first_manager(organisation=program.organisation)
    if manager is None:
        return []
    mentors = _sorted_users(program, Enrollment.Role.MENTOR)
    mentees = _sorted_users(program, Enrollment.Role.MENTEE)
    created: list[Relationship] = []
    plan = _stage_plan(rng, len(mentees))
    for index, (mentor, mentee, stage) in enumerate(zip(mentors, mentees, plan, strict=False)):
        try:
            relationship = services.relationship_create(
                program=program,
                mentor=mentor,
                mentee=mentee,
                created_by=manager,
                origin=Relationship.Origin.MANAGER_PAIR,
                needs_acceptance=stage == Stage.PENDING_ACCEPTANCE,
            )
        except ValidationError:
            continue  # capacity or limits: the demo respects them like everyone else
        created.append(relationship)
        if stage in {Stage.PENDING_ACCEPTANCE, Stage.INITIATION}:
            if stage == Stage.INITIATION and index % 2:
                services.acquaintance_update(
                    relationship=relationship,
                    by=mentee,
                    career_goals="Move into product management.",
                    why_this_mentor="They made the same move five years ago.",
                )
            continue
        if stage == Stage.ENDED:
            services.relationship_end(
                relationship=relationship, by=mentee, reason="I moved to another company."
            )
            continue
        _cultivate(rng, relationship)
        if stage in {Stage.SEPARATION, Stage.REDEFINITION}:
            # Most pairs that finish reached their goals; some reached one of two.
            for goal in relationship.goals.order_by("pk")[: 2 if rng.random() < 0.7 else 1]:
                if goal.target_value is not None:
                    services.goal_update_progress(
                        goal=goal, by=relationship.mentee, current_value=goal.target_value
                    )
                else:
                    services.goal_update_progress(goal=goal, by=relationship.mentee, progress=100)
            _separate(relationship)
        if stage == Stage.REDEFINITION:
            services.redefinition_set(
                relationship=relationship,
                by=mentee,
                relation="occasional_check_ins",
                check_in_frequency="quarterly",
                expectations="A coffee every few months to share news.",
            )
            acknowledgment = services.acknowledgment_write(
                relationship=relationship,
                by=mentee,
                text=f"{mentor.display_name} helped me find my voice as a leader. Thank you!",
            )
            services.acknowledgment_set_public(
                acknowledgment=acknowledgment, by=mentor, public=True
            )
    for relationship in created:
        relationship.refresh_from_db()
    _backdate(rng, program, created)
    return created
