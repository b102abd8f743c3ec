"""Helpers for the browser tests: serve a built site on loopback, drive Debian's Chromium."""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic",
]


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


_COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml",
                     "application/xml")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static host as the site will have one: text sent gzip-compressed to a browser that asks
    for it (GitHub Pages, nginx and Apache do), so weights and Lighthouse timings are real."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        url_path = self.path.split("?")[0].split("#")[0]
        path = Path(self.translate_path(url_path))
        if path.is_dir() and url_path.endswith("/"):
            path = path / "index.html"
        kind = self.guess_type(str(path))
        if ("gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file()
                or not kind.startswith(_COMPRESSED_TYPES)):
            return super().send_head()  # directories redirected, 404s, images, fonts, .gz
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (a free port); yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def gzip_size(body: bytes) -> int:
    """Bytes on the wire for a body sent with gzip (level 6, as nginx and Apache default)."""
    return len(gzip.compress(body, compresslevel=6, mtime=0))


def html_pages(site: Path) -> list[str]:
    """Every page of the site, as URL paths relative to the site root."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        pages.append(rel.removesuffix("index.html"))
    return pages


QUERIES = Path(__file__).with_name("search_queries.yaml")
LANG_ROOTS = {"fr": "", "en": "en/"}


def search_results(page: object, query: str) -> list[str]:
    """Type ``query`` into the open page's search box, as a reader would; the result pages in
    order (paths from the site root, without anchors)."""
    def shown() -> list[str]:
        return page.locator(".md-search-result__item > a").evaluate_all(
            "links => links.map(link => new URL(link.href).pathname)")

    before = shown()
    box = page.locator(".md-search__input")
    box.fill(query[:-1])
    box.press_sequentially(query[-1])  # Material searches on the key typed
    last: list[str] | None = None
    for attempt in range(60):  # until the list has changed (or 1.5 s) and then settled
        page.wait_for_timeout(50)
        found = shown()
        if found and found == last and (found != before or attempt > 30):
            return list(dict.fromkeys(found))  # a page listed twice is one page to the reader
        last = found
    return list(dict.fromkeys(last or []))


def search_hits(browser: object, base_url: str, lang: str) -> list[dict[str, object]]:
    """Each query of ``tests/search_queries.yaml`` for ``lang``, typed into the real search
    box: the rank (1, 2, 3…) of its first answer among the result pages, or None."""
    import fnmatch

    import yaml

    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))[lang]
    root = "/" + LANG_ROOTS[lang]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{base_url}{LANG_ROOTS[lang]}")
    page.keyboard.press("/")
    out = []
    for item in queries:
        results = [path.removeprefix(root) for path in search_results(page, item["query"])]
        rank = next((index for index, path in enumerate(results, 1)
                     if any(fnmatch.fnmatch(path, answer) for answer in item["answers"])), None)
        out.append({"query": item["query"], "rank": rank, "top": results[:3]})
    page.close()
    return out


def words_above_first_fold(page_html: str) -> int:
    """The words a reader sees in the page's content (emergency box included) before its
    first fold-out (``details.fold``): what the first screens ask them to read."""
    from bs4 import BeautifulSoup

    article = BeautifulSoup(page_html, "html.parser").select_one("article")
    for tag in article.select("script, style, noscript, [hidden], .print-only, .headerlink"):
        tag.decompose()
    fold = article.select_one("details.fold")
    if fold is not None:
        for later in [*fold.find_all_next()]:
            later.decompose()
        fold.decompose()
    return len(article.get_text(" ").split())


PAGE_TYPES = {"home": "", "tenant stage": "locataire/commandement-de-payer/",
              "landlord stage": "proprietaire/assignation-et-jugement/",
              "calculator": "outils/calculateur/", "letter finder": "outils/courrier/",
              "scheme": "dispositifs/fsl/", "commune lookup": "outils/pres-de-chez-vous/",
              "plan": "outils/mon-plan/"}
"""One page of each type a reader meets, as paths from a language's root."""

LIGHTHOUSE = Path(__file__).with_name("lighthouse.mjs")


def lighthouse(urls: list[str], categories: list[str], audits: list[str],
               quiet_ms: int | None = None) -> list[dict[str, object]]:
    """Lighthouse (mobile) on each URL, in one Debian chromium (tests/lighthouse.mjs): per URL,
    the category scores (0 to 1), the named audits' values and the audits that lost points.
    ``quiet_ms`` shortens the waits after load (Lighthouse waits 1 s for each by default)."""
    options = {"categories": categories, "audits": audits, "quietMs": quiet_ms}
    env = {**os.environ, "CHROME_PATH": chromium_path() or "chromium",
           "CHROME_FLAGS": " ".join(["--headless", *CHROMIUM_ARGS])}
    result = subprocess.run(["node", str(LIGHTHOUSE), json.dumps(options), *urls],
                            env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"Lighthouse failed:\n{result.stderr[-3000:]}")
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def axe_problems(page: object) -> list[tuple[str, list[object]]]:
    """What axe-core (WCAG 2.1 A and AA) finds on ``page``, as (rule, targets); the page must
    have axe injected (``context.add_init_script(path=AXE)``). Material fades the header's
    title in and out as the page scrolls: the page is brought back to the top and let settle
    first."""
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(400)
    violations = page.evaluate("() => axe.run(document, {runOnly: {type: 'tag', values: "
                               "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})")["violations"]
    return [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def printed(page: object, margin: str = "15mm") -> tuple[int, str]:
    """``page`` printed by Chromium on A4 with ``margin`` all round: its page count and its
    text (pdfinfo, pdftotext)."""
    import subprocess

    pdf = page.pdf(format="A4", margin={side: margin for side in
                                        ("top", "bottom", "left", "right")})
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.decode().splitlines()
                     if line.startswith("Pages:")))
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()
    return pages, text
