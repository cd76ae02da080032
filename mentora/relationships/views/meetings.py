"""Meetings: schedule, reschedule, cancel, record, private notes and the .ics invitation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from mentora.accounts.http import AuthenticatedHttpRequest
from mentora.lib.forms import attach_errors, fail
from mentora.relationships import selectors, services
from mentora.relationships.access import (
    access_meeting,
    access_relationship,
    relationship_capabilities,
)
from mentora.relationships.forms import (
    MeetingForm,
    MeetingRecordForm,
    PrivateNoteForm,
    RescheduleForm,
)
from mentora.relationships.ics import meeting_ics
from mentora.relationships.models import Meeting
from mentora.relationships.times import local, local_text, zone_for
from mentora.relationships.views.common import page_context


def _meeting(request: AuthenticatedHttpRequest, relationship_id: int, meeting_id: int) -> Meeting:
    return access_meeting(
        user=request.user, relationship_id=relationship_id, meeting_id=meeting_id
    ).obj


@login_required
def meeting_create(request: AuthenticatedHttpRequest, relationship_id: int) -> HttpResponse:
    access = access_relationship(user=request.user, relationship_id=relationship_id, to="work")
    relationship = access.obj
    form = MeetingForm(request.POST or None, zone=zone_for(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_schedule(
                relationship=relationship, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            attach_errors(error, form)
        else:
            messages.success(request, "Meeting scheduled; you both get the invitation by email.")
            return redirect("relationships:meeting", relationship.pk, meeting.pk)
    return render(request, "relationships/meeting_form.html", page_context(access, form=form))


@require_safe
@login_required
def meeting_detail(
    request: AuthenticatedHttpRequest, relationship_id: int, meeting_id: int
) -> HttpResponse:
    access = access_meeting(
        user=request.user, relationship_id=relationship_id, meeting_id=meeting_id
    )
    meeting = access.obj
    relationship = meeting.relationship
    note = selectors.private_note_for(meeting=meeting, user=request.user)
    zone = zone_for(request.user)
    other = relationship.other_party(request.user)
    return render(
        request,
        "relationships/meeting.html",
        {
            "nav_section": "relationships",
            "relationship": relationship,
            "can": relationship_capabilities(relationship, access.roles),
            "meeting": meeting,
            "when": local_text(meeting.starts_at, user=request.user),
            "when_other": local_text(meeting.starts_at, user=other),
            "other": other,
            "record_form": MeetingRecordForm(
                initial={
                    "agenda": meeting.agenda,
                    "shared_notes": meeting.shared_notes,
                    "mentor_attended": meeting.mentor_attended,
                    "mentee_attended": meeting.mentee_attended,
                }
            ),
            "note_form": PrivateNoteForm(initial={"text": note.text if note else ""}),
            "reschedule_form": RescheduleForm(
                zone=zone,
                initial={
                    "starts_at": local(meeting.starts_at, user=request.user).strftime(
                        "%Y-%m-%dT%H:%M"
                    ),
                    "duration_minutes": meeting.duration_minutes,
                    "location": meeting.location,
                },
                prefix="move",
            ),
            "questions": meeting.questions.all(),
        },
    )


@require_safe
@login_required
def meeting_calendar(
    request: AuthenticatedHttpRequest, relationship_id: int, meeting_id: int
) -> HttpResponse:
    """The meeting as an .ics file to add to a calendar."""
    meeting = _meeting(request, relationship_id, meeting_id)
    response = HttpResponse(meeting_ics(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="mentora-meeting-{meeting.pk}.ics"'
    return response


@login_required
@require_POST
def meeting_reschedule(
    request: AuthenticatedHttpRequest, relationship_id: int, meeting_id: int
) -> HttpResponse:
    meeting = _meeting(request, relationship_id, meeting_id)
    form = RescheduleForm(request.POST, zone=zone_for(request.user), prefix="move")
    if not form.is_valid():
        messages.error(request, "Give a valid start time and a duration of 5 to 480 minutes.")
        return redirect("relationships:meeting", relationship_id, meeting.pk)
    try:
        services.meeting_reschedule(meeting=meeting, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        return fail(request, error, request.path.rsplit("reschedule/", 1)[0])
    messages.success(request, "Meeting moved; both of you get the updated invitation.")
    return redirect("relationships:meeting", relationship_id, meeting.pk)


@login_required
@require_POST
def meeting_cancel(
    request: AuthenticatedHttpRequest, relationship_id: int, meeting_id: int
) -> HttpResponse:
    meeting = _meeting(request, relationship_id, meeting_id)
    services.meeting_cancel(meeting=meeting, by=request.user)
    messages.success(request, "Meeting cancelled; calendars get the cancellation.")
    return redirect("relationships:meeting", relationship_id, meeting.pk)


@login_required
@require_POST
def meeting_record(
    request: AuthenticatedHttpRequest, relationship_id: int, meeting_id: int
) -> HttpResponse:
    meeting = _meeting(request, relationship_id, meeting_id)
    form = MeetingRecordForm(request.POST)
    if form.is_valid():
        try:
            services.meeting_record(meeting=meeting, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            return fail(request, error, request.path.rsplit("record/", 1)[0])
        messages.success(request, "Meeting notes saved.")
    return redirect("relationships:meeting", relationship_id, meeting.pk)


@login_required
@require_POST
def private_note(
    request: AuthenticatedHttpRequest, relationship_id: int, meeting_id: int
) -> HttpResponse:
    meeting = _meeting(request, relationship_id, meeting_id)
    form = PrivateNoteForm(request.POST)
    if form.is_valid():
        try:
            services.private_note_save(
                meeting=meeting, author=request.user, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            return fail(request, error, request.path.rsplit("private-note/", 1)[0])
        messages.success(request, "Your private note is saved. Only you can read it.")
    return redirect("relationships:meeting", relationship_id, meeting.pk)
