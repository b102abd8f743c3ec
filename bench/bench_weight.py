"""Page weight of a first visit on a phone: serves site/ on loopback with gzip, loads pages in
headless Chromium (Debian's chromium) and reports bytes transferred and requests.

    .venv/bin/python bench/bench_weight.py [--site site]

Budget (checked by tests/test_quality.py on real bytes): a tenant stage page ≤ 150 KB
compressed on a first visit, search index not fetched before the reader searches.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser import CHROMIUM_ARGS, chromium_path  # noqa: E402

PAGES = [("home (fr)", ""), ("tenant stage (fr)", "locataire/commandement-de-payer/"),
         ("commune lookup (fr)", "outils/pres-de-chez-vous/"),
         ("home (en)", "en/"), ("tenant stage (en)", "en/locataire/commandement-de-payer/")]
BUDGET = 150 * 1024


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the browser accepts it (as a real server would)."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io

        return io.BytesIO(body)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    handler = functools.partial(GzipHandler, directory=str(args.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    print(f"First visit on a phone (390×844), gzip, {args.site}")
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for name, path in PAGES:
            context = browser.new_context(viewport={"width": 390, "height": 844},
                                          is_mobile=True, device_scale_factor=2)
            page = context.new_page()
            client = context.new_cdp_session(page)
            client.send("Network.enable")
            sizes: dict[str, int] = {}
            client.on("Network.loadingFinished",
                      lambda event, sizes=sizes: sizes.__setitem__(
                          event["requestId"], int(event["encodedDataLength"])))
            start = time.perf_counter()
            page.goto(base + path, wait_until="networkidle")
            elapsed = time.perf_counter() - start
            total = sum(sizes.values())
            verdict = "within" if total <= BUDGET else "OVER"
            print(f"  {name:<20} {total / 1024:6.1f} KB in {len(sizes)} requests, "
                  f"loaded in {elapsed:.2f} s ({verdict} the 150 KB budget)")
            context.close()
        context = browser.new_context()
        page = context.new_page()
        page.goto(base + "locataire/", wait_until="networkidle")
        with page.expect_response(lambda r: "search_index.json" in r.url) as info:
            page.keyboard.press("/")
        body = info.value.body()
        print(f"  search index, fetched on first use: {len(gzip.compress(body)) / 1024:.1f} KB "
              f"compressed ({len(body) / 1024:.0f} KB raw)")
        browser.close()
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
