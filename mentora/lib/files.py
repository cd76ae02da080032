"""Private files (shared resources, profile photos): stored under random names, served only by a
view that has checked who is asking.

Nothing under MEDIA_ROOT is ever served by URL alone, in development or production. A model's
file field uses `PrivateUploadTo("relationships/resources")`, which stores the upload as
`relationships/resources/<32 random hex characters>.<extension>` (the original name is kept in a
model field for the download); the view that checked permission returns `serve_private_file(...)`.
In production the web server can send the bytes instead of Python: with
`PRIVATE_FILES_SERVER=nginx` the response carries `X-Accel-Redirect` to an `internal` location,
with `apache` an `X-Sendfile` header (see docs/deployment.md).
"""

from __future__ import annotations

import mimetypes
import secrets
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase
from django.utils.deconstruct import deconstructible

SERVERS = ("django", "nginx", "apache")


@deconstructible
class PrivateUploadTo:
    """An `upload_to` that keeps only the extension of the uploaded name, under `prefix`."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix.strip("/")

    def __call__(self, instance: Any, filename: str) -> str:
        extension = PurePath(filename).suffix.lower()[:10]
        if not extension[1:].isalnum():
            extension = ""
        return f"{self.prefix}/{secrets.token_hex(16)}{extension}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PrivateUploadTo) and other.prefix == self.prefix

    def __hash__(self) -> int:
        return hash(self.prefix)


def serve_private_file(
    file: FieldFile, *, download_name: str, inline: bool = False
) -> HttpResponseBase:
    """The file's bytes for a person a view has already allowed to see them.

    Sent as a download unless `inline` (photos); never cached by shared caches; the content type
    comes from the stored name, and browsers may not guess another.
    """
    if not file:
        raise Http404("No such file.")
    content_type = mimetypes.guess_type(file.name or "")[0] or "application/octet-stream"
    server = settings.PRIVATE_FILES_SERVER
    response: HttpResponseBase
    if server == "django":
        try:
            handle = file.open("rb")
        except FileNotFoundError:
            raise Http404("No such file.") from None
        response = FileResponse(
            handle, as_attachment=not inline, filename=download_name, content_type=content_type
        )
    else:
        response = HttpResponse(content_type=content_type)
        name = file.name or ""
        disposition = "inline" if inline else "attachment"
        response["Content-Disposition"] = f'{disposition}; filename="{_ascii(download_name)}"'
        if server == "nginx":
            response["X-Accel-Redirect"] = settings.PRIVATE_FILES_INTERNAL_URL + name
        else:
            response["X-Sendfile"] = file.path
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _ascii(name: str) -> str:
    cleaned = "".join(
        c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in name
    )
    return cleaned or "file"
