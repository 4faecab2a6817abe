"""uptodate: a stamp gives the environment lock only while the request and the environment are unchanged."""

from __future__ import annotations

import os
from pathlib import Path

from convtrack import uptodate


def venv(root: Path) -> Path:
    (root / "bin").mkdir(parents=True)
    (root / "bin" / "python").write_text("")
    (root / "lib" / "python3.11" / "site-packages").mkdir(parents=True)
    return root


def test_the_lock_holds_until_the_request_or_the_environment_changes(tmp_path: Path) -> None:
    env, work = venv(tmp_path / "env"), tmp_path / "work"
    assert uptodate.lock(work, "cell", ["torch==2.15.0"]) is None  # no stamp yet
    uptodate.write(work, "cell", ["torch==2.15.0"], env, "abc")
    assert uptodate.lock(work, "cell", ["torch==2.15.0"]) == "abc"
    assert uptodate.lock(work, "cell", ["torch==2.15.0", "onnx==1.17.0"]) is None  # another request
    assert uptodate.lock(work, "other", ["torch==2.15.0"]) is None
    site = env / "lib" / "python3.11" / "site-packages"
    before = site.stat().st_mtime_ns
    (site / "numpy-2.0.0.dist-info").mkdir()  # a distribution installed since
    if site.stat().st_mtime_ns == before:  # a coarse clock: make the change visible as a real install would be
        os.utime(site, ns=(before + 1, before + 1))
    assert uptodate.lock(work, "cell", ["torch==2.15.0"]) is None


def test_a_missing_environment_or_a_broken_stamp_gives_no_lock(tmp_path: Path) -> None:
    env, work = venv(tmp_path / "env"), tmp_path / "work"
    uptodate.write(work, "cell", ["x"], env, "abc")
    (env / "bin" / "python").unlink()
    assert uptodate.fingerprint(env) is None and uptodate.lock(work, "cell", ["x"]) is None
    uptodate.stamp_path(work, "cell").write_text("{not json")
    assert uptodate.lock(work, "cell", ["x"]) is None
