"""The shape the code keeps as it grows (docs/architecture.md):

- no Python file under `mentora/` is over 600 lines, migrations and the data tables below aside:
  a file that grows past its sections is split along the seams it already marks;
- a `mentora` module is imported inside a function only with a reason, written as
  `# noqa: PLC0415 - <reason>` on the import's first line: an import that dodges a cycle is a
  sign the layers are wrong, and the reason says why this one is not;
- "is a manager" has one home, `mentora.programs.access` (and the programs selectors that agree
  with it): no other app reads who manages an organisation on its own.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 600
# Files that are tables of data rather than code, allowed to be as long as their data.
DATA_TABLES = {
    # The demo's hand-written word lists: names, places, employers, job titles and phrases.
    "mentora/programs/demo/vocabulary.py",
    # The skills taxonomy a new database starts with.
    "mentora/profiles/taxonomy.py",
}
# Where a function-level import is looked for: the code, its tests and its benchmarks.
IMPORT_ROOTS = ("mentora", "tests", "bench", "conftest.py")
REASON = re.compile(r"#\s*noqa:[^#]*\bPLC0415\b[^#-]*-\s*\S")
# Who manages an organisation, read directly (the table, a query through it, the reverse name).
MANAGERS = re.compile(r"OrganisationManager|managers__|managed_organisations")
# TEMPORARY: the accounts app's navigation asks `user.managed_organisations` (accounts sits below
# programs); it moves to a programs context processor with the accounts work of issue 10.
MANAGERS_ELSEWHERE = {"mentora/accounts/context_processors.py"}


def python_files(*roots: str) -> Iterator[Path]:
    for root in roots:
        path = ROOT / root
        yield from [path] if path.is_file() else sorted(path.rglob("*.py"))


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_no_file_under_mentora_is_over_600_lines() -> None:
    too_long = {
        _relative(path): length
        for path in python_files("mentora")
        if "migrations" not in path.parts
        and _relative(path) not in DATA_TABLES
        and (length := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert too_long == {}


def test_the_data_tables_allowed_to_be_long_exist() -> None:
    assert [name for name in sorted(DATA_TABLES) if not (ROOT / name).is_file()] == []


def _imports_in_functions(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import | ast.ImportFrom):
                    yield inner


def _imports_mentora(node: ast.Import | ast.ImportFrom, path: Path) -> bool:
    if isinstance(node, ast.Import):
        return any(alias.name.split(".")[0] == "mentora" for alias in node.names)
    if node.level:  # a relative import stays inside its package
        return path.parts[len(ROOT.parts)] == "mentora"
    return (node.module or "").split(".")[0] == "mentora"


def test_every_function_level_import_of_mentora_says_why() -> None:
    unexplained = set()
    for path in python_files(*IMPORT_ROOTS):
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for node in _imports_in_functions(ast.parse(source, filename=str(path))):
            if _imports_mentora(node, path) and not REASON.search(lines[node.lineno - 1]):
                unexplained.add(f"{_relative(path)}:{node.lineno}: {lines[node.lineno - 1]}")
    assert sorted(unexplained) == []


def test_the_checks_above_can_fail() -> None:
    """The import check recognises what it must refuse and what it must accept."""
    source = (
        "def f():\n"
        "    import mentora.lib\n"
        "    from mentora.lib import text  # noqa: PLC0415\n"
        "    from mentora.lib import forms  # noqa: PLC0415 - the registry is ready\n"
        "    import json\n"
    )
    lines = source.splitlines()
    path = ROOT / "mentora" / "example.py"
    flagged = [
        node.lineno
        for node in _imports_in_functions(ast.parse(source))
        if _imports_mentora(node, path) and not REASON.search(lines[node.lineno - 1])
    ]
    assert flagged == [2, 3]


def test_only_programs_knows_who_manages_an_organisation() -> None:
    """Other apps ask `mentora.programs.access.manages_program` (or a programs selector)."""
    elsewhere = {
        _relative(path)
        for path in python_files("mentora")
        if not {"migrations", "tests", "programs", "testing"} & set(path.relative_to(ROOT).parts)
        and MANAGERS.search(path.read_text(encoding="utf-8"))
    }
    assert elsewhere == MANAGERS_ELSEWHERE
