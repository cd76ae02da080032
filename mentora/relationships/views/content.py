"""Cultivation content: goals and milestones, questions, lessons and shared resources."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mentora.accounts.http import AuthenticatedHttpRequest
from mentora.relationships import selectors, services
from mentora.relationships.forms import (
    GoalForm,
    GoalProgressForm,
    LessonForm,
    QuestionForm,
    ReplyForm,
    ResourceForm,
)
from mentora.relationships.views.common import attach_errors, detail_url, error_text, fail


@login_required
def goal_create(request: AuthenticatedHttpRequest, relationship_id: int) -> HttpResponse:
    relationship = selectors.get_relationship_for_party(
        user=request.user, relationship_id=relationship_id
    )
    form = GoalForm(request.POST or None, coaching=relationship.is_coaching)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.goal_create(
                relationship=relationship,
                by=request.user,
                title=data["title"],
                description=data["description"],
                owner=relationship.mentor if data["owner"] == "mentor" else relationship.mentee,
                due_on=data["due_on"],
                target_value=data["target_value"],
                unit=data["unit"],
                milestones=data["milestones"].splitlines(),
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Goal added.")
            return redirect(detail_url(relationship, "#goals"))
    return render(
        request,
        "relationships/goal_form.html",
        {"nav_section": "relationships", "relationship": relationship, "form": form},
    )


@login_required
@require_POST
def goal_progress(
    request: AuthenticatedHttpRequest, relationship_id: int, goal_id: int
) -> HttpResponse:
    goal = selectors.get_goal_for_party(user=request.user, goal_id=goal_id)
    if goal.relationship_id != relationship_id:
        raise Http404("No such goal.")
    form = GoalProgressForm(request.POST, goal=goal)
    back = detail_url(goal.relationship, "#goals")
    if not form.is_valid():
        messages.error(request, "Progress is a number: 0 to 100 per cent, or the measured value.")
        return redirect(back)
    try:
        updated = services.goal_update_progress(
            goal=goal,
            by=request.user,
            progress=form.cleaned_data.get("progress"),
            current_value=form.cleaned_data.get("current_value"),
        )
    except ValidationError as error:
        return fail(request, error, back)
    messages.success(request, "Goal met!" if updated.is_met else "Progress saved.")
    return redirect(back)


@login_required
@require_POST
def milestone_toggle(
    request: AuthenticatedHttpRequest, relationship_id: int, goal_id: int, milestone_id: int
) -> HttpResponse:
    goal = selectors.get_goal_for_party(user=request.user, goal_id=goal_id)
    milestone = goal.milestones.filter(pk=milestone_id).first()
    if goal.relationship_id != relationship_id or milestone is None:
        raise Http404("No such milestone.")
    back = detail_url(goal.relationship, "#goals")
    try:
        services.milestone_set_done(
            milestone=milestone, by=request.user, done=request.POST.get("done") == "1"
        )
    except ValidationError as error:
        return fail(request, error, back)
    return redirect(back)


@login_required
@require_POST
def question_create(request: AuthenticatedHttpRequest, relationship_id: int) -> HttpResponse:
    relationship = selectors.get_relationship_for_party(
        user=request.user, relationship_id=relationship_id
    )
    form = QuestionForm(request.POST, prefix="question")
    back = detail_url(relationship, "#questions")
    if not form.is_valid():
        messages.error(request, "Write the question first.")
        return redirect(back)
    try:
        question = services.question_ask(
            relationship=relationship, by=request.user, text=form.cleaned_data["text"]
        )
    except ValidationError as error:
        return fail(request, error, back)
    messages.success(request, "Question sent.")
    return redirect("relationships:question", relationship.pk, question.pk)


@login_required
def question_detail(
    request: AuthenticatedHttpRequest, relationship_id: int, question_id: int
) -> HttpResponse:
    question = selectors.get_question_for_party(user=request.user, question_id=question_id)
    if question.relationship_id != relationship_id:
        raise Http404("No such question.")
    relationship = question.relationship
    can_reply = relationship.stage in services.WORKING_STAGES and (
        not relationship.is_coaching or relationship.mentor_id == request.user.pk
    )
    form = ReplyForm(request.POST or None)
    if relationship.is_coaching:
        form.fields["text"].label = f"{relationship.mentee.display_name}'s answer"
    if request.method == "POST" and can_reply and form.is_valid():
        try:
            services.question_reply(
                question=question, by=request.user, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, "Answer added.")
            return redirect("relationships:question", relationship.pk, question.pk)
    return render(
        request,
        "relationships/question.html",
        {
            "nav_section": "relationships",
            "relationship": relationship,
            "question": question,
            "replies": question.replies.select_related("author__profile"),
            "form": form if can_reply else None,
        },
    )


@login_required
@require_POST
def lesson_create(request: AuthenticatedHttpRequest, relationship_id: int) -> HttpResponse:
    relationship = selectors.get_relationship_for_party(
        user=request.user, relationship_id=relationship_id
    )
    form = LessonForm(request.POST, goals=relationship.goals.all(), label="Lesson", prefix="lesson")
    back = detail_url(relationship, "#lessons")
    if not form.is_valid():
        messages.error(request, "Write the lesson first, and choose one of your goals or none.")
        return redirect(back)
    try:
        services.lesson_record(
            relationship=relationship,
            by=request.user,
            text=form.cleaned_data["text"],
            goal=form.cleaned_data["goal"],
        )
    except ValidationError as error:
        return fail(request, error, back)
    messages.success(request, "Recorded.")
    return redirect(back)


@login_required
@require_POST
def resource_create(request: AuthenticatedHttpRequest, relationship_id: int) -> HttpResponse:
    relationship = selectors.get_relationship_for_party(
        user=request.user, relationship_id=relationship_id
    )
    form = ResourceForm(request.POST, request.FILES, prefix="resource")
    back = detail_url(relationship, "#resources")
    if not form.is_valid():
        messages.error(request, "Give the resource a title and a valid link or file.")
        return redirect(back)
    try:
        services.resource_add(relationship=relationship, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        return fail(request, error, back)
    messages.success(request, "Shared.")
    return redirect(back)


@login_required
def resource_download(
    request: AuthenticatedHttpRequest, relationship_id: int, resource_id: int
) -> HttpResponse:
    """Files are served through this view so that only the two people can fetch them."""
    relationship = selectors.get_relationship_for_party(
        user=request.user, relationship_id=relationship_id
    )
    resource = relationship.resources.filter(pk=resource_id).exclude(file="").first()
    if resource is None:
        raise Http404("No such file.")
    return FileResponse(  # type: ignore[return-value]
        resource.file.open("rb"),
        as_attachment=True,
        filename=(resource.file.name or "file").rsplit("/", 1)[-1],
    )
