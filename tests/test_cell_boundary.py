"""convtrack.cell runs inside a cell: importing it must pull in nothing from the host side."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
HOST_PACKAGES = {"pandas", "jinja2", "nox", "packaging"}
# the convtrack modules a cell may use besides its own subpackage: the record, the cases, the outcomes, the
# protocol and defaults, the converters' descriptions, the synthetic generator
SHARED = {"convtrack", "convtrack.lifeline", "convtrack.lock", "convtrack.outcomes", "convtrack.store",
          "convtrack.suite", "convtrack.defaults", "convtrack.protocol", "convtrack.synthetic",
          "convtrack.synthetic_graph", "convtrack.artefact_store", "convtrack.converter_info",
          "convtrack.converter_info.torch_onnx", "convtrack.converter_info.tf2onnx"}

PROBE = """
import importlib, json, pkgutil, sys
import convtrack.cell
for info in pkgutil.walk_packages(convtrack.cell.__path__, "convtrack.cell."):
    importlib.import_module(info.name)
importlib.import_module("convtrack.cell.converters").available()
print(json.dumps(sorted(sys.modules)))
"""


def test_cell_imports_nothing_host_side() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(SRC), "PATH": ""})
    loaded = set(json.loads(out.stdout))
    assert not {m.split(".")[0] for m in loaded} & HOST_PACKAGES, sorted(loaded)
    ours = {m for m in loaded if m == "convtrack" or m.startswith("convtrack.")}
    host = {m for m in ours if not m.startswith("convtrack.cell") and m not in SHARED}
    assert not host, sorted(host)


def test_host_modules_do_not_import_cell_modules() -> None:
    """What the host needs to know about a cell (converter descriptions, the protocol, defaults) sits in the shared
    layer; the one way in is synthetic.build, which a case's build() calls inside the cell."""
    package = SRC / "convtrack"
    checked = 0
    for path in python_files(package):
        rel = path.relative_to(package)
        if rel.parts[0] in ("cell", "sessions") or rel.as_posix() == "synthetic.py":
            continue
        imports = [ln for ln in path.read_text().splitlines() if ln.lstrip().startswith(("import ", "from "))]
        # starting the runner by its module name (python -m convtrack.cell.runner) is fine; importing it is not
        assert not [ln for ln in imports if re.search(r"convtrack\.cell(\.| import)", ln)], rel
        checked += 1
    assert checked > 40


def python_files(package: Path) -> list[Path]:
    """The package's .py files, never walking into hidden folders (a nox environment under sessions/)."""
    found = []
    for folder, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
        found += [Path(folder) / f for f in sorted(files) if f.endswith(".py")]
    return found
