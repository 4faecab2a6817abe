"""The convtrack command line: a thin argparse layer; each command lives in convtrack.commands."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from convtrack import matrix, project, store, suite, triage, withdrawn
from convtrack.commands import register_all

EPILOG = """\
typical use:
  convtrack run --preset quick        build the quick preset's cells, replay the suite, write the site
  convtrack matrix list --preset quick
  convtrack report                    compatibility table of the newest records
  convtrack site build                render site/_build/index.html
  convtrack init DIR                  a new project: convtrack.toml, a matrix, one example case

The project is the nearest folder upwards holding convtrack.toml (or [tool.convtrack] in pyproject.toml); its
matrix, suites, reports, triage file, work and site folders are read from it. Flags override them.

exit status: 0 on success (nothing to show is a success), 1 when a command found what it looks for (a gate
regression) or when `run` could not build a cell (the others still run; the summary names each failed cell and the
installer's reason), 2 on usage or input errors, before any environment is built (a malformed matrix, case file,
CASE value or unknown axis name names the file, the key and the value).
"""


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="convtrack", description="Regression tracker for model converters "
                                "(torch.onnx, tf2onnx) across framework releases and opsets.",
                                epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--config", type=Path, metavar="FILE",
                   help="the project's convtrack.toml (default: searched upwards from the current folder)")
    p.add_argument("--matrix-dir", type=Path, help="matrix TOML files (default: the project's matrix/)")
    p.add_argument("--suites", type=Path, help="folder of cases (default: the project's suites/)")
    p.add_argument("--reports", type=Path, help="folder of records (default: the project's reports/)")
    p.add_argument("--work", type=Path, help="cell environments, plans and logs (default: the project's .convtrack/)")
    register_all(p.add_subparsers(dest="command", required=True, metavar="COMMAND"))
    return p


def resolve(args: argparse.Namespace) -> None:
    """Fill every path flag the user left out from the project (found from the current folder, or --config)."""
    if getattr(args, "needs_project", True) is False:  # `init` makes the project; it must not look for one
        return
    proj = project.load(args.config)
    args.project = proj
    for attr, key in (("matrix_dir", "matrix"), ("suites", "suites"), ("reports", "reports"), ("work", "work")):
        if getattr(args, attr) is None:
            setattr(args, attr, getattr(proj, key))


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if getattr(args, "preset", None) == "full":
        args.preset = None
    try:
        resolve(args)
        return int(args.func(args))
    except (matrix.MatrixError, suite.CaseError, store.SchemaError, project.ProjectError, triage.TriageError,
            withdrawn.WithdrawnError) as exc:
        print(f"convtrack: error: {exc}", file=sys.stderr)
        proj = getattr(args, "project", None)
        if proj is not None and proj.config is None:  # the likely cause: not inside a project at all
            print(f"convtrack: no {project.CONFIG} in {proj.root} or above; `convtrack init` writes one, "
                  "or pass --config / --matrix-dir", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
