"""The disk budget on a real temporary uv cache (six 1.16.0 and 1.17.0 as two "framework releases"): cells of one
release run together, a finished release's environments and cache entries go while the other release's stay, a
cell that does not fit waits or is refused with the figures; and `convtrack run --disk-budget` refuses for real."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import NO_MODEL_CASE, ROOT, convtrack_command, tiny_project
from convtrack import disk, disk_budget, matrix, parallel, run_summary, uv_cache

# a cell's stand-in session: builds its environment from the cache for real and says what it saw, then writes the
# status file a nox session writes (where its venv is), as convtrack.cellrun does
SESSION = """
import json, os, subprocess, sys
from pathlib import Path
from convtrack import run_summary
cell, version, work, cache = sys.argv[1], sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4])
venv = work / "nox" / cell
subprocess.run(["uv", "venv", "-q", "-p", "3.11", str(venv)], check=True)
subprocess.run(["uv", "pip", "install", "-q", "--python", str(venv / "bin" / "python"), f"six=={version}"], check=True)
six = sorted(p.name for p in next(cache.glob("wheels-v*")).joinpath("pypi", "six").iterdir() if p.is_symlink())
with open(work / "seen.jsonl", "a") as fh:
    fh.write(json.dumps({"cell": cell, "envs": sorted(os.listdir(work / "nox")), "six": six}) + "\\n")
run_summary.write_status(work, "r1", cell, 0, 1, "complete", venv=str(venv))
"""


def _cell(version: str, variant: str) -> matrix.Cell:
    return matrix.Cell("torch.onnx", "six", "3.11", {"six": version, "variant": variant}, {"six": f"=={version}"},
                       [matrix.Task(18, "legacy")])


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    if shutil.which("uv") is None:
        pytest.skip(reason="uv is not installed: pip install -e '.[test]' installs it")
    cache = tmp_path / "uv-cache"
    monkeypatch.setenv("UV_CACHE_DIR", str(cache))  # every uv below uses this cache, never the shared one
    for v in ("1.16.0", "1.17.0"):
        subprocess.run(["uv", "venv", "-q", "-p", "3.11", str(tmp_path / f"seed-{v}")], check=True)
        subprocess.run(["uv", "pip", "install", "-q", "--python", str(tmp_path / f"seed-{v}" / "bin" / "python"),
                        f"six=={v}"], check=True)
    return cache


def _budget(tmp_path: Path, cache: Path, cells: list[matrix.Cell], limit: int = 2**40,
            prune: bool = True) -> disk_budget.Budget:
    budget = disk_budget.Budget(limit, tmp_path / "work", prune, cache)
    for c in cells:
        budget.closures[c.id] = disk_budget.closure(c, c.pip_args())
    return budget


def test_cells_are_grouped_by_framework_release_in_first_seen_order() -> None:
    a1, b, a2 = _cell("1.16.0", "x"), _cell("1.17.0", "x"), _cell("1.16.0", "y")
    assert [c.id for c in disk_budget.order([a1, b, a2])] == [a1.id, a2.id, b.id]
    assert disk_budget.release_of(a1) == ("six", "1.16.0")


def test_the_closure_is_resolved_by_uv(cache: Path) -> None:
    assert disk_budget.closure(_cell("1.16.0", "x"), ["six==1.16.0"]) == {("six", "1.16.0")}
    # an unresolvable cell keeps its pins (it will record env_error and add nothing)
    assert disk_budget.closure(_cell("9.9.9", "x"), ["six==9.9.9"]) == {("six", "9.9.9")}


def test_a_finished_release_leaves_and_the_next_finds_its_own_entries(cache: Path, tmp_path: Path) -> None:
    a1, b, a2 = _cell("1.16.0", "x"), _cell("1.17.0", "x"), _cell("1.16.0", "y")
    cells = disk_budget.order([a1, b, a2])
    work = tmp_path / "work"
    (work / "nox").mkdir(parents=True)
    budget = _budget(tmp_path, cache, cells)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))

    def command(c: matrix.Cell) -> list[str]:
        return [sys.executable, "-c", SESSION, c.id, c.axes["six"], str(work), str(cache)]

    log = io.StringIO()
    ends = parallel.Scheduler(cells, command, env, 1, budget, out=log).run()
    assert {cid: e.status for cid, e in ends.items()} == {a1.id: 0, a2.id: 0, b.id: 0}
    seen = [json.loads(ln) for ln in (work / "seen.jsonl").read_text().splitlines()]
    assert [s["cell"] for s in seen] == [a1.id, a2.id, b.id]
    assert seen[1]["envs"] == sorted([a1.id, a2.id])  # both cells of six 1.16.0 ran side by side in time
    assert seen[2]["envs"] == [b.id]  # 1.16.0's environments were gone when 1.17.0's cell started
    assert seen[2]["six"] == ["1.17.0-py2.py3-none-any"]  # and so was its cache entry; 1.17.0's stayed
    assert "six 1.16.0 finished: removing its environments and uv cache entries..." in log.getvalue()
    assert "six 1.16.0: removed 2 environment(s), 1 releases from the uv cache" in log.getvalue()
    assert os.listdir(work / "nox") == []
    assert not uv_cache.is_cached(cache, ("six", "1.17.0"))  # the last release goes too: no cell needs it
    assert budget.meter.peak >= disk.du([work, cache]) and budget.removed_envs
    assert "disk: peak " in budget.summary() and "3 environments removed" in budget.summary()


def test_a_release_a_pending_cell_needs_is_never_pruned(cache: Path, tmp_path: Path) -> None:
    done, pending = _cell("1.16.0", "x"), _cell("1.16.0", "y")
    budget = _budget(tmp_path, cache, [done, pending])
    budget.release_done([done], [pending])
    assert uv_cache.is_cached(cache, ("six", "1.16.0"))


def test_without_prune_cache_the_cache_is_untouched(cache: Path, tmp_path: Path) -> None:
    done = _cell("1.16.0", "x")
    budget = _budget(tmp_path, cache, [done], prune=False)  # `uv pip compile` may add index metadata to the cache
    before = _wheels_and_archives(cache)
    budget.release_done([done], [])
    assert _wheels_and_archives(cache) == before and uv_cache.is_cached(cache, ("six", "1.16.0"))


def _wheels_and_archives(cache: Path) -> list[tuple[str, int]]:
    """Every file of the cache's wheel entries and unpacked archives, with its size."""
    roots = [*cache.glob("wheels-v*"), cache / "archive-v0"]
    return sorted((str(p.relative_to(cache)), p.lstat().st_size) for r in roots for p in r.rglob("*"))


def test_a_cell_that_does_not_fit_waits_for_running_cells_or_is_refused(cache: Path, tmp_path: Path) -> None:
    a, b = _cell("1.16.0", "x"), _cell("1.17.0", "x")
    uv_cache.prune(cache, [("six", "1.16.0")])
    size_other = uv_cache.release_size(cache, ("six", "1.17.0"))
    budget = _budget(tmp_path, cache, [a, b], limit=disk.du([tmp_path / "work", cache]) + 2**20)
    need = budget.estimator.need(budget.closures[a.id], set())
    assert need.parts == [(("six", "1.16.0"), size_other)]  # measured from the cached 1.17.0
    assert need.bytes == size_other + disk_budget.ENV_OWN_BYTES
    verdict, why = budget.admit(a, [])
    assert verdict == "refuse"
    assert why.startswith(f"{a.id} needs about {disk.fmt(need.bytes)} (not cached: six 1.16.0 ≈ ")
    assert "disk budget is in use (work folder" in why and "not started: raise --disk-budget" in why
    assert budget.admit(a, [b])[0] == "wait"
    budget.limit = 2**40
    assert budget.admit(a, [b]) == ("start", "")


def test_a_cell_waits_when_the_file_system_is_fuller_than_the_budget_sees(cache: Path, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    # a pruned cache entry still hard-linked by another environment frees nothing: du shrinks, the disk does not
    a, b = _cell("1.16.0", "x"), _cell("1.17.0", "x")
    uv_cache.prune(cache, [("six", "1.16.0")])
    budget = _budget(tmp_path, cache, [a, b])
    need = budget.estimator.need(budget.closures[a.id], set())
    assert budget.admit(a, []) == ("start", "")
    monkeypatch.setattr(budget, "free", lambda: need.bytes + disk_budget.FREE_FLOOR - 1)
    verdict, why = budget.admit(a, [b])
    assert verdict == "wait" and f"has {disk.fmt(need.bytes + disk_budget.FREE_FLOOR - 1)} free" in why
    assert budget.admit(a, [])[0] == "refuse"
    monkeypatch.setattr(budget, "free", lambda: need.bytes + disk_budget.FREE_FLOOR)
    assert budget.admit(a, []) == ("start", "")
    # over the budget and short of real space: both are named, the budget (the user's flag) first
    monkeypatch.setattr(budget, "free", lambda: 0)
    budget.limit = 1
    verdict, why = budget.admit(a, [])
    assert verdict == "refuse" and why.index("disk budget is in use") < why.index("has 0 B free")


def test_run_refuses_a_cell_over_the_budget_before_building_it(tmp_path: Path) -> None:
    if shutil.which("uv") is None:
        pytest.skip(reason="uv is not installed: pip install -e '.[test]' installs it")
    flags = tiny_project(tmp_path, {"models/a.py": NO_MODEL_CASE})
    cmd = convtrack_command(flags, "run", "--preset", "full", "--no-site", "--disk-budget", "1M", "--prune-cache")
    # the uv cache of this run is an empty temporary one: torch 2.15.0 and its closure are estimated from the index
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), UV_CACHE_DIR=str(tmp_path / "uv-cache"))
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode == 1, proc.stderr
    cell = "torch2.15.0-ort1.20.1-onnx1.17.0"
    assert f"disk budget: {cell} needs about " in proc.stderr
    assert "(not cached: torch 2.15.0 ≈ " in proc.stderr and "of the 1.0 M disk budget is in use" in proc.stderr
    assert f"1 of 1 cells could not run:\n  - {cell}: {cell} needs about" in proc.stderr
    assert not (tmp_path / "work" / "nox").exists()  # nothing was built
    assert "disk: peak " in proc.stderr
    bad = subprocess.run([*cmd[:-3], "--prune-cache"], env=env, capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and "--prune-cache needs --disk-budget SIZE" in bad.stderr


def test_with_two_jobs_a_cell_that_would_not_fit_beside_the_running_one_waits(cache: Path, tmp_path: Path) -> None:
    a, b = _cell("1.16.0", "x"), _cell("1.17.0", "x")
    uv_cache.prune(cache, [("six", "1.16.0"), ("six", "1.17.0")])  # neither cached: each must download
    work = tmp_path / "work"
    (work / "nox").mkdir(parents=True)
    room = disk_budget.ENV_OWN_BYTES * 3 // 2  # one cell's environment fits, two do not
    budget = _budget(tmp_path, cache, [a, b], limit=disk.du([work, cache]) + room)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))

    def command(c: matrix.Cell) -> list[str]:
        return [sys.executable, "-c", SESSION, c.id, c.axes["six"], str(work), str(cache)]

    log = io.StringIO()
    ends = parallel.Scheduler([a, b], command, env, 2, budget, out=log).run()
    assert {cid: e.status for cid, e in ends.items()} == {a.id: 0, b.id: 0}
    text = log.getvalue()
    assert f"waiting: {b.id} needs about " in text and "is set aside for the cells running" in text
    assert text.index(f"finished {a.id}") < text.index(f"started {b.id}")
    seen = [json.loads(ln) for ln in (work / "seen.jsonl").read_text().splitlines()]
    assert [s["envs"] for s in seen] == [[a.id], [b.id]]  # a's environment was gone before b's was built


def test_the_newest_run_of_a_cell_names_its_environment_whatever_the_mtimes(tmp_path: Path) -> None:
    # a completing run rewrites the status of the runs it resumed in the same instant: mtimes cannot order them
    cell, work = _cell("1.16.0", "x"), tmp_path / "work"
    venv = work / "nox" / cell.id
    venv.mkdir(parents=True)
    run_summary.write_status(work, "20261201T001859-41dcf1", cell.id, 0, 1, "complete", venv=str(venv))
    run_summary.write_status(work, "20261130T235134-1066f9", cell.id, 0, 1, "resumed by 20261201T001859-41dcf1")
    assert disk_budget._venv(work, cell) == venv.resolve()
    budget = disk_budget.Budget(2**40, work, False, tmp_path / "no-cache")
    assert budget.release_done([cell], []) == "removed 1 environment(s)" and not venv.exists()
