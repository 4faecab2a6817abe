"""Screenshot of the compatibility matrix for the README: builds the site from the records, serves it under
/convtrack/ on 127.0.0.1 and photographs index.html with Debian's headless Chromium through Playwright.

    python docs/screenshot.py [--reports reports] [--out docs/matrix.png]
    python docs/screenshot.py --set     # also docs/screens/{matrix,case,regressions}-{390,1400}.png
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> int:
    from playwright.sync_api import sync_playwright

    from convtrack import site

    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--reports", type=Path, default=ROOT / "reports")
    p.add_argument("--out", type=Path, default=ROOT / "docs" / "matrix.png")
    p.add_argument("--width", type=int, default=1280)
    p.add_argument("--set", action="store_true", help="also the matrix, a case page and the regressions page at "
                   "390 and 1400 px, under docs/screens/")
    p.add_argument("--case", default="cases/issues--pytorch_100429.html", help="the case page of --set")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site.build(args.reports, Path(tmp) / "convtrack", suites=ROOT / "suites", online=False)
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=tmp)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
                page = browser.new_page(viewport={"width": args.width, "height": 900})
                page.goto(f"http://127.0.0.1:{server.server_address[1]}/convtrack/index.html")
                top = page.locator("main h1").bounding_box()
                end = page.locator(".charts").bounding_box()
                assert top and end, "index.html has no matrix to photograph"
                page.screenshot(path=str(args.out), full_page=True,
                                clip={"x": 0, "y": max(top["y"] - 12, 0), "width": args.width,
                                      "height": end["y"] + end["height"] + 12 - max(top["y"] - 12, 0)})
                if args.set:
                    base = f"http://127.0.0.1:{server.server_address[1]}/convtrack/"
                    screens(browser, base, ROOT / "docs" / "screens", args.case)
                browser.close()
        finally:
            server.shutdown()
    print(args.out)
    return 0


def screens(browser: object, base: str, out: Path, case: str) -> None:
    """The first screen (1.6 screens high) of three pages at a phone's and a desktop's width."""
    out.mkdir(parents=True, exist_ok=True)
    for width, height in ((390, 844), (1400, 900)):
        page = browser.new_page(viewport={"width": width, "height": height})  # type: ignore[attr-defined]
        for name, rel in (("matrix", "index.html"), ("case", case), ("regressions", "regressions.html")):
            page.goto(base + rel)
            page.screenshot(path=str(out / f"{name}-{width}.png"), full_page=True,
                            clip={"x": 0, "y": 0, "width": width, "height": int(height * 1.6)})
            print(out / f"{name}-{width}.png")
        page.close()


if __name__ == "__main__":
    sys.exit(main())
