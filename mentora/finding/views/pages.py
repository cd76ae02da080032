"""Finding a mentor: the starting page, recommendations, a mentor's page, bookmarks, requesting."""

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
from mentora.finding.access import access_finding, access_mentor
from mentora.finding.choosing import bookmark_set, consideration_update
from mentora.finding.facts import mentor_choice_facts
from mentora.finding.forms import ChecklistForm, FilterForm, RequestForm
from mentora.finding.models import CHOICE_QUESTIONS
from mentora.finding.ranking import rank_mentors
from mentora.finding.recommendations import Filters, recommendation_page
from mentora.lib.forms import attach_errors, flash_error
from mentora.lib.wording import role_words
from mentora.profiles.choices import FocusArea, MeetingFormat


@require_safe
@login_required
def finding_home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Where "Find a mentor" leads: straight to the one program, or a choice of programs."""
    enrollments = list(selectors.finding_enrollments(user=request.user))
    if len(enrollments) == 1:
        return redirect("finding:recommendations", enrollments[0].program_id)
    return render(
        request,
        "finding/home.html",
        {
            "nav_section": "finding",
            "enrollments": enrollments,
            "sent": selectors.requests_sent(user=request.user).filter(status="pending"),
            "bookmarks": selectors.bookmarks_of(user=request.user),
        },
    )


def _page_number(value: str | None) -> int:
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1


@require_safe
@login_required
def recommendations(request: AuthenticatedHttpRequest, program_id: int) -> HttpResponse:
    """The mentee's recommended mentors, best first, with reasons, filters and search."""
    program = access_finding(user=request.user, program_id=program_id).obj
    words = role_words(coaching=program.is_coaching)
    form = FilterForm(request.GET or None, mentor_word=words["mentor"])
    page = recommendation_page(
        program=program,
        mentee=request.user,
        filters=form.filters() if form.is_bound else Filters(),
        page=_page_number(request.GET.get("page")),
    )
    form.show_options(page.options)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "nav_section": "finding",
        "program": program,
        "words": words,
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "open_requests": selectors.open_request_count(program=program, mentee=request.user),
    }
    if request.headers.get("HX-Request") == "true":
        return render(request, "finding/includes/results.html", context)
    return render(request, "finding/recommendations.html", context)


@require_safe
@login_required
def mentor_detail(
    request: AuthenticatedHttpRequest, program_id: int, mentor_id: int
) -> HttpResponse:
    """A mentor's page for a mentee: profile, expertise, the five questions and the checklist."""
    enrollment = access_mentor(user=request.user, program_id=program_id, mentor_id=mentor_id).obj
    program, mentor = enrollment.program, enrollment.user
    ranking = rank_mentors(program=program, mentee=request.user)
    ranked = {m.mentor_id: m for m in ranking.mentors}.get(mentor.pk)
    explanation = ranking.explain([mentor.pk]).get(mentor.pk)
    reasons = tuple(explanation.reasons) if explanation is not None else ()
    consideration = selectors.consideration_for(user=request.user, program=program, mentor=mentor)
    initial = {"note": consideration.note if consideration else ""}
    for name, _ in CHOICE_QUESTIONS:
        initial[name] = getattr(consideration, name, "") if consideration else ""
    offer = getattr(enrollment, "mentor_offer", None)
    profile = getattr(mentor, "profile", None)
    return render(
        request,
        "finding/mentor.html",
        {
            "nav_section": "finding",
            "program": program,
            "words": role_words(coaching=program.is_coaching),
            "mentor": mentor,
            "profile": profile,
            "offer": offer,
            "skills": list(offer.skills.order_by("name")) if offer is not None else [],
            "focus_areas": [
                FocusArea(value).label if value in FocusArea.values else value
                for value in (offer.focus_areas if offer is not None else [])
            ],
            "meeting_formats": [
                MeetingFormat(value).label if value in MeetingFormat.values else value
                for value in (profile.meeting_formats if profile is not None else [])
            ],
            "score": ranked.score if ranked is not None else None,
            "reasons": reasons,
            "facts": mentor_choice_facts(
                program=program, mentor_enrollment=enrollment, mentee=request.user, reasons=reasons
            ),
            "checklist_form": ChecklistForm(initial=initial),
            "request_form": RequestForm(),
            "bookmarked": mentor.pk in selectors.bookmarked_ids(user=request.user, program=program),
            "open_request": selectors.open_request_between(
                program=program, mentee=request.user, mentor=mentor
            ),
            "free_places": selectors.free_places(enrollment=enrollment),
            "open_requests": selectors.open_request_count(program=program, mentee=request.user),
        },
    )


@login_required
@require_POST
def bookmark_toggle(
    request: AuthenticatedHttpRequest, program_id: int, mentor_id: int
) -> HttpResponse:
    enrollment = access_mentor(
        user=request.user, program_id=program_id, mentor_id=mentor_id, to="bookmark"
    ).obj
    program = enrollment.program
    bookmarked = bookmark_set(
        program=program,
        mentee=request.user,
        mentor=enrollment.user,
        on=request.POST.get("on") == "1",
    )
    context = {
        "program": program,
        "mentor_id": enrollment.user_id,
        "mentor_name": enrollment.user.display_name,
        "bookmarked": bookmarked,
    }
    if request.headers.get("HX-Request") == "true":
        return render(request, "finding/includes/bookmark.html", context)
    where = "in" if bookmarked else "no longer in"
    messages.success(request, f"{enrollment.user.display_name} is {where} your bookmarks.")
    return redirect(
        request.POST.get("next") or reverse("finding:mentor", args=[program.pk, mentor_id])
    )


@login_required
@require_POST
def checklist_save(
    request: AuthenticatedHttpRequest, program_id: int, mentor_id: int
) -> HttpResponse:
    enrollment = access_mentor(
        user=request.user, program_id=program_id, mentor_id=mentor_id, to="consider"
    ).obj
    form = ChecklistForm(request.POST)
    if form.is_valid():
        try:
            consideration_update(
                program=enrollment.program,
                mentee=request.user,
                mentor=enrollment.user,
                answers={name: form.cleaned_data[name] for name, _ in CHOICE_QUESTIONS},
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            flash_error(request, error)
        else:
            messages.success(request, "Your private checklist is saved.")
    else:
        messages.error(request, "Please check your answers: " + form.errors.as_text())
    return redirect(reverse("finding:mentor", args=[program_id, mentor_id]) + "#checklist")


@login_required
@require_POST
def request_create(
    request: AuthenticatedHttpRequest, program_id: int, mentor_id: int
) -> HttpResponse:
    enrollment = access_mentor(
        user=request.user, program_id=program_id, mentor_id=mentor_id, to="request"
    ).obj
    form = RequestForm(request.POST)
    if form.is_valid():
        try:
            mentor_request = services.request_create(
                program=enrollment.program,
                mentee=request.user,
                mentor=enrollment.user,
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            attach_errors(error, form)
        else:
            messages.success(
                request,
                f"Your request is on its way to {enrollment.user.display_name}. "
                "You will hear as soon as they answer.",
            )
            return redirect("finding:request", mentor_request.pk)
    for problems in form.errors.values():
        for problem in problems:
            messages.error(request, str(problem))
    return redirect(reverse("finding:mentor", args=[program_id, mentor_id]) + "#request")
