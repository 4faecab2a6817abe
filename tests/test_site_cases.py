"""Case pages' reproduction scripts: valid POSIX sh, pinned packages, record values quoted for the shell."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from convtrack.site import cases as site_cases


def _row(cell: str, outcome: str = "convert_error") -> dict:
    return {"converter": "torch.onnx", "framework": "torch", "cell": cell, "case": "models/x", "opset": 17,
            "mode": "dynamo", "outcome": outcome, "versions": {"python": "3.11.7", "torch": "2.9.0",
                                                               "onnx": "1.17.0"}}


def test_script_pins_the_cells_packages(tmp_path: Path) -> None:
    text = site_cases.script("models/x", [_row("torch2.9.0-onnx1.17.0")])
    path = tmp_path / "x.sh"
    path.write_text(text)
    subprocess.run(["sh", "-n", str(path)], check=True)
    assert 'CELL="${1:-torch2.9.0-onnx1.17.0}"' in text and "PY=3.11" in text
    assert "set -- onnx==1.17.0 torch==2.9.0 ;;" in text
    assert site_cases.command("models/x", _row("c")) == "sh models--x.sh c 17 dynamo"


def test_hostile_record_values_are_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    cell = f"a$(touch {marker})`touch {marker}`;b"
    path = tmp_path / "x.sh"
    path.write_text(site_cases.script("models/x", [_row(cell)]))
    subprocess.run(["sh", "-n", str(path)], check=True)
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "uv").write_text("#!/bin/sh\necho \"uv $*\" >> \"$UV_LOG\"\nexit 1\n")
    (fake / "uv").chmod(0o755)
    env = dict(os.environ, PATH=f"{fake}:{os.environ['PATH']}", UV_LOG=str(tmp_path / "uv.log"))
    unknown = subprocess.run(["sh", str(path), "other"], env=env, capture_output=True, text=True, cwd=tmp_path)
    assert unknown.returncode == 2 and "recorded cells" in unknown.stderr
    subprocess.run(["sh", str(path)], env=env, capture_output=True, text=True, cwd=tmp_path)  # the default cell
    assert not marker.exists()
    assert cell in (tmp_path / "uv.log").read_text()  # reached uv as one literal argument


def test_a_version_smuggling_a_uv_option_never_reaches_uv_as_an_option(tmp_path: Path) -> None:
    row = _row("torch2.9.0-onnx1.17.0")
    row["versions"] = {**row["versions"], "torch": "2.15.0 --index-url=http://127.0.0.1:9/simple",
                       "onnx": "1.17.0 *", "numpy": "1.26.4"}
    path = tmp_path / "x.sh"
    path.write_text(site_cases.script("models/x", [row]))
    subprocess.run(["sh", "-n", str(path)], check=True)
    fake = tmp_path / "bin"
    fake.mkdir()
    # one line per argument, so a split argument shows as two lines
    (fake / "uv").write_text('#!/bin/sh\n[ "$1" = venv ] && exit 0\nfor a in "$@"; do echo "$a" >> "$UV_LOG"; done\n'
                             'exit 1\n')
    (fake / "uv").chmod(0o755)
    log = tmp_path / "uv.log"
    env = dict(os.environ, PATH=f"{fake}:{os.environ['PATH']}", UV_LOG=str(log))
    subprocess.run(["sh", str(path)], env=env, capture_output=True, text=True, cwd=tmp_path)
    args = log.read_text().splitlines()
    assert "numpy==1.26.4" in args
    assert not any("index-url" in a or "127.0.0.1" in a or a == "*" for a in args), args
    assert "2 recorded version(s) are not NAME==VERSION" in path.read_text()
