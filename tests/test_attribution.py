"""Harness faults and crashes in a real torch cell worker: each is charged to the harness or to the case that
caused it, never to the converter or to the next case."""

from __future__ import annotations

from pathlib import Path

import pytest

from test_runner import OK, run_plan

pytestmark = pytest.mark.integration

KBINT = '''CASE = {"converter": "torch.onnx"}
def build():
    raise KeyboardInterrupt
'''
SYSEXIT = '''CASE = {"converter": "torch.onnx"}
def build():
    import sys
    sys.exit(0)
'''
# The disk fills while the exporter writes: the model's forward raises ENOSPC only while it is being exported.
ENOSPC = '''CASE = {"converter": "torch.onnx"}
def build():
    import errno
    import torch
    from convtrack.suite import seeded
    class Full(torch.nn.Linear):
        def forward(self, x):
            if torch.onnx.is_in_onnx_export():
                raise OSError(errno.ENOSPC, "No space left on device")
            return super().forward(x)
    return Full(4, 3).eval(), seeded((2, 4))
'''
# An exporter API without an argument the adapter passes (as torch 2.4.1's export has no dynamic_shapes): the
# case swaps in a narrower torch.onnx.export, so the adapter's keyword is unknown to it.
NARROW_API = '''CASE = {"converter": "torch.onnx", "dynamic": {"0": [0]}}
def build():
    import torch
    from convtrack.suite import seeded
    real = torch.onnx._convtrack_real_export = torch.onnx.export
    def export(model, args, f=None, *, opset_version=None, input_names=None, dynamo=False):
        return real(model, args, f, opset_version=opset_version, input_names=input_names, dynamo=dynamo)
    torch.onnx.export = export
    return torch.nn.Linear(4, 3).eval(), seeded((2, 4))
'''
RESTORE_API = '''CASE = {"converter": "torch.onnx"}
def build():
    import torch
    from convtrack.suite import seeded
    torch.onnx.export = torch.onnx._convtrack_real_export  # undo NARROW_API's swap
    return torch.nn.Linear(4, 3).eval(), seeded((2, 4))
'''
# Crashes after the result was sent: a timer thread the case left running, a finalizer that runs when the
# worker releases the case's model (between this task's result and the next task's start).
TIMER = '''CASE = {"converter": "torch.onnx"}
def build():
    import os, threading
    import torch
    from convtrack.suite import seeded
    threading.Timer(3, os.abort).start()
    return torch.nn.Linear(4, 3).eval(), seeded((2, 4))
'''
FINALIZER = '''CASE = {"converter": "torch.onnx"}
def build():
    import os, weakref
    import torch
    from convtrack.suite import seeded
    model = torch.nn.Linear(4, 3).eval()
    weakref.finalize(model, os.abort)
    return model, seeded((2, 4))
'''


def test_interruptions_and_malformed_case_values_are_harness_errors(tmp_path: Path, cell_python: Path,
                                                                    cell_env: dict[str, str]) -> None:
    records = run_plan(tmp_path, cell_python, cell_env, {
        "models/a_kbint.py": KBINT, "models/b_ok.py": OK, "models/c_sysexit.py": SYSEXIT,
        "models/d_badrtol.py": OK, "models/e_badtimeout.py": OK, "models/f_ok.py": OK,
    }, meta={"models/d_badrtol": {"rtol": "tight"}, "models/e_badtimeout": {"timeout": "soon"}})
    got = {r["case"]: r for r in records}
    assert len(records) == 6
    assert got["models/a_kbint"]["outcome"] == "harness_error"
    assert "KeyboardInterrupt" in got["models/a_kbint"]["reason"]
    assert got["models/c_sysexit"]["outcome"] == "harness_error"
    assert "SystemExit" in got["models/c_sysexit"]["reason"]
    assert got["models/d_badrtol"]["outcome"] == "harness_error"
    assert "'CASE.rtol': value 'tight'" in got["models/d_badrtol"]["reason"]
    assert got["models/e_badtimeout"]["outcome"] == "harness_error"
    assert "'CASE.timeout': value 'soon'" in got["models/e_badtimeout"]["reason"]
    assert got["models/b_ok"]["outcome"] == got["models/f_ok"]["outcome"] == "pass"


def test_environment_and_adapter_faults_are_not_converter_errors(tmp_path: Path, cell_python: Path,
                                                                 cell_env: dict[str, str]) -> None:
    records = run_plan(tmp_path, cell_python, cell_env, {
        "models/a_enospc.py": ENOSPC, "models/b_narrow_api.py": NARROW_API, "models/c_ok.py": RESTORE_API,
    })
    got = {r["case"]: r for r in records}
    assert got["models/a_enospc"]["outcome"] == "env_error"
    assert "ENOSPC" in got["models/a_enospc"]["reason"]
    assert got["models/b_narrow_api"]["outcome"] == "harness_error", got["models/b_narrow_api"]
    assert "adapter misuse" in got["models/b_narrow_api"]["reason"]
    assert "dynamic_axes" in got["models/b_narrow_api"]["error"]
    assert got["models/c_ok"]["outcome"] == "pass"


def test_crash_after_the_result_is_charged_to_the_case_that_caused_it(tmp_path: Path, cell_python: Path,
                                                                      cell_env: dict[str, str]) -> None:
    records = run_plan(tmp_path, cell_python, cell_env, {
        "models/a_timer.py": TIMER, "models/b_ok.py": OK, "models/c_finalizer.py": FINALIZER,
        "models/d_ok.py": OK, "models/e_finalizer_last.py": FINALIZER,
    })
    got = {r["case"]: r for r in records}
    assert [r["case"] for r in records] == sorted(got)  # one record each, in task order
    for crashed in ("models/a_timer", "models/c_finalizer", "models/e_finalizer_last"):
        assert got[crashed]["outcome"] == "crash", got[crashed]
        assert "SIGABRT" in got[crashed]["error"]
        assert "after_result:pass" in got[crashed]["tags"]
        assert got[crashed]["metrics"]["max_abs"] is not None  # the raw result is kept
    assert got["models/b_ok"]["outcome"] == got["models/d_ok"]["outcome"] == "pass"
