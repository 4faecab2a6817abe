"""The fixed suite: one small Python file per case under suites/{models,issues,synthetic}/.

A case file holds a literal `CASE = {...}` dict of metadata and a `build()` function returning
`(model, inputs)`, where `inputs` is a list of at least three seeded input tuples of numpy arrays.
Metadata is read with `ast` so listing the suite never imports a framework; the content hash is the
file's sha256, so editing a case makes its older records not comparable.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import hashlib
import importlib.util
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

KINDS = {"models": "model", "issues": "issue", "synthetic": "synthetic"}
META_KEYS = {
    "converter", "kind", "description", "tags", "issue", "requires", "min_opset", "rtol", "atol",
    "tolerance_reason", "timeout", "stated", "observed", "paper", "modes", "entry",
    "dynamic", "export_no_grad", "generator", "expect_ops",
}
# Keys passed on to the converter with the built model (as the attribute EXPORT_ATTR): `dynamic` maps an input
# index (as a string) to its dynamic dims, `export_no_grad` exports under torch.no_grad().
EXPORT_KEYS = ("dynamic", "export_no_grad")
EXPORT_ATTR = "_convtrack_export"
SEEDS = (0, 1, 2)


class CaseError(ValueError):
    """A case file without valid metadata: names the file and the key."""


@dataclasses.dataclass(frozen=True)
class Case:
    id: str
    path: Path
    hash: str
    meta: dict[str, Any]

    @property
    def kind(self) -> str:
        return str(self.meta["kind"])

    @property
    def converter(self) -> str:
        return str(self.meta["converter"])

    @property
    def tags(self) -> list[str]:
        return list(self.meta.get("tags", []))

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "path": str(self.path), "hash": self.hash, "meta": self.meta}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Case:
        return cls(data["id"], Path(data["path"]), data["hash"], data["meta"])


def _read_meta(path: Path, source: str) -> dict[str, Any]:
    try:
        tree = ast.parse(source, filename=str(path))
    except SyntaxError as exc:
        raise CaseError(f"{path}: not valid Python: {exc}") from None
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "CASE" for t in node.targets):
            try:
                meta = ast.literal_eval(node.value)
            except ValueError:
                raise CaseError(f"{path}: key 'CASE': must be a literal dict") from None
            break
    else:
        raise CaseError(f"{path}: key 'CASE': missing metadata dict")
    if not isinstance(meta, dict):
        raise CaseError(f"{path}: key 'CASE': must be a dict, got {type(meta).__name__}")
    unknown = set(meta) - META_KEYS
    if unknown:
        raise CaseError(f"{path}: key 'CASE.{sorted(unknown)[0]}': unknown; use {sorted(META_KEYS)}")
    if not isinstance(meta.get("converter"), str):
        raise CaseError(f"{path}: key 'CASE.converter': required string")
    if meta.get("kind") == "issue" and not str(meta.get("issue", "")).startswith("https://github.com/"):
        raise CaseError(f"{path}: key 'CASE.issue': an issue case needs its GitHub issue URL")
    return meta


# CASE keys that do not change what runs, only how its records are read (what our runs observed, the ops a
# structural issue's fix produces): filling them in must not make a case's records stale.
NOT_HASHED = ("observed", "expect_ops")


def value_span(data: bytes, key: str) -> tuple[int, int, int] | None:
    """Byte offsets (start, end) of the value of CASE[key] in a case file's source, and the key's column."""
    try:
        tree = ast.parse(data)
    except SyntaxError:
        return None
    starts = [0]  # byte offset of each line: ast columns count UTF-8 bytes
    for line in data.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict) and any(
                isinstance(t, ast.Name) and t.id == "CASE" for t in node.targets):
            for k, value in zip(node.value.keys, node.value.values, strict=True):
                if isinstance(k, ast.Constant) and k.value == key and value.end_lineno is not None:
                    return (starts[value.lineno - 1] + value.col_offset,
                            starts[value.end_lineno - 1] + (value.end_col_offset or 0), k.col_offset)
    return None


def content_hash(source: str) -> str:
    """sha256 of the case source with the values of NOT_HASHED keys blanked out."""
    data = source.encode()
    spans = [span for key in NOT_HASHED if (span := value_span(data, key)) is not None]
    for start, end, _ in sorted(spans, reverse=True):
        data = data[:start] + b"None" + data[end:]
    return hashlib.sha256(data).hexdigest()


def load_case(path: Path, root: Path) -> Case:
    source = path.read_text(encoding="utf-8")
    meta = _read_meta(path, source)
    rel = path.relative_to(root).with_suffix("")
    kind = KINDS.get(rel.parts[0])
    if kind is None:
        raise CaseError(f"{path}: cases live under {sorted(KINDS)}")
    meta.setdefault("kind", kind)
    if meta["kind"] != kind:
        raise CaseError(f"{path}: key 'CASE.kind': {meta['kind']!r} but the file is under {rel.parts[0]}/")
    return Case(rel.as_posix(), path.resolve(), content_hash(source), meta)


def discover(root: Path, converter: str | None = None, select: Sequence[str] = ()) -> list[Case]:
    """All cases under root, optionally for one converter and matching id substrings or tags."""
    cases = []
    for path in sorted(root.rglob("*.py")):
        if path.name.startswith("_") or "__pycache__" in path.parts:
            continue
        for case in expand(load_case(path, root)):
            if converter and case.converter != converter:
                continue
            if select and not any(s in case.id or s in case.tags for s in select):
                continue
            cases.append(case)
    return cases


def expand(case: Case) -> list[Case]:
    """A case file with CASE["generator"] stands for many generated cases (see convtrack.synthetic)."""
    if "generator" not in case.meta:
        return [case]
    from convtrack import synthetic

    return synthetic.expand(case)


def import_case(case: Case) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"convtrack_case_{case.id.replace('/', '_')}", case.path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def builder(case: Case) -> Callable[[], tuple[Any, list[tuple[Any, ...]]]]:
    module = import_case(case)
    build = getattr(module, str(case.meta.get("entry", "build")), None)
    if not callable(build):
        raise CaseError(f"{case.path}: no build() function")
    generated = case.meta.get("generated")
    if generated:  # one case of a generator file: build(seed, size)
        build = functools.partial(build, int(generated["seed"]), int(generated["size"]))
    options = {k: case.meta[k] for k in EXPORT_KEYS if k in case.meta}
    if not options:
        return build

    def build_with_options() -> tuple[Any, list[tuple[Any, ...]]]:
        model, inputs = build()
        setattr(model, EXPORT_ATTR, options)
        return model, inputs

    return build_with_options


def seeded(*shapes: Sequence[int], dtype: str = "float32", low: float = -1.0, high: float = 1.0,
           seeds: Sequence[int] = SEEDS) -> list[tuple[Any, ...]]:
    """One input tuple per seed: uniform floats, or integers in [low, high) for integer dtypes."""
    import numpy as np

    out = []
    for seed in seeds:
        rng = np.random.default_rng(seed)
        if np.dtype(dtype).kind in "iub":
            arrays = tuple(rng.integers(int(low), int(high), size=s).astype(dtype) for s in shapes)
        else:
            arrays = tuple(rng.uniform(low, high, size=s).astype(dtype) for s in shapes)
        out.append(arrays)
    return out
