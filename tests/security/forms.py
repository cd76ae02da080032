"""A page's own form, read from its HTML and filled, so the matrix posts what a browser would.

The rightful writer opens the page; the form that posts back to it gives the names and values
(hidden fields, choices, what is already filled in), and an empty field gets a plausible value.
Everyone else then posts the same body: a refusal means the door refused the person, not the body.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

__all__ = ["forms"]

_PLAUSIBLE = {
    "email": "someone@example.org",
    "number": "1",
    "date": "2027-03-01",
    "datetime-local": "2027-03-01T10:00",
    "time": "10:00",
    "url": "https://example.org/",
}


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, dict[str, str | list[str]]]] = []
        self._data: dict[str, str | list[str]] | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "get").lower() == "post":
            self._data = {}
            self.forms.append((a.get("action", ""), self._data))
        if self._data is None:
            return
        if tag == "option" and self._select is not None:
            # The first option with a value, unless another is selected: a required choice is
            # made the way a person would make it.
            value = a.get("value", "")
            if value and (not self._data.get(self._select) or "selected" in a):
                self._data[self._select] = value
            return
        if not a.get("name"):
            return
        name = a["name"]
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"}:
                if "checked" in a or (kind == "radio" and name not in self._data):
                    self._data[name] = a.get("value", "on")
                return
            self._data[name] = a.get("value") or _PLAUSIBLE.get(kind, "Planted text")
        elif tag == "textarea":
            self._textarea = name
            self._data[name] = "Planted text"
        elif tag == "select":
            self._select = name
            self._data.setdefault(name, "")

    def handle_data(self, data: str) -> None:
        if self._data is not None and self._textarea and data.strip():
            self._data[self._textarea] = data.strip()

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._data = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def forms(html: str, path: str) -> list[tuple[str, dict[str, Any]]]:
    """Every POST form of the page, filled, with the path it posts to (the page's own when it
    names none)."""
    parser = _Forms()
    parser.feed(html)
    return [
        (
            urlsplit(action).path if action else path,
            {k: v for k, v in data.items() if k != "csrfmiddlewaretoken"},
        )
        for action, data in parser.forms
    ]
