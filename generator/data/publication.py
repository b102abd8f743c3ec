"""Draft or publication: the state of the edition, decided by the data.

The site and its printed documents are *published* only when ``data/site.yaml`` names a real
public address, a publisher, a director of publication and a host. Until then they are a
*draft*: every page says so, every PDF page carries a mark, and no QR code or printed address
points to an address that does not exist yet. ``make site PUBLISH=1`` refuses a draft and lists
what is missing, and every placeholder (« à confirmer ») still left in a text a reader sees.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import Problem, format_path
from .model import SiteFile
from .site_data import SiteData
from .validate import iter_texts

PUBLICATION_FIELDS = {
    "url": "the site's public address: url: https://… (the domain the site is served from)",
    "publisher": "who publishes the site (éditeur), under fr: and en:",
    "publication_director": "the director of publication (directeur ou directrice de la "
                            "publication), under fr: and en:",
    "host": "the host (hébergeur): name, address and telephone, under fr: and en:",
}
"""The fields of site.yaml a publisher fills in, and what each one holds."""

RESERVED_DOMAINS = ("example.org", "example.com", "example.net", "example", "test", "invalid",
                    "localhost")
"""Domains reserved for documentation and tests (RFC 2606, RFC 6761): never a real site."""

PLACEHOLDER = re.compile(r"\b(?:à\s+confirmer|à\s+désigner|to\s+be\s+(?:confirmed|appointed))\b",
                         re.IGNORECASE)
"""Words that mark a fact still missing from a text a reader sees."""


def is_real_address(url: str | None) -> bool:
    """A https address whose domain is not reserved for examples and tests."""
    if not url:
        return False
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    return bool(host) and not any(host == domain or host.endswith("." + domain)
                                  for domain in RESERVED_DOMAINS)


def missing_fields(site: SiteFile) -> list[str]:
    """The publication fields of site.yaml still empty (or, for the url, not a real one)."""
    missing = [] if is_real_address(site.url) else ["url"]
    return missing + [name for name in PUBLICATION_FIELDS
                      if name != "url" and getattr(site, name) is None]


def is_draft(data: SiteData) -> bool:
    return bool(missing_fields(data.site))


def publication_problems(data: SiteData, content_dir: Path | None = None,
                         display_root: Path | None = None) -> list[Problem]:
    """Everything that keeps the edition a draft, each at its file and line: the empty
    publication fields of site.yaml, then every placeholder left in a data text a reader
    sees, then in the hand-written pages of ``content_dir``."""
    site_file = data.files["site.yaml"]
    problems = []
    for name in missing_fields(data.site):
        value = data.site.url if name == "url" else None
        found = f" ('{value}' is reserved for examples and tests)" if value else ""
        problems.append(Problem(site_file.display, site_file.line_of((name,)), name,
                                f"missing for publication{found} — fill in "
                                f"{PUBLICATION_FIELDS[name]}"))
    for file_name, model in data.models().items():
        loaded = data.files[file_name]
        for loc, text in iter_texts(model):
            for lang, value in text.root.items():
                match = PLACEHOLDER.search(value) if not lang.endswith("_from") else None
                if match:
                    problems.append(Problem(
                        loaded.display, loaded.line_of((*loc, lang)), format_path((*loc, lang)),
                        f"'{' '.join(match[0].split())}' is left in a text readers see — "
                        "write the confirmed fact, or say whom to ask"))
    if content_dir is not None and content_dir.is_dir():
        root = display_root or content_dir.parent
        for path in sorted(content_dir.rglob("*.md")):
            text = path.read_text(encoding="utf-8")
            for match in PLACEHOLDER.finditer(text):
                problems.append(Problem(
                    str(path.relative_to(root)), text.count("\n", 0, match.start()) + 1, "",
                    f"'{' '.join(match[0].split())}' is left in a text readers see — write the "
                    "confirmed fact, or say whom to ask"))
    return problems
