"""Write src/convtrack/data/onnx_ops.json: every default-domain ONNX op and the opsets where its schema changed.

The host side of convtrack (`convtrack coverage`) must not need onnx, so this table is generated once per onnx
release and committed. Run it in any environment with the onnx release the project targets, e.g.

    uv venv /tmp/onnx-ops -p 3.11 && uv pip install --python /tmp/onnx-ops/bin/python onnx==1.17.0
    /tmp/onnx-ops/bin/python scripts/onnx_ops.py
"""

from __future__ import annotations

import json
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "convtrack" / "data" / "onnx_ops.json"


def main() -> None:
    import onnx
    import onnx.defs

    since: dict[str, set[int]] = {}
    deprecated: dict[str, int] = {}  # the schema version that deprecates an op (Upsample, Scatter)
    for schema in onnx.defs.get_all_schemas_with_history():
        if schema.domain not in ("", "ai.onnx"):
            continue
        since.setdefault(schema.name, set()).add(schema.since_version)
        if schema.deprecated:
            deprecated[schema.name] = schema.since_version
    ops = {name: {"since": sorted(versions), "deprecated": deprecated.get(name)} for name, versions in since.items()}
    head = {"onnx": onnx.__version__, "domain": "ai.onnx", "max_opset": onnx.defs.onnx_opset_version()}
    lines = [f" {json.dumps(name)}: {json.dumps(entry)}" for name, entry in sorted(ops.items())]  # one op a line
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(head)[:-1] + ', "ops": {\n' + ",\n".join(lines) + "\n}}\n")
    print(f"{OUT}: {len(ops)} ops of onnx {onnx.__version__} (opsets up to {head['max_opset']})")


if __name__ == "__main__":
    main()
