"""Page load in headless Chromium of every page type of a site built from 100,000 synthetic records (issue 14,
item 3; goal: under 1 s each).

Builds the site (unless --site names one) from records made by bench_readside.synthesize, then opens the largest
page of each type from disk (file://) in Debian's /usr/bin/chromium driven by playwright, once to warm the browser's
caches and then --loads times, and prints the median time to the load event (navigation start -> loadEventEnd)
with the page's size. Usage:

    python benchmarks/bench_pageload.py [--records 100000] [--shape history|wide] [--site DIR] [--loads 3]

"history" repeats the committed records as later runs of the same tasks (a tracker's history: the newest results
stay ~11k); "wide" puts every copy on cells of its own, so all 100,000 records are newest results (the most a site
can show for that many records).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_readside import synthesize  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
# One page per type: the top-level pages, and the largest of each family of many
PAGES = ["index.html", "detail.html", "findings.html", "regressions.html", "releases.html", "signatures.html",
         "health.html", "data.html"]
FAMILIES = ["cases/*.html", "releases/*.html", "cells/*.html"]


def build(site: Path, records: int, shape: str) -> None:
    reports = site.parent / "reports"
    if not (reports / "records").exists():
        print(f"synthesizing {synthesize(reports, records, shape)} records ({shape}) ...", flush=True)
    subprocess.run([sys.executable, "-m", "convtrack.cli", "--reports", str(reports), "--matrix-dir",
                    str(ROOT / "matrix"), "--suites", str(ROOT / "suites"), "site", "build", "--offline", "--out",
                    str(site)], env=dict(os.environ, PYTHONPATH=str(ROOT / "src")), check=True,
                   stdout=subprocess.DEVNULL)


def pages(site: Path) -> list[Path]:
    found = [site / p for p in PAGES if (site / p).exists()]
    for pattern in FAMILIES:
        family = sorted(site.glob(pattern), key=lambda p: p.stat().st_size)
        found += family[-1:]
    return found


def measure(site: Path, loads: int) -> list[tuple[Path, float, float]]:
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        for path in pages(site):
            times = []
            for i in range(loads + 1):  # the first load warms the browser (fonts, the shared CSS and script)
                page.goto(path.as_uri(), wait_until="load", timeout=120_000)
                ms = page.evaluate("() => { const n = performance.getEntriesByType('navigation')[0];"
                                   " return n.loadEventEnd - n.startTime; }")
                if i:
                    times.append(ms / 1000)
            out.append((path, statistics.median(times), max(times)))
        browser.close()
    return out


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--records", type=int, default=100_000)
    p.add_argument("--shape", choices=["history", "wide"], default="history")
    p.add_argument("--site", type=Path, help="an already built site (default: build one in a temporary folder)")
    p.add_argument("--loads", type=int, default=3)
    args = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="convtrack-bench-pages-") as tmp:
        site = args.site or Path(tmp) / "site"
        if args.site is None:
            build(site, args.records, args.shape)
        print(f"{'page':<48} {'KB':>8} {'load s (median)':>16} {'max s':>6}")
        for path, median, worst in measure(site, args.loads):
            flag = "" if worst < 1 else "   over 1 s"
            print(f"{str(path.relative_to(site)):<48} {path.stat().st_size / 1024:>8.0f} {median:>16.3f} "
                  f"{worst:>6.3f}{flag}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
