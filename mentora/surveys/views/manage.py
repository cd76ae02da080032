"""The managers' survey pages: schedule, response rates, check-ins, and their own surveys."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from mentora.accounts.http import AuthenticatedHttpRequest
from mentora.lib.forms import attach_errors, fail
from mentora.lib.wording import role_word
from mentora.surveys import selectors, services
from mentora.surveys.access import access_instrument, access_program_surveys
from mentora.surveys.forms import CustomSurveyForm, QuestionFormSet, ScheduleForm, SendForm
from mentora.surveys.instruments import CLOSING, MENTORING_RECEIVED
from mentora.surveys.models import Anonymity, Instrument, Survey
from mentora.surveys.outcomes import (
    MIN_RESPONDENTS,
    benefit_changes,
    check_in_summary,
    scale_means,
)


def _send_form(instrument: Instrument, data: Any = None) -> SendForm:
    program = instrument.program
    assert program is not None
    roles: list[str] = [Survey.Role.MENTOR, Survey.Role.MENTEE]
    if instrument.audience != "both":
        roles = [instrument.audience]
    return SendForm(
        data,
        program_kind_labels={
            role: role_word(role, coaching=program.is_coaching) + "s" for role in roles
        },
        initial={"roles": roles},
    )


@login_required
def manage(request: AuthenticatedHttpRequest, program_id: int) -> HttpResponse:
    program = access_program_surveys(user=request.user, program_id=program_id, to="manage").obj
    schedule = selectors.schedule_for(program=program)
    form = ScheduleForm(request.POST or None, instance=schedule)
    if request.method == "POST" and form.is_valid():
        try:
            services.schedule_update(
                program=program,
                by=request.user,
                **{name: form.cleaned_data[name] for name in services.SCHEDULE_FIELDS},
            )
        except ValidationError as error:
            attach_errors(error, form)
        else:
            messages.success(request, "The survey schedule is saved.")
            return redirect("surveys:manage", program.pk)
    return render(
        request,
        "surveys/manage.html",
        {
            "nav_section": "manage",
            "program": program,
            "form": form,
            "rates": selectors.response_rates(program=program),
            "instruments": selectors.program_instruments(program=program),
            "changes": [
                (change, role_word(change.side, coaching=program.is_coaching) + "s")
                for change in benefit_changes(program=program)
            ],
            "check_ins": check_in_summary(program=program),
            "support": scale_means(program=program, instrument_key=MENTORING_RECEIVED),
            "closing": scale_means(program=program, instrument_key=CLOSING),
            "min_respondents": MIN_RESPONDENTS,
        },
        status=400 if form.errors else 200,
    )


@login_required
def custom_create(request: AuthenticatedHttpRequest, program_id: int) -> HttpResponse:
    program = access_program_surveys(user=request.user, program_id=program_id, to="manage").obj
    form = CustomSurveyForm(request.POST or None)
    questions = QuestionFormSet(request.POST or None, prefix="q")
    if request.method == "POST" and form.is_valid() and questions.is_valid():
        items = [item for q in questions if (item := q.as_item()) is not None]
        try:
            instrument = services.instrument_create(
                program=program,
                by=request.user,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                audience=form.cleaned_data["audience"],
                anonymity=form.cleaned_data["anonymity"],
                items=items,
            )
        except ValidationError as error:
            attach_errors(error, form)
        else:
            messages.success(request, f"The survey “{instrument.title}” is ready to send.")
            return redirect("surveys:custom", instrument.pk)
    return render(
        request,
        "surveys/custom_form.html",
        {"nav_section": "manage", "program": program, "form": form, "questions": questions},
        status=400 if request.method == "POST" else 200,
    )


@require_safe
@login_required
def custom_detail(request: AuthenticatedHttpRequest, instrument_id: int) -> HttpResponse:
    instrument = access_instrument(
        user=request.user, instrument_id=instrument_id, to="results", custom=True
    ).obj
    version = instrument.current_version()
    results = selectors.custom_survey_results(instrument=instrument, user=request.user)
    # A named survey lists each person's answers; a confidential one only the means of five+.
    shown = [m for m in results.item_means if not m.suppressed]
    summaries = shown if instrument.anonymity == Anonymity.CONFIDENTIAL else []
    return render(
        request,
        "surveys/custom_detail.html",
        {
            "nav_section": "manage",
            "instrument": instrument,
            "program": instrument.program,
            "version": version,
            "items": version.items.all(),
            "send_form": _send_form(instrument),
            "sent": results.sent,
            "respondents": results.respondents,
            "named": results.named,
            "summaries": summaries,
            "min_respondents": MIN_RESPONDENTS,
        },
    )


@login_required
def custom_edit(request: AuthenticatedHttpRequest, instrument_id: int) -> HttpResponse:
    """Change a program's survey: answered versions are kept and a new version is made."""
    instrument = access_instrument(
        user=request.user, instrument_id=instrument_id, to="change", custom=True
    ).obj
    version = instrument.current_version()
    initial = [
        {
            "text": item.text,
            "kind": item.kind,
            "choices": "; ".join(label for _, label in item.choices),
            "reverse_scored": item.reverse_scored,
        }
        for item in version.items.all()
    ]
    form = CustomSurveyForm(
        request.POST or None,
        initial={
            "title": instrument.title,
            "description": instrument.description,
            "audience": instrument.audience,
            "anonymity": instrument.anonymity,
        },
    )
    # Who may see the answers and who is asked are fixed once a survey exists.
    for name in ("audience", "anonymity"):
        form.fields[name].disabled = True
    questions = QuestionFormSet(request.POST or None, prefix="q", initial=initial)
    if request.method == "POST" and form.is_valid() and questions.is_valid():
        items = [item for q in questions if (item := q.as_item()) is not None]
        try:
            new = services.instrument_update(
                instrument=instrument,
                by=request.user,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                items=items,
            )
        except ValidationError as error:
            attach_errors(error, form)
        else:
            messages.success(request, f"Saved as version {new.number}.")
            return redirect("surveys:custom", instrument.pk)
    return render(
        request,
        "surveys/custom_form.html",
        {
            "nav_section": "manage",
            "program": instrument.program,
            "instrument": instrument,
            "locked": version.is_locked,
            "form": form,
            "questions": questions,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def custom_send(request: AuthenticatedHttpRequest, instrument_id: int) -> HttpResponse:
    instrument = access_instrument(
        user=request.user, instrument_id=instrument_id, to="send", custom=True
    ).obj
    form = _send_form(instrument, request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(m) for errors in form.errors.values() for m in errors))
        return redirect("surveys:custom", instrument.pk)
    try:
        count = services.custom_survey_send(
            instrument=instrument,
            by=request.user,
            roles=form.cleaned_data["roles"],
            due_days=form.cleaned_data["due_days"],
        )
    except ValidationError as error:
        return fail(request, error, f"/surveys/custom/{instrument.pk}/")
    messages.success(
        request,
        f"Sent to {count} {'person' if count == 1 else 'people'}."
        if count
        else "Everyone chosen already has this survey from today.",
    )
    return redirect("surveys:custom", instrument.pk)
