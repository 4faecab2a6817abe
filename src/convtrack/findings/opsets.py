"""The opset a converter wrote when it was not the one asked for: per framework release, mode and asked opset.

Each record carries the opset its model declares (`produced_opset`, read from the model's ai.onnx opset_import at the
source). The dynamo exporter of torch 2.5 on builds at opset 18 and down-converts when asked for less; where the
conversion fails it keeps 18 (`torch/onnx/_internal/exporter/_compat.py`), and asked for 20 it may write 18 too. Users
choosing an exporter for an older runtime ask exactly this ("which opset does release X really write"), and the
transitions set such changes apart (`confounds.opset_not_honoured`), so the table says which ones and how many.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Iterable

from convtrack import store
from convtrack.analysis import version_key
from convtrack.findings.rows import Row


@dataclasses.dataclass(frozen=True)
class Written:
    """The models one framework release converted at one asked opset, by the opset they declare."""

    converter: str
    framework: str
    release: str
    mode: str
    asked: int
    models: int  # converted models that declare an opset
    written: dict[int, int]  # declared opset -> models, every opset declared (the asked one too)

    @property
    def other(self) -> int:
        """Models that declare another opset than the one asked for."""
        return self.models - self.written.get(self.asked, 0)


def not_honoured(rows: Iterable[Row]) -> list[Written]:
    """Every (converter, framework release, mode, asked opset) where some converted model declares another opset,
    in converter, release, mode and opset order."""
    found: dict[tuple[str, str, str, str, int], Counter[int]] = defaultdict(Counter)
    for r in rows:
        produced = store.produced_opset(r)
        if produced is None:
            continue
        framework = str(r.get("framework") or "")
        release = str((r.get("axes") or {}).get(framework) or "")
        found[(str(r["converter"]), framework, release, str(r["mode"]), int(r["opset"]))][produced] += 1
    out = [Written(c, f, v, m, asked, sum(n.values()), dict(sorted(n.items())))
           for (c, f, v, m, asked), n in found.items()]
    return sorted((w for w in out if w.other),
                  key=lambda w: (w.converter, version_key(w.release), w.mode, w.asked))
