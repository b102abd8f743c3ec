"""Search quality and size: the queries of tests/search_queries.yaml typed into the real search
box of the built site in headless Chromium (Debian's chromium), and each language's index.

    .venv/bin/python bench/bench_search.py [--site site]

hit@1: the first result answers the query; hit@3: one of the first three does. The test
(tests/test_i18n.py) asserts hit@3 of at least 90 % per language; this reports both.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser import (  # noqa: E402
    CHROMIUM_ARGS,
    LANG_ROOTS,
    chromium_path,
    search_hits,
    serve,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    print(f"Search on {args.site}")
    for lang, prefix in LANG_ROOTS.items():
        index = (args.site / prefix / "search/search_index.json").read_bytes()
        print(f"  index ({lang}): {len(index) / 1024:.0f} KB, "
              f"{len(gzip.compress(index, 6, mtime=0)) / 1024:.0f} KB with gzip")
    with serve(args.site) as url, sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for lang in LANG_ROOTS:
            hits = search_hits(browser, url, lang)
            first = sum(1 for hit in hits if hit["rank"] == 1)
            three = sum(1 for hit in hits if hit["rank"] and hit["rank"] <= 3)
            print(f"  {lang}: {len(hits)} queries, hit@1 {first / len(hits):.0%} ({first}), "
                  f"hit@3 {three / len(hits):.0%} ({three})")
            for hit in hits:
                if not (hit["rank"] and hit["rank"] <= 3):
                    print(f"    missed {hit['query']!r}: {hit['top']}")
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
