"""Which framework releases install here: uv's reasons parsed from its real output, the data file written and read,
the command's bad input, and the site page that shows it (escaped)."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from convtrack import cli, installability, site
from convtrack.installability import Entry, Interpreter
from installability_files import local_wheels, wheels

ROOT = Path(__file__).resolve().parents[1]
TARGET_311 = Interpreter("3.11", None, None)

needs_uv = pytest.mark.skipif(shutil.which("uv") is None, reason="uv is not installed")


def offline(cmd: list[str], stdin: str) -> tuple[int, str, str]:
    """The probe's real uv command with the index switched off: a real uv answer in milliseconds, no network."""
    return installability._run([*cmd[:-1], "--no-index", cmd[-1]], stdin)


def coloured(cmd: list[str], stdin: str) -> tuple[int, str, str]:
    """As `offline`, with uv's colours forced on (what a terminal gets)."""
    return installability._run([cmd[0], "--color", "always", *cmd[1:-1], "--no-index", cmd[-1]], stdin)


@needs_uv
def test_uv_refusing_a_release_is_not_installable_with_the_cause_and_hint_only() -> None:
    e = installability.probe("torch", "1.12.1", TARGET_311, runner=offline)
    assert e.installs is False and e.interpreter is None
    lines = e.reason.splitlines() if e.reason else []
    assert lines[0].startswith("Because torch was not found in the provided package locations and you require "
                               "torch==1.12.1")
    assert lines[1].startswith("hint: Packages were unavailable because index lookups were disabled")
    assert len(lines) == 2 and "No solution found" not in e.reason  # the generic header is dropped


@needs_uv
def test_colours_do_not_reach_the_reason() -> None:
    plain = installability.probe("torch", "1.12.1", TARGET_311, runner=offline)
    code, stderr, _ = coloured(installability.command(TARGET_311), "torch==1.12.1\n")
    assert code != 0 and "\x1b[" in stderr  # the colours were really there
    assert installability.reason(stderr) == plain.reason


@needs_uv
def test_a_probe_that_fails_is_neither_installable_nor_refused_and_loses_the_machine_path() -> None:
    interp = Interpreter("3.11", "3.11.0", "/nonexistent/pyenv/versions/3.11.0/bin/python")
    e = installability.probe("torch", "2.6.0", interp)
    assert e.installs is None
    assert e.reason is not None and e.reason.startswith("probe failed: ")
    assert "/nonexistent" not in e.reason and "<path>" in e.reason


def test_a_multi_line_cause_is_joined_into_one_line() -> None:
    # uv 0.13's layout of a cause that spans lines (`tensorflow==2.20.0` with `numpy==1.21.0` on CPython 3.11)
    stderr = ("error: No solution found when resolving dependencies\n"
              "  cause: Because tensorflow==2.20.0 depends on numpy>=1.26.0 and you require tensorflow==2.20.0, we "
              "can conclude that you require numpy>=1.26.0.\n"
              "         And because you require numpy==1.21.0, we can conclude that your requirements are "
              "unsatisfiable.\n")
    assert installability.reason(stderr) == (
        "Because tensorflow==2.20.0 depends on numpy>=1.26.0 and you require tensorflow==2.20.0, we can conclude "
        "that you require numpy>=1.26.0. And because you require numpy==1.21.0, we can conclude that your "
        "requirements are unsatisfiable.")
    assert installability.unsatisfiable(stderr)


def test_the_newest_patch_of_each_minor_from_the_oldest_of_interest() -> None:
    versions = ["1.7.1", "1.8.0", "1.8.1", "1.9.0", "2.0.0", "2.0.1", "2.1.0rc1", "2.1.0.dev1", "2.0.1+cpu", "bad"]
    assert installability.newest_per_minor(versions, "1.8") == ["1.8.1", "1.9.0", "2.0.1"]


def test_a_minor_without_an_interpreter_here_is_probed_as_a_target() -> None:
    [interp] = installability.interpreters(["3.99"])
    assert interp == Interpreter("3.99", None, None)
    cmd = installability.command(interp)
    assert cmd[cmd.index("--python-version") + 1] == "3.99" and "--python-platform" in cmd and "--python" not in cmd


def test_the_running_interpreter_is_always_found() -> None:
    found = {i.python: i for i in installability.interpreters()}
    here = found[f"{sys.version_info.major}.{sys.version_info.minor}"]
    assert here.version == ".".join(str(n) for n in sys.version_info[:3]) and here.path


@needs_uv
def test_probes_run_in_parallel_keep_release_then_interpreter_order() -> None:
    interps = [Interpreter("3.10", None, None), TARGET_311]
    entries = installability.probe_all("torch", ["2.0.1", "2.1.2"], interps, jobs=3, runner=offline)
    assert [(e.version, e.python) for e in entries] == [("2.0.1", "3.10"), ("2.0.1", "3.11"), ("2.1.2", "3.10"),
                                                        ("2.1.2", "3.11")]
    assert all(e.installs is False and e.reason for e in entries)


def _report(entries: list[Entry]) -> dict[str, object]:
    interps = [Interpreter("3.10", "3.10.13", "/x/bin/python"), TARGET_311]
    return installability.report("torch.onnx", "torch", "3.11", "1.8", entries, interps, "2026-11-30T00:00:00Z",
                                 "uv 0.13.9", "https://pypi.org/simple")


@needs_uv
def test_the_data_file_round_trips_and_names_no_interpreter_path(tmp_path: Path) -> None:
    refused = installability.probe("torch", "1.12.1", TARGET_311, runner=offline)
    fine = Entry("torch", "1.13.1", "3.10", "3.10.13", True, None, 9)
    path = installability.write(tmp_path, _report([fine, refused]))
    assert path == tmp_path / "installability" / "torch.onnx.json"
    data = installability.read(path)
    assert data["entries"] == [fine.to_dict(), refused.to_dict()]
    assert data["pythons"] == {"3.10": "3.10.13", "3.11": None} and data["releases"] == ["1.13.1", "1.12.1"]
    assert "/x/bin/python" not in path.read_text()
    assert installability.not_run(data, recorded=set()) == []  # 1.13.1 installs on 3.10, not on the matrix's 3.11


def test_a_malformed_file_names_the_file_the_key_and_the_value(tmp_path: Path) -> None:
    path = installability.write(tmp_path, _report([Entry("torch", "2.6.0", "3.11", "3.11.7", True, None, 20)]))
    data = json.loads(path.read_text())
    data["entries"][0]["installs"] = "yes"
    path.write_text(json.dumps(data))
    with pytest.raises(installability.InstallabilityError) as err:
        installability.read(path)
    assert str(err.value) == f"{path}: key 'entries[0].installs': value 'yes': expected bool or NoneType"
    found, problems = installability.read_all(tmp_path)
    assert found == [] and problems == [str(err.value)]


def test_the_command_exits_2_on_an_unknown_converter_or_python(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    base = ["--matrix-dir", str(ROOT / "matrix"), "--reports", str(tmp_path), "matrix", "installable"]
    assert cli.main([*base, "--converter", "coreml"]) == 2
    assert "key 'converter': value 'coreml': no matrix file declares it (known: tf2onnx, torch.onnx)" in \
        capsys.readouterr().err
    assert cli.main([*base, "--python", "3.x"]) == 2
    assert "--python: key 'python': value '3.x': expected a CPython minor" in capsys.readouterr().err
    assert not (tmp_path / "installability").exists()


def test_the_page_lists_what_cannot_be_installed_escaped_and_what_is_not_run(tmp_path: Path) -> None:
    hostile = "Because torch==1.12.1 has no wheels <script>alert(1)</script> for `cp311`"
    entries = [Entry("torch", "1.12.1", "3.11", "3.11.7", False, hostile),
               Entry("torch", "2.15.0", "3.11", "3.11.7", True, None, 30)]
    installability.write(tmp_path / "reports", _report(entries))
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


@pytest.mark.integration
@needs_uv
def test_torch_1_12_has_no_cp311_wheel_and_1_13_installs_on_3_10() -> None:
    refused = installability.probe("torch", "1.12.1", TARGET_311)
    assert refused.installs is False and refused.reason is not None
    assert "has no wheels with a matching Python ABI tag" in refused.reason and "`cp311`" in refused.reason
    assert installability.probe("torch", "1.13.1", Interpreter("3.10", None, None)).installs is True


@needs_uv
def test_each_kind_of_refusal_from_real_uv_answers(tmp_path: Path) -> None:
    runner = local_wheels(wheels(tmp_path / "wheels"))
    probed = {v: installability.probe("torch", v, TARGET_311, runner=runner) for v in ["1.12.1", "1.10.2", "2.0.1",
                                                                                     "2.5.1"]}
    failed = Entry("torch", "2.6.0", "3.11", None, None, "probe failed: timeout")
    fine = Entry("torch", "2.6.0", "3.11", None, True, None, 20)
    assert {v: installability.kind(e) for v, e in probed.items()} == {
        "1.12.1": installability.NO_WHEEL, "1.10.2": installability.NO_PLATFORM_WHEEL,
        "2.0.1": installability.NO_RESOLUTION,  # sympy is missing, not torch: the dependencies do not resolve
        "2.5.1": installability.NOT_ON_INDEX}
    assert [installability.short_reason(e) for e in [*probed.values(), failed, fine]] == [
        "no cp311 wheel", "no wheel for this platform", "its dependencies do not resolve", "not on the index",
        "probe failed", None]


@needs_uv
def test_the_typed_reader_gives_back_what_was_written(tmp_path: Path) -> None:
    refused = installability.probe("torch", "1.12.1", TARGET_311, runner=local_wheels(wheels(tmp_path / "w")))
    fine = Entry("torch", "1.13.1", "3.10", "3.10.13", True, None, 9)
    path = installability.write(tmp_path, _report([fine, refused]))
    report = installability.load(path)
    assert report.entries == [fine, refused] and report.path == path
    assert (report.converter, report.framework, report.matrix_python, report.oldest, report.uv) == (
        "torch.onnx", "torch", "3.11", "1.8", "uv 0.13.9")
    assert report.pythons == {"3.10": "3.10.13", "3.11": None} and report.releases == ["1.13.1", "1.12.1"]
    data = json.loads(path.read_text())
    data["entries"][0]["resolved"] = "nine"
    (tmp_path / "installability" / "tf2onnx.json").write_text(json.dumps(data))
    found, problems = installability.load_all(tmp_path)
    assert [r.converter for r in found] == ["torch.onnx"]
    assert problems == [f"{tmp_path / 'installability' / 'tf2onnx.json'}: key 'entries[0].resolved': value 'nine': "
                        "expected int or NoneType"]
