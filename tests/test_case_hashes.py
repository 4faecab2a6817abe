"""Every committed case keeps its hash: records are keyed by it, so a changed hash makes committed data stale.

tests/data/case_hashes.json was computed by the code before the synthetic generator moved (its torch side into
convtrack.cell, its case logic out of the graph module); at that commit the newest committed record of each of the
224 cases carried exactly that hash. tests/data/synthetic_graphs.json holds the sha256 of each synthetic case's graph
listing, computed by the old generator. Regenerate a fixture only for a deliberate change of a case, never to make a
refactor pass.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from convtrack import store, suite, synthetic, synthetic_graph

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"


def current() -> dict[str, str]:
    return {c.id: c.hash for c in suite.discover(ROOT / "suites")}


def test_every_case_hash_is_what_it_was_before_the_move() -> None:
    before = json.loads((DATA / "case_hashes.json").read_text())
    now = current()
    changed = sorted(k for k in before if k in now and now[k] != before[k])
    assert not changed, changed
    assert len(set(before) & set(now)) >= 224  # the fixture speaks for the whole suite, not a few cases


def test_every_case_hash_matches_its_newest_committed_record() -> None:
    newest: dict[str, tuple[str, str]] = {}
    for path in store.iter_files(ROOT / "reports"):
        for r in store.read_file(path):
            if r["case"] not in newest or r["created"] > newest[r["case"]][0]:
                newest[r["case"]] = (r["created"], r["case_hash"])
    now = current()
    recorded = {case for case in now if case in newest}
    assert len(recorded) >= 224
    assert sorted(c for c in recorded if newest[c][1] != now[c]) == []


def test_the_move_changed_no_generated_graph() -> None:
    before = json.loads((DATA / "synthetic_graphs.json").read_text())
    cases = {c.id: c.meta["generated"] for c in suite.discover(ROOT / "suites") if "generated" in c.meta}
    assert set(cases) == set(before) and len(before) == 20
    for case_id, g in cases.items():
        text = synthetic_graph.generate(g["seed"], g["size"], None).text()
        assert hashlib.sha256(text.encode()).hexdigest() == before[case_id], case_id


def test_the_generator_identity_follows_its_source(tmp_path: Path) -> None:
    """An edit to the generator's source gives a new identity; the move's digest continues the old one."""
    package = Path(synthetic.__file__).resolve().parent
    sources = b"".join((package / name).read_bytes() for name in synthetic.SOURCES)
    digest = hashlib.sha256(sources).hexdigest()
    assert synthetic.source_hash() == synthetic.CONTINUES.get(digest, digest)
    edited = hashlib.sha256(sources + b"# an edit\n").hexdigest()
    assert edited not in synthetic.CONTINUES and edited != synthetic.source_hash()
