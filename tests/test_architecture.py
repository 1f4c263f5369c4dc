"""The shape of the code: the import contracts in pyproject.toml hold, and no module in
``intake`` is in an import cycle (lazy imports inside functions included)."""

from __future__ import annotations

from pathlib import Path

import grimp
import pytest
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[1]


def cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Every group of modules that import each other, directly or through others (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(start: str) -> None:
        # Iterative, so a deep import chain cannot hit Python's recursion limit.
        work = [(start, iter(sorted(graph.find_modules_directly_imported_by(start))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        while work:
            module, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                elif child in stack:
                    low[module] = min(low[module], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[module])
            if low[module] == index[module]:
                group = []
                while True:
                    member = stack.pop()
                    group.append(member)
                    if member == module:
                        break
                if len(group) > 1:
                    found.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("intake", cache_dir=None)


def test_the_import_contracts_hold(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0


def test_no_module_is_in_an_import_cycle(graph):
    assert cycles(graph) == []


def test_the_cycle_check_finds_a_cycle_when_there_is_one():
    graph = grimp.build_graph("intake", cache_dir=None)
    graph.add_import(importer="intake.calendar", imported="intake.service.drafts")
    assert any("intake.calendar" in group for group in cycles(graph))


def test_the_channels_import_no_other_channel(graph):
    channels = ("intake.public", "intake.easy_read", "intake.bot", "intake.staff")
    for channel in channels:
        for other in channels:
            if other != channel:
                assert not graph.chain_exists(importer=channel, imported=other, as_packages=True), \
                    (channel, other)
