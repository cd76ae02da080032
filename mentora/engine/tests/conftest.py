"""Fixtures of the engine tests (helpers live in cli_files.py and strategies.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentora.engine.tests.cli_files import copy_examples


@pytest.fixture
def files(tmp_path: Path) -> Path:
    """A folder holding copies of docs/examples: mentors.csv, mentees.csv, weights.toml."""
    return copy_examples(tmp_path)
