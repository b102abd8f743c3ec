"""Internal links of a tagged PDF described by what they lead to.

WeasyPrint gives each link annotation the link's target as its description (``/Contents``):
for a link inside the document, an anchor name such as ``etape-commandement-de-payer``, which
is what a screen reader then says. This replaces it with the title of the section the link
leads to (the link's own text in the HTML), keeping everything else of the file: its tags, its
language, its metadata, its identifier. pypdf rewrites the file; the same input gives the same
bytes.
"""

from __future__ import annotations

import html
import io
import re

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject

_INTERNAL_LINK = re.compile(r'<a href="#(?P<anchor>[^"]+)"[^>]*>(?P<text>.*?)</a>', re.DOTALL)


def internal_link_titles(document_html: str) -> dict[str, str]:
    """Each internal link's anchor and the link's text: ``{'urgence': 'Numéros d'urgence'}``."""
    titles = {}
    for match in _INTERNAL_LINK.finditer(document_html):
        text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", match["text"])).split())
        titles.setdefault(match["anchor"], text)
    return titles


def describe_internal_links(pdf: bytes, titles: dict[str, str]) -> bytes:
    """``pdf`` with each internal link's ``/Contents`` set to the title it leads to."""
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter(clone_from=reader)
    changed = False
    for page in writer.pages:
        for reference in page.get("/Annots") or []:
            annotation = reference.get_object()
            target = annotation.get("/Dest")
            if annotation.get("/Subtype") == "/Link" and isinstance(target, str) \
                    and target in titles:
                annotation[NameObject("/Contents")] = TextStringObject(titles[target])
                changed = True
    if not changed:
        return pdf
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
