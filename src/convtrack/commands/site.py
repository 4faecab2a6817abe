"""`convtrack site build`: render the static site from the records."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def build(args: argparse.Namespace) -> int:
    from convtrack import site

    out = args.out or args.project.site
    def progress(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    print(site.build(args.reports, out, suites=args.suites, base_url=args.base_url, online=not args.offline,
                     progress=progress))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    st = sub.add_parser("site", help="the static site").add_subparsers(dest="sub", required=True)
    sb = st.add_parser("build", help="render the site from reports/ into site/_build",
                       description="Renders the compatibility matrix, case pages (with reproduction scripts), "
                       "regressions and fixes (+ Atom feed), release pages, signatures and health.")
    sb.add_argument("--out", type=Path, help="output folder (default: the project's site folder, site/_build)")
    sb.add_argument("--base-url", default="", help="public URL of the site, for absolute links in feed.xml")
    sb.add_argument("--offline", action="store_true",
                    help="do not ask the package index for release dates (use the records' timestamps)")
    sb.set_defaults(func=build)
