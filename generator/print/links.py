"""Internal links of a tagged PDF described by what they lead to.

WeasyPrint gives each link annotation the link's target as its description (``/Contents``):
for a link inside the document, an anchor name such as ``etape-commandement-de-payer``, which
is what a screen reader then says. This replaces it with the title of the section the link
leads to (the link's own text in the HTML), in the PDF WeasyPrint is about to write (a
*finisher*: nothing is parsed or written twice); everything else of the file stays as it is.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import pydyf

_INTERNAL_LINK = re.compile(r'<a href="#(?P<anchor>[^"]+)"[^>]*>(?P<text>.*?)</a>', re.DOTALL)


def internal_link_titles(document_html: str) -> dict[str, str]:
    """Each internal link's anchor and the link's text: ``{'urgence': 'Numéros d'urgence'}``."""
    titles = {}
    for match in _INTERNAL_LINK.finditer(document_html):
        text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", match["text"])).split())
        titles.setdefault(match["anchor"], text)
    return titles


def describe_internal_links(titles: dict[str, str]) -> Callable[[object, pydyf.PDF], None]:
    """A WeasyPrint finisher that sets each internal link's ``/Contents`` to the title it
    leads to: ``document.write_pdf(finisher=describe_internal_links(titles))``."""

    def finish(_document: object, pdf: pydyf.PDF) -> None:
        for item in pdf.objects:
            if not isinstance(item, pydyf.Dictionary) or item.get("Subtype") != "/Link":
                continue
            target = item.get("Dest")
            if isinstance(target, pydyf.String) and target.string in titles:
                item["Contents"] = pydyf.String(titles[target.string])

    return finish
