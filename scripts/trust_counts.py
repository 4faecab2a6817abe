"""The trust figures of a records folder: what the note of each data change quotes, before and after.

    python scripts/trust_counts.py [REPORTS] [--json]

- transitions by kind (convtrack's one classifier, over the newest records),
- silent share of converter failures per converter and mode (newest record per task, harness excluded),
- harness records by reason,
- converter-outcome records whose error is a known harness fault (the five causes of issue 10),
- mismatches on real architectures and synthetic graphs, and how many lie within their calibrated noise.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from convtrack import analysis, store, transitions
from convtrack.outcomes import Outcome

# Errors of the harness or environment that used to be recorded as converter failures (issue 10).
HARNESS_FAULTS = {
    "onnxscript pin (torch 2.6 BatchNorm)": r"'tuple' object has no attribute 'dtype'",
    "Keras 3 with tf2onnx <= 1.16.1": r"object has no attribute 'output_names'",
    "dynamo tracing convtrack's own generator": r"SetVariable\(\) __contains__",
    "transformers pin on torch 2.1": r"torch.compiler' has no attribute 'is_compiling'",
    "adapter passes dynamic_shapes": r"unexpected keyword argument 'dynamic_shapes'",
}


def silent_share(latest: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for key in sorted({f"{r['converter']} {r['mode']}" for r in latest}):
        part = [Outcome(r["outcome"]) for r in latest if f"{r['converter']} {r['mode']}" == key]
        failures = [o for o in part if o.is_failure]
        silent = sum(o.is_silent for o in failures)
        out[key] = {"results": sum(o.is_converter_result for o in part), "failures": len(failures),
                    "silent": silent, "silent_share": round(silent / len(failures), 3) if failures else None}
    return out


def harness_reasons(latest: list[dict[str, Any]]) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for r in latest:
        if not Outcome(r["outcome"]).is_converter_result:
            reason = re.sub(r"\d+(\.\d+)+", "N", str(r.get("reason") or r.get("signature") or ""))[:100]
            counts[f"{r['outcome']}: {reason}"] += 1
    return dict(counts.most_common())


def harness_faults_charged(latest: list[dict[str, Any]]) -> dict[str, int]:
    counts = {name: 0 for name in HARNESS_FAULTS}
    for r in latest:
        if Outcome(r["outcome"]).is_failure:
            text = f"{r.get('signature') or ''}\n{r.get('error') or ''}"
            for name, pattern in HARNESS_FAULTS.items():
                counts[name] += bool(re.search(pattern, text))
    return counts


def model_mismatches(latest: list[dict[str, Any]]) -> dict[str, Any]:
    mism = [r for r in latest if r["outcome"] == Outcome.MISMATCH.value and r["case_kind"] in ("model", "synthetic")]
    calibrated = [r for r in mism if (r["metrics"].get("tolerance") or {}).get("source") == "calibrated"]
    return {"mismatches": len(mism), "calibrated": len(calibrated),
            "cases": sorted({r["case"] for r in mism})}


def counts(reports: Path) -> dict[str, Any]:
    df = analysis.frame(store.load(reports))
    latest = analysis.latest(df).to_dict("records")
    scan = transitions.scan(df)
    kinds = Counter(str(getattr(t.kind, "value", t.kind)) for t in scan.transitions)
    silent = Counter(bool(getattr(t, "became_silent", False)) for t in scan.transitions)
    return {"records": len(df), "latest": len(latest), "transitions": dict(kinds),
            "became_silent": silent[True], "silent_share": silent_share(latest),
            "harness_reasons": harness_reasons(latest), "harness_faults_charged": harness_faults_charged(latest),
            "model_mismatches": model_mismatches(latest)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("reports", type=Path, nargs="?", default=Path("reports"))
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    result = counts(args.reports)
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    for key, value in result.items():
        print(f"{key}: {json.dumps(value, indent=1) if isinstance(value, dict) else value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
