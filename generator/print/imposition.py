"""The booklet « à imprimer »: its A5 pages two by two on A4 landscape sheets, in saddle-stitch
order, for an office printer. Printed double-sided with a flip on the short edge, the stack
folded in the middle and stapled on the fold gives the booklet.

The pages keep their size (the text stays at the A5 edition's size): each A5 page fills half of
an A4 sheet. Each page is placed as a form XObject (its content stream kept as it is, drawn
where it goes): pypdf's ``merge_transformed_page`` parses and rewrites every operator of every
page, 5 s for a 100-page booklet where this takes a fraction of a second.
"""

from __future__ import annotations

import io

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
)

A4_LANDSCAPE = (841.89, 595.28)
"""Width and height of an A4 landscape sheet, in PDF points."""


def saddle_stitch_order(pages: int) -> list[tuple[int, int]]:
    """The page numbers (1-based) on each side of each sheet, left then right: for 8 pages,
    [(8, 1), (2, 7), (6, 3), (4, 5)]. Sheet k's front is side 2k, its back side 2k + 1."""
    if pages % 4:
        raise ValueError(f"a booklet that folds has a multiple of 4 pages, not {pages}")
    sides = []
    for sheet in range(pages // 4):
        sides.append((pages - 2 * sheet, 2 * sheet + 1))
        sides.append((2 * sheet + 2, pages - 2 * sheet - 1))
    return sides


def impose(booklet_pdf: bytes, title: str, instructions: str) -> bytes:
    """The imposed file of an A5 booklet: one A4 landscape page per sheet side. How to print
    it is the file's own description (``/Subject``, shown by viewers' document properties and
    written beside the download link on the site): no sheet of the copies carries it."""
    reader = PdfReader(io.BytesIO(booklet_pdf))
    width, height = A4_LANDSCAPE
    writer = PdfWriter()
    for left, right in saddle_stitch_order(len(reader.pages)):
        side = PageObject.create_blank_page(writer, width=width, height=height)
        forms = DictionaryObject()
        drawing = []
        for slot, (number, x) in enumerate(((left, 0.0), (right, width / 2))):
            page = reader.pages[number - 1]
            offset_x = x + (width / 2 - float(page.mediabox.width)) / 2
            offset_y = (height - float(page.mediabox.height)) / 2
            name = f"/Page{slot}"
            forms[NameObject(name)] = _as_form(writer, page)
            drawing.append(f"q 1 0 0 1 {offset_x:.4f} {offset_y:.4f} cm {name} Do Q")
        side[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/XObject"): forms})
        content = DecodedStreamObject()
        content.set_data("\n".join(drawing).encode("ascii"))
        side[NameObject("/Contents")] = writer._add_object(content.flate_encode())
        writer.add_page(side)
    writer.add_metadata({"/Title": title, "/Subject": instructions, "/Producer": "pypdf"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _as_form(writer: PdfWriter, page: PageObject) -> IndirectObject:
    """The page as a form XObject of ``writer``: its content, its resources (fonts and images
    copied once across the file), its box."""
    contents = page.get("/Contents")
    streams = contents.get_object() if contents is not None else []
    streams = streams if isinstance(streams, list) else [streams]
    form = DecodedStreamObject()
    form.set_data(b"\n".join(stream.get_object().get_data() for stream in streams))
    form = form.flate_encode()
    form[NameObject("/Type")] = NameObject("/XObject")
    form[NameObject("/Subtype")] = NameObject("/Form")
    form[NameObject("/BBox")] = ArrayObject(FloatObject(value) for value in page.mediabox)
    form[NameObject("/Resources")] = page["/Resources"].clone(writer)
    return writer._add_object(form)
