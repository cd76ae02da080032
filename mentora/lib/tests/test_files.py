"""Private files: random stored names, and responses that never leak to shared caches."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db.models.fields.files import FieldFile, FileField
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.test import override_settings

from mentora.lib.files import PrivateUploadTo, serve_private_file


def test_a_stored_name_keeps_only_the_extension() -> None:
    upload_to = PrivateUploadTo("relationships/resources/")
    name = upload_to(None, "Salary review 2026 (confidential).PDF")
    assert re.fullmatch(r"relationships/resources/[0-9a-f]{32}\.pdf", name)
    assert upload_to(None, "notes").startswith("relationships/resources/")
    assert not upload_to(None, "x.p/hp").endswith("p/hp")
    assert upload_to(None, "a.pdf") != upload_to(None, "a.pdf")


def _field_file(tmp_path: Path, name: str, content: bytes) -> FieldFile:
    storage = FileSystemStorage(location=tmp_path)
    stored = storage.save(name, ContentFile(content))
    field = FileField(storage=storage)
    field.name = "file"
    # A file field outside any model: Django's FieldFile accepts it, the stubs want a model.
    return FieldFile(None, field, stored)  # type: ignore[arg-type]


def test_django_streams_the_file_as_a_private_download(tmp_path: Path) -> None:
    file = _field_file(tmp_path, "abc.pdf", b"%PDF-1.4")
    response = serve_private_file(file, download_name="Plan ü.pdf")
    assert isinstance(response, StreamingHttpResponse)
    assert response.getvalue() == b"%PDF-1.4"
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment")


@override_settings(PRIVATE_FILES_SERVER="nginx", PRIVATE_FILES_INTERNAL_URL="/protected/")
def test_nginx_sends_the_bytes_after_the_check(tmp_path: Path) -> None:
    file = _field_file(tmp_path, "abc.png", b"png")
    response = serve_private_file(file, download_name='a"b.png', inline=True)
    assert response["X-Accel-Redirect"] == "/protected/abc.png"
    assert response["Content-Disposition"] == 'inline; filename="a_b.png"'
    assert isinstance(response, HttpResponse)
    assert response.content == b""


def test_a_missing_file_is_404(tmp_path: Path) -> None:
    file = _field_file(tmp_path, "gone.txt", b"x")
    Path(file.path).unlink()
    with pytest.raises(Http404):
        serve_private_file(file, download_name="gone.txt")
