"""A run's page: progress or failure, then the draft to review, pin, move and publish."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from mentora.accounts.http import AuthenticatedHttpRequest
from mentora.lib.forms import error_text
from mentora.lib.wording import role_words
from mentora.matching import fairness, selectors, services
from mentora.matching.access import access_proposal, access_run
from mentora.matching.forms import FACTOR_LABELS, MoveForm, PinForm
from mentora.matching.lifecycle import RUN_LIFECYCLE, publish_refusal
from mentora.matching.models import MatchRun, Pin
from mentora.matching.previews import proposal_alternatives

PAGE_SIZE = 50


def _bars(histogram: dict[str, int]) -> list[dict[str, object]]:
    """Mentor load histogram rows with a bar width in percent of the largest count."""
    largest = max(histogram.values(), default=0) or 1
    return [
        {"load": load, "count": count, "width": round(100 * count / largest)}
        for load, count in histogram.items()
    ]


@require_safe
@login_required
def run_detail(request: AuthenticatedHttpRequest, run_id: int) -> HttpResponse:
    """The run: live progress while it runs, why it failed, or the draft (read-only once done)."""
    access = access_run(user=request.user, run_id=run_id)
    run = services.match_run_current(run=access.obj)
    context: dict[str, object] = {
        "nav_section": "manage",
        "run": run,
        "program": run.program,
        "words": role_words(coaching=run.program.is_coaching),
    }
    if run.status in {MatchRun.Status.DRAFT, MatchRun.Status.PUBLISHED, MatchRun.Status.DISCARDED}:
        search = request.GET.get("q", "").strip()[:100]
        show = request.GET.get("show", "all")
        show = show if show in selectors.PROPOSAL_FILTERS else "all"
        proposals = selectors.proposals_of_run(run=run, search=search, show=show)
        page = Paginator(proposals, PAGE_SIZE).get_page(request.GET.get("page"))
        forbidden = selectors.forbidden_pairs(program=run.program)
        metrics = run.metrics or {}
        context |= {
            "page": page,
            "rows": [
                {"proposal": p, "forbidden": (p.mentee_id, p.mentor_id) in forbidden} for p in page
            ],
            "search": search,
            "show": show,
            "filters": selectors.PROPOSAL_FILTERS,
            "unmatched": selectors.unmatched_of_run(run=run)[:200],
            "unmatched_count": run.unmatched.count(),
            "metrics": metrics,
            "load_bars": _bars(metrics.get("load_histogram", {})),
            "diff": selectors.run_diff(run=run),
            "fairness": fairness.run_fairness(run=run),
            "pins": selectors.pins_of_program(program=run.program),
            # Moves and pins change a draft; publishing and discarding are the lifecycle's moves.
            "editable": run.status == MatchRun.Status.DRAFT,
            "can_publish": bool(
                RUN_LIFECYCLE.available(run, roles=access.roles, action="match_run_publish")
            ),
            "publish_refusal": publish_refusal(run, roles=access.roles),
            "can_discard": any(
                move.target == MatchRun.Status.DISCARDED
                for move in RUN_LIFECYCLE.available(run, roles=access.roles)
            ),
            "factor_labels": {name: label for name, (label, _) in FACTOR_LABELS.items()},
        }
    return render(request, "matching/run_detail.html", context)


@login_required
@require_POST
def pin_set(request: AuthenticatedHttpRequest, run_id: int) -> HttpResponse:
    """Pin, forbid or clear a pair of the program, from a run's page."""
    run = access_run(user=request.user, run_id=run_id, to="review").obj
    form = PinForm(request.POST)
    back = request.POST.get("next", "")
    target = back if back.startswith(reverse("matching:run", args=[run.pk])) else None
    if not form.is_valid():
        messages.error(request, "Choose pin, forbid or clear for a pair.")
        return redirect(target or reverse("matching:run", args=[run.pk]))
    program = run.program
    mentee = selectors.get_participant_of_program(
        program=program, user_id=form.cleaned_data["mentee"]
    )
    mentor = selectors.get_participant_of_program(
        program=program, user_id=form.cleaned_data["mentor"]
    )
    kind = form.cleaned_data["kind"]
    try:
        if kind == "clear":
            services.match_pin_clear(
                program=program, mentee=mentee, mentor=mentor, cleared_by=request.user
            )
            messages.success(
                request, f"{mentor.display_name} and {mentee.display_name}: rule cleared."
            )
        else:
            services.match_pin_set(
                program=program, mentee=mentee, mentor=mentor, kind=kind, set_by=request.user
            )
            word = "pinned" if kind == Pin.Kind.PIN else "forbidden"
            messages.success(
                request,
                f"{mentor.display_name} and {mentee.display_name} are {word}; "
                "re-run to apply it to the whole draft.",
            )
    except ValidationError as error:
        messages.error(request, error_text(error))
    return redirect(target or reverse("matching:run", args=[run.pk]))


@login_required
def proposal_move(request: AuthenticatedHttpRequest, proposal_id: int) -> HttpResponse:
    """Other mentors with room for this mentee, with the engine's scores; choose one."""
    proposal = access_proposal(user=request.user, proposal_id=proposal_id, to="move").obj
    run = proposal.run
    if request.method == "POST":
        form = MoveForm(request.POST)
        if form.is_valid():
            mentor = selectors.get_participant_of_program(
                program=run.program, user_id=form.cleaned_data["mentor"]
            )
            try:
                services.proposal_move(
                    proposal=proposal,
                    mentor=mentor,
                    moved_by=request.user,
                    pin=form.cleaned_data["pin"],
                )
            except ValidationError as error:
                messages.error(request, error_text(error))
                return redirect("matching:move", proposal.pk)
            messages.success(
                request, f"{proposal.mentee.display_name} now has {mentor.display_name}."
            )
            return redirect("matching:run", run.pk)
    if run.status != MatchRun.Status.DRAFT:
        return redirect("matching:run", run.pk)
    return render(
        request,
        "matching/move.html",
        {
            "nav_section": "manage",
            "run": run,
            "program": run.program,
            "proposal": proposal,
            "alternatives": proposal_alternatives(proposal=proposal),
        },
    )
