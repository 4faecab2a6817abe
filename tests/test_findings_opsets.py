"""The opset a converter wrote when asked for another, from the records' produced_opset."""

from __future__ import annotations

from pathlib import Path

from convtrack import analysis
from convtrack.findings import markdown, opsets, rows

REPORTS = Path(__file__).resolve().parents[1] / "reports"


def row(release: str, asked: int, produced: int | None, case: str = "issues/x") -> dict:
    return {"converter": "torch.onnx", "framework": "torch", "axes": {"torch": release, "onnxruntime": "1.20.1"},
            "mode": "dynamo", "opset": asked, "produced_opset": produced, "case": case}


def test_only_combinations_with_another_opset_are_listed_with_every_opset_they_wrote() -> None:
    found = opsets.not_honoured([
        row("2.9.1", 17, 18), row("2.9.1", 17, 17, "issues/y"), row("2.9.1", 17, None, "issues/z"),  # z: no model
        row("2.10.0", 20, 20), row("2.5.1", 20, 18), row("2.5.1", 20, float("nan"), "issues/y")])  # type: ignore[arg-type]
    assert [(w.release, w.asked, w.models, w.other, w.written) for w in found] == [
        ("2.5.1", 20, 1, 1, {18: 1}), ("2.9.1", 17, 2, 1, {17: 1, 18: 1})]  # version order, 2.10.0 wrote 20
    assert markdown.written_text(found[1].written) == "17: 1, 18: 1"


def test_the_committed_records_show_the_dynamo_exporter_writing_18_when_asked_for_less() -> None:
    latest = rows.newest(rows.latest(analysis.load(REPORTS))).rows
    found = {(w.release, w.asked): w for w in opsets.not_honoured(latest) if w.mode == "dynamo"}
    assert found[("2.5.1", 17)].written == {18: found[("2.5.1", 17)].models}  # 2.5 never down-converts
    assert all(w.converter == "torch.onnx" for w in found.values())
    assert not any(w.mode == "legacy" for w in opsets.not_honoured(latest))  # legacy writes what it is asked
