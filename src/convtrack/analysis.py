"""Loading records into pandas and the views every command shares: latest results and the compatibility table."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from packaging.version import InvalidVersion, Version

from convtrack import store
from convtrack.outcomes import SHORT, Outcome

if TYPE_CHECKING:
    import pandas as pd

KEY = ["converter", "cell", "case", "opset", "mode"]


def frame(records: list[dict[str, Any]]) -> pd.DataFrame:
    """One row per record, with each resolved package version as its own column ('v:torch', ...)."""
    import pandas as pd

    df = pd.DataFrame.from_records(records)
    if df.empty:
        return pd.DataFrame(columns=[*KEY, "outcome", "created", "run_id", "framework_version"])
    versions = pd.DataFrame.from_records(df["versions"].tolist()).add_prefix("v:")
    df = pd.concat([df.reset_index(drop=True), versions], axis=1)
    df["mode"] = df["mode"].fillna("-")
    df["framework_version"] = [
        (v or {}).get(f, "") for v, f in zip(df["versions"], df["framework"], strict=True)
    ]
    return df


def load(reports: Path) -> pd.DataFrame:
    return frame(store.load(reports))


def latest(df: pd.DataFrame) -> pd.DataFrame:
    """The newest record of every (converter, cell, case, opset, mode)."""
    if df.empty:
        return df
    return df.sort_values(["created", "run_id"]).groupby(KEY, dropna=False, sort=False).tail(1)


def version_key(value: str) -> Any:
    return _version_key(str(value))


@functools.lru_cache(maxsize=8192)  # a few hundred versions, sorted over and over (a quarter of a scan at 100k)
def _version_key(value: str) -> Any:
    try:
        return (0, Version(value))
    except InvalidVersion:
        return (1, value)


def cell_order(df: pd.DataFrame) -> list[str]:
    """Cells ordered by framework version (PEP 440), then by id."""
    pairs = df[["cell", "framework_version"]].drop_duplicates().itertuples(index=False)
    return [c for c, _ in sorted(pairs, key=lambda p: (version_key(p[1]), p[0]))]


def compatibility(df: pd.DataFrame, converter: str | None = None) -> pd.DataFrame:
    """Case x (cell, mode, opset) table of short outcome labels from the latest records."""
    import pandas as pd

    df = latest(df)
    if converter:
        df = df[df["converter"] == converter]
    if df.empty:
        return pd.DataFrame()
    df = df.assign(label=df["outcome"].map(lambda o: SHORT[Outcome(o)]))
    table = df.pivot_table(index="case", columns=["cell", "mode", "opset"], values="label", aggfunc="first")
    order = {c: i for i, c in enumerate(cell_order(df))}
    return table[sorted(table.columns, key=lambda c: (order[c[0]], c[1], c[2]))]


def summary(df: pd.DataFrame) -> pd.DataFrame:
    """Outcome counts per converter and framework version (latest records)."""
    df = latest(df)
    if df.empty:
        return df
    return df.pivot_table(index=["converter", "framework_version"], columns="outcome", values="record_id",
                          aggfunc="count", fill_value=0)


# ---- case hashes: records of an older case source are not comparable ------------------------------------------

def current_hashes(suites: Path, converter: str | None = None) -> dict[str, str]:
    """Case id -> content hash of the suite as it is now (generated cases included)."""
    from convtrack import suite

    return {c.id: c.hash for c in suite.discover(suites, converter)}


def mark_comparable(df: pd.DataFrame, hashes: dict[str, str]) -> pd.DataFrame:
    """A copy of df with a boolean column `comparable`: the record's case_hash is its case's current hash.

    Records of a case no longer in the suite, or without a case_hash, are not comparable either.
    """
    out = df.copy()
    if out.empty:
        out["comparable"] = []
        return out.astype({"comparable": bool})
    case_hash = out["case_hash"] if "case_hash" in out else [None] * len(out)
    out["comparable"] = [hashes.get(str(c)) == h and h is not None
                         for c, h in zip(out["case"], case_hash, strict=True)]
    return out


def drop_stale(df: pd.DataFrame, hashes: dict[str, str]) -> pd.DataFrame:
    """Only the comparable records (see mark_comparable); pass the result to latest, compatibility, summary."""
    marked = mark_comparable(df, hashes)
    return marked[marked["comparable"]]


def latest_marked(df: pd.DataFrame, hashes: dict[str, str], drop: bool = False) -> pd.DataFrame:
    """latest() with the `comparable` flag: drop=True leaves stale records out before picking the newest,
    drop=False keeps the newest record whatever its hash and flags it."""
    marked = mark_comparable(df, hashes)
    return latest(marked[marked["comparable"]] if drop else marked)
