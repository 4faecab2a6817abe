"""End to end as a new user: the wheel in a fresh virtual environment, run from an empty folder.

Builds the wheel (`pip wheel --no-deps`), installs it into a fresh venv, and from an empty folder runs
`convtrack init`, `matrix list`, `run` (one real cell: torch 2.15.0, one case, one opset), `site build`, and the
README's `gate` with a --find-links folder holding a real onnxruntime wheel as the candidate. Nothing comes from
the checkout at run time: the test asserts that the cells imported their runner from the installed package.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[1]
CANDIDATE = "onnxruntime==1.23.2"  # the candidate; the init matrix holds onnxruntime 1.20.1, the baseline


def sh(args: list[str], cwd: Path, env: dict[str, str], ok: tuple[int, ...] = (0,)) -> subprocess.CompletedProcess[str]:
    out = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=3600, check=False)
    assert out.returncode in ok, f"{args} -> {out.returncode}\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}"
    return out


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("uv") is None:
        pytest.skip(reason="uv is not installed")
    base = tmp_path_factory.mktemp("wheel")
    src = base / "src"  # a copy, so that building the wheel leaves nothing in the checkout
    skip = {".git", ".convtrack", ".nox", "reports", "site", "build", "dist"}  # at the top only: not convtrack/site

    def ignore(folder: str, names: list[str]) -> set[str]:
        top = Path(folder) == ROOT
        return {n for n in names if (top and n in skip) or n == "__pycache__" or n.endswith(".egg-info")}

    shutil.copytree(ROOT, src, ignore=ignore)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    sh([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(src), "-w", str(base / "dist")], base, env)
    wheel = next((base / "dist").glob("convtrack-*.whl"))
    sh(["uv", "venv", "-q", "-p", "3.11", str(base / "venv")], base, env)
    sh(["uv", "pip", "install", "-q", "--python", str(base / "venv" / "bin" / "python"), str(wheel)], base, env)
    return base / "venv"


def test_installed_wheel_from_an_empty_folder(venv: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env['PATH']}"
    here = tmp_path / "empty"
    here.mkdir()
    ct = str(venv / "bin" / "convtrack")

    sh([ct, "init", "proj"], here, env)
    proj = here / "proj"
    assert (proj / "convtrack.toml").is_file() and (proj / "suites" / "models" / "example_cnn.py").is_file()
    listed = json.loads(sh([ct, "matrix", "list", "--json"], proj, env).stdout)
    assert [c["id"] for c in listed] == ["torch2.15.0-ort1.20.1-onnx1.17.0"]

    sh([ct, "run"], proj / "suites", env)  # from a subfolder: the project is found upwards
    records = [json.loads(line) for f in (proj / "reports" / "records").rglob("*.jsonl") for line in f.open()]
    assert {(r["case"], r["mode"], r["opset"], r["outcome"]) for r in records} == {
        ("models/example_cnn", "legacy", 18, "pass"), ("models/example_cnn", "dynamo", 18, "pass")}
    assert all(r["versions"]["torch"] == "2.15.0" for r in records)
    (link,) = (proj / ".convtrack" / "harness").glob("*/convtrack")  # one folder per convtrack package location
    harness = link.resolve()
    assert harness.is_relative_to(venv.resolve()), harness  # the cell's runner is the installed package's
    assert any((proj / ".convtrack" / "nox").iterdir())  # nox environments: in the project, not the package

    shutil.rmtree(proj / "site")
    out = sh([ct, "site", "build", "--offline"], proj, env).stdout.strip()
    assert Path(out) == proj / "site" / "_build" / "index.html" and Path(out).is_file()
    assert (proj / "site" / "_build" / "static" / "style.css").is_file()
    assert "models/example_cnn" in Path(out).read_text()

    wheels = tmp_path / "wheels"  # the candidate: a real wheel in a --find-links folder, as the README shows
    got = subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:",
                          "--python-version", "3.11", CANDIDATE, "-d", str(wheels)], capture_output=True, text=True,
                         check=False)
    if got.returncode != 0:
        pytest.skip(reason=f"could not fetch the candidate wheel {CANDIDATE}: {got.stderr[-500:]}")
    gate = sh([ct, "gate", "--baseline", "onnxruntime==1.20.1", "--candidate", CANDIDATE, "--find-links",
               str(wheels), "--junit", "gate.xml", "--markdown", "summary.md", "--json"], proj, env)
    report = json.loads(gate.stdout)
    assert report["status"] == 0 and report["candidate_cell"] == "torch2.15.0-ort1.23.2-onnx1.17.0"
    assert {(r["case"], r["mode"], r["group"]) for r in report["rows"]} == {
        ("models/example_cnn", "legacy", "pass"), ("models/example_cnn", "dynamo", "pass")}
    assert "no triage file" in gate.stderr  # absent triage: said aloud, not silently empty
    suite_el = ET.parse(proj / "gate.xml").getroot().find("testsuite")
    assert suite_el is not None and suite_el.get("tests") == "2" and suite_el.get("failures") == "0"
    cases = suite_el.findall("testcase")
    assert {c.get("name") for c in cases} == {"opset18-legacy", "opset18-dynamo"}
    assert all(float(c.get("time", "0")) > 0 for c in cases)  # real stage timings, not "0"
    summary = (proj / "summary.md").read_text()
    assert "Gate passed" in summary and "| Pass | 2 |" in summary
    cell = proj / "reports" / "records" / "torch.onnx" / "torch2.15.0-ort1.23.2-onnx1.17.0"
    assert "onnxruntime==1.23.2" in next(cell.glob("*.env.json")).read_text()  # the candidate was installed
