"""`convtrack init [DIR]`: a minimal project that `convtrack run` replays at once.

One converter (torch.onnx) with the newest torch release of convtrack's own matrix, one onnxruntime, one opset,
one example case, the config file and a README paragraph. Existing files are never overwritten.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from convtrack import project

CONFIG = f"""\
# A convtrack project: `convtrack` run anywhere below this folder reads these paths, relative to this file.
# Every key is optional and every one can be overridden by a flag (convtrack --help).
{chr(10).join(f'{k} = "{v}"' for k, v in project.FOLDERS.items())}
"""

# The newest torch release of convtrack's matrix (matrix/torch.toml), with the companions it was measured with.
MATRIX = """\
converter = "torch.onnx"
framework = "torch"
python = "3.11"
description = "PyTorch -> ONNX with torch.onnx.export: the newest torch, one onnxruntime, one opset"

[axes]
torch = ["2.15.0"]          # add releases (or a candidate: convtrack gate --candidate torch==X) here
onnxruntime = ["1.20.1"]
onnx = ["1.17.0"]

[loop]
mode = ["legacy", "dynamo"]  # the TorchScript exporter and the dynamo exporter
opset = [18]

[packages]
numpy = "1.26.4"
onnxscript = "0.7.2"

[presets.quick]
torch = ["2.15.0"]
"""

CASE = '''\
"""An example case: a small convolutional block. Copy this file to add your own models."""

CASE = {
    "converter": "torch.onnx",
    "description": "Conv2d + BatchNorm2d + ReLU + global average pool over a 3x16x16 image",
    "tags": ["example", "cnn"],
}


def build():
    import torch

    from convtrack.suite import seeded

    model = torch.nn.Sequential(
        torch.nn.Conv2d(3, 8, 3, padding=1), torch.nn.BatchNorm2d(8), torch.nn.ReLU(),
        torch.nn.AdaptiveAvgPool2d(1), torch.nn.Flatten(),
    )
    return model.eval(), seeded((2, 3, 16, 16))
'''

README = """\
# convtrack project

This folder is a [convtrack](https://github.com/convtrack/convtrack) project (`convtrack.toml`): `matrix/` says
which releases to install (one isolated uv environment per cell), `suites/` holds the cases (one Python file each,
`build()` returns the model and its inputs), and `convtrack run` replays every case x opset x mode in every cell,
appends one record per result to `reports/` and builds the site in `site/_build/index.html`. `convtrack matrix
list` shows the cells; `convtrack gate --baseline torch==2.15.0 --candidate torch==X` checks a release candidate.
"""

FILES = {"convtrack.toml": CONFIG, "matrix/torch.toml": MATRIX, "suites/models/example_cnn.py": CASE,
         "README.md": README}


def init(args: argparse.Namespace) -> int:
    root: Path = args.dir.resolve()
    existing = [rel for rel in FILES if (root / rel).exists()]
    if existing and not args.force:
        print(f"convtrack init: {root / existing[0]} exists; nothing written (--force writes the missing files)",
              file=sys.stderr)
        return 2
    for rel, text in FILES.items():
        path = root / rel
        if path.exists():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    print(f"next: cd {root} && convtrack matrix list && convtrack run", file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("init", help="write a minimal project (config, a matrix, one example case)",
                       description="Writes convtrack.toml, matrix/torch.toml (the newest torch, one onnxruntime, "
                       "one opset), suites/models/example_cnn.py and a README into DIR; `convtrack run` works on it "
                       "at once. Existing files are never overwritten.")
    p.add_argument("dir", nargs="?", type=Path, default=Path("."), help="the project folder (default: here)")
    p.add_argument("--force", action="store_true", help="write the files that are missing even if some exist")
    p.set_defaults(func=init, needs_project=False)
