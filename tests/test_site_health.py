"""Health banners (harness failures never read as converter results) and failure signatures."""

from __future__ import annotations

from pathlib import Path

from convtrack import analysis, store
from convtrack.site import health as site_health
from convtrack.site.common import latest_rows
from test_site import make_reports


def _rec(cell: str, case: str, outcome: str, **extra: object) -> store.Record:
    return store.Record(run_id="r", converter="torch.onnx", framework="torch", cell=cell, case=case,
                        case_kind="model", case_hash="h", opset=17, mode="legacy",
                        versions={"torch": cell[5:]}, outcome=outcome, **extra)  # type: ignore[arg-type]


def test_banners_for_env_error_build_error_and_all_crash_cells(tmp_path: Path) -> None:
    store.write_all(tmp_path / "records" / "a.jsonl", [
        _rec("torch2.1.0", "models/a", "crash", error="worker died: SIGSEGV"),
        _rec("torch2.1.0", "models/b", "crash"),
        _rec("torch2.1.0", "models/c", "not_applicable"),
        _rec("torch2.2.0", "models/a", "build_error", error="ValueError: too few seeds"),
        _rec("torch2.2.0", "models/b", "pass"),
        _rec("torch2.3.0", "models/a", "crash"),
        _rec("torch2.3.0", "models/b", "pass"),
    ])
    cells, banners = site_health.health(latest_rows(analysis.load(tmp_path)))
    assert [c["cell"]["cell"] for c in cells] == ["torch2.1.0", "torch2.2.0", "torch2.3.0"]
    assert [(b["cell"], b["outcome"]) for b in banners] == [("torch2.1.0", "crash"), ("torch2.2.0", "build_error")]
    assert banners[0]["example"] == "worker died: SIGSEGV" and banners[1]["cases"] == ["models/a"]
    assert all(c["newest"] for c in cells)


def test_signatures_group_failures_with_versions(tmp_path: Path) -> None:
    groups = site_health.signatures(latest_rows(analysis.load(make_reports(tmp_path))))
    by = {(g["converter"], g["signature"]): g for g in groups}
    evil = by[("torch.onnx", "RuntimeError: <script>alert(1)</script>")]
    assert evil["count"] == 2 and evil["versions"] == ["2.9.0"] and evil["opsets"] == [17, 18]
    assert by[("torch.onnx", "(mismatch, no signature)")]["versions"] == ["2.8.0", "2.9.0"]
    assert groups[-1]["harness"] and groups[-1]["outcomes"] == ["env_error"]  # harness problems last


def test_signatures_and_details_show_blame_and_the_first_diverging_node(tmp_path: Path) -> None:
    from convtrack import witness
    from convtrack.site.common import detail

    converter = {"verdict": "converter", "reason": "the reference evaluator and onnxruntime agree", "reference": None}
    first = {"against": "framework", "op_type": "Div", "node": "/Div", "output": "/Div_output_0", "max_abs": 1.0}
    store.write_all(tmp_path / "records" / "a.jsonl", [
        _rec("torch2.1.0", "issues/a", "mismatch", blame=converter, first_divergence=first),
        _rec("torch2.2.0", "issues/a", "mismatch", blame=converter, first_divergence=first),
        _rec("torch2.2.0", "issues/b", "mismatch", blame={**converter, "verdict": "unknown"}),
    ])
    rows = latest_rows(analysis.load(tmp_path))
    witness.annotate(rows, [])
    groups = site_health.signatures(rows)
    div = next(g for g in groups if g["key"] == "(mismatch first diverging at Div)")
    assert div["count"] == 2 and div["blame"] == {"converter": 2} and div["blame_attr"] == "converter"
    assert div["first_seen"] == "torch 2.1.0" and div["last_seen"] == "torch 2.2.0"
    text = detail(next(r for r in rows if r["case"] == "issues/a"))
    assert "blame: converter: the reference evaluator" in text
    assert "first diverging node (framework): Div /Div -> /Div_output_0 (max_abs 1)" in text
