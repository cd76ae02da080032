"""Separation, closing reflections, redefinition and the mentee's acknowledgment."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from mentora.accounts.http import AuthenticatedHttpRequest
from mentora.lib.forms import attach_errors, fail
from mentora.relationships import selectors, services
from mentora.relationships.access import (
    access_proposal,
    access_relationship,
    relationship_may,
)
from mentora.relationships.forms import (
    AcknowledgmentForm,
    ClosingReflectionForm,
    RedefinitionForm,
    SeparationProposeForm,
)
from mentora.relationships.models import Acknowledgment, RedefinitionTerms
from mentora.relationships.views.common import page_context


@login_required
def separation(request: AuthenticatedHttpRequest, relationship_id: int) -> HttpResponse:
    """Propose or confirm separation, and write the closing reflection."""
    access = access_relationship(user=request.user, relationship_id=relationship_id, to="view")
    relationship = access.obj
    if not relationship_may(relationship, access.roles, "work"):
        # Managers decide unanswered proposals from the relationship's page, without the content.
        return redirect("relationships:detail", relationship.pk)
    proposal = selectors.get_open_separation_proposal(relationship=relationship)
    mine = relationship.closing_reflections.filter(author=request.user).first()
    form = SeparationProposeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.separation_propose(
                relationship=relationship,
                by=request.user,
                reflection=form.cleaned_data["reflection"],
            )
        except ValidationError as error:
            attach_errors(error, form)
        else:
            messages.success(request, "Proposal sent. Separation happens when the other confirms.")
            return redirect("relationships:separation", relationship.pk)
    return render(
        request,
        "relationships/separation.html",
        page_context(
            access,
            proposal=proposal,
            proposed_by_me=proposal is not None and proposal.proposed_by_id == request.user.pk,
            form=form,
            reflections=relationship.closing_reflections.select_related("author__profile"),
            reflection_form=ClosingReflectionForm(
                initial={"learned": mine.learned, "application": mine.application} if mine else None
            ),
            all_goals_met=selectors.all_goals_met(relationship=relationship),
            closing=relationship.stage in services.CLOSING_STAGES,
        ),
    )


@login_required
@require_POST
def separation_answer(
    request: AuthenticatedHttpRequest, relationship_id: int, proposal_id: int
) -> HttpResponse:
    """The other side confirms (action=confirm), or either withdraws/declines (action=withdraw)."""
    proposal = access_proposal(
        user=request.user, relationship_id=relationship_id, proposal_id=proposal_id, to="work"
    ).obj
    back = reverse("relationships:separation", args=[relationship_id])
    try:
        if request.POST.get("action") == "confirm":
            services.separation_confirm(proposal=proposal, by=request.user)
            messages.success(request, "You are now in separation. Write your closing reflection.")
        else:
            services.separation_withdraw(proposal=proposal, by=request.user)
            messages.success(request, "The proposal is closed; you stay in cultivation.")
    except ValidationError as error:
        return fail(request, error, back)
    return redirect(back)


@login_required
@require_POST
def separation_decide(
    request: AuthenticatedHttpRequest, relationship_id: int, proposal_id: int
) -> HttpResponse:
    proposal = access_proposal(
        user=request.user, relationship_id=relationship_id, proposal_id=proposal_id, to="manage"
    ).obj
    back = reverse("relationships:detail", args=[relationship_id])
    try:
        services.separation_decide(
            proposal=proposal,
            by=request.user,
            separate=request.POST.get("separate") == "1",
            note=request.POST.get("note", ""),
        )
    except ValidationError as error:
        return fail(request, error, back)
    messages.success(request, "Decision recorded.")
    return redirect(back)


@login_required
@require_POST
def closing_reflection(request: AuthenticatedHttpRequest, relationship_id: int) -> HttpResponse:
    relationship = access_relationship(
        user=request.user, relationship_id=relationship_id, to="work"
    ).obj
    back = reverse("relationships:separation", args=[relationship.pk])
    form = ClosingReflectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Write both parts of the reflection.")
        return redirect(back)
    try:
        services.closing_reflection_save(
            relationship=relationship, by=request.user, **form.cleaned_data
        )
    except ValidationError as error:
        return fail(request, error, back)
    messages.success(request, "Your closing reflection is saved.")
    return redirect(back)


@login_required
def redefinition(request: AuthenticatedHttpRequest, relationship_id: int) -> HttpResponse:
    """New terms for how the two interact from now on, and the mentee's thank-you."""
    access = access_relationship(user=request.user, relationship_id=relationship_id, to="work")
    relationship = access.obj
    terms = RedefinitionTerms.objects.filter(relationship=relationship).first()
    form = RedefinitionForm(
        request.POST or None,
        initial={
            "relation": terms.relation,
            "check_in_frequency": terms.check_in_frequency,
            "expectations": terms.expectations,
        }
        if terms
        else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.redefinition_set(
                relationship=relationship, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            attach_errors(error, form)
        else:
            messages.success(request, "Your new terms are set.")
            return redirect("relationships:redefinition", relationship.pk)
    acknowledgment = Acknowledgment.objects.filter(relationship=relationship).first()
    return render(
        request,
        "relationships/redefinition.html",
        page_context(
            access,
            terms=terms,
            form=form,
            editable=relationship.stage in services.CLOSING_STAGES,
            acknowledgment=acknowledgment,
            acknowledgment_form=AcknowledgmentForm(
                initial={"text": acknowledgment.text} if acknowledgment else None
            ),
            thanking_open=relationship.stage in services.ACKNOWLEDGMENT_STAGES,
        ),
    )


@login_required
@require_POST
def acknowledgment_write(request: AuthenticatedHttpRequest, relationship_id: int) -> HttpResponse:
    relationship = access_relationship(
        user=request.user, relationship_id=relationship_id, to="work"
    ).obj
    back = reverse("relationships:redefinition", args=[relationship.pk])
    form = AcknowledgmentForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Write your thank-you (at most 2,000 characters).")
        return redirect(back)
    try:
        services.acknowledgment_write(
            relationship=relationship, by=request.user, text=form.cleaned_data["text"]
        )
    except ValidationError as error:
        return fail(request, error, back)
    messages.success(request, "Thank you sent. It becomes public once your mentor agrees.")
    return redirect(back)


@login_required
@require_POST
def acknowledgment_publish(request: AuthenticatedHttpRequest, relationship_id: int) -> HttpResponse:
    relationship = access_relationship(
        user=request.user, relationship_id=relationship_id, to="work"
    ).obj
    acknowledgment = Acknowledgment.objects.filter(relationship=relationship).first()
    if acknowledgment is None:
        raise Http404("No thank-you yet.")
    public = request.POST.get("public") == "1"
    services.acknowledgment_set_public(
        acknowledgment=acknowledgment, by=request.user, public=public
    )
    messages.success(
        request, "It is now on your profile." if public else "It is no longer on your profile."
    )
    return redirect("relationships:redefinition", relationship.pk)
