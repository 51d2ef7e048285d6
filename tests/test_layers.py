"""The layers, read from the source: ``models`` ← ``app`` ← ``ui``, Qt only where it belongs, and no
import loops inside ``app``."""

from __future__ import annotations

import ast
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imports_of(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def files(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def importing(paths: list[Path], *prefixes: str) -> set[str]:
    return {
        rel(path)
        for path in paths
        if any(
            name == prefix or name.startswith(prefix + ".")
            for name in imports_of(path)
            for prefix in prefixes
        )
    }


def test_ui_reads_no_tables():
    """Screens reach the database only through the use cases and queries of app/."""
    assert importing(files("ui"), "models", "peewee", "playhouse") == set()


def test_app_and_models_know_nothing_of_the_window():
    assert importing(files("app"), "ui") == set()
    assert importing(files("models"), "ui", "app") == set()


def test_qt_only_in_the_one_translation_module():
    assert importing(files("models"), "PySide6", "shiboken6") == set()
    assert importing(files("app"), "PySide6", "shiboken6") == {"app/i18n.py"}


def test_app_has_no_import_loops():
    modules: dict[str, Path] = {}
    for path in files("app"):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        modules[name.removesuffix(".__init__")] = path
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                submodules = [f"{node.module}.{alias.name}" for alias in node.names]
                targets = [t for t in submodules if t in modules] or [node.module]
            graph[name].update(t for t in targets if t in modules and t != name)
    loops: list[list[str]] = []

    def visit(node: str, trail: list[str], done: set[str]) -> None:
        if node in trail:
            loops.append(trail[trail.index(node) :] + [node])
            return
        if node in done:
            return
        for target in sorted(graph[node]):
            visit(target, [*trail, node], done)
        done.add(node)

    finished: set[str] = set()
    for name in sorted(graph):
        visit(name, [], finished)
    assert loops == []


def test_the_virtual_environment_is_not_in_the_repository():
    """A worktree's ``.venv`` may be a link to a shared environment: committed, it would replace
    the environment of every checkout it reaches."""
    tracked = subprocess.run(
        ["git", "ls-files", "--", ".venv"], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert tracked.stdout.strip() == ""
