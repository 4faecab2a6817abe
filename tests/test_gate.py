"""The gate with stubbed cells: groups, exit codes, triage (and expiry), JUnit XML structure, Markdown."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from convtrack import cellrun, cli, gate, matrix, store, suite, triage
from convtrack.transitions import State

ROOT = Path(__file__).resolve().parents[1]

CASE = '''CASE = {"converter": "torch.onnx"}
def build():
    pass
'''
# per torch version: case -> (outcome, signature, tier)
OUTCOMES: dict[str, dict[str, tuple[str, str | None, int | None]]] = {
    "2.15.0": {"synthetic/a": ("pass", None, 0), "synthetic/b": ("pass", None, 0),
               "synthetic/c": ("convert_error", "E: old", None), "synthetic/d": ("run_error", "R", None),
               "synthetic/e": ("pass", None, 0), "synthetic/f": ("pass", None, 0)},
    "2.16.0rc1": {"synthetic/a": ("pass", None, 0), "synthetic/b": ("convert_error", "E: new", None),
                  "synthetic/c": ("pass", None, 0), "synthetic/d": ("run_error", "R", None),
                  "synthetic/e": ("mismatch", None, 7), "synthetic/f": ("build_error", "B", None)},
}


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    for name in "abcdef":
        (tmp_path / "suites" / "synthetic").mkdir(parents=True, exist_ok=True)
        (tmp_path / "suites" / "synthetic" / f"{name}.py").write_text(CASE)
    built: list[matrix.Cell] = []
    calls: list[list[str] | None] = []

    def execute(cell: matrix.Cell, cases: list[suite.Case], settings: cellrun.Settings,
                install_args: list[str] | None = None, **_: Any) -> Path:
        built.append(cell)
        calls.append(install_args)
        table = OUTCOMES.get(cell.axes["torch"])
        out = store.run_file(settings.reports, cell.converter, cell.id, settings.run_id)
        recs = []
        for c in cases:
            for t in cell.tasks:
                o, sig, tier = table[c.id] if table else ("env_error", "uv: no matching distribution", None)
                recs.append(store.Record(run_id=settings.run_id, converter=cell.converter,
                                           framework=cell.framework, cell=cell.id, case=c.id,
                                         case_kind=c.kind, case_hash=c.hash, opset=t.opset, mode=t.mode,
                                         versions=dict(cell.axes), outcome=o, signature=sig,
                                         metrics={"tier": tier} if tier is not None else {}))
        store.write_all(out, recs)
        return out

    monkeypatch.setattr(cellrun, "execute", execute)
    return {"root": tmp_path, "built": built, "calls": calls}


def argv(root: Path, *extra: str, candidate: str = "torch==2.16.0rc1") -> list[str]:
    return ["--suites", str(root / "suites"), "--reports", str(root / "reports"), "gate", "--candidate", candidate,
            "--baseline", "torch==2.15.0", "--opset", "18", "--mode", "dynamo", "--triage",
            str(root / "triage.toml"), *extra]


def test_regression_exits_1_and_groups_every_case(world: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    root = world["root"]
    assert cli.main(argv(root, "--json")) == 1
    data = json.loads(capsys.readouterr().out)
    groups = {r["case"]: r["group"] for r in data["rows"]}
    assert groups == {"synthetic/a": "pass", "synthetic/b": "new_failure", "synthetic/c": "fix",
                      "synthetic/d": "unchanged_failure", "synthetic/e": "new_mismatch", "synthetic/f": "skipped"}
    assert data["status"] == 1 and data["candidate_cell"].startswith("torch2.16.0rc1-")
    assert [c.axes["torch"] for c in world["built"]] == ["2.15.0", "2.16.0rc1"]
    assert all([(t.opset, t.mode) for t in c.tasks] == [(18, "dynamo")] for c in world["built"])


def test_triage_suppresses_until_it_expires(world: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    root = world["root"]
    (root / "triage.toml").write_text(
        '[[known]]\ncase = "synthetic/b"\nreason = "known"\nissue = "https://github.com/x/y/issues/1"\n'
        '[[known]]\ncase = "synthetic/e"\nopset = 18\nmode = "dynamo"\nreason = "tier"\n'
        'issue = "https://github.com/x/y/issues/2"\nexpires = "2.17"\n')
    assert cli.main(argv(root)) == 0
    out = capsys.readouterr().out
    assert "Triaged (known) (2)" in out and "https://github.com/x/y/issues/1" in out and "PASS" in out
    # the same entry expiring at the candidate's release: it stops suppressing
    (root / "triage.toml").write_text((root / "triage.toml").read_text().replace('"2.17"', '"2.16.0rc1"'))
    assert cli.main(argv(root, "--json")) == 1
    rows = {r["case"]: r for r in json.loads(capsys.readouterr().out)["rows"]}
    assert rows["synthetic/e"]["group"] == "new_mismatch" and rows["synthetic/e"]["triage_expired"]
    assert rows["synthetic/b"]["group"] == "triaged"


def test_junit_is_valid_and_structured(world: dict[str, Any], tmp_path: Path) -> None:
    root = world["root"]
    junit, md = tmp_path / "out" / "gate.xml", tmp_path / "out" / "gate.md"
    (root / "triage.toml").write_text(
        '[[known]]\ncase = "synthetic/b"\nreason = "a <known> & \\"quoted\\" one"\n'
        'issue = "https://github.com/x/y/issues/1"\n')
    assert cli.main(argv(root, "--junit", str(junit), "--markdown", str(md))) == 1
    tree = ET.parse(junit)
    top = tree.getroot()
    assert top.tag == "testsuites"
    suites = top.findall("testsuite")
    assert len(suites) == 1
    cases = suites[0].findall("testcase")
    assert len(cases) == 6 == int(suites[0].get("tests", "0"))
    by_name = {(c.get("classname"), c.get("name")): c for c in cases}
    assert set(by_name) == {(f"synthetic.{n}", "opset18-dynamo") for n in "abcdef"}
    failures = [c for c in cases if c.find("failure") is not None]
    skipped = [c for c in cases if c.find("skipped") is not None]
    assert [c.get("classname") for c in failures] == ["synthetic.e"]
    assert {c.get("classname") for c in skipped} == {"synthetic.b", "synthetic.f"}
    assert suites[0].get("failures") == "1" and suites[0].get("skipped") == "2" and suites[0].get("errors") == "0"
    assert "<known>" in (by_name[("synthetic.b", "opset18-dynamo")].find("skipped").get("message") or "")  # type: ignore[union-attr]
    text = md.read_text()
    assert text.startswith("## convtrack gate") and "| New mismatches | 1 |" in text and "**failed**" in text


def test_environment_error_exits_2_with_an_error_testcase(world: dict[str, Any], tmp_path: Path) -> None:
    junit = tmp_path / "gate.xml"
    assert cli.main(argv(world["root"], "--junit", str(junit), candidate="torch==2.99.0")) == 2
    suite_el = ET.parse(junit).getroot().find("testsuite")
    assert suite_el is not None and suite_el.get("errors") == "1"
    assert any(c.find("error") is not None for c in suite_el.findall("testcase"))


def test_usage_errors_exit_2(world: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    root = world["root"]
    assert cli.main(argv(root, candidate="torch>=2.16")) == 2
    assert cli.main(argv(root, candidate="numpy==2.0.0")) == 2  # not an axis
    assert cli.main(argv(root, candidate=str(root / "missing-2.16.0-py3-none-any.whl"))) == 2
    (root / "triage.toml").write_text('[[known]]\ncase = "x"\n')
    assert cli.main(argv(root)) == 2
    assert "reason" in capsys.readouterr().err
    assert world["built"] == []


def test_local_wheel_and_find_links_reach_uv(world: dict[str, Any], tmp_path: Path) -> None:
    wheel = tmp_path / "torch-2.16.0rc1-cp311-cp311-linux_x86_64.whl"
    wheel.write_bytes(b"")
    assert cli.main(argv(world["root"], "--find-links", str(tmp_path), candidate=str(wheel))) == 1
    candidate = world["built"][1]
    assert candidate.pip_args()[0] == f"torch @ {wheel.resolve().as_uri()}"
    assert world["calls"] == [None, ["--find-links", str(tmp_path)]]


def test_committed_triage_file_parses() -> None:
    entries = triage.load(ROOT / "triage.toml")
    assert entries and all(e.issue.startswith("https://github.com/") and e.reason for e in entries)
    cases = {c.id for c in suite.discover(ROOT / "suites")}
    assert all(e.case in cases for e in entries)


def test_group_of_treats_harness_outcomes_as_skipped() -> None:
    assert gate.group_of(State("pass"), State("env_error")) == "skipped"
    assert gate.group_of(State("not_applicable"), State("convert_error", "x")) == "skipped"
    assert gate.group_of(None, State("pass")) == "skipped"
    assert gate.group_of(State("pass"), State("wrong_shape")) == "new_mismatch"


def _row(case: str, before: State, after: State, seconds: float = 1.5) -> gate.Row:
    return gate.Row(case, 18, "dynamo", before, after, gate.group_of(before, after), seconds=seconds)


def test_markdown_puts_became_silent_and_new_failures_first_with_links_and_collapses_long_lists() -> None:
    rows = [_row(f"models/p{i:02d}", State("pass"), State("pass")) for i in range(3)]
    rows += [_row(f"models/fix{i:02d}", State("run_error", "R"), State("pass")) for i in range(25)]
    rows += [_row("issues/loud", State("convert_error", "E"), State("mismatch", None, 7)),
             _row("models/new", State("pass"), State("convert_error", "E: new"))]
    spec = gate.Spec.parse("torch==2.16.0rc1")
    report = gate.Report(gate.Spec.parse("torch==2.15.0"), spec, "b", "c", rows, [])
    md = report.markdown("https://example.org/ct/")
    silent, new, fixes = (md.index("Became silent ("), md.index("### New failures (1)"),
                          md.index("<details><summary>Fixes (25)</summary>"))
    assert silent < new < fixes  # the worst first; the long list of fixes collapsed
    assert "[`issues/loud`](https://example.org/ct/cases/" in md
    assert "| **became silent** (in new mismatches) | 1 |" in md
    junit = ET.fromstring(report.junit().split("\n", 1)[1])
    times = [float(c.get("time", "0")) for c in junit.iter("testcase")]
    assert len(times) == 30 and all(t == 1.5 for t in times) and junit.get("time") == "45.000"


def test_compare_sums_both_sides_stage_timings() -> None:
    rec = {"case": "models/x", "opset": 18, "mode": "dynamo", "outcome": "pass", "timings": {"convert_s": 1.25,
                                                                                            "run_s": 0.5}}
    rows = gate.compare([rec], [dict(rec, timings={"convert_s": 2.0})], [], "2.16.0")
    assert rows[0].seconds == 3.75


def test_index_urls_and_extra_suites_reach_the_candidate_cell(world: dict[str, Any], tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    ours = tmp_path / "mine" / "models"
    ours.mkdir(parents=True)
    (ours / "mine.py").write_text(CASE)
    OUTCOMES["2.15.0"]["models/mine"] = OUTCOMES["2.16.0rc1"]["models/mine"] = ("pass", None, 0)
    try:
        status = cli.main(argv(world["root"], "--extra-suites", str(tmp_path / "mine"), "--json",
                               "--extra-index-url", "https://download.pytorch.org/whl/test/cpu"))
    finally:
        del OUTCOMES["2.15.0"]["models/mine"], OUTCOMES["2.16.0rc1"]["models/mine"]
    assert status == 1
    assert world["calls"] == [None, ["--extra-index-url", "https://download.pytorch.org/whl/test/cpu"]]
    assert "models/mine" in {r["case"] for r in json.loads(capsys.readouterr().out)["rows"]}


def test_extra_suite_reusing_one_of_our_ids_is_a_usage_error(world: dict[str, Any], tmp_path: Path) -> None:
    clash = tmp_path / "theirs" / "synthetic"
    clash.mkdir(parents=True)
    (clash / "a.py").write_text(CASE)
    assert cli.main(argv(world["root"], "--extra-suites", str(tmp_path / "theirs"))) == 2
    assert world["built"] == []


def test_regressions_carry_the_candidates_blame_into_text_and_summary() -> None:
    rec = {"case": "issues/x", "opset": 18, "mode": "legacy", "outcome": "pass"}
    bad = dict(rec, outcome="mismatch", blame={"verdict": "converter", "reason": "r", "reference": None})
    rows = gate.compare([rec, dict(rec, case="issues/y")], [bad, dict(rec, case="issues/y", outcome="convert_error")],
                        [], "2.16.0")
    assert [r.blame for r in rows] == ["converter", "converter"]  # a convert_error's by stage
    report = gate.Report(gate.Spec.parse("torch==2.15.0"), gate.Spec.parse("torch==2.16.0rc1"), "b", "c", rows, [])
    assert "[blame: converter]" in report.text() and "blame of the regressions: converter 2" in report.text()
    assert "| blame of the regressions: converter | 2 |" in report.markdown()
    assert report.to_dict()["blame"] == {"converter": 2}


def test_a_change_with_the_dynamo_exporters_onnxscript_moved_is_set_apart() -> None:
    base = {"converter": "torch.onnx", "case": "issues/x", "opset": 18, "mode": "dynamo", "outcome": "pass",
            "versions": {"torch": "2.2.2", "onnxscript": "0.1.0.dev20240327"}}
    cand = dict(base, outcome="convert_error", signature="E", versions={"torch": "2.3.1", "onnxscript": "0.1.0"})
    (row,) = gate.compare([base], [cand], [], "2.3.1")
    assert row.group == "stack_moved" and row.kind is None
    same = dict(cand, versions={"torch": "2.3.1", "onnxscript": "0.1.0.dev20240327"})
    assert gate.compare([base], [same], [], "2.3.1")[0].group == "new_failure"
    legacy = [dict(r, mode="legacy") for r in (base, cand)]  # the legacy exporter never imports onnxscript
    assert gate.compare(legacy[:1], legacy[1:], [], "2.3.1")[0].group == "new_failure"


def test_a_change_with_the_cases_own_package_moved_is_set_apart() -> None:
    base = {"converter": "torch.onnx", "case": "models/hf_opt", "case_hash": "h", "opset": 17, "mode": "legacy",
            "outcome": "pass", "versions": {"torch": "2.2.2", "transformers": "4.42.4"}}
    cand = dict(base, outcome="convert_error", signature="E", versions={"torch": "2.3.1", "transformers": "4.46.3"})
    assert gate.compare([base], [cand], [], "2.3.1")[0].group == "new_failure"
    (row,) = gate.compare([base], [cand], [], "2.3.1", {("models/hf_opt", "h"): ("transformers",)})
    assert row.group == "stack_moved" and row.kind is None


def test_the_converter_gated_is_the_one_whose_matrix_varies_the_candidates_package(
        capsys: pytest.CaptureFixture[str]) -> None:
    from convtrack.commands.gate import converter_of

    matrices = matrix.load_dir(ROOT / "matrix")
    assert converter_of(matrices, "tensorflow") == "tf2onnx"
    assert converter_of(matrices, "tf2onnx") == "tf2onnx"
    assert converter_of(matrices, "torch") == "torch.onnx"
    assert capsys.readouterr().err == ""  # one matrix each: nothing to say
    assert converter_of(matrices, "onnxruntime") == "torch.onnx"  # both matrices vary it: the default, said aloud
    assert "onnxruntime is an axis of tf2onnx, torch.onnx; gating torch.onnx" in capsys.readouterr().err
