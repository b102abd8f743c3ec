"""The draft's mark, « VERSION DE TRAVAIL — NE PAS DIFFUSER », drawn as shapes.

Every page of a draft carries it across the page. Drawn as text, its letters would be read in
the middle of the page's own lines by anything that extracts the text (copy and paste, a
search, a screen reader); drawn from the font's glyph outlines as an SVG image with the words
as its alternative text, it is seen by every reader and said once, as an image.
"""

from __future__ import annotations

import base64
import functools
from pathlib import Path

from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont

FONT = "atkinson-hyperlegible-latin-700-normal.woff2"


@functools.lru_cache(maxsize=8)
def draft_mark_svg(text: str, fonts_dir: Path, colour: str = "#b3261e") -> str:
    """``text`` in the site's bold face, as outlines: an SVG data URI."""
    font = TTFont(fonts_dir / FONT)
    glyphs = font.getGlyphSet()
    cmap = font.getBestCmap()
    ascent = font["hhea"].ascent
    descent = -font["hhea"].descent
    pen = SVGPathPen(glyphs)
    x = 0
    for char in text:
        name = cmap.get(ord(char)) or cmap[ord("?")]
        glyphs[name].draw(TransformPen(pen, (1, 0, 0, -1, x, ascent)))
        x += font["hmtx"][name][0]
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {x} {ascent + descent}">'
           f'<path fill="{colour}" d="{pen.getCommands()}"/></svg>')
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")
