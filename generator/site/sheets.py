"""What the pages need of ``letters.yaml`` beyond one letter: the sheet a reader fills in and
brings (« Préparer l'audience »), laid out as a form, and which letters and sheets each reader
can use at each stage (the stage pages, the plan and the calculator link them).

The sheet, like the letters, is in French whatever the page's language (the reader shows it to
a French judge); each line's explanation is in the page's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..data.letters import Letter, Sheet
from ..data.site_data import SiteData
from ..lang import Lang, collapse_spaces, typeset
from .addresses import letter_path, page_path, sheet_path
from .letters import filled_by_tool

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
    sheets = [Written(r.language.text(sheet.title), form_page(sheet), True)
              for sheet in data.letters.sheets
              if sheet.audience == reader and step_id in sheet.stages]
    letters = [Written(r.language.text(letter.title), form_page(letter), False)
               for letter in data.letters.letters
               if letter.audience == reader and step_id in letter.stages]
    return sheets + letters


def form_page(item: Letter | Sheet) -> str:
    """The page where a letter or a sheet is filled in: the sheet's, the letter's, or the
    tool's that fills the letter (the repayment plan's)."""
    if isinstance(item, Sheet):
        return sheet_path(item.id)
    return page_path("repayment") if filled_by_tool(item) else letter_path(item.id)


@dataclass(frozen=True)
class SheetLineView:
    id: str
    text: str
    explanation: str | None
    reference: str | None
    source: str | None
    label_for: str
    """The field the line's text labels: its box in a section of boxes, else its blank."""
    blank: str | None
    """The blank after the text: 'sheet__amount' (a sum in euros) or 'sheet__words'."""
    unit: str
    """What follows the blank: ' €' after a sum."""
    inputmode: str
    """The keyboard a phone shows for the blank: 'decimal' for a sum."""


@dataclass(frozen=True)
class SheetSectionView:
    id: str
    title: str
    explanation: str | None
    tick: bool
    lines: list[SheetLineView]


BLANKS = {"amount": ("sheet__amount", " €", "decimal"), "line": ("sheet__words", "", "text")}


def sheet_sections(language: Lang, default: str, sheet: Sheet) -> list[SheetSectionView]:
    """The sheet's sections, its French text typeset (in ``default``, the language it is
    written in), its explanations in ``language``, with ids for the form's fields."""
    text = language.text

    def french(value: str) -> str:
        return typeset(collapse_spaces(value), default, language.narrow_space)

    out = []
    for s_index, section in enumerate(sheet.sections, start=1):
        lines = []
        for l_index, line in enumerate(section.lines, start=1):
            ident = f"{sheet.id}-{s_index}-{l_index}"
            blank, unit, inputmode = BLANKS.get(line.write, (None, "", "text"))
            lines.append(SheetLineView(
                ident, french(line.text), text(line.explanation) if line.explanation else None,
                line.basis.reference if line.basis else None,
                line.basis.source if line.basis else None,
                ident if section.tick else f"{ident}-value", blank, unit, inputmode))
        out.append(SheetSectionView(f"{sheet.id}-{s_index}", french(section.title),
                                    text(section.explanation) if section.explanation else None,
                                    section.tick, lines))
    return out


def call_lines(data: SiteData, language: Lang, sheet: Sheet) -> list[tuple[str, str]]:
    """Whom to call before the day: the helpline, then each body of ``sheet.call``, as (name,
    what to dial or do): its first phone number, else the route the data gives."""
    text = language.text
    out = []
    helpline = next((item for item in data.site.emergency
                     if item.id == data.site.roles.helpline), None)
    if helpline is not None:
        out.append((text(helpline.name), f"{helpline.number} ({text(helpline.when)})"))
    actors = data.by_id("actors")
    for actor in (actors[item] for item in sheet.call):
        phone = next((contact for contact in actor.contacts if contact.phone), None)
        if phone is not None:
            label = f" ({text(phone.label)})" if phone.label else ""
            detail = f"{phone.phone}{label}"
        else:
            detail = text(actor.if_no_contact) if actor.if_no_contact else ""
        out.append((language.named(actor.name, actor.acronym), detail))
    return out
