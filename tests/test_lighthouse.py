"""Lighthouse (mobile), as a reviewer would run it, on one page of each type in both languages:
accessibility, best practices and SEO score 100, and nothing moves once drawn (CLS 0).

The performance score and the total blocking time depend on the machine: `make bench` reports
them (bench/bench_lighthouse.py), no test asserts them."""

from __future__ import annotations

import pytest

from tests.browser import LANG_ROOTS, PAGE_TYPES, chromium_path, lighthouse

pytestmark = pytest.mark.skipif(chromium_path() is None, reason="Debian's chromium is needed")

CATEGORIES = ["accessibility", "best-practices", "seo"]


@pytest.mark.parametrize("lang", list(LANG_ROOTS))
def test_lighthouse_scores_100_and_nothing_moves(base_url: str, lang: str) -> None:
    urls = {f"{base_url}{LANG_ROOTS[lang]}{path}": name for name, path in PAGE_TYPES.items()}
    # Waits after load shortened from Lighthouse's 1 s to 0.5 s: the pages make no request
    # once loaded; test_quality's CLS test watches a slow first visit for longer.
    reports = lighthouse(list(urls), CATEGORIES, ["cumulative-layout-shift"], quiet_ms=500)
    assert [report["url"] for report in reports] == list(urls)
    problems = []
    for report in reports:
        name = urls[report["url"]]
        assert report["finalUrl"] == report["url"], f"{name}: Lighthouse did not load the page"
        for category in CATEGORIES:
            if report["categories"][category] != 1:
                lost = [f"{item['id']} ({item['title']})" for item in report["failing"]
                        if item["category"] == category]
                problems.append(f"{name}: {category} {report['categories'][category]:.2f}, "
                                f"lost on {', '.join(lost)}")
        if report["audits"]["cumulative-layout-shift"] != 0:
            problems.append(f"{name}: CLS {report['audits']['cumulative-layout-shift']}")
    assert problems == []
