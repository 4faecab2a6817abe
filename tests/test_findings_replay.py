"""The replay track in the findings: runtime-only transitions per onnxruntime release pair, their themes and the
compatibility promise, from replay records written and read back by the real replay store code."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from convtrack import cli, findings, replay, store
from convtrack.findings import markdown
from convtrack.findings import replay as replay_findings
from findings_records import load, torch, write
from test_replay_track import rec

IR = "Fail: [ONNXRuntimeError] : N : FAIL : Load model from <path> failed:Unsupported model IR version: N"
LN = "InvalidArgument: Non-zero status code returned while running LayerNormalization node. Name:'node_ln_1'"
LN_OTHER_NAME = "InvalidArgument: Non-zero status code returned while running LayerNormalization node. Name:'node_ln_7'"


def _records() -> list[dict[str, Any]]:
    """Two models rejected for their IR version before 1.18.1, then by LayerNormalization on 1.21.1-1.22.1; one that
    always runs; one whose 1.21.1 replay is a harness outcome (never a side)."""
    out = []
    for case, artefact, ln in (("issues/a", "a" * 64, LN), ("issues/b", "b" * 64, LN_OTHER_NAME)):
        out += [rec("1.17.3", "load_error", artefact, case, signature=IR), rec("1.18.1", "pass", artefact, case),
                rec("1.21.1", "run_error", artefact, case, signature=ln),
                rec("1.22.1", "run_error", artefact, case, signature=ln), rec("1.24.4", "pass", artefact, case)]
    out += [rec(v, "pass", "c" * 64, "issues/c") for v in ("1.17.3", "1.18.1", "1.21.1", "1.22.1", "1.24.4")]
    out += [rec(v, "env_error" if v == "1.21.1" else "pass", "d" * 64, "issues/d")
            for v in ("1.17.3", "1.18.1", "1.21.1", "1.22.1", "1.24.4")]
    return out


def _write(reports: Path, records: list[dict[str, Any]]) -> Path:
    by_cell: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in records:
        by_cell.setdefault((r["converter"], r["cell"]), []).append(r)
    for (converter, cell), part in by_cell.items():
        store.write_all(replay.records_root(reports) / converter / cell / "r1.jsonl", part)
    return reports


def _replay(tmp_path: Path) -> replay_findings.Replay:
    result = replay_findings.compute(replay.load(_write(tmp_path / "reports", _records())))
    assert result is not None
    return result


def test_counts_per_release_pair(tmp_path: Path) -> None:
    r = _replay(tmp_path)
    assert (r.records, r.models, r.releases) == (20, 4, ["1.17.3", "1.18.1", "1.21.1", "1.22.1", "1.24.4"])
    assert r.source_cells == ["torch2.15.0-ort1.20.1-onnx1.17.0"]
    got = {(p.before, p.after): (p.models, p.regressions, p.fixes, p.changed) for p in r.pairs}
    # the IR version the two models need is read from 1.18.1 on: set apart, no fix (replay_track.predates)
    assert got == {("1.17.3", "1.18.1"): (4, 0, 0, 0), ("1.18.1", "1.21.1"): (3, 2, 0, 0),
                   ("1.21.1", "1.22.1"): (3, 0, 0, 0), ("1.22.1", "1.24.4"): (4, 0, 2, 0),
                   ("1.18.1", "1.22.1"): (1, 0, 0, 0)}  # the model whose 1.21.1 replay is a harness outcome
    assert [(p.before, p.after) for p in r.pairs][:2] == [("1.17.3", "1.18.1"), ("1.18.1", "1.21.1")]
    assert (r.totals["regressions"], r.totals["fixes"], r.totals["changed"], r.predates) == (2, 2, 0, 2)


def test_themes_group_one_failure_across_models_and_name_its_releases(tmp_path: Path) -> None:
    r = _replay(tmp_path)
    assert r.theme_count == 1  # the IR version the older release cannot read is no theme: set apart
    (ln,) = r.themes
    assert (ln.outcome, ln.regressions, ln.fixes, ln.changed, ln.models) == ("run_error", 2, 2, 0, 2)
    assert ln.releases == ["1.21.1", "1.22.1"] and ln.cases == ["issues/a", "issues/b"]
    assert replay_findings.span(ln.releases, r.releases) == "1.21.1–1.22.1"
    assert replay_findings.span(["1.17.3", "1.21.1", "1.22.1"], r.releases) == "1.17.3, 1.21.1–1.22.1"


def test_the_promise_counts_models_that_ran_and_fail_later(tmp_path: Path) -> None:
    r = _replay(tmp_path)
    assert (r.runs_everywhere, r.never_runs, r.broken_promise) == (2, 0, 2)
    assert r.runs_everywhere_share == 0.5 and r.promise_kept == 0.5
    by = {p.release: (p.ran, p.fail_later, p.first_failing) for p in r.promise}
    assert by["1.17.3"] == (2, 0, {})  # the two rejected for their IR version never ran before 1.18.1
    assert by["1.18.1"] == (4, 2, {"1.21.1": 2})
    assert by["1.21.1"] == (1, 0, {})  # the harness outcome is no result
    assert by["1.24.4"] == (4, 0, {})


def test_no_replay_records_no_replay_findings(tmp_path: Path) -> None:
    assert replay_findings.compute(replay.load(tmp_path / "none")) is None
    latest, found = load(write(tmp_path, [torch("2.6.0", "issues/a", "pass")]))
    result = findings.compute(latest, found)
    assert result.replay is None
    assert "No replay records" in markdown.render(result)


def test_the_findings_object_markdown_and_json_carry_the_replay_section(tmp_path: Path) -> None:
    reports = write(tmp_path, [torch("2.6.0", "issues/a", "pass")])
    _write(reports, _records())
    latest, found = load(reports)
    result = findings.compute(latest, found, replayed=replay.load(reports))
    assert result.replay is not None and result.replay.totals["fixes"] == 2
    assert any("4 kept models on 5 onnxruntime releases" in line for line in result.headlines)
    text = markdown.render(result)
    assert "## 7. The onnxruntime replay track" in text
    assert "| 1.18.1 → 1.21.1 | 3 | 2 (0) | 0 | 0 |" in text
    assert "| 1.18.1 | 4 | 2 | 50.0 % | 1.21.1 2 |" in text
    assert "LayerNormalization node" in text and "| 2 regressions, 2 fixes | 2 | 1.21.1–1.22.1 |" in text
    assert "2 changes are set apart, neither regression nor fix" in text
    data = json.loads(json.dumps(result.to_dict(), default=str))
    assert data["replay"]["totals"]["regressions"] == 2 and data["replay"]["broken_promise"] == 2


def test_the_command_reads_the_replay_records(tmp_path: Path) -> None:
    reports = write(tmp_path, [torch("2.6.0", "issues/a", "pass")])
    _write(reports, _records())
    assert cli.main(["--reports", str(reports), "--suites", str(tmp_path / "no-suites"), "findings", "--offline"]) == 0
    text = (reports / "FINDINGS.md").read_text()
    assert "## 7. The onnxruntime replay track" in text and "20 replay records of 4 kept models" in text
