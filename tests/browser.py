"""Helpers for the browser tests: serve a built site on loopback, drive Debian's Chromium."""

from __future__ import annotations

import functools
import gzip
import http.server
import shutil
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


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


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
