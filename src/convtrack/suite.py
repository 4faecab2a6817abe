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
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from convtrack import converter_info, synthetic

KINDS = {"models": "model", "issues": "issue", "synthetic": "synthetic"}
SEEDS = (0, 1, 2)


class CaseError(ValueError):
    """A case file without valid metadata: names the file and the key."""


# ---- the expected type of every CASE key --------------------------------------------------------------------
# A predicate per key and the words that describe what it accepts. Checked when a case is read (suite list, every
# run), so a typo'd value is an input error naming file, key and value, never a crash charged to a converter.

def _is_str(v: Any) -> bool:
    return isinstance(v, str)


def _is_text(v: Any) -> bool:
    return isinstance(v, str) and bool(v.strip())


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)  # noqa: UP038 (the cell side runs on 3.9)


def _is_str_list(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) and x for x in v)


def _is_dict(v: Any) -> bool:
    return isinstance(v, dict)


def converter_names() -> list[str]:
    return sorted(converter_info.known())


def _is_converter(v: Any) -> bool:
    return isinstance(v, str) and v in converter_info.known()


def _is_modes(v: Any) -> bool:
    return _is_str_list(v) and bool(v) and all(m in converter_info.all_modes() for m in v)


def _is_expect_ops(v: Any) -> bool:
    return isinstance(v, dict) and set(v) <= {"present", "absent", "min_opset"} and bool(v) and all(
        _is_int(x) if k == "min_opset" else _is_str_list(x) for k, x in v.items())


def _is_regex(v: Any) -> bool:
    if not _is_text(v):
        return False
    try:
        re.compile(v)
    except re.error:
        return False
    return True


META_TYPES: dict[str, tuple[Callable[[Any], bool], str]] = {
    "converter": (_is_converter, "one of {converters}"),
    "kind": (lambda v: v in KINDS.values(), f"one of {sorted(KINDS.values())}"),
    "description": (_is_str, "a string"),
    "tags": (_is_str_list, "a list of non-empty strings"),
    "issue": (_is_str, "a string (the issue URL)"),
    "requires": (_is_str_list, "a list of module names"),
    "min_opset": (lambda v: _is_int(v) and v > 0, "a positive int"),
    "rtol": (lambda v: _is_number(v) and v >= 0, "a number >= 0"),
    "atol": (lambda v: _is_number(v) and v >= 0, "a number >= 0"),
    "tolerance_reason": (_is_text, "a non-empty string"),
    "timeout": (lambda v: _is_number(v) and v > 0, "a number of seconds > 0"),
    "stated": (_is_dict, "a dict (what the issue states)"),
    "observed": (lambda v: _is_dict(v) or v == "", "a dict (written by `convtrack suite observe --write`) or \"\""),
    "paper": (_is_dict, "a dict of the paper's labels"),
    "modes": (_is_modes, "a non-empty list of exporter modes: {modes}"),
    "entry": (lambda v: isinstance(v, str) and v.isidentifier(), "a function name"),
    "generator": (_is_dict, "a dict of generator parameters"),
    "expect_ops": (_is_expect_ops, "a dict with 'present'/'absent' op lists and an optional int 'min_opset'"),
    "expect_signature": (_is_regex, "a regular expression (matched against the records' signature and error)"),
}
# Besides these, a case may set the export options its converter declares (converter_info: `export_options`).
META_KEYS = frozenset(META_TYPES)


def meta_types(converter: str) -> dict[str, tuple[Callable[[Any], bool], str]]:
    """The CASE keys a case of `converter` may set, with their types: the common ones and its export options."""
    info = converter_info.known().get(converter)
    options = {k: (o.accepts, o.words) for k, o in info.export_options.items()} if info else {}
    return {**META_TYPES, **options}


def check_types(path: Path, meta: dict[str, Any]) -> None:
    """CaseError naming the file, key and value of the first CASE value of the wrong type (or unknown key)."""
    converter = meta.get("converter")
    types = meta_types(converter) if isinstance(converter, str) else META_TYPES
    for key, value in meta.items():
        if key not in types:
            raise CaseError(f"{path}: key 'CASE.{key}': unknown for converter {converter!r}; use {sorted(types)}")
        accepts, wanted = types[key]
        if not accepts(value):
            wanted = wanted.replace("{converters}", str(converter_names()))
            wanted = wanted.replace("{modes}", str(sorted(converter_info.all_modes())))
            raise CaseError(f"{path}: key 'CASE.{key}': {value!r} is not {wanted}")
    info = converter_info.known().get(str(converter))
    wrong = [m for m in meta.get("modes", []) if m not in info.modes] if info else []
    if info and wrong:
        raise CaseError(f"{path}: key 'CASE.modes': {wrong[0]!r} is not an exporter mode of {converter}; "
                        f"its modes: {list(info.modes)}")


def export_options(case: Case) -> dict[str, Any]:
    """The case's values of its converter's export options: what `Converter.convert` gets as `options`."""
    info = converter_info.known().get(case.converter)
    return {k: case.meta[k] for k in (info.export_options if info else ()) if k in case.meta}


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
    if "converter" not in meta:
        raise CaseError(f"{path}: key 'CASE.converter': required, one of {converter_names()}")
    check_types(path, meta)
    if meta.get("kind") == "issue" and not str(meta.get("issue", "")).startswith("https://github.com/"):
        raise CaseError(f"{path}: key 'CASE.issue': an issue case needs its GitHub issue URL")
    return meta


# CASE keys that do not change what runs, only how its records are read: filling them in must not make a case's
# records stale. `observed` and `expect_ops` have their value blanked (their key stays hashed: that is how every
# committed hash was made); keys added since are dropped whole, line and all, so adding one keeps the hash.
BLANKED = ("observed", "expect_ops")
DROPPED = ("expect_signature",)  # the error text an issue quotes: a regex for observe
NOT_HASHED = BLANKED + DROPPED


def _case_items(data: bytes) -> Iterator[tuple[ast.expr, ast.expr]]:
    try:
        tree = ast.parse(data)
    except SyntaxError:
        return
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict) and any(
                isinstance(t, ast.Name) and t.id == "CASE" for t in node.targets):
            for k, value in zip(node.value.keys, node.value.values):  # noqa: B905 (one per key; cells run on 3.9)
                if k is not None:
                    yield k, value


def _line_starts(data: bytes) -> list[int]:
    starts = [0]  # byte offset of each line: ast columns count UTF-8 bytes
    for line in data.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    return starts


def value_span(data: bytes, key: str) -> tuple[int, int, int] | None:
    """Byte offsets (start, end) of the value of CASE[key] in a case file's source, and the key's column."""
    starts = _line_starts(data)
    for k, value in _case_items(data):
        if isinstance(k, ast.Constant) and k.value == key and value.end_lineno is not None:
            return (starts[value.lineno - 1] + value.col_offset,
                    starts[value.end_lineno - 1] + (value.end_col_offset or 0), k.col_offset)
    return None


def item_span(data: bytes, key: str) -> tuple[int, int] | None:
    """Byte offsets of the whole `"key": value,` entry of CASE: its own lines when it has them."""
    starts = _line_starts(data)
    for k, value in _case_items(data):
        if isinstance(k, ast.Constant) and k.value == key and value.end_lineno is not None:
            start = starts[k.lineno - 1] + k.col_offset
            end = starts[value.end_lineno - 1] + (value.end_col_offset or 0)
            end += len(data[end:]) - len(data[end:].lstrip(b" \t"))
            end += data[end:end + 1] == b","
            rest = data[end:].split(b"\n", 1)[0]
            line_start = starts[k.lineno - 1]
            if not data[line_start:start].strip() and not rest.strip():  # the entry owns its lines
                return line_start, min(len(data), end + len(rest) + 1)
            return start, end + len(rest) - len(rest.lstrip(b" \t"))
    return None


def content_hash(source: str) -> str:
    """sha256 of the case source with NOT_HASHED keys left out (BLANKED values read as None, DROPPED entries gone)."""
    data = source.encode()
    spans = [(value[0], value[1], b"None") for key in BLANKED if (value := value_span(data, key)) is not None]
    spans += [(*item, b"") for key in DROPPED if (item := item_span(data, key)) is not None]
    for start, end, text in sorted(spans, reverse=True):
        data = data[:start] + text + data[end:]
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
    """A case file with CASE["generator"] stands for many generated cases: ids `<file id>/s0007-n23`, hashes over
    the file, the generator's source and (seed, size); each with `generated` = {seed, size, ops} and one `op:<name>`
    tag per op of its graph (see convtrack.synthetic)."""
    if "generator" not in case.meta:
        return [case]
    try:
        generated = synthetic.expand(case.meta["generator"])
    except synthetic.ParamError as exc:
        key = f"CASE.generator.{exc.key}" if exc.key else "CASE.generator"
        raise CaseError(f"{case.path}: key '{key}': {exc}") from None
    generator_hash = synthetic.source_hash()
    out = []
    for g in generated:
        key = f"{case.hash}:{generator_hash}:{g.seed}:{g.size}"
        meta = {**case.meta, "generated": {"seed": g.seed, "size": g.size, "ops": g.ops},
                "tags": [*case.meta.get("tags", []), *(f"op:{op}" for op in g.ops)]}
        out.append(Case(f"{case.id}/s{g.seed:04d}-n{g.size}", case.path, hashlib.sha256(key.encode()).hexdigest(),
                        meta))
    return out


def requires_by_source(cases: Iterable[Case]) -> dict[tuple[str, str], tuple[str, ...]]:
    """(case id, case_hash) -> the packages the case imports (CASE["requires"]): joined to records by the content
    hash they carry, so a record only ever meets the source that produced it."""
    return {(c.id, c.hash): tuple(str(p) for p in c.meta.get("requires") or ()) for c in cases}


CASE_MODULE = "convtrack_case_"  # the prefix of a case file's module name (stages.harness_fault reads it)


def import_case(case: Case) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"{CASE_MODULE}{case.id.replace('/', '_')}", case.path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    # registered before it runs, as an import would: the dynamo tracer looks a traced function's module up by name
    # (seq_tcn's weight_norm on torch 2.3-2.4: "No module named 'convtrack_case_models_seq_tcn'")
    sys.modules[spec.name] = module
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
    return build


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


def calibrate_batch_norm(model: Any, shape: Sequence[int], batches: int = 4) -> Any:
    """`model` in eval mode, every BatchNorm's running statistics measured on seeded random batches of `shape` (a
    cumulative average), as training leaves them. A fresh BatchNorm in eval mode only applies its affine (mean 0,
    variance 1): through a deep random network the activations then shrink until the output ignores the input (a
    random MobileNetV3 reaches 1e-8), and a case's pass proves nothing (cell.worker.inputs_ignored)."""
    import torch

    for norm in model.modules():
        if isinstance(norm, torch.nn.modules.batchnorm._BatchNorm):
            norm.reset_running_stats()
            norm.momentum = None
    model.train()
    with torch.no_grad():
        for inputs in seeded(shape, seeds=range(100, 100 + batches)):
            model(*(torch.from_numpy(a) for a in inputs))
    return model.eval()
