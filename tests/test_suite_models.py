"""The torch.onnx model suite (suites/models/): size, tags and declared dependencies.

Reads case files as text and with `ast` only, so this runs on the host without torch, torchvision, timm or
transformers installed.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from convtrack import suite

ROOT = Path(__file__).resolve().parents[1]

# What a case is for; every model case names at least one.
TASKS = {"classification", "segmentation", "detection", "language-model", "encoder", "decoder", "seq2seq",
         "speech", "sequence", "tagging"}
# Tags that say where a model comes from or its domain, not which architecture it is.
NOT_FAMILY = TASKS | {"vision", "nlp", "audio", "torchvision", "timm", "transformers"}
# Optional packages a torch case may import; each one imported must be in `requires`, and nothing else.
OPTIONAL = {"torchvision", "timm", "transformers"}
FRAMEWORKS = OPTIONAL | {"torch", "tensorflow", "keras", "onnx", "onnxruntime", "numpy"}


def torch_models() -> list[suite.Case]:
    return [c for c in suite.discover(ROOT / "suites", "torch.onnx") if c.kind == "model"]


def imported(tree: ast.Module) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_the_suite_has_at_least_60_torch_model_cases() -> None:
    cases = torch_models()
    assert len(cases) >= 60, f"only {len(cases)} torch.onnx model cases"
    assert len({c.id for c in cases}) == len(cases)


def test_the_suite_spans_libraries_and_tasks() -> None:
    cases = torch_models()
    requires = [set(c.meta.get("requires", [])) for c in cases]
    for package in OPTIONAL:
        assert sum(package in r for r in requires) >= 5, package
    assert sum(not r for r in requires) >= 5  # plain torch.nn models too
    tags = {t for c in cases for t in c.tags}
    assert {"classification", "segmentation", "detection", "language-model", "encoder", "seq2seq",
            "speech"} <= tags


@pytest.mark.parametrize("case", torch_models(), ids=lambda c: c.id)
def test_model_case_metadata(case: suite.Case) -> None:
    meta = case.meta
    assert isinstance(meta.get("description"), str) and meta["description"], "needs a description"
    tags = set(case.tags)
    assert tags & TASKS, f"no task tag among {sorted(TASKS)}: {sorted(tags)}"
    assert tags - NOT_FAMILY, f"no family tag (architecture) besides {sorted(tags)}"
    if "rtol" in meta or "atol" in meta:
        assert meta.get("tolerance_reason"), "a custom tolerance needs a tolerance_reason"


@pytest.mark.parametrize("case", torch_models(), ids=lambda c: c.id)
def test_model_case_requires_matches_its_imports(case: suite.Case) -> None:
    tree = ast.parse(case.path.read_text(encoding="utf-8"))
    uses = imported(tree) & OPTIONAL
    requires = set(case.meta.get("requires", []))
    assert requires == uses, f"requires {sorted(requires)} but imports {sorted(uses)}"
    for library in OPTIONAL & set(case.tags):
        assert library in requires, f"tagged {library!r} without requiring it"
    top = imported(ast.Module(body=[n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))],
                              type_ignores=[]))
    assert not top & FRAMEWORKS, f"frameworks imported at module level: {sorted(top & FRAMEWORKS)}"
    build = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == meta_entry(case)]
    assert build, "no build() function"


def meta_entry(case: suite.Case) -> str:
    return str(case.meta.get("entry", "build"))
