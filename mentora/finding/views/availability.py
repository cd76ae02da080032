"""A mentor's availability: pause (for a holiday, say) and resume, per program."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from mentora.accounts.http import AuthenticatedHttpRequest
from mentora.finding import selectors
from mentora.finding.access import access_availability
from mentora.finding.forms import PauseForm
from mentora.finding.pauses import mentor_pause, mentor_resume
from mentora.lib.forms import flash_error


@require_safe
@login_required
def availability(request: AuthenticatedHttpRequest) -> HttpResponse:
    rows = []
    for enrollment in selectors.mentor_enrollments_of(user=request.user):
        offer = getattr(enrollment, "mentor_offer", None)
        rows.append(
            {
                "enrollment": enrollment,
                "offer": offer,
                "paused": offer is not None and offer.is_paused,
                "form": PauseForm(prefix=f"pause-{enrollment.program_id}"),
                "waiting": selectors.requests_received(user=request.user)
                .filter(program=enrollment.program, status="pending")
                .count(),
                "free_places": selectors.free_places(enrollment=enrollment),
            }
        )
    return render(request, "finding/availability.html", {"nav_section": "finding", "rows": rows})


@login_required
@require_POST
def pause(request: AuthenticatedHttpRequest, program_id: int) -> HttpResponse:
    enrollment = access_availability(user=request.user, program_id=program_id, to="pause").obj
    form = PauseForm(request.POST, prefix=f"pause-{program_id}")
    if not form.is_valid():
        messages.error(request, "Please check the pause: " + form.errors.as_text())
        return redirect("finding:availability")
    try:
        mentor_pause(
            program=enrollment.program,
            mentor=request.user,
            until=form.cleaned_data["until"],
            note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(
            request,
            f"You are paused in {enrollment.program}: nobody new is suggested you until you "
            "resume. Requests already waiting for you can still be answered.",
        )
    return redirect("finding:availability")


@login_required
@require_POST
def resume(request: AuthenticatedHttpRequest, program_id: int) -> HttpResponse:
    enrollment = access_availability(user=request.user, program_id=program_id, to="pause").obj
    mentor_resume(program=enrollment.program, mentor=request.user)
    messages.success(request, f"Welcome back: you are available again in {enrollment.program}.")
    return redirect("finding:availability")
