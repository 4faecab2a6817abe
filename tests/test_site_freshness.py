"""The front page says when the index has a newer release than the newest measured (never asking offline)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from convtrack import analysis
from convtrack.site import freshness
from convtrack.site.common import latest_rows
from test_site import make_reports

SRC = Path(__file__).resolve().parents[1] / "src"


def _rows(tmp_path: Path) -> list[dict[str, object]]:
    return latest_rows(analysis.load(make_reports(tmp_path)))


def test_measured_and_stale(tmp_path: Path) -> None:
    rows = _rows(tmp_path)
    assert freshness.measured(rows) == {"torch": "2.10.0", "tensorflow": "2.12.1", "tf2onnx": "1.16.1"}
    asked: list[list[str]] = []

    def lookup(packages: list[str], timeout: float) -> dict[str, tuple[str, str]]:
        asked.append(packages)
        return {"torch": ("2.11.0", "2026-12-01T00:00:00Z"), "tf2onnx": ("1.16.1", "")}

    found = freshness.check(rows, online=True, lookup=lookup)
    assert found == {"checked": True, "stale": [{"package": "torch", "measured": "2.10.0", "newest": "2.11.0",
                                                 "uploaded": "2026-12-01"}]}
    assert freshness.check(rows, online=False, lookup=lookup) == {"checked": False, "stale": []}
    assert len(asked) == 1


def test_front_page_banner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from convtrack import site
    from test_site import make_suites

    monkeypatch.setenv("CONVTRACK_OFFLINE", "1")  # release dates from the records
    monkeypatch.setattr(freshness, "_newest_on_index", lambda p, t: {"torch": ("2.11.0", "2026-12-01T00:00:00Z")})
    reports, suites = make_reports(tmp_path), make_suites(tmp_path)
    html = site.build(reports, tmp_path / "on", suites=suites, online=True).read_text()
    assert "torch 2.11.0 is on the package index (uploaded 2026-12-01); the newest measured is 2.10.0" in html
    html = site.build(reports, tmp_path / "off", suites=suites, online=False).read_text()
    assert "Built offline: not checked" in html and "2.11.0" not in html


def test_report_names_each_converters_age_against_the_limit(tmp_path: Path) -> None:
    rows = _rows(tmp_path)
    newest = max(str(r["created"]) for r in rows if r["converter"] == "tf2onnx")
    now = dt.datetime.fromisoformat(newest.replace("Z", "+00:00")) + dt.timedelta(days=3)
    assert freshness.ages(rows, now)["tf2onnx"] == (newest, 3.0)
    stale, text = freshness.report(rows, 2, now, online=False)
    assert stale and f"- tf2onnx: newest record {newest}, 3.0 days old (**older than the limit**)" in text
    stale, text = freshness.report(rows, 30, now, online=False)
    assert not stale and text.startswith("# convtrack data is fresh\n")
    assert "the package index was not asked" in text
    stale, text = freshness.report([], 30, now, online=False)
    assert stale and "- no records at all" in text


def test_freshness_exits_one_on_old_data_and_zero_on_new(tmp_path: Path) -> None:
    reports = make_reports(tmp_path)

    def run(days: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "convtrack.cli", "--reports", str(reports), "freshness",
                               "--offline", "--max-age-days", days], capture_output=True, text=True,
                              env={"PYTHONPATH": str(SRC), "PATH": ""})

    old, new = run("0"), run("100000")
    assert (old.returncode, new.returncode) == (1, 0), old.stderr
    assert old.stdout.startswith("# convtrack data is stale") and "**older than the limit**" in old.stdout
    assert new.stdout.startswith("# convtrack data is fresh") and "tf2onnx: newest record" in new.stdout
    assert run("-1").returncode == 2
