"""Offline link check of a built site: every internal link and anchor must resolve; external
links are listed (never fetched) for a person to review."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        if tag in ("link", "script", "img") and (values.get("href") or values.get("src")):
            if values.get("rel") not in ("canonical", "alternate"):
                self.links.append(values.get("href") or values.get("src") or "")


@dataclass
class LinkReport:
    broken: list[str] = field(default_factory=list)
    external: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def markdown(self) -> str:
        lines = ["# External links (not fetched)", ""]
        for url, pages in sorted(self.external.items()):
            lines.append(f"- {url} — {len(pages)} page(s), e.g. {pages[0]}")
        return "\n".join(lines) + "\n"


def check_links(site: Path) -> LinkReport:
    """Check every HTML page under ``site``."""
    report = LinkReport()
    parsed: dict[Path, _Collect] = {}

    def parse(path: Path) -> _Collect:
        if path not in parsed:
            collector = _Collect()
            collector.feed(path.read_text(encoding="utf-8"))
            parsed[path] = collector
        return parsed[path]

    for page in sorted(site.rglob("*.html")):
        name = page.relative_to(site).as_posix()
        for href in parse(page).links:
            parts = urlsplit(href)
            if parts.scheme in ("http", "https") or href.startswith("//"):
                report.external[href].append(name)
                continue
            if parts.scheme:  # mailto:, tel:
                continue
            path = unquote(parts.path)
            if path.startswith("/"):
                target = site / path.lstrip("/")
            else:
                target = (page.parent / path) if path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                report.broken.append(f"{name}: {href} (no such file)")
            elif parts.fragment and "=" not in parts.fragment and target.suffix == ".html":
                if unquote(parts.fragment) not in parse(target).ids:
                    report.broken.append(f"{name}: {href} (no #{parts.fragment})")
    return report
