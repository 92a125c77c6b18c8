"""The house plan, checked: modules import only from their own or an earlier stage of the
flow (input → page → rules → read → clean → metadata → pipeline → run → tools → cli), no
import circle, no module over 400 lines unless :data:`LONG_MODULES` says why, and every
registered heuristic has its module, its id in that module's docstring, and a test file.

    python -m pytest tests/test_house.py -q      # the check, with the offending import named
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "cleaner"

#: the stage of every module, in the order data flows through them; a module may import
#: from its own stage or an earlier one (never a later one)
STAGES = {
    "base": ["errors", "limits", "record", "normalize", "literals", "letterruns", "text", "rebind"],
    "page": ["page"],
    "rules": ["rule", "prefilter", "screen", "ruleset"],
    "read": ["xpaths", "bylines", "linkdensity", "cascade", "extract", "dates", "datewords", "htmldates", "agencies", "dateline", "authors", "htmlmeta"],
    "clean": ["match", "prune", "heuristics", "heuristics.*"],
    "metadata": ["metadata"],
    "pipeline": ["pipeline"],
    "run": ["listing", "sources", "sinks", "progress", "worker", "pool", "dask", "runner", "api"],
    "tools": ["regexshape", "checks", "report_page", "report", "evaluate", "evaluate.*"],
    "cli": ["cli", "__main__"],
}
ORDER = list(STAGES)
#: modules allowed over MAX_LINES, and why
LONG_MODULES: dict[str, str] = {}
MAX_LINES = 400


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
            if not parts:
                continue  # the package's own __init__: it re-exports the public API (lazily)
        found[".".join(parts)] = path
    return found


def stage_of(name: str) -> str:
    for stage, members in STAGES.items():
        for m in members:
            if name == m or (m.endswith(".*") and name.startswith(m[:-1])):
                return stage
    raise AssertionError(f"cleaner.{name} belongs to no stage: add it to tests/test_house.py STAGES")


def imports_of(name: str, path: Path) -> set[str]:
    """The cleaner modules ``name`` imports, at any depth of the file (lazy imports count)."""
    package = name.split(".")[:-1] if path.name != "__init__.py" else name.split(".")
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1] if node.level > 1 else package
                target = [*base, *(node.module.split(".") if node.module else [])]
            elif node.module and node.module.split(".")[0] == "cleaner":
                target = node.module.split(".")[1:]
            else:
                continue
            if not target:  # from . import x, y: each x is a module
                out |= {a.name for a in node.names}
                continue
            known = modules()
            for a in node.names:
                sub = ".".join([*target, a.name])
                out.add(sub if sub in known else ".".join(target))
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.split(".")[0] == "cleaner" and len(a.name.split(".")) > 1:
                    out.add(".".join(a.name.split(".")[1:]))
    out.discard(name)
    return {m for m in out if m in modules() or m == ""} - {""}


GRAPH = {name: imports_of(name, path) for name, path in modules().items()}


@pytest.mark.parametrize("name", sorted(GRAPH))
def test_no_import_from_a_later_stage(name):
    mine = ORDER.index(stage_of(name))
    later = sorted(m for m in GRAPH[name] if ORDER.index(stage_of(m)) > mine)
    assert not later, f"cleaner.{name} ({stage_of(name)}) imports from later stages: " + ", ".join(
        f"{m} ({stage_of(m)})" for m in later)


def test_no_import_circle():
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(GRAPH.get(node, ())):
            if state.get(nxt) == 1:
                raise AssertionError("import circle: " + " → ".join(path[path.index(nxt):] + [nxt]))
            if nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for node in sorted(GRAPH):
        if node not in state:
            visit(node)


@pytest.mark.parametrize("name", sorted(GRAPH))
def test_module_size(name):
    lines = modules()[name].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES or name in LONG_MODULES, f"cleaner.{name} has {lines} lines (at most {MAX_LINES})"


@pytest.mark.parametrize("name", sorted(GRAPH))
def test_every_module_says_its_role(name):
    tree = ast.parse(modules()[name].read_text(encoding="utf-8"))
    assert ast.get_docstring(tree), f"cleaner.{name} has no module docstring"
