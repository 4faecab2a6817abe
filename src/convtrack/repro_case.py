"""A case's model code as standalone Python, for `convtrack repro`: the case file's own source, with every use of
convtrack replaced by the code it stands for, so a script pasted into an upstream issue imports no convtrack.

Cases are plain Python; the ones that import convtrack use two things:
- `from convtrack.suite import seeded` (the seeded input helper): its source is inlined once at the top;
- `from convtrack import synthetic` (generated cases): the graph is generated here, on the host, and written out
  as a literal `Graph(...)` together with the generator's data classes and its torch interpreter
  (synthetic_torch.py), so the script builds the very module the harness built.

Anything else that imports convtrack is refused by name (`StandaloneError`) rather than shipped broken.
"""

from __future__ import annotations

import ast
import functools
import importlib.resources
import inspect
import re
from pathlib import Path

from convtrack import suite, synthetic_graph

SEEDED_IMPORT = re.compile(r"^[ \t]*from convtrack\.suite import seeded[ \t]*\n", re.MULTILINE)
FUTURE = re.compile(r"^from __future__ import annotations[ \t]*\n", re.MULTILINE)
# synthetic.py's names that synthetic_torch.py imports, plus the data classes a Graph literal needs
SYNTHETIC_NAMES = ("F32", "I64", "BINARY", "Value", "Node", "Graph")


class StandaloneError(ValueError):
    """The case uses convtrack in a way this module cannot inline; the message names the import."""


def find_case(suites: Path, case_id: str) -> suite.Case | None:
    """The case of this id under `suites` (a generated case through its generator file), or None."""
    own = suites / f"{case_id}.py"
    if own.is_file():
        return suite.load_case(own, suites)
    parent = suites / f"{case_id.rsplit('/', 1)[0]}.py"
    if "/" in case_id and parent.is_file():
        return next((c for c in suite.expand(suite.load_case(parent, suites)) if c.id == case_id), None)
    return None


def convtrack_imports(source: str) -> list[str]:
    """The convtrack modules a source imports (at any depth), in order."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] == "convtrack"]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "convtrack":
            found.append(str(node.module))
    return found


@functools.cache
def _seeded_source() -> str:
    return f"SEEDS = {suite.SEEDS!r}\n\n\n{inspect.getsource(suite.seeded)}"


def _definitions(path: Path, names: tuple[str, ...]) -> str:
    """The top-level statements of a module that define `names`, in file order, as source."""
    text = path.read_text(encoding="utf-8")
    out = []
    for node in ast.parse(text).body:
        if isinstance(node, ast.ClassDef | ast.FunctionDef) and node.name in names:
            start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            out.append("\n".join(text.splitlines()[start - 1:node.end_lineno]))
        elif isinstance(node, ast.Assign) and _assigned(node) & set(names):
            out.append(ast.get_source_segment(text, node) or "")
    return "\n\n\n".join(out)


def _assigned(node: ast.Assign) -> set[str]:
    """The names an assignment binds (`F32, I64 = ...` binds two)."""
    return {n.id for t in node.targets for n in ast.walk(t) if isinstance(n, ast.Name)}


def _synthetic_source(case: suite.Case) -> str:
    """A generated case as code: the generator's classes, its torch interpreter, the graph literal and build()."""
    generated = case.meta["generated"]
    graph = synthetic_graph.generate(int(generated["seed"]), int(generated["size"]), case.meta["generator"].get("ops"))
    # read as package data: the host never imports the cell's modules, it copies their text
    torch_side = importlib.resources.files("convtrack.cell").joinpath("synthetic_torch.py").read_text()
    torch_side = re.sub(r"^from convtrack\.synthetic_graph import .*\n", "", torch_side, flags=re.MULTILINE)
    torch_side = FUTURE.sub("", torch_side).replace("def build(g: Graph)", "def build_graph(g: Graph)")
    return "\n\n".join([
        f"# The generated graph of {case.id} (convtrack.synthetic, seed {graph.seed}, {graph.size} ops):",
        "import dataclasses\nfrom collections.abc import Callable\nfrom typing import Any\n",
        _definitions(Path(inspect.getfile(synthetic_graph)), SYNTHETIC_NAMES),
        f"# --- convtrack/cell/synthetic_torch.py ---\n{torch_side.strip()}",
        f"GRAPH = {graph!r}",
        "\ndef build():\n    return build_graph(GRAPH)\n",
    ])


def _without_observed(source: str) -> str:
    """The case source without CASE["observed"] (what convtrack saw across releases: long, and no part of the
    model; the content hash leaves it out too)."""
    data = source.encode()
    span = suite.item_span(data, "observed")
    return source if span is None else (data[:span[0]] + data[span[1]:]).decode()


_MADE: dict[tuple[str, str], str] = {}  # (case id, case hash) -> code: the site asks once per failing result


def standalone(case: suite.Case) -> str:
    """The case's code without convtrack: defines `build()` (or the case's `entry`) returning (model, inputs)."""
    key = (case.id, case.hash)
    if key not in _MADE:
        _MADE[key] = _standalone(case)
    return _MADE[key]


def _standalone(case: suite.Case) -> str:
    if case.meta.get("generated"):
        code = _synthetic_source(case)
    else:
        code = _without_observed(case.path.read_text(encoding="utf-8"))
        if SEEDED_IMPORT.search(code):
            code = SEEDED_IMPORT.sub("", code) + "\n\n# --- convtrack.suite.seeded, inlined ---\n" + _seeded_source()
        code = FUTURE.sub("", code)
    entry = str(case.meta.get("entry", "build"))
    if not any(isinstance(n, ast.FunctionDef) and n.name == entry for n in ast.parse(code).body):
        raise StandaloneError(f"{case.path}: no {entry}() function")
    left = convtrack_imports(code)
    if left:
        raise StandaloneError(f"{case.path}: imports {left[0]}, which `convtrack repro` cannot inline; "
                              "use convtrack.suite.seeded or plain numpy in the case")
    return code
