"""A participant's surveys and the answer form; their progress is on reports:progress."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from mentora.accounts.http import AuthenticatedHttpRequest
from mentora.lib.forms import attach_errors
from mentora.surveys import selectors, services
from mentora.surveys.access import access_survey
from mentora.surveys.forms import SurveyAnswerForm


@require_safe
@login_required
def my_surveys(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    surveys = selectors.surveys_for_user(user=user)
    return render(
        request,
        "surveys/mine.html",
        {
            "nav_section": "home",
            "open": [s for s in surveys if s.completed_at is None],
            "done": [s for s in surveys if s.completed_at is not None][:50],
            "programs": selectors.programs_taken_part_in(user=user),
        },
    )


@login_required
def answer(request: AuthenticatedHttpRequest, survey_id: int) -> HttpResponse:
    survey = access_survey(user=request.user, survey_id=survey_id, to="view").obj
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
            attach_errors(error, form)
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


@require_safe
@login_required
def progress(request: AuthenticatedHttpRequest, program_id: int) -> HttpResponse:
    """A participant's progress lives on one page for all their programs (reports:progress)."""
    selectors.get_program_of_participant(user=request.user, program_id=program_id)
    return redirect(reverse("reports:progress") + f"#program-{program_id}-heading")
