"""A participant's surveys, the answer form, and their own progress page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from mentora.accounts.http import AuthenticatedHttpRequest
from mentora.programs.models import Enrollment, Program
from mentora.relationships.models import Goal
from mentora.relationships.views.common import attach_errors
from mentora.surveys import selectors, services
from mentora.surveys.charts import line_chart
from mentora.surveys.forms import SurveyAnswerForm
from mentora.surveys.outcomes import participant_benefit_history


@login_required
def my_surveys(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    surveys = selectors.surveys_for_user(user=user)
    programs = Program.objects.filter(
        enrollments__user=user, enrollments__status=Enrollment.Status.ACTIVE
    ).distinct()
    return render(
        request,
        "surveys/mine.html",
        {
            "nav_section": "home",
            "open": [s for s in surveys if s.completed_at is None],
            "done": [s for s in surveys if s.completed_at is not None][:50],
            "programs": programs.order_by("name"),
        },
    )


@login_required
def answer(request: AuthenticatedHttpRequest, survey_id: int) -> HttpResponse:
    survey = selectors.get_survey_for_respondent(user=request.user, survey_id=survey_id)
    if survey.completed_at is not None:
        answers = list(survey.response.answers.select_related("item"))
        return render(
            request,
            "surveys/answered.html",
            {
                "nav_section": "home",
                "survey": survey,
                "answers": [(a.item.text_for(survey.program), a) for a in answers],
            },
        )
    form = SurveyAnswerForm(request.POST or None, survey=survey)
    if request.method == "POST" and form.is_valid():
        try:
            services.response_submit(survey=survey, by=request.user, answers=form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"Thank you: your answers to {survey.instrument} are saved.")
            return redirect("surveys:mine")
    return render(
        request,
        "surveys/answer.html",
        {
            "nav_section": "home",
            "survey": survey,
            "form": form,
            "description": survey.instrument.description_for(survey.program),
        },
        status=400 if form.errors else 200,
    )


@login_required
def progress(request: AuthenticatedHttpRequest, program_id: int) -> HttpResponse:
    """The participant's own benefit scores over time and the goals they reached (theirs only)."""
    user = request.user
    program = (
        Program.objects.filter(
            pk=program_id, enrollments__user=user, enrollments__status=Enrollment.Status.ACTIVE
        )
        .distinct()
        .first()
    )
    if program is None:
        raise Http404("No such program.")
    history = participant_benefit_history(user=user, program=program)
    sections = []
    for role, scales in history.scales.items():
        points = history.points[role]
        labels = [f"{p.occasion_label} {p.submitted_at:%b %Y}" for p in points]
        chart = line_chart(
            x_labels=labels,
            series={label: [p.scores.get(scale) for p in points] for scale, label in scales},
            y_min=1,
            y_max=5,
        )
        sections.append(
            {
                "role": role,
                "role_label": program.role_label(role),
                "chart": chart,
                "columns": labels,
                "rows": [(label, [p.scores.get(scale) for p in points]) for scale, label in scales],
            }
        )
    goals = Goal.objects.filter(
        Q(relationship__mentor=user) | Q(relationship__mentee=user), relationship__program=program
    ).select_related("relationship__mentor", "relationship__mentee")
    return render(
        request,
        "surveys/progress.html",
        {
            "nav_section": "home",
            "program": program,
            "sections": sections,
            "goals": goals,
            "goals_met": sum(1 for goal in goals if goal.met_at is not None),
        },
    )
