"""Synthetic cases: a generator file's expansion into suite cases, and 3 generated cases in a real torch cell."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import write_case
from convtrack import matrix, plan, store, suite, synthetic, synthetic_graph

GENERATOR = '''CASE = {"converter": "torch.onnx", "tags": ["synthetic"],
        "generator": {"count": 3, "min_ops": 5, "max_ops": 12, "seed": 4}}
def build(seed, size):
    from convtrack import synthetic
    return synthetic.build(seed, size)
'''


def test_plan_sizes_is_reproducible_and_bounded() -> None:
    plan_a = synthetic.plan_sizes(50, 5, 50, base_seed=10)
    assert plan_a == synthetic.plan_sizes(50, 5, 50, base_seed=10)
    assert [s for s, _ in plan_a] == list(range(10, 60))
    assert all(5 <= n <= 50 for _, n in plan_a) and len({n for _, n in plan_a}) > 5


def test_a_generator_file_expands_to_ordinary_cases(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_case(tmp_path, "synthetic/random_graphs.py", GENERATOR)
    cases = suite.discover(tmp_path)
    expected = [f"synthetic/random_graphs/s{s:04d}-n{n}" for s, n in synthetic.plan_sizes(3, 5, 12, 4)]
    assert [c.id for c in cases] == expected
    assert len({c.hash for c in cases}) == 3
    first = cases[0]
    assert first.kind == "synthetic" and first.meta["generated"]["seed"] == 4
    assert first.meta["generated"]["ops"] == synthetic_graph.generate(4, first.meta["generated"]["size"]).ops
    assert "synthetic" in first.tags and f"op:{first.meta['generated']['ops'][0]}" in first.tags
    assert suite.discover(tmp_path, select=[first.id]) == [first]
    # a change of the generator's source keeps the ids and changes every hash
    monkeypatch.setattr(synthetic, "source_hash", lambda: "0" * 64)
    changed = suite.discover(tmp_path)
    assert [c.id for c in changed] == [c.id for c in cases]
    assert not {c.hash for c in changed} & {c.hash for c in cases}


def test_bad_generator_params_name_the_key(tmp_path: Path) -> None:
    write_case(tmp_path, "synthetic/bad.py", GENERATOR.replace('"seed": 4', '"seed": 4, "colour": 1'))
    with pytest.raises(suite.CaseError, match="CASE.generator.colour"):
        suite.discover(tmp_path)
    write_case(tmp_path, "synthetic/bad.py", GENERATOR.replace('"min_ops": 5', '"min_ops": 50'))
    with pytest.raises(suite.CaseError, match="min_ops"):
        suite.discover(tmp_path)


def test_builder_passes_seed_and_size(tmp_path: Path) -> None:
    write_case(tmp_path, "synthetic/echo.py", GENERATOR.replace(
        "    from convtrack import synthetic\n    return synthetic.build(seed, size)", "    return seed, size"))
    case = suite.discover(tmp_path)[1]
    assert suite.builder(case)() == (case.meta["generated"]["seed"], case.meta["generated"]["size"])


def test_the_suite_file_lists_twenty_cases() -> None:
    root = Path(__file__).resolve().parents[1] / "suites"
    cases = suite.discover(root, select=["synthetic/random_graphs"])
    assert len(cases) == 20 and all(5 <= c.meta["generated"]["size"] <= 50 for c in cases)


@pytest.mark.integration
def test_three_generated_cases_run_in_a_real_cell(tmp_path: Path, cell_python: Path,
                                                  cell_env: dict[str, str]) -> None:
    write_case(tmp_path / "suites", "synthetic/random_graphs.py", GENERATOR)
    cases = suite.discover(tmp_path / "suites")
    cell = matrix.Cell("torch.onnx", "torch", "3.11", {"torch": "2.15.0"}, {}, [matrix.Task(18, "legacy")])
    plan_path = plan.write(plan.make(cell, cases, "test-run", case_timeout=120), tmp_path / "plan.json")
    out = tmp_path / "out.jsonl"
    subprocess.run([str(cell_python), "-m", "convtrack.cell.runner", "--plan", str(plan_path), "--out", str(out),
                    "--log", str(tmp_path / "log.txt")], env=cell_env, check=True, timeout=600)
    records = list(store.read_file(out))
    assert [r["case"] for r in records] == [c.id for c in cases]
    for rec, case in zip(records, cases, strict=True):
        assert rec["case_kind"] == "synthetic" and rec["case_hash"] == case.hash
        assert rec["outcome"] not in ("build_error", "crash", "timeout"), rec
        if rec["outcome"] == "pass":
            assert rec["model"]["nodes"] > 0 and rec["model"]["ops"]
