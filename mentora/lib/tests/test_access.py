"""Access checks: 404 for no role, 403 for a role without the capability."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from mentora.lib.access import capabilities

NOTES = capabilities(
    "note",
    {"view": {"author", "reader"}, "change": {"author"}},
    {"change": "Only the author changes a note."},
)


def test_no_role_is_404_and_a_role_without_the_capability_is_403() -> None:
    with pytest.raises(Http404):
        NOTES.grant("a note", roles=set(), to="view")
    with pytest.raises(Http404):
        NOTES.grant(None, roles={"author"}, to="view")
    with pytest.raises(PermissionDenied, match="Only the author"):
        NOTES.grant("a note", roles={"reader"}, to="change")
    access = NOTES.grant("a note", roles={"author"}, to="change")
    assert access.obj == "a note"
    assert access.has("author")
    assert not access.has("reader")


def test_an_unknown_capability_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="no capability"):
        NOTES.grant("a note", roles={"author"}, to="delete")
