"""How much a reader must read before the first fold-out of each tenant and landlord stage
page (the first screen says where they stand, the delay that runs, what to do now).

    .venv/bin/python bench/bench_reading.py [--site site]

Aim: at most 350 words (tests/test_site.py asserts it)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser import LANG_ROOTS, words_above_first_fold  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    args = parser.parse_args()
    print(f"Words above the first fold-out, {args.site}")
    for lang, prefix in LANG_ROOTS.items():
        for audience in ("locataire", "proprietaire"):
            counts = []
            for page in sorted((args.site / prefix / audience).glob("*/index.html")):
                counts.append((page.parent.name,
                               words_above_first_fold(page.read_text(encoding="utf-8"))))
            listed = ", ".join(f"{name} {count}" for name, count in counts)
            print(f"  {lang} {audience}: max {max(c for _, c in counts)} — {listed}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
