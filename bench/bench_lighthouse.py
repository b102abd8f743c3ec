"""Lighthouse (mobile) on each page type of the built site, in both languages, with Debian's
chromium: the four category scores, cumulative layout shift (CLS) and total blocking time (TBT).

    .venv/bin/python bench/bench_lighthouse.py [--site site]

Lighthouse is installed for the benchmark only (bench/package.json, `make bench` runs
`npm ci --prefix bench`). Scores depend on the machine: reported here, never asserted; CLS and
accessibility are asserted by tests/test_quality.py with their own measures.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser import CHROMIUM_ARGS, chromium_path, serve  # noqa: E402

LIGHTHOUSE = ROOT / "bench/node_modules/.bin/lighthouse"
PAGE_TYPES = [("home", ""), ("tenant stage", "locataire/commandement-de-payer/"),
              ("landlord stage", "proprietaire/assignation-et-jugement/"),
              ("calculator", "outils/calculateur/"), ("letter finder", "outils/courrier/"),
              ("scheme", "dispositifs/fsl/")]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def audit(url: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        subprocess.run(
            [str(LIGHTHOUSE), url, "--quiet", "--form-factor=mobile", "--output=json",
             f"--output-path={report}", f"--only-categories={','.join(CATEGORIES)}",
             "--chrome-flags=" + " ".join(["--headless", *CHROMIUM_ARGS])],
            check=True, env={**os.environ, "CHROME_PATH": chromium_path() or "chromium"},
            capture_output=True)
        data = json.loads(report.read_text(encoding="utf-8"))
    scores = {name: data["categories"][name]["score"] * 100 for name in CATEGORIES}
    scores["CLS"] = data["audits"]["cumulative-layout-shift"]["numericValue"]
    scores["TBT ms"] = data["audits"]["total-blocking-time"]["numericValue"]
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        print("Lighthouse is not installed: run `npm ci --prefix bench` (make bench does)")
        return 1
    print(f"Lighthouse (mobile) on {args.site}")
    print("  page                   perf  a11y  best   seo     CLS  TBT ms")
    with serve(args.site) as url:
        for prefix in ("", "en/"):
            for name, path in PAGE_TYPES:
                s = audit(f"{url}{prefix}{path}")
                print(f"  {name + (' (en)' if prefix else ' (fr)'):<20} {s['performance']:5.0f} "
                      f"{s['accessibility']:5.0f} {s['best-practices']:5.0f} {s['seo']:5.0f} "
                      f"{s['CLS']:7.3f} {s['TBT ms']:7.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
