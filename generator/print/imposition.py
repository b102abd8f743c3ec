"""The booklet « à imprimer »: its A5 pages two by two on A4 landscape sheets, in saddle-stitch
order, for an office printer. Printed double-sided with a flip on the short edge, the stack
folded in the middle and stapled on the fold gives the booklet.

The pages keep their size (the text stays at the A5 edition's size): each A5 page fills half of
an A4 sheet. The first side carries one line, at the foot of the sheet, on how to print it.
pypdf places the pages; nothing here writes PDF by hand.
"""

from __future__ import annotations

import io

from pypdf import PageObject, PdfReader, PdfWriter, Transformation

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
        for number, x in ((left, 0.0), (right, width / 2)):
            page = reader.pages[number - 1]
            page_width = float(page.mediabox.width)
            page_height = float(page.mediabox.height)
            offset_x = x + (width / 2 - page_width) / 2
            offset_y = (height - page_height) / 2
            side.merge_transformed_page(page, Transformation().translate(offset_x, offset_y))
        added = writer.add_page(side)
        added.compress_content_streams()
    writer.add_metadata({"/Title": title, "/Subject": instructions, "/Producer": "pypdf"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
