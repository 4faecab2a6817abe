"""Which framework releases install here, asked of uv: its reasons parsed from its real output, the interpreters
found, the probes run in parallel, and the command's bad input. The data file they make: test_installability_report.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from convtrack import cli, installability
from convtrack.installability_report import Interpreter
from installability_files import TARGET_311, needs_uv, offline

ROOT = Path(__file__).resolve().parents[1]


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


def test_the_command_exits_2_on_an_unknown_converter_or_python(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    base = ["--matrix-dir", str(ROOT / "matrix"), "--reports", str(tmp_path), "matrix", "installable"]
    assert cli.main([*base, "--converter", "coreml"]) == 2
    assert "key 'converter': value 'coreml': no matrix file declares it (known: tf2onnx, torch.onnx)" in \
        capsys.readouterr().err
    assert cli.main([*base, "--python", "3.x"]) == 2
    assert "--python: key 'python': value '3.x': expected a CPython minor" in capsys.readouterr().err
    assert not (tmp_path / "installability").exists()


@pytest.mark.integration
@needs_uv
def test_torch_1_12_has_no_cp311_wheel_and_1_13_installs_on_3_10() -> None:
    refused = installability.probe("torch", "1.12.1", TARGET_311)
    assert refused.installs is False and refused.reason is not None
    assert "has no wheels with a matching Python ABI tag" in refused.reason and "`cp311`" in refused.reason
    assert installability.probe("torch", "1.13.1", Interpreter("3.10", None, None)).installs is True
