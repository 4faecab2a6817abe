"""Locked, atomic writes, with real processes: lock files, concurrent merges and site builds, a full disk."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, write_case
from convtrack import lock, matrix, plan, store, suite

ENV = dict(os.environ, PYTHONPATH=str(ROOT / "src"))


def _rec(run_id: str, case: str) -> store.Record:
    return store.Record(run_id=run_id, converter="torch.onnx", framework="torch", cell="torch2.6.0-ort1.20.1",
                        case=case, case_kind="model", case_hash="h", opset=17, mode="legacy",
                        versions={"torch": "2.6.0"}, outcome="pass")


def test_a_lock_of_a_dead_pid_is_taken_over_and_a_live_one_waited_for(tmp_path: Path) -> None:
    path = tmp_path / lock.LOCK_NAME
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    path.write_text(f"{dead.pid}\n")  # left behind by a holder that died
    with lock.FileLock(path, timeout=1):
        assert path.read_text().strip() == str(os.getpid())
    holder = subprocess.Popen([sys.executable, "-c", f"""
import sys, time
sys.path.insert(0, {str(ROOT / 'src')!r})
from convtrack import lock
with lock.FileLock(__import__('pathlib').Path({str(path)!r})):
    print('held', flush=True)
    time.sleep(30)
"""], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        try:
            with lock.FileLock(path, timeout=0.5, log=None):
                raise AssertionError("acquired a lock a live process holds")
        except lock.LockTimeout as exc:
            assert str(holder.pid) in str(exc)
    finally:
        holder.kill()
        holder.wait()
    with lock.FileLock(path, timeout=5):  # the kernel released the killed holder's lock
        pass


def test_two_concurrent_merges_of_one_shard_write_each_record_once(tmp_path: Path) -> None:
    shard = tmp_path / "shard"
    store.write_all(store.run_file(shard, "torch.onnx", "torch2.6.0-ort1.20.1", "run1"),
                    [_rec("run1", f"models/m{i}") for i in range(3000)])
    into = tmp_path / "into"
    cmd = [sys.executable, "-m", "convtrack.cli", "--matrix-dir", str(ROOT / "matrix"), "merge", str(shard),
           "--into", str(into)]
    procs = [subprocess.Popen(cmd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    ids = [r["record_id"] for r in store.load(into)]
    assert len(ids) == 3000 == len(set(ids))


def test_concurrent_site_builds_both_succeed_and_leave_one_whole_site(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    store.write_all(store.run_file(reports, "torch.onnx", "torch2.6.0-ort1.20.1", "run1"),
                    [_rec("run1", f"models/m{i}") for i in range(20)])
    out = tmp_path / "site"
    cmd = [sys.executable, "-m", "convtrack.cli", "--reports", str(reports), "--suites", str(tmp_path / "none"),
           "--matrix-dir", str(ROOT / "matrix"), "site", "build", "--offline", "--out", str(out)]
    for _ in range(2):
        procs = [subprocess.Popen(cmd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(2)]
        outs = [p.communicate(timeout=300) for p in procs]
        assert [p.returncode for p in procs] == [0, 0], outs
    assert (out / "index.html").exists() and (out / "static").is_dir()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site")) == [".site.convtrack.lock"]


def test_a_full_disk_stops_the_runner_cleanly_and_the_records_file_stays_valid(tmp_path: Path) -> None:
    """RLIMIT_FSIZE stands in for a full disk: past it, writes fail (EFBIG) exactly as they would with ENOSPC."""
    root = tmp_path / "suites"
    for i in range(30):
        write_case(root, f"models/m{i:02}.py", 'CASE = {"converter": "torch.onnx"}\ndef build(): pass\n')
    cases = suite.discover(root)
    cell = matrix.Cell("torch.onnx", "torch", "3.11", {"torch": "2.15.0"}, {},
                       [matrix.Task(18, "legacy", na="excluded here")])  # no worker needed: cheap, still real
    plan_path = plan.write(plan.make(cell, cases, "full-disk"), tmp_path / "plan.json")
    out = tmp_path / "reports" / "out.jsonl"
    limit = 8000

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    proc = subprocess.run([sys.executable, "-m", "convtrack.cell.runner", "--plan", str(plan_path), "--out", str(out),
                           "--log", str(tmp_path / "log.txt"), "--quiet"], env=ENV, preexec_fn=cap,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 3, proc.stderr
    assert "Traceback" not in proc.stderr
    assert [ln for ln in proc.stderr.splitlines() if ln.strip()] == [proc.stderr.strip()]  # one message
    assert "stopped" in proc.stderr
    text = out.read_text()
    assert text.endswith("\n") and len(text) <= limit
    records = [json.loads(ln) for ln in text.splitlines()]
    assert 0 < len(records) < 30
    assert len(list(store.read_file(out))) == len(records)
    assert [r["case"] for r in records] == [c.id for c in cases[:len(records)]]
