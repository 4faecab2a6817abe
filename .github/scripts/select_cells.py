"""Choose the matrix cells (nox sessions) one workflow run executes, one per runner.

    python .github/scripts/select_cells.py --preset quick                 # the preset's cells
    python .github/scripts/select_cells.py --preset quick --axis torch --versions 2.16.0rc1
    python .github/scripts/select_cells.py --axis torch --versions 2.16.0rc1 --override-only

Sessions come from `nox -l --json` (tagged by preset). For a release candidate, `--axis/--versions` adds the
versions to that axis in a copy of matrix/ (written to --matrix-out; every runner rewrites the same copy and
points CONVTRACK_MATRIX at it) and selects only the cells with those versions, the other axes limited to the
preset's values. Prints `key=value` lines for $GITHUB_OUTPUT: sessions (JSON list), run_id, matrix_dir.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import tomllib

from convtrack import matrix, project, store  # the installed package (the workflow runs `pip install -e .`)

PROJECT = project.find()


def override(source: Path, out: Path, axis: str, versions: list[str]) -> Path:
    """A copy of the matrix folder with `versions` appended to `axis` (presets stay valid)."""
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(source, out)
    touched = 0
    for path in sorted(out.glob("*.toml")):
        text = path.read_text()
        axes = tomllib.loads(text).get("axes", {})
        if axis not in axes:
            continue
        values = list(axes[axis]) + [v for v in versions if v not in axes[axis]]
        pattern = re.compile(rf"^(\s*{re.escape(axis)}\s*=\s*)\[[^\]]*\]", re.M)
        new = json.dumps(values).replace("\\", "\\\\")
        text, n = pattern.subn(rf"\g<1>{new}", text, count=1)
        if n != 1 or tomllib.loads(text)["axes"][axis] != values:
            raise SystemExit(f"{path}: could not rewrite axes.{axis}")
        path.write_text(text)
        touched += 1
    if not touched:
        raise SystemExit(f"no matrix file has an axis {axis!r}")
    return out


def sessions(matrix_dir: Path) -> list[dict]:
    env = dict(os.environ, CONVTRACK_MATRIX=str(matrix_dir))
    with resources.as_file(resources.files("convtrack") / "sessions" / "noxfile.py") as noxfile:
        out = subprocess.run([sys.executable, "-m", "nox", "-f", str(noxfile), "-l", "--json", "-t", "full"],
                             capture_output=True, text=True, check=True, env=env)
    return json.loads(out.stdout)


def select(matrix_dir: Path, preset: str, axis: str = "", versions: list[str] | None = None) -> list[str]:
    listed = sessions(matrix_dir)
    if not versions:
        return [s["session"] for s in listed if preset == "full" or preset in s["tags"]]
    cells = {}
    for m in matrix.load_dir(matrix_dir):
        limits = m.presets.get(preset, {}) if preset != "full" else {}
        for c in matrix.expand(m):
            if c.axes.get(axis) in versions and all(
                    str(c.axes[k]) in [str(v) for v in vals] for k, vals in limits.items()
                    if k in c.axes and k != axis):
                cells[c.id] = c
    return [s["session"] for s in listed if s["call_spec"].get("cell_id") in cells]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--preset", default="quick", help="preset tag, or 'full' for every cell")
    p.add_argument("--axis", default="", help="axis to add release-candidate versions to (torch, tf2onnx, ...)")
    p.add_argument("--versions", default="", help="comma-separated versions for --axis")
    p.add_argument("--matrix", type=Path, default=PROJECT.matrix)
    p.add_argument("--matrix-out", type=Path, default=PROJECT.work / "matrix-override")
    p.add_argument("--override-only", action="store_true", help="only write the overridden matrix copy")
    args = p.parse_args(argv)
    versions = [v.strip() for v in args.versions.split(",") if v.strip()]
    if bool(args.axis) != bool(versions):
        raise SystemExit("--axis and --versions go together")
    matrix_dir = override(args.matrix, args.matrix_out, args.axis, versions) if versions else args.matrix
    print(f"matrix_dir={matrix_dir.resolve()}")
    if args.override_only:
        return 0
    chosen = select(matrix_dir, args.preset, args.axis, versions)
    if not chosen:
        print(f"no cells for preset={args.preset!r} axis={args.axis!r} versions={versions}", file=sys.stderr)
    print(f"sessions={json.dumps(chosen)}")
    print(f"run_id={store.new_run_id()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
