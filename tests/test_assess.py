"""Blame and the first diverging node in a real torch 2.15.0 + onnxruntime 1.20.1 + onnx 1.17.0 cell, on issue
reproducers whose verdicts are known: the legacy exporter's int64 floor division (the converter's: the exported
Div truncates) and MaxPool ceil_mode (onnxruntime 1.20.1's: the reference evaluator computes torch's shape)."""

from __future__ import annotations

from pathlib import Path

import pytest

from test_runner import run_plan

pytestmark = pytest.mark.integration
SUITES = Path(__file__).resolve().parents[1] / "suites"

# MaxPool2d(3, stride 3, padding 1, ceil_mode) on a 2x2 map: torch gives 1x1; onnxruntime <= 1.20.1 gives 2x2
# (right from 1.21.0, torch unchanged); onnx 1.17's reference evaluator gives 1x1. H and W are dynamic, so the
# model declares no static output shape to disagree with (with static dims the legacy exporter declares onnx's
# inferred 2x2, which onnxruntime >= 1.21 then contradicts).
MAXPOOL = '''CASE = {"converter": "torch.onnx", "modes": ["legacy"], "dynamic": {"0": [2, 3]}}
def build():
    import torch
    from convtrack.suite import seeded
    return torch.nn.Sequential(torch.nn.MaxPool2d(3, stride=3, padding=1, ceil_mode=True)).eval(), \\
        seeded((1, 3, 2, 2))
'''


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory, cell_python: Path) -> dict[str, dict]:
    import os

    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1] / "src"))
    cases = {f"issues/{n}.py": (SUITES / "issues" / f"{n}.py").read_text()
             for n in ("pytorch_78442", "pytorch_131272", "pytorch_159295", "pytorch_128610", "pytorch_183528",
                       "pytorch_61034", "pytorch_111159")}
    cases["issues/maxpool_ceil.py"] = MAXPOOL
    cases["models/ok.py"] = '''CASE = {"converter": "torch.onnx"}
def build():
    import torch
    from convtrack.suite import seeded
    return torch.nn.Linear(4, 3).eval(), seeded((2, 4))
'''
    got = run_plan(tmp_path_factory.mktemp("assess"), cell_python, env, cases)
    return {r["case"]: r for r in got}


def test_converter_bug_is_blamed_on_the_converter_at_the_div(records: dict[str, dict]) -> None:
    rec = records["issues/pytorch_78442"]
    assert rec["outcome"] == "mismatch" and rec["schema"] == 3
    blame = rec["blame"]
    assert blame["verdict"] == "converter", blame
    assert blame["reference"]["vs_framework"] == "mismatch" and blame["reference"]["vs_onnxruntime"] == "pass"
    first = rec["first_divergence"]
    assert first["op_type"] == "Div" and first["against"] == "framework", first
    assert first["node"] == "/Div" and first["max_abs"] == 1.0
    assert rec["timings"]["blame_s"] > 0


def test_maxpool_ceil_mode_on_onnxruntime_1_20_1_is_blamed_on_the_runtime(records: dict[str, dict]) -> None:
    rec = records["issues/maxpool_ceil"]
    assert rec["outcome"] == "wrong_shape"
    assert rec["blame"]["verdict"] == "runtime", rec["blame"]
    assert rec["blame"]["reference"]["shapes"] == [[1, 3, 1, 1]]
    assert rec["first_divergence"] is None  # only a mismatch is localised


def test_avgpool_ceil_mode_reference_disagrees_with_both_so_unknown_with_a_reason(records: dict[str, dict]) -> None:
    # onnx 1.17's reference AveragePool gives 2x2 with other values than onnxruntime's: no witness agrees; the
    # host-side second witness (onnxruntime 1.23.2 passes, torch unchanged) is what says runtime
    rec = records["issues/pytorch_131272"]
    assert rec["outcome"] == "wrong_shape"
    assert rec["blame"]["verdict"] == "unknown" and "disagrees with both" in rec["blame"]["reason"]


def test_run_error_both_executors_reject_and_pass_carries_no_blame(records: dict[str, dict]) -> None:
    rec = records["issues/pytorch_159295"]
    assert rec["outcome"] == "run_error"
    assert rec["blame"]["verdict"] == "converter" and "both reject" in rec["blame"]["reason"]
    ok = records["models/ok"]
    assert ok["outcome"] == "pass" and ok["blame"] is None and ok["first_divergence"] is None


def test_a_run_error_is_judged_on_the_seed_onnxruntime_failed_on(records: dict[str, dict]) -> None:
    # the sequence length is frozen at export: seed 0 (the export's shape) runs, seeds 1 and 2 do not, and the
    # reference evaluator fails on them too -- the converter's (audit 2026-11-30: blamed runtime from seed 0)
    rec = records["issues/pytorch_128610"]
    assert rec["outcome"] == "run_error"
    assert rec["blame"]["verdict"] == "converter", rec["blame"]
    assert rec["blame"]["reference"]["seed"] != 0


def test_avgpool_ceil_mode_agreement_of_reference_and_onnxruntime_proves_nothing(records: dict[str, dict]) -> None:
    # onnx's reference AveragePool shares onnxruntime's ceil_mode divisor rule, the bug of pytorch#183528 itself
    rec = records["issues/pytorch_183528"]
    assert rec["outcome"] == "mismatch"
    assert rec["blame"]["verdict"] == "unknown" and "ceil_mode" in rec["blame"]["reason"], rec["blame"]


def test_a_first_divergence_is_named_only_where_it_was_measured(records: dict[str, dict]) -> None:
    first = records["issues/pytorch_61034"]["first_divergence"]
    assert first["op_type"] is None or first["max_abs"] is not None, first
    if first["op_type"] is None:
        assert first["reason"].startswith("undetermined"), first


def test_an_exceeded_budget_costs_the_blame_never_the_outcome(tmp_path: Path, cell_python: Path) -> None:
    import os

    from convtrack.cell import assess

    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1] / "src"),
               **{assess.BUDGET_ENV: "0.1"})  # less than the child needs to import onnx
    (rec,) = run_plan(tmp_path, cell_python, env,
                      {"issues/pytorch_78442.py": (SUITES / "issues" / "pytorch_78442.py").read_text()})
    assert rec["outcome"] == "mismatch"
    assert rec["blame"]["verdict"] == "unknown" and "exceeded its 0.1 s budget" in rec["blame"]["reason"]
    assert "budget" in rec["first_divergence"]["reason"]


def _run_cell(tmp_path: Path, python: Path, ort: str, cases: dict[str, str]) -> Path:
    """Run `cases` at opset 18 (legacy) in the cell of `python`, recorded under a reports tree as that cell."""
    import os
    import subprocess

    from conftest import write_case
    from convtrack import matrix, plan, store, suite

    root = tmp_path / "suites"
    for rel, body in cases.items():
        write_case(root, rel, body)
    cell = matrix.Cell("torch.onnx", "torch", "3.11", {"torch": "2.15.0", "onnxruntime": ort, "onnx": "1.17.0"}, {},
                       [matrix.Task(18, "legacy")])
    plan_path = plan.write(plan.make(cell, suite.discover(root), "run-" + ort), tmp_path / f"plan-{ort}.json")
    out = store.run_file(tmp_path / "reports", "torch.onnx", cell.id, "run-" + ort)
    out.parent.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1] / "src"))
    subprocess.run([str(python), "-m", "convtrack.cell.runner", "--plan", str(plan_path), "--out", str(out),
                    "--log", str(tmp_path / f"log-{ort}.txt"), "--quiet"], env=env, check=True, timeout=600)
    return tmp_path / "reports"


def test_maxpool_ceil_mode_moves_with_onnxruntime_alone_and_both_witnesses_say_runtime(
        tmp_path: Path, cell_python: Path, cell_python_ort_1_21: Path) -> None:
    from convtrack import analysis, transitions, witness

    static = MAXPOOL.replace(', "dynamic": {"0": [2, 3]}', "")
    cases = {"issues/maxpool_ceil.py": MAXPOOL, "issues/maxpool_static.py": static}
    _run_cell(tmp_path, cell_python, "1.20.1", cases)
    reports = _run_cell(tmp_path, cell_python_ort_1_21, "1.21.0", cases)
    df = analysis.load(reports)
    latest = analysis.latest(df).to_dict("records")
    by_ort = {r["axes"]["onnxruntime"]: r for r in latest if r["case"] == "issues/maxpool_ceil"}
    old, new = by_ort["1.20.1"], by_ort["1.21.0"]
    assert old["outcome"] == "wrong_shape" and new["outcome"] == "pass"
    assert old["blame"]["verdict"] == "runtime" and new["blame"] is None  # the cell's own witness
    found = witness.witnesses(transitions.find(df))
    shown = witness.shown(old, found)
    assert shown is not None and shown.source == "record+witness"  # the second witness agrees
    assert shown.witness == "onnxruntime 1.21.0: pass (torch 2.15.0 held)"
    # static dims: the legacy exporter declares onnx's inferred 2x2; onnxruntime 1.21.0 computes torch's 1x1, so
    # only the declaration is wrong
    fixed = {r["axes"]["onnxruntime"]: r for r in latest if r["case"] == "issues/maxpool_static"}
    assert fixed["1.20.1"]["blame"]["verdict"] == "runtime"
    assert fixed["1.21.0"]["outcome"] == "wrong_shape" and "declared_shape" in fixed["1.21.0"]["tags"]
    assert fixed["1.21.0"]["blame"]["verdict"] == "model-spec", fixed["1.21.0"]["blame"]


def test_a_node_that_only_copies_a_graph_input_is_not_the_first_divergence(records: dict[str, dict]) -> None:
    # pytorch#111159: the legacy index_add_ is Expand(y) -> ScatterElements; the Expand is y itself (no framework
    # intermediate holds y), the ScatterElements drops the update of a duplicate index
    first = records["issues/pytorch_111159"]["first_divergence"]
    assert first["op_type"] == "ScatterElements" and first["against"] == "framework", first
