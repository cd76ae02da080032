"""Cultivation content: goals and milestones, questions, lessons and shared resources."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from mentora.accounts.http import AuthenticatedHttpRequest
from mentora.lib.files import serve_private_file
from mentora.lib.forms import attach_errors, fail, flash_error
from mentora.relationships import services
from mentora.relationships.access import (
    access_goal,
    access_question,
    access_relationship,
    access_resource,
    relationship_capabilities,
    relationship_may,
)
from mentora.relationships.forms import (
    GoalForm,
    GoalProgressForm,
    LessonForm,
    QuestionForm,
    ReplyForm,
    ResourceForm,
)
from mentora.relationships.views.common import detail_url, page_context


@login_required
def goal_create(request: AuthenticatedHttpRequest, relationship_id: int) -> HttpResponse:
    access = access_relationship(user=request.user, relationship_id=relationship_id, to="work")
    relationship = access.obj
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
            attach_errors(error, form)
        else:
            messages.success(request, "Goal added.")
            return redirect(detail_url(relationship, "#goals"))
    return render(request, "relationships/goal_form.html", page_context(access, form=form))


@login_required
@require_POST
def goal_progress(
    request: AuthenticatedHttpRequest, relationship_id: int, goal_id: int
) -> HttpResponse:
    goal = access_goal(user=request.user, relationship_id=relationship_id, goal_id=goal_id).obj
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
    goal = access_goal(user=request.user, relationship_id=relationship_id, goal_id=goal_id).obj
    milestone = goal.milestones.filter(pk=milestone_id).first()
    if milestone is None:
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
    relationship = access_relationship(
        user=request.user, relationship_id=relationship_id, to="work"
    ).obj
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
    access = access_question(
        user=request.user, relationship_id=relationship_id, question_id=question_id
    )
    question = access.obj
    relationship = question.relationship
    can_reply = relationship.stage in services.WORKING_STAGES and relationship_may(
        relationship, access.roles, "reply"
    )
    form = ReplyForm(request.POST or None)
    if relationship.is_coaching:
        form.fields["text"].label = f"{relationship.mentee.display_name}'s answer"
    if request.method == "POST" and form.is_valid():
        try:
            services.question_reply(
                question=question, by=request.user, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            flash_error(request, error)
        else:
            messages.success(request, "Answer added.")
            return redirect("relationships:question", relationship.pk, question.pk)
    return render(
        request,
        "relationships/question.html",
        {
            "nav_section": "relationships",
            "relationship": relationship,
            "can": relationship_capabilities(relationship, access.roles),
            "question": question,
            "replies": question.replies.select_related("author__profile"),
            "form": form if can_reply else None,
        },
    )


@login_required
@require_POST
def lesson_create(request: AuthenticatedHttpRequest, relationship_id: int) -> HttpResponse:
    relationship = access_relationship(
        user=request.user, relationship_id=relationship_id, to="work"
    ).obj
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
    relationship = access_relationship(
        user=request.user, relationship_id=relationship_id, to="work"
    ).obj
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


@require_safe
def resource_download(
    request: HttpRequest, relationship_id: int, resource_id: int
) -> HttpResponseBase:
    """A shared file, only ever served here and only to the two people.

    No log-in redirect: anyone else, anonymous visitors and managers included, gets the same 404
    as for a file that does not exist (they learn nothing, not even that it exists).
    """
    resource = access_resource(
        user=request.user, relationship_id=relationship_id, resource_id=resource_id
    ).obj
    return serve_private_file(resource.file, download_name=resource.download_name)
