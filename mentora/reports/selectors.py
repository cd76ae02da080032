"""The figures of a program's dashboard, its group comparison, and a participant's own progress.

Everything is computed with a handful of aggregate queries per program, whatever its size, and
every statistic goes through `mentora.lib.suppression.figure` (nothing computed from fewer than
five people is shown). The definitions below are the ones the dashboard page and
docs/program-dashboard.md state.

The funnel counts mentees (coachees in a coaching program) with an active enrollment:

- enrolled: an active enrollment as a mentee;
- matched: has had a relationship that entered initiation (a request that was never accepted
  does not count);
- active: has a relationship now in initiation or cultivation;
- completed: has a relationship that reached separation or redefinition.
"""

from __future__ import annotations

import datetime
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from mentora.lib.suppression import Figure, figure, ratio
from mentora.lib.wording import role_word
from mentora.programs.models import Enrollment, Program
from mentora.relationships.models import (
    INITIATION_MAX_DAYS,
    Goal,
    Meeting,
    Relationship,
    RelationshipEvent,
    SeparationProposal,
    Stage,
)
from mentora.reports import outcomes

if TYPE_CHECKING:
    from mentora.accounts.models import User

DAYS_PER_MONTH = 365.25 / 12
MONTHS_SHOWN = 12
AT_RISK_LISTED = 50
# The stages a relationship passes through, in order, for the stage chart.
STAGE_ORDER = [
    Stage.PENDING_ACCEPTANCE,
    Stage.INITIATION,
    Stage.CULTIVATION,
    Stage.SEPARATION,
    Stage.REDEFINITION,
    Stage.ENDED,
]
ACTIVE_STAGES = (Stage.INITIATION, Stage.CULTIVATION)
COMPLETED_STAGES = (Stage.SEPARATION, Stage.REDEFINITION)
WATCHED_STAGES = (Stage.INITIATION, Stage.CULTIVATION, Stage.SEPARATION)

FUNNEL_DEFINITIONS = {
    "enrolled": "{Mentees} with an active enrollment in the program.",
    "matched": "Enrolled {mentees} who have had a relationship that started (entered "
    "initiation); a request never accepted does not count.",
    "active": "Enrolled {mentees} with a relationship in initiation or cultivation now.",
    "completed": "Enrolled {mentees} with a relationship that reached separation or redefinition.",
}


# --- Dashboard ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoleCount:
    role: str
    label: str
    active: int
    pending: int


@dataclass(frozen=True)
class FunnelStep:
    key: str
    label: str
    count: int
    definition: str


@dataclass(frozen=True)
class StageCount:
    stage: str
    label: str
    count: int


@dataclass(frozen=True)
class MonthPoint:
    month: datetime.date
    meetings: int
    relationships: int
    per_relationship: Figure

    @property
    def label(self) -> str:
        return f"{self.month:%b %Y}"


@dataclass(frozen=True)
class AtRiskPair:
    relationship_id: int
    mentor: str
    mentee: str
    stage: str
    stage_label: str
    last_activity_at: datetime.datetime
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class AtRisk:
    total: int
    by_reason: dict[str, int]
    pairs: list[AtRiskPair]

    @property
    def more(self) -> int:
        return self.total - len(self.pairs)


@dataclass(frozen=True)
class Dashboard:
    program: Program
    generated_at: datetime.datetime
    participants: list[RoleCount]
    funnel: list[FunnelStep]
    match_rate: Figure
    median_days_to_match: Figure
    stages: list[StageCount]
    relationships: int
    meetings_held: int
    meetings_per_relationship_month: Figure
    meetings_by_month: list[MonthPoint]
    goals: int
    goals_met: int
    goal_completion: Figure
    at_risk: AtRisk
    benefits: list[outcomes.BenefitRow]
    check_ins: outcomes.CheckIns
    mentee_label: str = ""
    mentor_label: str = ""


@dataclass
class ProgramPairs:
    """One pass over the program's relationships: who was matched, when, and what is live."""

    matched_relationships: list[tuple[datetime.datetime, datetime.datetime | None]]
    first_match: dict[int, datetime.datetime]
    matched_mentors: set[int]
    active_mentees: set[int]
    completed_mentees: set[int]
    stages: Counter[str]


def program_pairs(program: Program) -> ProgramPairs:
    """Who was matched in the program, when, and which relationships are live or completed."""
    started = RelationshipEvent.objects.filter(
        relationship_id=OuterRef("pk"), to_stage=Stage.INITIATION
    )
    completed = RelationshipEvent.objects.filter(
        relationship_id=OuterRef("pk"), to_stage__in=COMPLETED_STAGES
    )
    rows = (
        Relationship.objects.filter(program=program)
        .annotate(started=Exists(started), completed=Exists(completed))
        .values_list(
            "mentor_id", "mentee_id", "stage", "created_at", "ended_at", "started", "completed"
        )
        .order_by()
    )
    result = ProgramPairs([], {}, set(), set(), set(), Counter())
    for (
        mentor_id,
        mentee_id,
        stage,
        created_at,
        ended_at,
        was_started,
        was_completed,
    ) in rows.iterator(chunk_size=2000):
        result.stages[stage] += 1
        if not was_started:
            continue
        result.matched_relationships.append((created_at, ended_at))
        result.matched_mentors.add(mentor_id)
        first = result.first_match.get(mentee_id)
        if first is None or created_at < first:
            result.first_match[mentee_id] = created_at
        if stage in ACTIVE_STAGES:
            result.active_mentees.add(mentee_id)
        if was_completed:
            result.completed_mentees.add(mentee_id)
    return result


def _months_back(now: datetime.datetime, count: int) -> list[datetime.date]:
    local = timezone.localtime(now)
    year, month = local.year, local.month
    months = []
    for _ in range(count):
        months.append(datetime.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def _month_bounds(month: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    zone = timezone.get_current_timezone()
    start = datetime.datetime(month.year, month.month, 1, tzinfo=zone)
    following = (
        datetime.date(month.year + 1, 1, 1)
        if month.month == 12
        else datetime.date(month.year, month.month + 1, 1)
    )
    return start, datetime.datetime(following.year, following.month, 1, tzinfo=zone)


def _meetings_by_month(
    program: Program,
    *,
    now: datetime.datetime,
    relationships: list[tuple[datetime.datetime, datetime.datetime | None]],
) -> list[MonthPoint]:
    if not relationships:
        return []
    first = min(created for created, _ in relationships)
    months = [m for m in _months_back(now, MONTHS_SHOWN) if _month_bounds(m)[1] > first]
    if not months:
        return []
    window_start = _month_bounds(months[0])[0]
    held = dict(
        Meeting.objects.filter(
            relationship__program=program,
            status=Meeting.Status.SCHEDULED,
            starts_at__gte=window_start,
            starts_at__lt=now,
        )
        .annotate(month=TruncMonth("starts_at"))
        .values_list("month")
        .annotate(count=Count("pk"))
        .values_list("month", "count")
        .order_by()
    )
    held_by_month = {
        (m.date() if isinstance(m, datetime.datetime) else m): count for m, count in held.items()
    }
    points = []
    for month in months:
        start, end = _month_bounds(month)
        live = sum(
            1
            for created, ended in relationships
            if created < end and (ended is None or ended >= start)
        )
        meetings = held_by_month.get(month, 0)
        points.append(
            MonthPoint(
                month=month,
                meetings=meetings,
                relationships=live,
                per_relationship=figure(meetings / live if live else None, n=live),
            )
        )
    return points


def _meeting_rate(
    program: Program,
    *,
    now: datetime.datetime,
    relationships: list[tuple[datetime.datetime, datetime.datetime | None]],
) -> tuple[int, Figure]:
    """Held meetings per relationship-month; a relationship younger than a month counts as one."""
    started = RelationshipEvent.objects.filter(
        relationship_id=OuterRef("relationship_id"), to_stage=Stage.INITIATION
    )
    held = Meeting.objects.filter(
        Exists(started),
        relationship__program=program,
        status=Meeting.Status.SCHEDULED,
        starts_at__lt=now,
    ).count()
    months = sum(
        max(((ended or now) - created).total_seconds() / 86400 / DAYS_PER_MONTH, 1.0)
        for created, ended in relationships
    )
    return held, figure(held / months if months else None, n=len(relationships))


def _at_risk(program: Program, *, now: datetime.datetime, listed: int = AT_RISK_LISTED) -> AtRisk:
    quiet_days = program.inactivity_days
    quiet = Q(last_activity_at__lte=now - datetime.timedelta(days=quiet_days))
    overdue = Q(
        stage=Stage.INITIATION,
        stage_changed_at__lte=now - datetime.timedelta(days=INITIATION_MAX_DAYS),
    )
    unanswered_ids = {
        proposal.relationship_id
        for proposal in SeparationProposal.objects.filter(
            relationship__program=program,
            relationship__stage__in=WATCHED_STAGES,
            status=SeparationProposal.Status.OPEN,
        ).select_related("relationship")
        if now
        >= proposal.created_at
        + datetime.timedelta(days=proposal.relationship.separation_notice_days)
    }
    candidates = (
        Relationship.objects.filter(program=program, stage__in=WATCHED_STAGES)
        .filter(quiet | overdue | Q(pk__in=unanswered_ids))
        .select_related("mentor__profile", "mentee__profile")
        .order_by("last_activity_at", "pk")
    )
    by_reason: Counter[str] = Counter()
    pairs: list[AtRiskPair] = []
    total = 0
    for relationship in candidates.iterator(chunk_size=500):
        reasons = []
        idle = (now - relationship.last_activity_at).days
        if idle >= quiet_days:
            reasons.append(f"no activity for {idle} days")
            by_reason["quiet"] += 1
        held = (now - relationship.stage_changed_at).days
        if relationship.stage == Stage.INITIATION and held >= INITIATION_MAX_DAYS:
            reasons.append(f"in initiation for {held} days")
            by_reason["initiation_overdue"] += 1
        if relationship.pk in unanswered_ids:
            reasons.append("separation proposal unanswered")
            by_reason["separation_unanswered"] += 1
        total += 1
        if len(pairs) < listed:
            pairs.append(
                AtRiskPair(
                    relationship_id=relationship.pk,
                    mentor=relationship.mentor.display_name,
                    mentee=relationship.mentee.display_name,
                    stage=relationship.stage,
                    stage_label=relationship.get_stage_display(),
                    last_activity_at=relationship.last_activity_at,
                    reasons=tuple(reasons),
                )
            )
    return AtRisk(total=total, by_reason=dict(by_reason), pairs=pairs)


def program_dashboard(*, program: Program, now: datetime.datetime | None = None) -> Dashboard:
    """Every figure of the program's dashboard, with the small-numbers rule applied."""
    now = now or timezone.now()
    mentee_word = role_word(Enrollment.Role.MENTEE, coaching=program.is_coaching)
    enrollments = list(
        Enrollment.objects.filter(program=program)
        .values_list("user_id", "role", "status", "created_at")
        .order_by()
    )
    active_count: Counter[str] = Counter()
    pending_count: Counter[str] = Counter()
    mentee_enrolled_at: dict[int, datetime.datetime] = {}
    for user_id, role, status, created_at in enrollments:
        if status == Enrollment.Status.ACTIVE:
            active_count[role] += 1
            if role == Enrollment.Role.MENTEE:
                mentee_enrolled_at[user_id] = created_at
        elif status == Enrollment.Status.PENDING:
            pending_count[role] += 1
    participants = [
        RoleCount(
            role=role,
            label=role_word(role, coaching=program.is_coaching),
            active=active_count[role],
            pending=pending_count[role],
        )
        for role in (Enrollment.Role.MENTOR, Enrollment.Role.MENTEE)
    ]

    pairs = program_pairs(program)
    enrolled = set(mentee_enrolled_at)
    matched = enrolled & set(pairs.first_match)
    steps = {
        "enrolled": len(enrolled),
        "matched": len(matched),
        "active": len(enrolled & pairs.active_mentees),
        "completed": len(enrolled & pairs.completed_mentees),
    }
    plural = mentee_word.lower() + "s"
    funnel = [
        FunnelStep(
            key=key,
            label=key.capitalize(),
            count=count,
            definition=FUNNEL_DEFINITIONS[key].format(mentees=plural, Mentees=plural.capitalize()),
        )
        for key, count in steps.items()
    ]
    waits = [
        max((pairs.first_match[user_id] - mentee_enrolled_at[user_id]).total_seconds(), 0) / 86400
        for user_id in matched
    ]
    median_wait = figure(statistics.median(waits) if waits else None, n=len(waits), digits=1)

    stage_labels = dict(Stage.choices)
    stages = [
        StageCount(stage=stage, label=str(stage_labels[stage]), count=pairs.stages[stage])
        for stage in STAGE_ORDER
    ]
    held, rate = _meeting_rate(program, now=now, relationships=pairs.matched_relationships)
    goals = Goal.objects.filter(relationship__program=program).aggregate(
        total=Count("pk"),
        met=Count("pk", filter=Q(met_at__isnull=False)),
        relationships=Count("relationship", distinct=True),
    )
    return Dashboard(
        program=program,
        generated_at=now,
        participants=participants,
        funnel=funnel,
        match_rate=ratio(len(matched), len(enrolled)),
        median_days_to_match=median_wait,
        stages=stages,
        relationships=sum(pairs.stages.values()),
        meetings_held=held,
        meetings_per_relationship_month=rate,
        meetings_by_month=_meetings_by_month(
            program, now=now, relationships=pairs.matched_relationships
        ),
        goals=goals["total"],
        goals_met=goals["met"],
        goal_completion=ratio(goals["met"], goals["total"], n=goals["relationships"]),
        at_risk=_at_risk(program, now=now),
        benefits=outcomes.benefit_rows(program=program),
        check_ins=outcomes.check_ins(program=program),
        mentee_label=mentee_word,
        mentor_label=role_word(Enrollment.Role.MENTOR, coaching=program.is_coaching),
    )


@dataclass(frozen=True)
class Headlines:
    mentees: int
    match_rate: Figure
    live_relationships: int
    at_risk: int


def program_headlines(*, program: Program, now: datetime.datetime | None = None) -> Headlines:
    """The few figures the manager's program page shows: cheaper than the whole dashboard."""
    now = now or timezone.now()
    enrolled = set(
        Enrollment.objects.filter(
            program=program, role=Enrollment.Role.MENTEE, status=Enrollment.Status.ACTIVE
        ).values_list("user_id", flat=True)
    )
    pairs = program_pairs(program)
    live = sum(count for stage, count in pairs.stages.items() if stage != Stage.ENDED)
    return Headlines(
        mentees=len(enrolled),
        match_rate=ratio(len(enrolled & set(pairs.first_match)), len(enrolled)),
        live_relationships=live,
        at_risk=_at_risk(program, now=now, listed=0).total,
    )


# --- A participant's own progress ----------------------------------------------------------------


@dataclass(frozen=True)
class GoalReached:
    title: str
    with_person: str
    progress: int
    met_at: datetime.datetime | None
    relationship_id: int


@dataclass(frozen=True)
class ProgramProgress:
    program: Program
    roles: list[str]
    benefits: list[outcomes.BenefitHistory]
    goals: list[GoalReached]

    @property
    def goals_met(self) -> int:
        return sum(1 for goal in self.goals if goal.met_at is not None)


def _my_goals(user: User, program_ids: Iterable[int]) -> dict[int, list[GoalReached]]:
    goals: dict[int, list[GoalReached]] = defaultdict(list)
    rows = (
        Goal.objects.filter(relationship__program_id__in=list(program_ids))
        .filter(Q(relationship__mentor=user) | Q(relationship__mentee=user))
        .select_related("relationship__mentor__profile", "relationship__mentee__profile")
        .order_by("met_at", "due_on", "pk")
    )
    for goal in rows:
        relationship = goal.relationship
        other = relationship.mentee if relationship.mentor_id == user.pk else relationship.mentor
        goals[relationship.program_id].append(
            GoalReached(
                title=goal.title,
                with_person=other.display_name,
                progress=goal.progress,
                met_at=goal.met_at,
                relationship_id=relationship.pk,
            )
        )
    return goals


def participant_progress(*, user: User) -> list[ProgramProgress]:
    """The person's own benefit scores over time and goals, per program they take part in."""
    enrollments = (
        # Withdrawn people keep seeing what they achieved.
        Enrollment.objects.filter(
            user=user, status__in=[Enrollment.Status.ACTIVE, Enrollment.Status.WITHDRAWN]
        )
        .select_related("program", "program__organisation")
        .order_by("program__name", "role")
    )
    programs: dict[int, tuple[Program, list[str]]] = {}
    for enrollment in enrollments:
        entry = programs.setdefault(enrollment.program_id, (enrollment.program, []))
        entry[1].append(role_word(enrollment.role, coaching=enrollment.program.is_coaching))
    goals = _my_goals(user, programs)
    return [
        ProgramProgress(
            program=program,
            roles=roles,
            benefits=outcomes.benefit_history(user=user, program=program),
            goals=goals.get(program_id, []),
        )
        for program_id, (program, roles) in programs.items()
    ]
