"""The convtrack command line: a thin argparse layer; each command lives in convtrack.commands."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from convtrack import matrix, store, suite
from convtrack.commands import register_all

ROOT = Path(__file__).resolve().parents[2]

EPILOG = """\
typical use:
  convtrack run --preset quick        build the quick preset's cells, replay the suite, write the site
  convtrack matrix list --preset quick
  convtrack report                    compatibility table of the newest records
  convtrack site build                render site/_build/index.html

exit status: 0 on success, 1 when a command found what it looks for (a gate regression), 2 on usage or
input errors (a malformed matrix names the file, the key and the value).
"""


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="convtrack", description="Regression tracker for model converters "
                                "(torch.onnx, tf2onnx) across framework releases and opsets.",
                                epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--matrix-dir", type=Path, default=ROOT / "matrix", help="matrix TOML files (default: matrix/)")
    p.add_argument("--suites", type=Path, default=ROOT / "suites", help="folder of cases (default: suites/)")
    p.add_argument("--reports", type=Path, default=ROOT / "reports", help="folder of records (default: reports/)")
    register_all(p.add_subparsers(dest="command", required=True, metavar="COMMAND"))
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if getattr(args, "preset", None) == "full":
        args.preset = None
    try:
        return int(args.func(args))
    except (matrix.MatrixError, suite.CaseError, store.SchemaError) as exc:
        print(f"convtrack: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
