"""Lighthouse (mobile) on each page type of the built site, in both languages, with Debian's
chromium: the four category scores, cumulative layout shift (CLS) and total blocking time (TBT).

    .venv/bin/python bench/bench_lighthouse.py [--site site]

The site is served as its host serves it, text gzip-compressed (tests/browser.py: GitHub Pages,
nginx and Apache do the same); Lighthouse's own waits are left at their defaults. Performance
and TBT depend on the machine: reported here, never asserted. tests/test_lighthouse.py asserts
the three other scores and CLS.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser import LANG_ROOTS, PAGE_TYPES, lighthouse, serve  # noqa: E402

CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
AUDITS = ["cumulative-layout-shift", "total-blocking-time"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    args = parser.parse_args()
    if not (ROOT / "node_modules/lighthouse").exists():
        print("Lighthouse is not installed: run `npm ci` (make bench does)")
        return 1
    print(f"Lighthouse (mobile) on {args.site}")
    print("  page                   perf  a11y  best   seo     CLS  TBT ms")
    with serve(args.site) as url:
        names = {f"{url}{root}{path}": f"{name} ({lang})"
                 for lang, root in LANG_ROOTS.items() for name, path in PAGE_TYPES.items()}
        for report in lighthouse(list(names), CATEGORIES, AUDITS):
            score = {name: value * 100 for name, value in report["categories"].items()}
            audit = report["audits"]
            print(f"  {names[report['url']]:<20} {score['performance']:5.0f} "
                  f"{score['accessibility']:5.0f} {score['best-practices']:5.0f} "
                  f"{score['seo']:5.0f} {audit['cumulative-layout-shift']:7.3f} "
                  f"{audit['total-blocking-time']:7.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
