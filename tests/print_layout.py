"""Layout rules a printer checks before sending a PDF to press, read from the PDF itself.

Each text line is read with its position, its type size, its weight and its colour
(pdfminer.six), and the booklet's outline (its bookmarks: the h1 and h2 headings) says where
each section starts. Nothing here knows the département or the texts: a *title* is a line set
bold, in colour, at 11 pt or more (headings, deadline titles, actors' names); the *running
header* is the text above the page's text; a *ruled* page is one with drawn lines to write on.

Rules (each problem names the file and the page):

- no page under a third full, but a part's last page and the pages to write on; no page's
  text twice;
- no title in the last lines of a page without at least two lines of its text after it, when
  its text goes on over the page;
- the running header names the section (or the part) whose text starts the page;
- no title line made of one short word (« Le », « The ») before the rest of the title;
- no title, nor line « label — duration », that says its duration twice (« 2 mois pour
  partir — 2 mois »).

Run on files to see what it flags:

    .venv/bin/python -m tests.print_layout site/livret/livret-fr.pdf …
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTChar, LTCurve, LTPage, LTTextLine
from pypdf import PdfReader

from generator.print.imposition import saddle_stitch_order

MARGIN_BAND = 46.0
"""Points from the top and bottom edges where the running header and footer sit (the text
area starts below 17 mm and ends above 16 mm)."""
TITLE_SIZE = 11.0
"""Type size from which a bold line in colour is a title."""
UNDER_FILLED = 1 / 3
LINES_AFTER_TITLE = 2
SHORT_WORD = 3
"""A title's first line of this many letters or fewer, alone, is a broken title."""
RULED_LINES = 8
"""Drawn horizontal lines that make a page one to write on (notes, appointments)."""


@dataclass
class Line:
    text: str
    top: float
    bottom: float
    left: float
    size: float
    bold: bool
    colour: tuple[float, ...]

    @property
    def is_title(self) -> bool:
        grey = len(self.colour) == 3 and max(self.colour) - min(self.colour) < 0.02
        return self.bold and self.size >= TITLE_SIZE - 0.05 and not grey

    @property
    def is_text(self) -> bool:
        """Running text: not a title, nor a label set in white on a coloured band."""
        return not self.is_title and min(self.colour) < 0.95


@dataclass
class Page:
    number: int
    height: float
    lines: list[Line] = field(default_factory=list)  # the text area, top to bottom
    header: str = ""
    ruled: bool = False

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)

    def fill(self) -> float:
        """How much of the text area the text covers, from its top down."""
        if not self.lines:
            return 0.0
        area = self.height - 2 * MARGIN_BAND
        return (self.height - MARGIN_BAND - self.lines[-1].bottom) / area


@dataclass(frozen=True)
class Section:
    level: int
    title: str
    page: int
    top: float


def _lines(container: Iterable) -> Iterable[LTTextLine]:
    for item in container:
        if isinstance(item, LTTextLine):
            yield item
        elif hasattr(item, "__iter__") and not isinstance(item, LTChar):
            yield from _lines(item)


def _line(item: LTTextLine, shift: float = 0.0) -> Line | None:
    chars = [char for char in item if isinstance(char, LTChar) and char.get_text().strip()]
    if not chars:
        return None
    bold = sum("bold" in char.fontname.lower() for char in chars) / len(chars) > 0.9
    colour = chars[0].graphicstate.ncolor
    colour = tuple(colour) if isinstance(colour, (list, tuple)) else (colour or 0.0,) * 3
    return Line(" ".join(item.get_text().split()), item.y1, item.y0, item.x0,
                max(round(char.size, 1) for char in chars), bold, colour)


def _page(number: int, layout: LTPage, x_range: tuple[float, float] | None = None) -> Page:
    left, right = x_range or (layout.x0, layout.x1)
    height = layout.height
    page = Page(number, height)
    lines = [(item, _line(item)) for item in _lines(layout)
             if left <= (item.x0 + item.x1) / 2 < right]
    lines = sorted(((item, line) for item, line in lines if line), key=lambda pair: -pair[1].top)
    headers = []
    for item, line in lines:
        if line.bottom > height - MARGIN_BAND:
            headers.append((item.x0, line.text))
        elif line.top > MARGIN_BAND:
            page.lines.append(line)
    page.header = " ".join(text for _, text in sorted(headers))
    drawn = [item for item in layout if isinstance(item, LTCurve)
             and left <= item.x0 < right and item.height < 2 and item.width > 60]
    page.ruled = len(drawn) >= RULED_LINES
    return page


def read_pages(path: Path) -> list[Page]:
    return [_page(number, layout) for number, layout
            in enumerate(extract_pages(path, laparams=LAParams(all_texts=True)), start=1)]


def read_imposed(path: Path) -> list[Page]:
    """The booklet's pages cut back out of its imposed sheet sides, in reading order."""
    sides = list(extract_pages(path, laparams=LAParams(all_texts=True)))
    order = saddle_stitch_order(2 * len(sides))
    pages = []
    for layout, numbers in zip(sides, order, strict=True):
        half = layout.width / 2
        for number, x_range in zip(numbers, ((0, half), (half, layout.width)), strict=True):
            pages.append(_page(number, layout, x_range))
    return sorted(pages, key=lambda page: page.number)


def read_outline(path: Path) -> list[Section]:
    reader = PdfReader(path)
    sections: list[Section] = []

    def walk(items: list, level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                sections.append(Section(level, " ".join(item.title.split()),
                                        reader.get_destination_page_number(item) + 1,
                                        float(item.top or 0)))

    walk(reader.outline, 1)
    return sections


def _title_blocks(page: Page) -> list[tuple[int, int]]:
    """Each title as (index of its first line, index after its last line): lines of one
    style, one under the other (side by side, they are two titles)."""
    blocks = []
    index = 0
    while index < len(page.lines):
        if page.lines[index].is_title:
            start = index
            style = (page.lines[index].size, page.lines[index].colour)
            index += 1
            while index < len(page.lines) and page.lines[index].is_title and \
                    (page.lines[index].size, page.lines[index].colour) == style and \
                    abs(page.lines[index].left - page.lines[start].left) < 2:
                index += 1
            blocks.append((start, index))
        else:
            index += 1
    return blocks


def under_filled(name: str, pages: list[Page], outline: list[Section]) -> list[str]:
    """Pages under a third full but a part's last page (the next one starts a part: a level-1
    bookmark) and the covers; pages to write on are exempt; no page's text twice."""
    starts = {section.page for section in outline if section.level == 1}
    problems = []
    for page in pages[1:-1]:
        if page.ruled or page.number + 1 in starts:
            continue
        if page.fill() < UNDER_FILLED:
            problems.append(f"{name} p. {page.number}: {page.fill():.0%} full "
                            f"({len(page.lines)} lines), not the end of a part")
    seen: dict[str, int] = {}
    for page in pages:
        if page.text and page.text in seen:
            problems.append(f"{name} p. {page.number}: the same text as p. {seen[page.text]}")
        seen.setdefault(page.text, page.number)
    return problems


def stranded_titles(name: str, pages: list[Page]) -> list[str]:
    """A title among a page's last lines, with fewer than two lines of its text under it,
    whose text goes on at the top of the next page."""
    problems = []
    for page, following in zip(pages, pages[1:], strict=False):
        blocks = _title_blocks(page)
        if not blocks or not following.lines or following.lines[0].is_title:
            continue
        start, end = blocks[-1]
        after = len(page.lines) - end
        if after < LINES_AFTER_TITLE:
            title = " ".join(line.text for line in page.lines[start:end])
            problems.append(f"{name} p. {page.number}: « {title} » with {after} line(s) of its "
                            "text under it, the rest on the next page")
    return problems


def broken_titles(name: str, pages: list[Page]) -> list[str]:
    """A title whose first line is one short word; a title, or a line « label — duration »
    (a handout's deadlines), that says its duration twice."""
    problems = []
    for page in pages:
        said = [(start, end, " ".join(line.text for line in page.lines[start:end]))
                for start, end in _title_blocks(page)]
        for start, end, title in said:
            first = page.lines[start].text
            if end - start > 1 and len(first.split()) == 1 and \
                    len(first.strip("'’")) <= SHORT_WORD:
                problems.append(f"{name} p. {page.number}: the title « {title} » starts with "
                                f"« {first} » alone on its line")
        for text in [title for _, _, title in said] + [line.text for line in page.lines]:
            head, dash, tail = text.rpartition(" — ")
            duration = tail.split("(")[0].strip().lower()
            # a duration is a number and its unit: a line that ends on « — 2 » wraps it
            if dash and " " in duration and re.search(rf"\b{re.escape(duration)}\b",
                                                      head.lower()):
                problems.append(f"{name} p. {page.number}: « {text} » says « {duration} » "
                                "twice")
    return sorted(set(problems), key=problems.index)


def wrong_headers(name: str, pages: list[Page], outline: list[Section]) -> list[str]:
    """The running header names the section whose text starts the page, or its part: a
    section is in effect from its bookmark on (its page, its top) until the next one."""
    problems = []
    for page in pages:
        if not page.header or not page.lines:
            continue
        text = [line for line in page.lines if line.is_text]
        if not text:
            continue
        first_top = text[0].top
        before = [section for section in outline if section.page < page.number or
                  (section.page == page.number and section.top >= first_top - 1)]
        if not before:
            continue
        current = before[-1]
        chain = [current] + [next(section for section in reversed(before)
                                  if section.level == level)
                             for level in range(current.level - 1, 0, -1)]
        header = _without_glosses(page.header)
        if not any(_without_glosses(section.title) in header for section in chain):
            problems.append(f"{name} p. {page.number}: headed « {page.header} » over the text "
                            f"of « {current.title} »")
    return problems


def _without_glosses(title: str) -> str:
    """« Assignation (court summons) and jugement » → « assignation and jugement »: running
    headers drop the English glosses of French terms."""
    return " ".join(re.sub(r"\([^)]*\)", " ", title).split()).lower()


def booklet_problems(path: Path, pages: list[Page] | None = None,
                     outline: list[Section] | None = None) -> list[str]:
    """Every rule on a booklet (or on the pages of its imposed file, with the booklet's
    outline)."""
    pages = pages if pages is not None else read_pages(path)
    outline = outline if outline is not None else read_outline(path)
    return (under_filled(path.name, pages, outline) + stranded_titles(path.name, pages)
            + broken_titles(path.name, pages) + wrong_headers(path.name, pages, outline))


def one_page_problems(path: Path) -> list[str]:
    """The rules that apply to a one-page document (a handout, a form): its titles."""
    return broken_titles(path.name, read_pages(path))


def main(paths: list[str]) -> int:
    total = 0
    for name in paths:
        path = Path(name)
        if path.name.endswith("-a-imprimer.pdf"):
            booklet = path.with_name(path.name.replace("-a-imprimer", ""))
            problems = booklet_problems(path, read_imposed(path), read_outline(booklet))
        elif len(PdfReader(path).pages) == 1:
            problems = one_page_problems(path)
        else:
            problems = booklet_problems(path)
        pages = len(PdfReader(path).pages)
        print(f"{path.name}: {pages} pages, {len(problems)} problem(s)")
        for problem in problems:
            print(f"  {problem}")
        total += len(problems)
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
