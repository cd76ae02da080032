"""Where browsers report what the Content-Security-Policy blocked: each report becomes one
warning on the `mentora.csp` logger, so an operator sees a broken page or an injection attempt."""

from __future__ import annotations

import json
import logging
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

logger = logging.getLogger("mentora.csp")

# Anyone may post here: read a bounded body, log a bounded number of bounded fields.
MAX_BODY = 16 * 1024
MAX_REPORTS = 10
MAX_FIELD = 300
FIELDS = (
    "document-uri",
    "effective-directive",
    "violated-directive",
    "blocked-uri",
    "source-file",
    "line-number",
    "column-number",
    "script-sample",
)
# The Reporting API spells the same fields in camelCase.
REPORTING_API_NAMES = {
    "document-uri": "documentURL",
    "effective-directive": "effectiveDirective",
    "blocked-uri": "blockedURL",
    "source-file": "sourceFile",
    "line-number": "lineNumber",
    "column-number": "columnNumber",
    "script-sample": "sample",
}


def _reports(payload: Any) -> list[dict[str, Any]]:
    """The violations in a `report-uri` body ({"csp-report": {...}}) or a Reporting API body
    ([{"type": "csp-violation", "body": {...}}, ...])."""
    if isinstance(payload, dict) and isinstance(payload.get("csp-report"), dict):
        return [payload["csp-report"]]
    if isinstance(payload, list):
        return [
            item["body"]
            for item in payload[:MAX_REPORTS]
            if isinstance(item, dict) and isinstance(item.get("body"), dict)
        ]
    return []


def _field(report: dict[str, Any], name: str) -> str:
    value = report.get(name, report.get(REPORTING_API_NAMES.get(name, ""), ""))
    return str(value)[:MAX_FIELD]


@csrf_exempt
@require_POST
def csp_report(request: HttpRequest) -> HttpResponse:
    """Log each violation a browser reports (204); refuse a body too large or not JSON."""
    body = request.read(MAX_BODY + 1)
    if len(body) > MAX_BODY:
        return HttpResponse(status=413)
    try:
        payload = json.loads(body)
    except ValueError:
        return HttpResponse(status=400)
    for report in _reports(payload):
        details = {name: _field(report, name) for name in FIELDS}
        logger.warning(
            "Content-Security-Policy violation: %s blocked %s on %s",
            details["effective-directive"] or details["violated-directive"],
            details["blocked-uri"] or "inline",
            details["document-uri"],
            extra={"csp_report": details},
        )
    return HttpResponse(status=204)
