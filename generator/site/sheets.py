"""What the pages need of ``letters.yaml`` beyond one letter: the sheet a reader fills in and
brings (« Préparer l'audience »), laid out as a form, and which letters and sheets each reader
can use at each stage (the stage pages, the plan and the calculator link them).

The sheet, like the letters, is in French whatever the page's language (the reader shows it to
a French judge); each line's explanation is in the page's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..data.letters import Sheet
from .addresses import letter_path, page_path, sheet_path
from .letters import filled_by_tool, french_text

if TYPE_CHECKING:
    from .render import Renderer


@dataclass(frozen=True)
class Written:
    """A letter or a sheet, as a link: its title (in the page's language) and its page."""

    title: str
    path: str
    sheet: bool


def written_for(r: Renderer, reader: str | None, step_id: str) -> list[Written]:
    """The sheets, then the letters, that ``reader`` ("tenant" or "landlord") uses at the
    stage ``step_id``, in the data's order (none for another reader). A letter a tool fills
    (the repayment plan's) is reached through that tool's page."""
    data = r.data
    sheets = [Written(r.language.text(sheet.title), sheet_path(sheet.id), True)
              for sheet in data.letters.sheets
              if sheet.audience == reader and step_id in sheet.stages]
    letters = [Written(r.language.text(letter.title),
                       page_path("repayment") if filled_by_tool(letter) else
                       letter_path(letter.id), False)
               for letter in data.letters.letters
               if letter.audience == reader and step_id in letter.stages]
    return sheets + letters


@dataclass(frozen=True)
class SheetLineView:
    id: str
    text: str
    explanation: str | None
    reference: str | None
    source: str | None
    amount: bool
    """A sum in euros follows the text."""
    words: bool
    """A few words follow the text."""
    label_for: str | None
    """The field the line's text labels: its box, else its blank, else none."""


@dataclass(frozen=True)
class SheetSectionView:
    id: str
    title: str
    explanation: str | None
    tick: bool
    lines: list[SheetLineView]


def sheet_sections(r: Renderer, sheet: Sheet) -> list[SheetSectionView]:
    """The sheet's sections with their French text typeset and ids for the form's fields."""
    text = r.language.text
    out = []
    for s_index, section in enumerate(sheet.sections, start=1):
        lines = []
        for l_index, line in enumerate(section.lines, start=1):
            ident = f"{sheet.id}-{s_index}-{l_index}"
            blank = line.write != "none"
            lines.append(SheetLineView(
                ident, french_text(r, line.text),
                text(line.explanation) if line.explanation else None,
                line.basis.reference if line.basis else None,
                line.basis.source if line.basis else None,
                line.write == "amount", line.write == "line",
                ident if section.tick else f"{ident}-value" if blank else None))
        out.append(SheetSectionView(f"{sheet.id}-{s_index}", french_text(r, section.title),
                                    text(section.explanation) if section.explanation else None,
                                    section.tick, lines))
    return out
