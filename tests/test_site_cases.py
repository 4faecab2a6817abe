"""Case pages' repro scripts: one per failing converter result, none for harness outcomes, record text inert."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import write_case
from convtrack import repro_case
from convtrack.site import cases as site_cases

HOSTILE = 'c"\nimport os; os.system("touch PWNED")\n'


def _row(outcome: str = "convert_error", **extra: str) -> dict:
    return {"converter": "torch.onnx", "framework": "torch", "cell": "torch2.9.0-onnx1.17.0", "case": "models/x",
            "opset": 17, "mode": "dynamo", "outcome": outcome, "record_id": "abc123abc123",
            "versions": {"python": "3.11.7", "torch": "2.9.0", "onnx": "1.17.0"}, **extra}


def _case(tmp_path: Path) -> repro_case.suite.Case:
    write_case(tmp_path, "models/x.py", 'CASE = {"converter": "torch.onnx"}\n\n\ndef build():\n    return None, []\n')
    case = repro_case.find_case(tmp_path, "models/x")
    assert case is not None
    return case


def test_one_script_per_failing_converter_result(tmp_path: Path) -> None:
    rows = [_row(), _row("pass", record_id="p"), _row("env_error", record_id="e"), _row("mismatch", record_id="m")]
    scripts = site_cases.repro_scripts(_case(tmp_path), rows, site_cases.Sidecars(None))
    assert sorted(scripts) == ["repro/models--x--abc123abc123.py", "repro/models--x--m.py"]
    assert site_cases.repro_file("models/x", _row("harness_error")) is None
    assert site_cases.repro_scripts(None, rows, site_cases.Sidecars(None)) == {}  # no case file: no script


def test_hostile_record_values_stay_text(tmp_path: Path) -> None:
    row = _row(cell=HOSTILE, signature=HOSTILE, record_id="../../x")
    scripts = site_cases.repro_scripts(_case(tmp_path), [row], site_cases.Sidecars(None))
    (name, text), = scripts.items()
    assert "/" not in name.removeprefix("repro/")  # the id cannot climb out of cases/repro/
    imports = [ast.unparse(n) for n in ast.walk(ast.parse(text)) if isinstance(n, ast.Import)]
    assert "import os" not in imports
