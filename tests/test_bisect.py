"""Bisect: the pure search over fake probes, the verdicts, the real driver with stubbed cells, and one real
bisect (torch, issues/pytorch_118733) replayed from the probe records committed under reports/."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from convtrack import bisect, cellrun, cli, index, matrix, store, suite
from convtrack.bisect import NEW, OLD, SKIP, Target, cost_bound, search
from convtrack.transitions import State

ROOT = Path(__file__).resolve().parents[1]
TORCH = ["2.1.2", "2.2.0", "2.2.1", "2.2.2", "2.3.0", "2.3.1", "2.4.0", "2.4.1", "2.5.0", "2.5.1", "2.6.0"]


class Fake:
    """A probe over a version -> verdict table that counts its calls."""

    def __init__(self, table: dict[str, str]) -> None:
        self.table, self.calls = table, []  # type: ignore[var-annotated]

    def __call__(self, version: str) -> str:
        self.calls.append(version)
        return self.table[version]


def monotone(first_new: str, versions: list[str]) -> dict[str, str]:
    i = versions.index(first_new)
    return {v: OLD if k < i else NEW for k, v in enumerate(versions)}


@pytest.mark.parametrize("first_new", TORCH[1:])
def test_monotone_history_finds_every_boundary_within_the_bound(first_new: str) -> None:
    probe = Fake(monotone(first_new, TORCH))
    found = search(TORCH[0], TORCH[-1], TORCH[1:-1], probe)
    assert found.first_new == first_new and found.last_old == TORCH[TORCH.index(first_new) - 1]
    assert found.untested == []
    assert len(probe.calls) + 2 <= cost_bound(len(TORCH) - 2) == math.ceil(math.log2(9 + 1)) + 2 == 6


@pytest.mark.parametrize("n", range(0, 40))
def test_cost_bound_holds_for_every_size_and_boundary(n: int) -> None:
    versions = [f"1.{i}" for i in range(n + 2)]
    for b in range(1, n + 2):
        probe = Fake(monotone(versions[b], versions))
        found = search(versions[0], versions[-1], versions[1:-1], probe)
        assert found.first_new == versions[b]
        assert len(probe.calls) <= math.ceil(math.log2(n + 1))
    assert cost_bound(n) == math.ceil(math.log2(n + 1)) + 2


def test_non_monotone_history_still_ends_on_an_adjacent_old_new_pair() -> None:
    table = dict.fromkeys(TORCH, OLD) | {"2.2.1": NEW, "2.4.1": NEW, "2.5.0": NEW, "2.5.1": NEW, "2.6.0": NEW}
    found = search(TORCH[0], TORCH[-1], TORCH[1:-1], Fake(table))
    i = TORCH.index(found.first_new)
    assert table[found.first_new] == NEW and table[found.last_old] == OLD and TORCH[i - 1] == found.last_old


def test_unbuildable_candidates_are_skipped_like_git_bisect_125() -> None:
    table = monotone("2.3.0", TORCH) | {"2.3.1": SKIP, "2.2.2": SKIP}
    probe = Fake(table)
    found = search(TORCH[0], TORCH[-1], TORCH[1:-1], probe)
    assert found.first_new == "2.3.0" and found.last_old == "2.2.1"
    assert found.untested == ["2.2.2"]  # the boundary is 2.2.2 or 2.3.0: reported, not guessed
    assert "2.3.1" in probe.calls and "2.2.2" in probe.calls
    everything_skipped = search("1.0", "1.3", ["1.1", "1.2"], Fake({"1.1": SKIP, "1.2": SKIP}))
    assert (everything_skipped.last_old, everything_skipped.first_new, everything_skipped.untested) == (
        "1.0", "1.3", ["1.1", "1.2"])


def test_no_candidates_means_the_endpoints_are_the_boundary() -> None:
    found = search("2.2.2", "2.3.0", [], Fake({}))
    assert (found.last_old, found.first_new, found.probed) == ("2.2.2", "2.3.0", [])


def test_signature_matching_keeps_the_search_on_one_failure() -> None:
    failing, working = State("convert_error", "E: op X unsupported"), State("pass")
    regression = Target(failing, working, find_fix=False)
    assert regression.verdict(State("convert_error", "E: op X unsupported")) == NEW
    assert regression.verdict(State("pass")) == OLD
    assert regression.verdict(State("convert_error", "E: something else")) == SKIP  # another bug: skip
    assert regression.verdict(State("env_error", "uv failed")) == SKIP
    assert regression.verdict(State("build_error", "x")) == SKIP
    loose = Target(failing, working, find_fix=False, match=r"convert_error: E: ")
    assert loose.verdict(State("convert_error", "E: something else")) == NEW
    fix = Target(State("invalid_model", "S"), State("pass"), find_fix=True)
    assert fix.verdict(State("invalid_model", "S")) == OLD and fix.verdict(State("pass")) == NEW
    # a working endpoint that is itself a failure (mismatch -> crash, a changed failure bisected with --match):
    # its state counts as old
    numeric = Target(State("crash", "SIGSEGV"), State("mismatch"), find_fix=False)
    assert numeric.verdict(State("mismatch")) == OLD and numeric.verdict(State("crash", "SIGSEGV")) == NEW


def test_the_search_does_not_slide_onto_another_failure() -> None:
    sigs = {"2.1.2": State("pass"), "2.2.0": State("pass"), "2.2.1": State("run_error", "other"),
            "2.2.2": State("run_error", "other"), "2.3.0": State("convert_error", "ours"),
            "2.3.1": State("convert_error", "ours"), "2.4.0": State("convert_error", "ours")}
    target = Target(State("convert_error", "ours"), State("pass"), find_fix=False)
    found = search("2.1.2", "2.4.0", list(sigs)[1:-1], lambda v: target.verdict(sigs[v]))
    assert found.first_new == "2.3.0" and found.last_old == "2.2.0" and found.untested == ["2.2.1", "2.2.2"]


# --- the real driver with cellrun.execute stubbed: endpoint checks, record reuse, repro, env count -----------

CASE = '''CASE = {"converter": "torch.onnx", "issue": "https://github.com/pytorch/pytorch/issues/1"}
def build():
    pass
'''


@pytest.fixture
def fake_world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    (tmp_path / "suites" / "issues").mkdir(parents=True)
    (tmp_path / "suites" / "issues" / "pytorch_1.py").write_text(CASE)
    outcomes = monotone("2.3.0", TORCH)
    built: list[str] = []

    def execute(cell: matrix.Cell, cases: list[suite.Case], settings: cellrun.Settings, **_: Any) -> Path:
        built.append(cell.id)
        version = cell.axes["torch"]
        state = {OLD: ("invalid_model", "S"), NEW: ("pass", None)}.get(outcomes[version], ("env_error", "uv"))
        if version in ("2.2.2",):
            state = ("env_error", "no wheel")
        out = store.run_file(settings.reports, cell.converter, cell.id, settings.run_id)
        store.write_all(out, [store.Record(run_id=settings.run_id, converter=cell.converter,
                                           framework=cell.framework, cell=cell.id,
                                           case=c.id, case_kind=c.kind, case_hash=c.hash, opset=t.opset,
                                           mode=t.mode, versions=dict(cell.axes), outcome=state[0],
                                           signature=state[1]) for c in cases for t in cell.tasks])
        return out

    monkeypatch.setattr(cellrun, "execute", execute)
    monkeypatch.setattr(index, "candidates", lambda name, good, bad, pre=False: (
        [index.Release(index.Version(v), False, True, "") for v in TORCH[1:-1]], []))
    return {"root": tmp_path, "built": built}


def _argv(root: Path, *extra: str) -> list[str]:
    return ["--suites", str(root / "suites"), "--reports", str(root / "reports"), "bisect", "issues/pytorch_1",
            "--axis", "torch", "--good", "2.1.2", "--bad", "2.6.0", "--find-fix", "--json", *extra]


def test_driver_skips_unbuildable_stores_probes_and_reuses_them(fake_world: dict[str, Any],
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    root, built = fake_world["root"], fake_world["built"]
    assert cli.main(_argv(root)) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["boundary"] == {"last_bad": "2.2.1", "first_good": "2.3.0"} and first["untested"] == ["2.2.2"]
    assert first["held"] == {"onnxruntime": "1.20.1", "onnx": "1.17.0"}
    assert [p["verdict"] for p in first["probes"] if p["version"] == "2.2.2"] == [SKIP]
    assert len(first["environments_built"]) == len(built) <= first["cost_bound"] + 1  # one skip costs one more
    assert "--find-fix" in first["reproduce"] and "--good 2.3.0 --bad 2.2.1" in first["reproduce"]
    n_built = len(built)
    assert cli.main(_argv(root)) == 0  # the same bisect again: every probe is a stored record
    again = json.loads(capsys.readouterr().out)
    assert len(built) == n_built and again["environments_built"] == []
    assert again["boundary"] == first["boundary"]


def test_driver_refuses_endpoints_that_do_not_show_the_change(fake_world: dict[str, Any],
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    root = fake_world["root"]
    argv = _argv(root)
    argv[argv.index("--find-fix")] = "--pre"  # a regression search over a fix: the newer endpoint passes
    assert cli.main(argv) == 2
    assert "should fail" in capsys.readouterr().err


# --- the real bisect, replayed from the committed probe records ------------------------------------------------

REAL = ["bisect", "issues/pytorch_118733", "--axis", "torch", "--good", "2.6.0", "--bad", "2.1.2", "--opset", "17",
        "--mode", "legacy", "--find-fix", "--json"]


def test_real_bisect_of_pytorch_118733_reuses_the_stored_probes(capsys: pytest.CaptureFixture[str],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """issue 118733 (torch.where with a float scalar) says broken <= 2.2, fixed in 2.3; our runs agree.

    The probes were run once for real (torch 2.1.2, 2.6.0, then 2.3.1, 2.2.1, 2.2.2, 2.3.0 built with uv) and
    are committed under reports/records/; re-running the bisect must find them and build nothing.
    """
    case = next(c for c in suite.discover(ROOT / "suites") if c.id == "issues/pytorch_118733")
    stored = [r for r in store.load(ROOT / "reports") if r["case"] == case.id and r["case_hash"] == case.hash
              and r["opset"] == 17 and r["mode"] == "legacy"]
    assert len({r["versions"]["torch"] for r in stored}) >= 6, (
        "the committed probes are not of the case's current source: re-run the bisect once (the command's "
        "reproduce line) and commit its records")
    try:
        index.candidates("torch", "2.1.2", "2.6.0")
    except index.IndexError_ as exc:
        pytest.skip(reason=f"package index unreachable: {exc}")

    def no_build(*_: Any, **__: Any) -> Path:
        raise AssertionError("a stored probe was not reused: an environment would be built")

    monkeypatch.setattr(cellrun, "execute", no_build)
    assert cli.main(REAL) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["environments_built"] == []
    assert result["boundary"] == {"last_bad": "2.2.2", "first_good": "2.3.0"}
    assert result["endpoints"][0]["outcome"] == "invalid_model" and result["endpoints"][1]["outcome"] == "pass"
    probed = {p["version"]: p["outcome"] for p in result["probes"]}
    assert len(probed) + 2 <= result["cost_bound"] == 6 and len(probed) >= 3
    assert probed["2.3.0"] == "pass" and probed["2.2.2"] == "invalid_model"


# --- the endpoints must show the kind searched for, as the one classifier names it ---------------------------

def _probe(version: str, outcome: str, signature: str | None = None) -> bisect.Probe:
    return bisect.Probe(version, f"torch{version}", outcome, signature, "endpoint", False, "")


def test_a_loud_failure_that_became_silent_is_never_a_fix() -> None:
    lo, hi = _probe("2.6.0", "invalid_model", "S"), _probe("2.9.1", "wrong_shape")
    with pytest.raises(bisect.BisectError, match="became silent"):
        bisect.check_direction(lo, hi, find_fix=True, match=None)  # --good 2.9.1 --bad 2.6.0: refused
    bisect.check_direction(lo, hi, find_fix=False, match=None)  # searched as the regression it is


def test_a_changed_failure_needs_match() -> None:
    lo, hi = _probe("2.6.0", "convert_error", "E: a"), _probe("2.9.1", "convert_error", "E: b")
    with pytest.raises(bisect.BisectError, match="changed failure"):
        bisect.check_direction(lo, hi, find_fix=False, match=None)
    bisect.check_direction(lo, hi, find_fix=False, match="E: b")
    with pytest.raises(bisect.BisectError, match="not a regression"):
        bisect.check_direction(_probe("2.6.0", "convert_error", "E"), _probe("2.9.1", "pass"), False, None)
