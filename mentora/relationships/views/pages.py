"""The list of relationships, a relationship's page, pairing by a manager, and stage moves."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from mentora.accounts.http import AuthenticatedHttpRequest
from mentora.lib.forms import attach_errors, fail
from mentora.lib.wording import MENTOR
from mentora.programs.selectors import get_managed_program, programs_managed_by
from mentora.relationships import selectors, services
from mentora.relationships.access import access_relationship, relationship_may
from mentora.relationships.forms import (
    GoalForm,
    GoalProgressForm,
    LessonForm,
    PairForm,
    QuestionForm,
    ReasonForm,
    ResourceForm,
)
from mentora.relationships.lifecycle import LIFECYCLE
from mentora.relationships.models import Relationship, Stage
from mentora.relationships.times import local_text
from mentora.relationships.views.common import detail_url, page_context

STAGE_PATH = [Stage.INITIATION, Stage.CULTIVATION, Stage.SEPARATION, Stage.REDEFINITION]


@require_safe
@login_required
def relationship_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    mine = selectors.relationships_for_user(user=user)
    managed = selectors.relationships_managed_by(user=user).order_by("program__name", "stage", "pk")
    return render(
        request,
        "relationships/list.html",
        {
            "nav_section": "relationships",
            "rows": selectors.home_relationships(user=user),
            "ended": mine.filter(stage=Stage.ENDED),
            "managed": managed,
            "managed_programs": programs_managed_by(user=user),
        },
    )


@login_required
def relationship_create(request: AuthenticatedHttpRequest, program_id: int) -> HttpResponse:
    """A manager pairs a mentor and a mentee of their program."""
    program = get_managed_program(user=request.user, program_id=program_id)
    form = PairForm(request.POST or None, program=program)
    if request.method == "POST" and form.is_valid():
        try:
            relationship = services.relationship_create(
                program=program,
                mentor=form.cleaned_data["mentor"],
                mentee=form.cleaned_data["mentee"],
                created_by=request.user,
                origin=Relationship.Origin.MANAGER_PAIR,
            )
        except ValidationError as error:
            attach_errors(error, form)
        else:
            messages.success(request, f"Paired {relationship.mentor} and {relationship.mentee}.")
            return redirect("relationships:detail", relationship.pk)
    return render(
        request,
        "relationships/create.html",
        {"nav_section": "relationships", "program": program, "form": form},
    )


def _timeline(relationship: Relationship, *, with_notes: bool) -> list[dict[str, object]]:
    return [
        {
            "event": event,
            "note": event.note if with_notes else "",
            "from_label": Stage(event.from_stage).label if event.from_stage else "",
            "to_label": Stage(event.to_stage).label,
        }
        for event in relationship.events.select_related("actor__profile")
    ]


def _stage_path(relationship: Relationship) -> list[dict[str, object]]:
    current = relationship.stage
    path = [stage.value for stage in STAGE_PATH]
    index = path.index(current) if current in path else -1
    return [
        {"label": stage.label, "current": stage == current, "done": i < index}
        for i, stage in enumerate(STAGE_PATH)
    ]


@require_safe
@login_required
def relationship_detail(request: AuthenticatedHttpRequest, relationship_id: int) -> HttpResponse:
    user = request.user
    access = access_relationship(user=user, relationship_id=relationship_id, to="view")
    relationship = access.obj
    # The moves the person may make from here through the generic door (never the gated ones).
    moves = {move.target for move in LIFECYCLE.available(relationship, roles=access.roles)}
    common = page_context(
        access,
        stage_path=_stage_path(relationship),
        can_end=Stage.ENDED in moves,
        can_accept=relationship.stage == Stage.PENDING_ACCEPTANCE and Stage.INITIATION in moves,
        can_go_back=relationship.stage == Stage.CULTIVATION and Stage.INITIATION in moves,
        end_form=ReasonForm(prefix="end"),
    )
    if not relationship_may(relationship, access.roles, "work"):
        # Managers see stage, dates and activity counts, never content.
        proposal = selectors.get_open_separation_proposal(relationship=relationship)
        return render(
            request,
            "relationships/manager_detail.html",
            {
                **common,
                "counts": selectors.activity_counts(relationship=relationship),
                "timeline": _timeline(relationship, with_notes=False),
                "proposal": proposal,
                "proposal_due": proposal is not None
                and selectors.separation_decision_due(proposal=proposal),
            },
        )
    goals = list(relationship.goals.select_related("owner__profile").prefetch_related("milestones"))
    upcoming: list[dict[str, object]] = []
    past: list[dict[str, object]] = []
    now = timezone.now()
    for meeting in relationship.meetings.all():
        row = {"meeting": meeting, "when": local_text(meeting.starts_at, user=user)}
        (upcoming if meeting.starts_at >= now and not meeting.is_cancelled else past).append(row)
    is_mentor = access.has(MENTOR)
    return render(
        request,
        "relationships/detail.html",
        {
            **common,
            "is_mentor": is_mentor,
            "other": relationship.other_party(user),
            "agreement": relationship.agreement,
            "goals": [{"goal": goal, "form": GoalProgressForm(goal=goal)} for goal in goals],
            "all_goals_met": relationship.is_coaching
            and relationship.stage == Stage.CULTIVATION
            and selectors.all_goals_met(relationship=relationship),
            "upcoming": upcoming,
            "past": past[::-1],
            "questions": relationship.questions.select_related(
                "asked_by__profile"
            ).prefetch_related("replies"),
            "lessons": relationship.lessons.select_related("author__profile", "goal"),
            "resources": relationship.resources.select_related("added_by__profile"),
            "timeline": _timeline(relationship, with_notes=True),
            "working": relationship.stage in services.WORKING_STAGES,
            "goal_form": GoalForm(coaching=relationship.is_coaching),
            "question_form": QuestionForm(prefix="question"),
            "lesson_form": LessonForm(
                goals=relationship.goals.all(),
                prefix="lesson",
                label="A lesson I shared" if is_mentor else "A skill I practised or developed",
            ),
            "resource_form": ResourceForm(prefix="resource"),
            "proposal": selectors.get_open_separation_proposal(relationship=relationship),
        },
    )


@login_required
@require_POST
def relationship_accept(request: AuthenticatedHttpRequest, relationship_id: int) -> HttpResponse:
    relationship = access_relationship(
        user=request.user, relationship_id=relationship_id, to="work"
    ).obj
    try:
        services.relationship_accept(relationship=relationship, by=request.user)
    except ValidationError as error:
        return fail(request, error, detail_url(relationship))
    messages.success(request, "Accepted. Your relationship begins with getting acquainted.")
    return redirect("relationships:detail", relationship.pk)


@login_required
@require_POST
def relationship_end(request: AuthenticatedHttpRequest, relationship_id: int) -> HttpResponse:
    """End early, with a reason: either person, or a manager."""
    relationship = access_relationship(
        user=request.user, relationship_id=relationship_id, to="view"
    ).obj
    form = ReasonForm(request.POST, prefix="end")
    if not form.is_valid():
        messages.error(request, "Say why the relationship ends.")
        return redirect("relationships:detail", relationship.pk)
    try:
        services.relationship_end(
            relationship=relationship, by=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        return fail(request, error, detail_url(relationship))
    messages.success(request, "The relationship has ended.")
    return redirect("relationships:detail", relationship.pk)


@login_required
@require_POST
def relationship_back_to_initiation(
    request: AuthenticatedHttpRequest, relationship_id: int
) -> HttpResponse:
    relationship = access_relationship(
        user=request.user, relationship_id=relationship_id, to="work"
    ).obj
    try:
        services.relationship_advance(
            relationship=relationship,
            to_stage=Stage.INITIATION,
            by=request.user,
            note=request.POST.get("note", ""),
        )
    except ValidationError as error:
        return fail(request, error, detail_url(relationship))
    messages.success(request, "Back to initiation: revisit your agreement together.")
    return redirect("relationships:detail", relationship.pk)
