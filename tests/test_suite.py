from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import write_case
from convtrack import suite

ROOT = Path(__file__).resolve().parents[1]

GOOD = '''CASE = {"converter": "torch.onnx", "tags": ["t"]}
def build():
    return None, []
'''


def test_discovery_ids_kinds_and_hashes(tmp_path: Path) -> None:
    write_case(tmp_path, "models/a.py", GOOD)
    issue = GOOD.replace('"tags"', '"issue": "https://github.com/p/p/issues/1", "tags"')
    write_case(tmp_path, "issues/pytorch_1.py", issue)
    write_case(tmp_path, "models/_helper.py", "x = 1")
    cases = {c.id: c for c in suite.discover(tmp_path)}
    assert set(cases) == {"models/a", "issues/pytorch_1"}
    assert cases["models/a"].kind == "model" and cases["issues/pytorch_1"].kind == "issue"
    assert len(cases["models/a"].hash) == 64


def test_hash_changes_with_source_and_id_does_not(tmp_path: Path) -> None:
    path = write_case(tmp_path, "models/a.py", GOOD)
    before = suite.discover(tmp_path)[0]
    path.write_text(GOOD + "# changed\n")
    after = suite.discover(tmp_path)[0]
    assert before.id == after.id and before.hash != after.hash


@pytest.mark.parametrize(
    ("body", "match"),
    [
        ("def build(): pass\n", "missing metadata"),
        ('CASE = {"converter": "torch.onnx", "colour": 1}\n', "CASE.colour"),
        ('CASE = {"kind": "model"}\n', "CASE.converter"),
        ('CASE = {"converter": "torch.onnx", "kind": "issue"}\n', "CASE.issue"),
        ("CASE = dict(converter=f())\n", "literal"),
    ],
)
def test_bad_metadata_names_file_and_key(tmp_path: Path, body: str, match: str) -> None:
    kind = "issues" if "issue" in body else "models"
    write_case(tmp_path, f"{kind}/bad.py", body)
    with pytest.raises(suite.CaseError, match=match) as err:
        suite.discover(tmp_path)
    assert "bad.py" in str(err.value)


def test_seeded_inputs_are_reproducible() -> None:
    a = suite.seeded((2, 3), (4,))
    b = suite.seeded((2, 3), (4,))
    assert len(a) == 3 and all((x == y).all() for s, t in zip(a, b, strict=False) for x, y in zip(s, t, strict=False))
    assert not (a[0][0] == a[1][0]).all()
    ints = suite.seeded((5,), dtype="int64", low=0, high=3)
    assert ints[0][0].dtype.name == "int64" and ints[0][0].max() < 3


def test_project_suite_meets_the_first_issue() -> None:
    cases = suite.discover(ROOT / "suites", "torch.onnx")
    assert sum(c.kind == "model" for c in cases) >= 6
    issues = [c for c in cases if c.kind == "issue"]
    assert len(issues) >= 6
    assert all(c.meta["issue"].startswith("https://github.com/") for c in issues)


def test_observed_results_do_not_change_the_hash(tmp_path: Path) -> None:
    path = write_case(tmp_path, "models/a.py", GOOD.replace('"tags"', '"observed": "", "tags"'))
    before = suite.discover(tmp_path)[0].hash
    path.write_text(GOOD.replace('"tags"', '"observed": {"torch 2.6.0": "legacy: pass",\n  "note": "é"}, "tags"'))
    assert suite.discover(tmp_path)[0].hash == before
    path.write_text(GOOD.replace('"tags"', '"observed": "", "tags"').replace("None, []", "None, [1]"))
    assert suite.discover(tmp_path)[0].hash != before


def test_editing_expect_ops_does_not_change_the_hash(tmp_path: Path) -> None:
    path = write_case(tmp_path, "models/a.py", GOOD.replace('"tags"', '"expect_ops": {"present": ["LSTM"]}, "tags"'))
    before = suite.discover(tmp_path)[0].hash
    path.write_text(GOOD.replace('"tags"', '"expect_ops": {"absent": ["Loop"], "min_opset": 13}, "tags"'))
    assert suite.discover(tmp_path)[0].hash == before


def test_a_case_module_is_importable_by_name_while_it_runs(tmp_path: Path) -> None:
    # the dynamo tracer resolves a traced function's module through sys.modules
    path = tmp_path / "issues" / "byname.py"
    path.parent.mkdir()
    path.write_text('CASE = {"converter": "torch.onnx"}\nimport sys\nSEEN = __name__ in sys.modules\n'
                    'def build():\n    return None, []\n')
    (case,) = suite.discover(tmp_path)
    module = suite.import_case(case)
    assert module.SEEN and sys.modules[module.__name__] is module


CALIBRATE = '''
import torch
from convtrack.suite import calibrate_batch_norm, seeded
torch.manual_seed(0)
model = torch.nn.Sequential(torch.nn.Conv2d(3, 4, 3), torch.nn.BatchNorm2d(4)).train()
out = calibrate_batch_norm(model, (2, 3, 8, 8))
conv, norm = model[0], model[1]
with torch.no_grad():
    batches = [conv(torch.from_numpy(x)) for (x,) in seeded((2, 3, 8, 8), seeds=range(100, 104))]
mean = torch.stack([b.mean(dim=(0, 2, 3)) for b in batches]).mean(0)
var = torch.stack([b.var(dim=(0, 2, 3)) for b in batches]).mean(0)  # unbiased, as BatchNorm keeps it
assert out is model and not model.training
assert torch.allclose(norm.running_mean, mean, atol=1e-6), (norm.running_mean, mean)
assert torch.allclose(norm.running_var, var, atol=1e-5), (norm.running_var, var)
print("ok")
'''


@pytest.mark.integration
def test_calibrate_batch_norm_measures_the_running_statistics_on_seeded_batches(
        cell_python: Path, cell_env: dict[str, str]) -> None:
    import subprocess

    done = subprocess.run([str(cell_python), "-c", CALIBRATE], env=cell_env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]
