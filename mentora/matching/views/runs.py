"""A program's match runs: settings with a weights preview, starting a run, its progress."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe
from django_htmx.http import HttpResponseClientRefresh

from mentora.accounts.http import AuthenticatedHttpRequest
from mentora.lib.forms import attach_errors, flash_error
from mentora.lib.wording import role_words
from mentora.matching import selectors, services
from mentora.matching.access import access_matching, access_run
from mentora.matching.forms import RunSettingsForm
from mentora.matching.models import MatchRun
from mentora.matching.previews import weights_preview as preview_weights
from mentora.matching.records import weights_from_mapping
from mentora.matching.recovery import match_runs_recover


@login_required
def run_list(request: AuthenticatedHttpRequest, program_id: int) -> HttpResponse:
    """The runs of a program and the form to save settings and start a new one."""
    program = access_matching(user=request.user, program_id=program_id).obj
    saved = services.matching_settings_for(program)
    form = RunSettingsForm(
        request.POST or None,
        initial=RunSettingsForm.initial_from(
            mode=saved.mode, top_k=saved.top_k, weights=dict(saved.weights)
        ),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.matching_settings_save(
                program=program,
                updated_by=request.user,
                weights=form.weights(),
                mode=form.cleaned_data["mode"],
                top_k=form.cleaned_data["top_k"],
            )
            if "start" in request.POST:
                run = services.match_run_start(program=program, started_by=request.user)
                return redirect("matching:run", run.pk)
        except ValidationError as error:
            attach_errors(error, form)
        else:
            messages.success(request, "The matching settings are saved.")
            return redirect("matching:runs", program.pk)
    match_runs_recover(program=program)
    runs = selectors.runs_of_program(program=program)
    return render(
        request,
        "matching/run_list.html",
        {
            "nav_section": "manage",
            "program": program,
            "words": role_words(coaching=program.is_coaching),
            "form": form,
            "runs": runs[:50],
            "draft": runs.filter(status=MatchRun.Status.DRAFT).first(),
        },
    )


@login_required
@require_POST
def weights_preview(request: AuthenticatedHttpRequest, program_id: int) -> HttpResponse:
    """What the weights on the form would do to the latest draft (htmx; nothing is saved)."""
    program = access_matching(user=request.user, program_id=program_id).obj
    draft = selectors.runs_of_program(program=program).filter(status=MatchRun.Status.DRAFT).first()
    form = RunSettingsForm(request.POST)
    preview = None
    if draft is not None and form.is_valid() and any(form.weights().values()):
        preview = preview_weights(run=draft, weights=weights_from_mapping(form.weights()))
    return render(
        request,
        "matching/includes/weights_preview.html",
        {"program": program, "draft": draft, "form": form, "preview": preview},
    )


@require_safe
@login_required
def run_progress(request: AuthenticatedHttpRequest, run_id: int) -> HttpResponse:
    """The progress bar of a queued or running run; reloads the page once the run is done."""
    run = services.match_run_current(run=access_run(user=request.user, run_id=run_id).obj)
    if run.is_finished and request.headers.get("HX-Request"):
        return HttpResponseClientRefresh()
    return render(request, "matching/includes/progress.html", {"run": run})


@login_required
@require_POST
def run_discard(request: AuthenticatedHttpRequest, run_id: int) -> HttpResponse:
    run = access_run(user=request.user, run_id=run_id, to="discard").obj
    try:
        services.match_run_discard(run=run, discarded_by=request.user)
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, "The draft is discarded; it stays in the list for the record.")
    return redirect("matching:run", run.pk)


@login_required
def run_publish(request: AuthenticatedHttpRequest, run_id: int) -> HttpResponse:
    """Confirm, then create every proposed relationship at once."""
    run = access_run(user=request.user, run_id=run_id, to="publish").obj
    if request.method == "POST":
        try:
            run = services.match_run_publish(run=run, published_by=request.user)
        except ValidationError as error:
            flash_error(request, error)
            return redirect("matching:run", run.pk)
        if run.status == MatchRun.Status.PUBLISHING:
            messages.info(
                request,
                f"Publishing {run.proposals.count()} relationships in the background: this page "
                "shows when it is done.",
            )
        else:
            messages.success(
                request,
                f"Published: {run.proposals.count()} relationships are created and everyone is "
                "told.",
            )
        return redirect("matching:run", run.pk)
    if run.status != MatchRun.Status.DRAFT:
        return redirect("matching:run", run.pk)
    return render(
        request,
        "matching/publish.html",
        {
            "nav_section": "manage",
            "run": run,
            "program": run.program,
            "words": role_words(coaching=run.program.is_coaching),
            "pairs": run.proposals.count(),
            "unmatched": run.unmatched.count(),
        },
    )
