"""MkDocs' URL scheme (``use_directory_urls``)."""

from __future__ import annotations


def page_url(path: str) -> str:
    """MkDocs' directory URLs: 'a/b.md' → 'a/b/', 'a/index.md' → 'a/', 'index.md' → ''."""
    stem = path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"
