"""Running text of a built page: the text outside links, headings, code and form controls,
where glossary terms and phone numbers are marked up (the HTML is not parsed into a tree;
tags pass through unchanged)."""

from __future__ import annotations

import re
from collections.abc import Callable

SKIP = {"a", "abbr", "h1", "h2", "h3", "h4", "h5", "h6", "th", "legend", "code", "pre", "script",
        "style", "title", "button", "label", "summary", "textarea", "option", "select", "svg",
        "time"}
"""Elements whose text is left alone: a link cannot hold a link, headings and labels keep
their words whole, code is code."""
_TOKEN = re.compile(r"(<!--.*?-->|<[^>]+>)", re.DOTALL)
_TAG = re.compile(r"<\s*(/)?\s*([a-zA-Z][a-zA-Z0-9]*)")


def in_running_text(page_html: str, change: Callable[[str], str],
                    skip: frozenset[str] | set[str] = SKIP) -> str:
    """``page_html`` with ``change`` applied to each run of text outside the ``skip``
    elements (and outside tags and comments)."""
    depth = 0
    out = []
    for piece in _TOKEN.split(page_html):
        if not piece:
            continue
        if piece.startswith("<"):
            match = _TAG.match(piece)
            if match and match.group(2).lower() in skip and not piece.endswith("/>"):
                depth += -1 if match.group(1) else 1
                depth = max(depth, 0)
            out.append(piece)
            continue
        out.append(piece if depth else change(piece))
    return "".join(out)
