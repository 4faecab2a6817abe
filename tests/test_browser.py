"""The built site in a real browser: headless Debian Chromium driven by Playwright, served under a sub-path.

Never `playwright install`: the browser is Debian's /usr/bin/chromium. When it is missing and we run as
root, the session fixture installs it with apt-get; otherwise the test skips and says why.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from test_site import ESCAPED, EVIL, build_site

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def install_chromium() -> str | None:
    """The browser's path, installing Debian's chromium with apt-get when missing and allowed; None if not."""
    if Path(CHROMIUM).exists():
        return CHROMIUM
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        return None
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for cmd in (["apt-get", "update", "-q"], ["apt-get", "install", "-y", "-q", "chromium"]):
        if subprocess.run(cmd, env=env, capture_output=True, timeout=1800, check=False).returncode != 0:
            return None
    return CHROMIUM if Path(CHROMIUM).exists() else None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed: "
                                   "pip install -e '.[test]'")
    path = install_chromium()
    if path is None:
        pytest.skip(reason=f"no browser: {CHROMIUM} is missing and could not be installed with apt-get "
                    "(needs root and the Debian archive)")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=path, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """An HTTP server on 127.0.0.1 whose document root is the parent of the site: the site lives at /convtrack/."""
    www = tmp_path / "www"
    www.mkdir()
    handler = functools.partial(_QuietHandler, directory=str(www))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield www, f"http://127.0.0.1:{server.server_address[1]}/convtrack/"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


def test_site_in_a_browser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, browser: Any,
                           served: tuple[Path, str]) -> None:
    www, base = served
    out = build_site(tmp_path, monkeypatch)
    shutil.copytree(out, www / "convtrack")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    problems: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))

    page.goto(base + "index.html")
    square = page.locator("td.sq[title^='torch2.9.0-ort1.20.1-onnx1.17.0 / dynamo / opset 18:']")
    assert square.locator(".rate").inner_text() == "0/2"
    assert page.locator("#filter-status").inner_text() == "3 of 3 cases"

    # a run of one outcome is written as a range ("0-2m", matrix.encode_results): the filter reads it as 3 cases
    page.locator("td.sq[data-results='0m,2m']").first.evaluate("td => { td.dataset.results = '0-2m'; td.id = 'r'; }")
    ranged = page.locator("td#r")

    page.select_option("select[data-filter='kind']", "issue")  # client-side filter: the evil issue alone
    assert page.locator("#filter-status").inner_text() == "1 of 3 cases"
    assert square.locator(".rate").inner_text() == "0/1"
    assert ranged.locator(".rate").inner_text() == "1/1"
    assert "convert_error 1" in (square.get_attribute("title") or "")
    assert "kind=issue" in page.url
    page.select_option("select[data-filter='mode']", "dynamo")
    assert page.locator("th.opset:visible").count() > 0
    assert all(el.get_attribute("data-mode") == "dynamo" for el in page.locator("td.sq:visible").all())
    assert page.locator("section.converter[data-converter='tf2onnx']").is_visible()
    page.select_option("select[data-filter='converter']", "torch.onnx")
    assert not page.locator("section.converter[data-converter='tf2onnx']").is_visible()
    square.click()  # the cases behind a square, filtered, each linking to its page
    assert page.locator("#square-detail li").all_inner_texts() == ["issues/evil convert_error"]
    page.screenshot(path=str(tmp_path / "matrix.png"), full_page=True)

    page.locator(".case-list a:visible", has_text="issues/evil").click()  # a case page
    page.wait_for_url("**/convtrack/cases/issues--evil.html")
    assert page.locator("h1").inner_text() == "issues/evil"
    assert EVIL in page.locator("pre.err").first.inner_text()  # shown as text, never run
    assert ESCAPED not in page.locator("pre.err").first.inner_text()
    assert (page.locator("a.download").first.get_attribute("href") or "").startswith("repro/issues--evil--")

    page.locator("header nav a", has_text="Regressions").click()
    page.wait_for_url("**/convtrack/regressions.html")
    page.locator("details.pair tr.trow a").first.click()  # follow a regression to its record
    page.wait_for_url("**/convtrack/cases/issues--evil.html#r-*")
    target = page.url.split("#", 1)[1]
    assert page.locator(f"section.failure[id='{target}']").is_visible()
    assert "convert_error" in page.locator(f"section.failure[id='{target}'] h3").inner_text()
    page.screenshot(path=str(tmp_path / "case.png"))

    assert not problems, problems
    assert all(u.startswith(base) for u in requests), [u for u in requests if not u.startswith(base)]
    assert (tmp_path / "matrix.png").stat().st_size > 10_000
    page.close()


def _in_viewport(page: Any, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    size = page.viewport_size
    return bool(box and size and box["height"] > 0 and 0 <= box["y"] and box["y"] + min(box["height"], 40)
                <= size["height"])


def _no_sideways_scroll(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


@pytest.mark.parametrize("width", [390, 1400])
def test_any_screen_keyboard_search_and_download(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, browser: Any,
                                                 served: tuple[Path, str], width: int) -> None:
    import gzip
    import json

    www, base = served
    shutil.copytree(build_site(tmp_path, monkeypatch), www / "convtrack")
    page = browser.new_page(viewport={"width": width, "height": 800}, accept_downloads=True)
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))

    for name in ("index.html", "detail.html", "detail/torch.onnx-torch2.9.0-ort1.20.1-onnx1.17.0.html",
                 "findings.html", "regressions.html", "signatures.html", "health.html",
                 "data.html", "cases/issues--evil.html", "releases/torch.onnx-torch-2.9.0.html"):
        page.goto(base + name)
        assert _no_sideways_scroll(page), (name, width)

    page.goto(base + "index.html")  # keyboard: Tab to a square, Enter, and the detail is in view next to it
    square = page.locator("td.sq[title^='torch2.9.0-ort1.20.1-onnx1.17.0 / dynamo / opset 18:']")
    square.focus()
    page.keyboard.press("Enter")
    assert page.locator("#square-detail li").count() == 2
    assert _in_viewport(page, "#square-detail")
    assert page.locator("#detail-row").evaluate("r => r.previousElementSibling.contains(document.activeElement)")

    page.locator("#square-detail a", has_text="in this cell").click()  # the square's cell, every case's text
    page.wait_for_url("**/convtrack/detail/torch.onnx-torch2.9.0-ort1.20.1-onnx1.17.0.html#mode=dynamo")
    assert page.locator("select[data-filter='mode']").input_value() == "dynamo"
    cell = page.locator("td[data-d]:visible").first  # a cell's page loads its texts on the first Enter
    cell.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#detail")
    assert "@" in page.locator("#detail").inner_text() and _in_viewport(page, "#detail")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.tagName") == "TD"
    page.goto(base + "detail.html")  # (a hash change alone would not load the page again)
    page.goto(base + "detail/torch.onnx-torch2.9.0-ort1.20.1-onnx1.17.0.html#mode=legacy")
    assert page.locator("select[data-filter='mode']").input_value() == "legacy"
    assert page.locator("td[data-d][tabindex='0']").is_visible()  # the Tab stop leaves a column the filter hides

    page.goto(base + "regressions.html")  # text filter
    rows = page.locator("tr.trow:visible")
    assert rows.count() == 1
    page.fill("input[type=search]", "evil dynamo")
    assert rows.count() == 1
    page.fill("input[type=search]", "no such case")
    assert rows.count() == 0 and page.locator("details.pair:visible").count() == 0
    page.fill("input[type=search]", "")
    page.select_option("select[data-sort]", "fixes")
    assert page.locator("details.pair").count() == 1
    page.select_option("select[data-attr='tkind']", "fix")
    assert rows.count() == 0

    page.goto(base + "data.html")  # the data behind the pages
    with page.expect_download() as dl:
        page.click("a[href$='records.json.gz']")
    data = json.loads(gzip.decompress(Path(dl.value.path()).read_bytes()))
    assert {r["case"] for r in data} >= {"issues/evil", "models/lstm"}
    with page.expect_download() as dl:
        page.click("a[href$='transitions.json']")
    assert len(json.loads(Path(dl.value.path()).read_text())) == 2
    assert not problems, problems
    page.close()
