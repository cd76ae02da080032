"""The engine stays framework-free: no Django, no REST framework, no Mentora app."""

from __future__ import annotations

import ast
from pathlib import Path

import mentora.engine

ENGINE = Path(mentora.engine.__file__).parent
FORBIDDEN_TOP_LEVEL = {"django", "rest_framework"}
ALLOWED_MENTORA = {"mentora.engine"}


def imported_modules(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.extend((node.lineno, f"{node.module}.{alias.name}") for alias in node.names)
    return found


def test_engine_never_imports_django_or_the_apps() -> None:
    offenders = []
    sources = sorted(ENGINE.rglob("*.py"))
    assert len(sources) > 10  # the walk really sees the package
    for path in sources:
        for line, module in imported_modules(path):
            top = module.split(".")[0]
            mentora_package = ".".join(module.split(".")[:2])
            if top in FORBIDDEN_TOP_LEVEL or (
                top == "mentora" and mentora_package not in ALLOWED_MENTORA
            ):
                offenders.append(f"{path.relative_to(ENGINE)}:{line} imports {module}")
    assert offenders == []


def test_the_import_walk_catches_a_django_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from django.db import models\nimport mentora.accounts.models\n")
    assert [m for _, m in imported_modules(bad)] == ["django.db.models", "mentora.accounts.models"]
