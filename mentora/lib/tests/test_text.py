"""Text cleaning: limits, empty values, NUL characters and line breaks, with the field named."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from mentora.lib.text import clean_line, clean_text, contains_nul, refuse_nul


def test_text_is_trimmed_and_kept_within_its_limit() -> None:
    assert clean_text("  hello ", field="bio", label="Your bio", limit=10) == "hello"
    with pytest.raises(ValidationError) as refused:
        clean_text("x" * 11, field="bio", label="Your bio", limit=10)
    assert refused.value.message_dict == {
        "bio": ["Your bio has at most 10 characters; this one has 11."]
    }


def test_required_text_cannot_be_empty_and_must_be_text() -> None:
    with pytest.raises(ValidationError, match="cannot be empty"):
        clean_text("   ", field="bio", label="Your bio", limit=10)
    assert clean_text(None, field="bio", label="Your bio", limit=10, required=False) == ""
    with pytest.raises(ValidationError, match="must be text"):
        clean_text(12, field="bio", label="Your bio", limit=10)


def test_nul_characters_are_refused_anywhere() -> None:
    with pytest.raises(ValidationError, match="NUL"):
        clean_text("a\x00b", field="bio", label="Your bio", limit=10)
    assert contains_nul({"a": ["fine", {"deep\x00key": 1}]})
    assert not contains_nul({"a": ["fine", 1, None, True]})
    with pytest.raises(ValidationError) as refused:
        refuse_nul(["ok", "n\x00"], field="answers", label="An answer")
    assert "answers" in refused.value.message_dict


def test_a_line_has_no_line_breaks() -> None:
    assert clean_line("Acme Health", field="name", label="The name", limit=50) == "Acme Health"
    with pytest.raises(ValidationError, match="one line"):
        clean_line("Acme\nBcc: x@example.org", field="name", label="The name", limit=50)
