"""Requests: the lists of sent and received ones, a request's page, and every answer to it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from mentora.accounts.http import AuthenticatedHttpRequest
from mentora.finding import selectors, services
from mentora.finding.access import MENTOR, access_request
from mentora.finding.forms import DeclineForm, MessageForm
from mentora.finding.lifecycle import accept_refusal, answers_for
from mentora.finding.models import MESSAGE_MAX, CloseReason, RequestStatus
from mentora.lib.forms import flash_error
from mentora.lib.wording import role_words
from mentora.profiles.choices import FocusArea


@require_safe
@login_required
def request_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    sent = selectors.requests_sent(user=request.user)
    received = selectors.requests_received(user=request.user)
    return render(
        request,
        "finding/requests.html",
        {
            "nav_section": "finding",
            "sent_open": sent.filter(status=RequestStatus.PENDING),
            "sent_closed": sent.exclude(status=RequestStatus.PENDING)[:20],
            "received_open": received.filter(status=RequestStatus.PENDING),
            "received_closed": received.exclude(status=RequestStatus.PENDING)[:20],
            "is_mentor": selectors.mentor_enrollments_of(user=request.user).exists(),
        },
    )


@require_safe
@login_required
def request_detail(request: AuthenticatedHttpRequest, request_id: int) -> HttpResponse:
    """The request's page: the mentee's goals and profile for the mentor, the exchange, actions."""
    access = access_request(user=request.user, request_id=request_id)
    mentor_request = access.obj
    is_mentor = access.has(MENTOR)
    program = mentor_request.program
    needs = None
    if is_mentor:
        enrollment = selectors.mentee_enrollment(program=program, user=mentor_request.mentee)
        needs = getattr(enrollment, "mentee_needs", None) if enrollment is not None else None
    return render(
        request,
        "finding/request.html",
        {
            "nav_section": "finding",
            "mentor_request": mentor_request,
            "program": program,
            "words": role_words(coaching=program.is_coaching),
            "is_mentor": is_mentor,
            "answers": answers_for(mentor_request, roles=access.roles),
            "accept_refusal": accept_refusal(mentor_request, roles=access.roles),
            "other": mentor_request.mentee if is_mentor else mentor_request.mentor,
            "mentee_profile": getattr(mentor_request.mentee, "profile", None),
            "needs": needs,
            "needs_skills": list(needs.skills.order_by("name")) if needs is not None else [],
            "needs_focus": [
                FocusArea(value).label if value in FocusArea.values else value
                for value in (needs.focus_areas if needs is not None else [])
            ],
            "thread": mentor_request.messages.select_related("author__profile"),
            "decline_form": DeclineForm(),
            "message_form": MessageForm(),
            "auto_answered": mentor_request.close_reason
            in {CloseReason.MENTOR_FULL, CloseReason.MENTEE_AT_LIMIT, CloseReason.EXPIRED},
        },
    )


def _redirect(request_id: int) -> HttpResponse:
    return redirect("finding:request", request_id)


@login_required
@require_POST
def request_accept(request: AuthenticatedHttpRequest, request_id: int) -> HttpResponse:
    mentor_request = access_request(user=request.user, request_id=request_id, to="accept").obj
    try:
        mentor_request = services.request_accept(request=mentor_request, by=request.user)
    except ValidationError as error:
        flash_error(request, error)
        return _redirect(request_id)
    if mentor_request.status == RequestStatus.ACCEPTED and mentor_request.relationship_id:
        messages.success(
            request,
            f"You and {mentor_request.mentee.display_name} are paired. "
            "Start with the getting-acquainted guide.",
        )
        return redirect("relationships:detail", mentor_request.relationship_id)
    messages.warning(
        request,
        "Your places are all taken, so this request was answered for you with a kind note."
        if mentor_request.close_reason == CloseReason.MENTOR_FULL
        else "They already have all the mentors the program allows; the request was withdrawn.",
    )
    return _redirect(request_id)


@login_required
@require_POST
def request_decline(request: AuthenticatedHttpRequest, request_id: int) -> HttpResponse:
    mentor_request = access_request(user=request.user, request_id=request_id, to="decline").obj
    form = DeclineForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors.as_text())
        return _redirect(request_id)
    try:
        services.request_decline(
            request=mentor_request, by=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, "Declined. They get a kind message from Mentora.")
    return _redirect(request_id)


@login_required
@require_POST
def request_withdraw(request: AuthenticatedHttpRequest, request_id: int) -> HttpResponse:
    mentor_request = access_request(user=request.user, request_id=request_id, to="withdraw").obj
    try:
        services.request_withdraw(request=mentor_request, by=request.user)
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, "Your request is withdrawn.")
    return _redirect(request_id)


@login_required
@require_POST
def request_message(request: AuthenticatedHttpRequest, request_id: int) -> HttpResponse:
    mentor_request = access_request(user=request.user, request_id=request_id, to="message").obj
    form = MessageForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, f"A message cannot be empty and has at most {MESSAGE_MAX:,} characters."
        )
        return _redirect(request_id)
    try:
        services.request_message_add(
            request=mentor_request, by=request.user, text=form.cleaned_data["text"]
        )
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, "Message sent.")
    return redirect(reverse("finding:request", args=[request_id]) + "#messages")
