"""Pages for program managers: import participants from a spreadsheet, and export them."""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path, PurePath

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from mentora.accounts.http import AuthenticatedHttpRequest
from mentora.programs.models import Program
from mentora.programs.participant_io import (
    COLUMNS,
    EXPORT_CONTENT_TYPES,
    ParticipantImportError,
    participants_export,
    participants_import,
    participants_import_preview,
)
from mentora.programs.selectors import get_managed_program

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
EXTENSIONS = (".csv", ".xlsx")
SESSION_KEY = "participant_imports"
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")
KEEP_UPLOADS_SECONDS = 24 * 60 * 60
PROBLEMS_SHOWN = 1000


class ParticipantFileForm(forms.Form):
    file = forms.FileField(
        label="Participants file",
        help_text="A CSV (UTF-8) or XLSX file of at most 5 MB, one row per person and role.",
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(EXTENSIONS)}),
    )

    def clean_file(self) -> UploadedFile[bytes]:
        upload: UploadedFile[bytes] = self.cleaned_data["file"]
        name = upload.name or ""
        if PurePath(name).suffix.lower() not in EXTENSIONS:
            raise forms.ValidationError(f"{name} is not a .csv or .xlsx file.")
        if (upload.size or 0) > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(f"{name} is larger than 5 MB; split it into parts.")
        return upload


def _uploads_dir() -> Path:
    return Path(settings.VAR_DIR) / "imports"


def _forget_old_uploads(folder: Path) -> None:
    cutoff = time.time() - KEEP_UPLOADS_SECONDS
    for path in folder.glob("*.upload"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except OSError:
            continue


def _keep_upload(
    request: AuthenticatedHttpRequest, *, program: Program, file_name: str, data: bytes
) -> str:
    """Keep an uploaded file between preview and confirmation; only this session can use it."""
    folder = _uploads_dir()
    folder.mkdir(parents=True, exist_ok=True)
    _forget_old_uploads(folder)
    token = secrets.token_urlsafe(24)
    (folder / f"{token}.upload").write_bytes(data)
    uploads = dict(request.session.get(SESSION_KEY, {}))
    uploads[token] = {
        "program_id": program.pk,
        "user_id": request.user.pk,
        "file_name": PurePath(file_name).name,
    }
    request.session[SESSION_KEY] = uploads
    return token


def _kept_upload(
    request: AuthenticatedHttpRequest, *, program: Program, token: str
) -> tuple[str, bytes]:
    entry = request.session.get(SESSION_KEY, {}).get(token)
    if (
        not TOKEN_PATTERN.fullmatch(token)
        or not entry
        or entry.get("program_id") != program.pk
        or entry.get("user_id") != request.user.pk
    ):
        raise Http404("No such upload.")
    path = _uploads_dir() / f"{token}.upload"
    try:
        return str(entry["file_name"]), path.read_bytes()
    except FileNotFoundError:
        raise Http404("This upload has expired; upload the file again.") from None


def _drop_upload(request: AuthenticatedHttpRequest, *, token: str) -> None:
    uploads = dict(request.session.get(SESSION_KEY, {}))
    uploads.pop(token, None)
    request.session[SESSION_KEY] = uploads
    (_uploads_dir() / f"{token}.upload").unlink(missing_ok=True)


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: AuthenticatedHttpRequest, program_id: int) -> HttpResponse:
    """Choose a CSV or XLSX file of participants; the next page previews it."""
    program = get_managed_program(user=request.user, program_id=program_id)
    form = ParticipantFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload_file: UploadedFile[bytes] = form.cleaned_data["file"]
        token = _keep_upload(
            request, program=program, file_name=upload_file.name or "", data=upload_file.read()
        )
        return redirect("programs:import_confirm", program_id=program.pk, token=token)
    return render(
        request,
        "programs/import_upload.html",
        {"nav_section": "manage", "program": program, "form": form, "columns": COLUMNS},
    )


@login_required
@require_http_methods(["GET", "POST"])
def confirm(request: AuthenticatedHttpRequest, program_id: int, token: str) -> HttpResponse:
    """Preview what the uploaded file would do; on POST import all rows or only the valid ones."""
    program = get_managed_program(user=request.user, program_id=program_id)
    file_name, data = _kept_upload(request, program=program, token=token)
    if request.method == "POST":
        mode = request.POST.get("mode")
        if mode not in {"all", "valid"}:
            return HttpResponseBadRequest("Choose to import all rows or only the valid rows.")
        try:
            report = participants_import(
                program=program,
                file_name=file_name,
                data=data,
                imported_by=request.user,
                only_valid_rows=mode == "valid",
            )
        except ParticipantImportError as error:
            messages.error(request, "Nothing was imported: the file has problems (listed below).")
            report = error.report
        else:
            _drop_upload(request, token=token)
            messages.success(request, report.summary(program=program))
            return redirect("programs:manage_program", program_id=program.pk)
    else:
        report = participants_import_preview(program=program, file_name=file_name, data=data)
    return render(
        request,
        "programs/import_preview.html",
        {
            "nav_section": "manage",
            "program": program,
            "report": report,
            "token": token,
            "problems": report.problems[:PROBLEMS_SHOWN],
            "problems_hidden": max(0, len(report.problems) - PROBLEMS_SHOWN),
            "mentor_word": program.role_label("mentor").lower(),
            "mentee_word": program.role_label("mentee").lower(),
        },
    )


@login_required
@require_GET
def export(request: AuthenticatedHttpRequest, program_id: int) -> HttpResponse:
    """Download the program's participants as CSV or XLSX, in the import format."""
    program = get_managed_program(user=request.user, program_id=program_id)
    fmt = request.GET.get("format", "csv").lower()
    if fmt not in EXPORT_CONTENT_TYPES:
        return HttpResponseBadRequest("Choose the format csv or xlsx.")
    data = participants_export(program=program, exported_by=request.user, fmt=fmt)
    response = HttpResponse(data, content_type=EXPORT_CONTENT_TYPES[fmt])
    name = f"{program.slug or 'program'}-participants.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
