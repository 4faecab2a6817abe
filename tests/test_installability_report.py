"""The installability data file: written and read back (checked, and typed), a malformed one named, the kind of
each refusal from real uv answers, and the site page that shows it (escaped)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from convtrack import installability, installability_report, site
from convtrack.installability_report import NO_PLATFORM_WHEEL, NO_RESOLUTION, NO_WHEEL, NOT_ON_INDEX, Entry, Interpreter
from installability_files import TARGET_311, local_wheels, needs_uv, offline, wheels


def _report(entries: list[Entry]) -> dict[str, object]:
    interps = [Interpreter("3.10", "3.10.13", "/x/bin/python"), TARGET_311]
    return installability_report.report("torch.onnx", "torch", "3.11", "1.8", entries, interps,
                                        "2026-11-30T00:00:00Z", "uv 0.13.9", "https://pypi.org/simple")


@needs_uv
def test_the_data_file_round_trips_and_names_no_interpreter_path(tmp_path: Path) -> None:
    refused = installability.probe("torch", "1.12.1", TARGET_311, runner=offline)
    fine = Entry("torch", "1.13.1", "3.10", "3.10.13", True, None, 9)
    path = installability_report.write(tmp_path, _report([fine, refused]))
    assert path == tmp_path / "installability" / "torch.onnx.json"
    data = installability_report.read(path)
    assert data["entries"] == [fine.to_dict(), refused.to_dict()]
    assert data["pythons"] == {"3.10": "3.10.13", "3.11": None} and data["releases"] == ["1.13.1", "1.12.1"]
    assert "/x/bin/python" not in path.read_text()
    # 1.13.1 installs on 3.10, not on the matrix's 3.11
    assert installability_report.not_run(data, recorded=set()) == []


def test_a_malformed_file_names_the_file_the_key_and_the_value(tmp_path: Path) -> None:
    entry = Entry("torch", "2.6.0", "3.11", "3.11.7", True, None, 20)
    path = installability_report.write(tmp_path, _report([entry]))
    data = json.loads(path.read_text())
    data["entries"][0]["installs"] = "yes"
    path.write_text(json.dumps(data))
    with pytest.raises(installability_report.InstallabilityError) as err:
        installability_report.read(path)
    assert str(err.value) == f"{path}: key 'entries[0].installs': value 'yes': expected bool or NoneType"
    found, problems = installability_report.read_all(tmp_path)
    assert found == [] and problems == [str(err.value)]


def test_the_page_lists_what_cannot_be_installed_escaped_and_what_is_not_run(tmp_path: Path) -> None:
    hostile = "Because torch==1.12.1 has no wheels <script>alert(1)</script> for `cp311`"
    entries = [Entry("torch", "1.12.1", "3.11", "3.11.7", False, hostile),
               Entry("torch", "2.15.0", "3.11", "3.11.7", True, None, 30)]
    installability_report.write(tmp_path / "reports", _report(entries))
    out = tmp_path / "site"
    site.build(tmp_path / "reports", out, suites=None, online=False)
    html = (out / "installability.html").read_text()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<td>torch 1.12.1</td><td>3.11</td>" in html
    assert "Install on Python 3.11 but not yet run (1)" in html and "torch 2.15.0: no record" in html
    assert 'href="./installability.html"' in (out / "index.html").read_text()  # in the navigation


def test_without_a_data_file_the_page_says_how_to_make_it(tmp_path: Path) -> None:
    out = tmp_path / "site"
    site.build(tmp_path / "none", out, suites=None, online=False)
    html = (out / "installability.html").read_text()
    assert "No installability data yet" in html and "convtrack matrix installable" in html


@needs_uv
def test_each_kind_of_refusal_from_real_uv_answers(tmp_path: Path) -> None:
    runner = local_wheels(wheels(tmp_path / "wheels"))
    probed = {v: installability.probe("torch", v, TARGET_311, runner=runner) for v in ["1.12.1", "1.10.2", "2.0.1",
                                                                                     "2.5.1"]}
    failed = Entry("torch", "2.6.0", "3.11", None, None, "probe failed: timeout")
    fine = Entry("torch", "2.6.0", "3.11", None, True, None, 20)
    assert {v: installability_report.kind(e) for v, e in probed.items()} == {
        "1.12.1": NO_WHEEL, "1.10.2": NO_PLATFORM_WHEEL,
        "2.0.1": NO_RESOLUTION,  # sympy is missing, not torch: the dependencies do not resolve
        "2.5.1": NOT_ON_INDEX}
    assert [installability_report.short_reason(e) for e in [*probed.values(), failed, fine]] == [
        "no cp311 wheel", "no wheel for this platform", "its dependencies do not resolve", "not on the index",
        "probe failed", None]


@needs_uv
def test_the_typed_reader_gives_back_what_was_written(tmp_path: Path) -> None:
    refused = installability.probe("torch", "1.12.1", TARGET_311, runner=local_wheels(wheels(tmp_path / "w")))
    fine = Entry("torch", "1.13.1", "3.10", "3.10.13", True, None, 9)
    path = installability_report.write(tmp_path, _report([fine, refused]))
    report = installability_report.load(path)
    assert report.entries == [fine, refused] and report.path == path
    assert (report.converter, report.framework, report.matrix_python, report.oldest, report.uv) == (
        "torch.onnx", "torch", "3.11", "1.8", "uv 0.13.9")
    assert report.pythons == {"3.10": "3.10.13", "3.11": None} and report.releases == ["1.13.1", "1.12.1"]
    data = json.loads(path.read_text())
    data["entries"][0]["resolved"] = "nine"
    (tmp_path / "installability" / "tf2onnx.json").write_text(json.dumps(data))
    found, problems = installability_report.load_all(tmp_path)
    assert [r.converter for r in found] == ["torch.onnx"]
    assert problems == [f"{tmp_path / 'installability' / 'tf2onnx.json'}: key 'entries[0].resolved': value 'nine': "
                        "expected int or NoneType"]
