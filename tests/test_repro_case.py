"""A case's code made standalone: convtrack's seeded helper inlined, a generated case as a Graph literal."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, write_case
from convtrack import repro_case, suite, synthetic

SEEDED_CASE = '''"""x"""
from __future__ import annotations

CASE = {"converter": "torch.onnx", "description": "seeded inputs"}


def build():
    from convtrack.suite import seeded

    return None, seeded((2, 3), (4,), dtype="int64", low=-5, high=5)
'''


def test_seeded_is_inlined_and_gives_the_same_inputs(tmp_path: Path) -> None:
    write_case(tmp_path, "models/s.py", SEEDED_CASE)
    case = repro_case.find_case(tmp_path, "models/s")
    assert case is not None
    code = repro_case.standalone(case)
    assert repro_case.convtrack_imports(code) == []
    namespace: dict = {}
    exec(compile("from __future__ import annotations\n" + code, "repro", "exec"), namespace)  # noqa: S102
    _, inputs = namespace["build"]()
    _, wanted = suite.builder(case)()
    assert all((a == b).all() for got, want in zip(inputs, wanted, strict=True)
               for a, b in zip(got, want, strict=True))


def test_a_generated_case_is_its_graph_as_a_literal() -> None:
    suites = ROOT / "suites"
    case = repro_case.find_case(suites, "synthetic/random_graphs/s0003-n25")
    assert case is not None
    code = repro_case.standalone(case)
    assert repro_case.convtrack_imports(code) == []
    namespace: dict = {}
    exec(compile("from __future__ import annotations\n" + code, "repro", "exec"), namespace)  # noqa: S102
    graph = namespace["GRAPH"]  # torch is imported only inside the functions: the literal evaluates here
    assert graph.text() == synthetic.generate(3, 25, case.meta["generator"].get("ops")).text()
    assert callable(namespace["build"]) and callable(namespace["build_graph"])


def test_other_convtrack_imports_are_refused(tmp_path: Path) -> None:
    write_case(tmp_path, "models/bad.py", SEEDED_CASE.replace("from convtrack.suite import seeded",
                                                               "from convtrack.store import now"))
    case = repro_case.find_case(tmp_path, "models/bad")
    assert case is not None
    with pytest.raises(repro_case.StandaloneError, match="convtrack.store"):
        repro_case.standalone(case)
