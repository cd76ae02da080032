"""The reports pages: a program's dashboard, printable report and exports (its managers only),
and a participant's own progress."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from mentora.accounts.http import AuthenticatedHttpRequest
from mentora.lib.group_figures import COUNT_MARGIN
from mentora.lib.suppression import MIN_PEOPLE, SUPPRESSED_TEXT
from mentora.programs.models import Program
from mentora.reports import exports, groups, selectors
from mentora.reports.access import access_dashboard
from mentora.reports.presentation import dashboard_charts, progress_items


def _comparison(request: AuthenticatedHttpRequest, program: Program) -> Any:
    dimension = request.GET.get("group", "")
    if dimension not in groups.GROUP_DIMENSIONS:
        return None
    return groups.group_comparison(program=program, dimension=dimension)


def _figures(request: AuthenticatedHttpRequest, program_id: int) -> dict[str, Any]:
    program = access_dashboard(user=request.user, program_id=program_id).obj
    dashboard = selectors.program_dashboard(program=program)
    return {
        "nav_section": "manage",
        "program": program,
        "dashboard": dashboard,
        "charts": dashboard_charts(dashboard),
        "comparison": _comparison(request, program),
        "dimensions": groups.GROUP_DIMENSIONS,
        "group": request.GET.get("group", ""),
        "min_people": MIN_PEOPLE,
        "count_margin": COUNT_MARGIN,
        "suppressed_text": SUPPRESSED_TEXT,
    }


@require_safe
@login_required
def dashboard(request: AuthenticatedHttpRequest, program_id: int) -> HttpResponse:
    return render(request, "reports/dashboard.html", _figures(request, program_id))


@require_safe
@login_required
def report(request: AuthenticatedHttpRequest, program_id: int) -> HttpResponse:
    """The same figures laid out for printing (or saving as PDF from the browser)."""
    return render(request, "reports/report.html", _figures(request, program_id))


@require_safe
@login_required
def export_list(request: AuthenticatedHttpRequest, program_id: int) -> HttpResponse:
    program = access_dashboard(user=request.user, program_id=program_id, to="export").obj
    return render(
        request,
        "reports/exports.html",
        {"nav_section": "manage", "program": program, "datasets": exports.export_datasets()},
    )


@require_safe
@login_required
def export_download(
    request: AuthenticatedHttpRequest, program_id: int, dataset: str, file_format: str
) -> HttpResponse | StreamingHttpResponse | FileResponse:
    program = access_dashboard(user=request.user, program_id=program_id, to="export").obj
    try:
        export = exports.program_export(
            program=program,
            exported_by=request.user,
            dataset=dataset,
            file_format=file_format,
            pseudonymise=request.GET.get("pseudonymise") in {"1", "true", "on", "yes"},
        )
    except ValidationError as error:
        raise Http404(" ".join(error.messages)) from None
    return exports.export_response(export)


@require_safe
@login_required
def progress(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The signed-in person's own benefit scores over time and the goals they reached."""
    return render(
        request,
        "reports/progress.html",
        {
            "nav_section": "home",
            "programs": progress_items(selectors.participant_progress(user=request.user)),
        },
    )
