"""Tables that fit a phone: each table of a built page sits in a scrollable region that a
keyboard can focus and a screen reader can name (WCAG 1.4.10: the page itself never scrolls
sideways at 320 px; a wide table scrolls inside its region, with a shadow at the edge that
says more is there — see site.css)."""

from __future__ import annotations

import html
import re

_TABLE = re.compile(r"<table\b[^>]*>.*?</table>", re.DOTALL)
_HEADING = re.compile(r"<h([1-4])\b[^>]*>(.*?)</h\1>", re.DOTALL)
_CAPTION = re.compile(r"<caption\b[^>]*>(.*?)</caption>", re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")


def _plain(fragment: str) -> str:
    return " ".join(html.unescape(_TAGS.sub("", fragment)).split()).removesuffix("¶").strip()


def scrollable_tables(page_html: str, label: str) -> str:
    """``page_html`` with each table wrapped in a focusable, named region. ``label`` is the
    region's name with a ``{title}`` slot: the table's caption, or the heading above it."""
    out, last = [], 0
    for table in _TABLE.finditer(page_html):
        before = page_html[last:table.start()]
        caption = _CAPTION.search(table.group(0))
        headings = list(_HEADING.finditer(page_html, 0, table.start()))
        title = _plain(caption.group(1) if caption else headings[-1].group(2) if headings
                       else "")
        name = html.escape(label.format(title=title).strip(" :—-"), quote=True)
        out += [before, f'<div class="table-scroll" role="region" tabindex="0" '
                        f'aria-label="{name}">', table.group(0), "</div>"]
        last = table.end()
    out.append(page_html[last:])
    return "".join(out)
