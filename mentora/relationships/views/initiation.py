"""Initiation: the getting-acquainted guide and the mentoring agreement."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from mentora.accounts.http import AuthenticatedHttpRequest
from mentora.lib.forms import attach_errors, fail
from mentora.lib.wording import MENTOR
from mentora.relationships import services
from mentora.relationships.access import access_relationship, relationship_may
from mentora.relationships.forms import AcquaintanceForm, AgreementForm
from mentora.relationships.views.common import page_context

# Prompts for the first conversations, from the initiation stage of mentoring research: the
# mentee shares goals and why they sought a mentor, the mentor shares experience and connects.
MENTORING_PROMPTS = [
    "What brought each of you here, and what do you hope to get from these months?",
    "Mentee: where do you want to be in two to five years? What is in the way?",
    "Mentee: why did you seek a mentor, and why this one?",
    "Mentor: what turning points shaped your career? What do you wish you had known earlier?",
    "What is going on outside work that helps the other understand you?",
    "How do you each like to receive feedback: direct, written, with time to think?",
    "How often and where will you meet, and what happens when one of you must cancel?",
    "What stays between the two of you?",
]
COACHING_PROMPTS = [
    "Coachee: what performance outcome do you want, and how will we measure it?",
    "What is the baseline today, and what target by which date?",
    "Coach: how do you run sessions, and what do you expect between them?",
    "What has helped or hindered progress on this before?",
    "How will you give each other feedback, and what stays confidential?",
    "When will we know the coaching has done its work?",
]


@login_required
def acquaintance(request: AuthenticatedHttpRequest, relationship_id: int) -> HttpResponse:
    access = access_relationship(user=request.user, relationship_id=relationship_id, to="work")
    relationship = access.obj
    writes = relationship_may(relationship, access.roles, "write_acquaintance")
    form = AcquaintanceForm(
        request.POST or None,
        initial={
            "career_goals": relationship.career_goals,
            "why_this_mentor": relationship.why_this_mentor,
        },
    )
    form.fields["why_this_mentor"].label = f"Why I chose this {relationship.mentor_label.lower()}"
    if request.method == "POST" and form.is_valid():
        try:
            services.acquaintance_update(
                relationship=relationship, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            attach_errors(error, form)
        else:
            messages.success(request, "Saved. Your mentor can read it.")
            return redirect("relationships:acquaintance", relationship.pk)
    return render(
        request,
        "relationships/acquaintance.html",
        page_context(
            access,
            prompts=COACHING_PROMPTS if relationship.is_coaching else MENTORING_PROMPTS,
            form=form if writes else None,
        ),
    )


@login_required
def agreement(request: AuthenticatedHttpRequest, relationship_id: int) -> HttpResponse:
    """Read and write the agreement; each change needs both confirmations again."""
    access = access_relationship(user=request.user, relationship_id=relationship_id, to="work")
    relationship = access.obj
    current = relationship.agreement
    form = AgreementForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_save(
                relationship=relationship,
                by=request.user,
                **{name: form.cleaned_data[name] for name in services.AGREEMENT_FIELDS},
            )
        except ValidationError as error:
            attach_errors(error, form)
        else:
            messages.success(request, "Agreement saved. Both of you confirm it to make it count.")
            return redirect("relationships:agreement", relationship.pk)
    if request.method == "POST":
        current.refresh_from_db()
    mine = current.mentor_confirmed_at if access.has(MENTOR) else current.mentee_confirmed_at
    return render(
        request,
        "relationships/agreement.html",
        page_context(
            access,
            agreement=current,
            form=form,
            editable=relationship.stage in services.AGREEMENT_STAGES,
            confirmed_by_me=mine is not None,
        ),
    )


@login_required
@require_POST
def agreement_confirm(request: AuthenticatedHttpRequest, relationship_id: int) -> HttpResponse:
    relationship = access_relationship(
        user=request.user, relationship_id=relationship_id, to="work"
    ).obj
    try:
        result = services.agreement_confirm(relationship=relationship, by=request.user)
    except ValidationError as error:
        return fail(request, error, reverse("relationships:agreement", args=[relationship.pk]))
    if result.confirmed_by_both:
        messages.success(request, "You both confirmed the agreement.")
        return redirect("relationships:detail", relationship.pk)
    messages.success(request, "Confirmed. The other person's confirmation is next.")
    return redirect("relationships:agreement", relationship.pk)
