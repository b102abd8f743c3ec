"""The records of ``letters.yaml``: model letters a reader fills in, prints and sends, and
sheets a reader fills in and brings (« Préparer l'audience »).

A letter is written in French (it goes to French bodies), paragraph by paragraph; each
paragraph may carry the legal basis of what it claims (reference and source) and explains
itself to the reader (``explanation``, in every language: an English reader learns what each
French paragraph says). ``{slots}`` in a paragraph are the letter's fields: typed by the
reader (``text``, ``address``), or filled by the tool that writes the letter (``plan``: the
repayment plan's figures and dates). A slot that no field declares is refused at its line.

A sheet is in French too (the reader shows it to a French judge), section by section: lines
to tick or to fill with a sum, the official form to ask for legal aid, and whom to call.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, model_validator

from .fields import ActorId, DispositifId, Id, SourceId, StepId, Strict, Text, Url, key_problems

SLOT = re.compile(r"\{([a-z0-9-]+)\}")

NOT_IN_VOICE = {"tenant": ("votre locataire", "vos locataires"),
                "landlord": ("votre bailleur", "votre propriétaire")}
"""A letter speaks in its writer's voice: a tenant writing to the landlord never calls
themselves « votre locataire »; a landlord never « votre bailleur »."""


class LetterField(Strict):
    """A blank of the letter."""

    id: Id = Field(description="Its {slot} name in the paragraphs, e.g. 'tenant-name'.")
    kind: Literal["text", "address", "today", "helpline", "plan"] = Field(
        "text", description="'text': one line the reader types; 'address': several lines; "
        "'today': the day the letter is written; 'helpline': the helpline's name and number "
        "(roles.helpline); 'plan': filled by the repayment tool (debt, instalment, months, "
        "first-date, last-date, last-amount).")
    label: Text = Field(description="What the reader types there, in their words.")


class Basis(Strict):
    """The law behind what a paragraph claims."""

    reference: str = Field(description="Legal reference, e.g. 'Loi n° 89-462, art. 24 V'.")
    source: SourceId = Field(description="Id in sources.yaml.")


class Paragraph(Strict):
    text: str = Field(description="The paragraph in French, with {slots} for the fields.")
    explanation: Text | None = Field(
        None, description="What the paragraph says and why, for the reader (in English for "
        "English readers: the letter stays in French).")
    basis: Basis | None = None


class Header(Strict):
    """The letter's heading, in French, with {slots}: lines apart with « \\n »."""

    sender: str = Field(description="Who writes: '{tenant-name}\\n{tenant-address}'.")
    recipient: str = Field(description="To whom: '{landlord-name}\\n{landlord-address}'.")
    date: str = Field(description="Where and when: 'À {place}, le {today}'.")


class Letter(Strict):
    id: Id
    title: Text = Field(description="The letter's name, as a reader looks for it.")
    audience: Literal["tenant", "landlord"] = Field(description="Who writes it.")
    to: Text = Field(description="To whom it goes.")
    stages: list[StepId] = Field(min_length=1, description="The stages it is written at.")
    scheme: DispositifId | None = Field(
        None, description="The scheme the letter asks for (id in dispositifs.yaml): the letter "
        "is offered only at the stages where the scheme applies, and its page shows the "
        "scheme's conditions.")
    purpose: Text = Field(description="When to send it and what it asks, in one or two "
                                      "sentences.")
    header: Header
    subject: str = Field(description="Its « Objet : » line, in French.")
    fields: list[LetterField] = Field(min_length=1)
    paragraphs: list[Paragraph] = Field(min_length=1)
    send: Text = Field(description="How to send it and what to keep.")

    @model_validator(mode="after")
    def _slots_declared_and_voice(self) -> Letter:
        declared = {item.id for item in self.fields}
        problems: list[tuple[str | tuple[str | int, ...], str]] = []
        texts = [(("header", name), getattr(self.header, name))
                 for name in ("sender", "recipient", "date")]
        texts.append((("subject",), self.subject))
        texts += [(("paragraphs", index, "text"), item.text)
                  for index, item in enumerate(self.paragraphs)]
        for where, text in texts:
            for slot in SLOT.findall(text):
                if slot not in declared:
                    problems.append((where,
                                     f"'{{{slot}}}' is not a field of this letter — declare it "
                                     f"under fields: (id: {slot}), or correct the slot "
                                     f"(fields: {', '.join(sorted(declared))})"))
            for phrase in NOT_IN_VOICE[self.audience]:
                if phrase in text.lower():
                    problems.append((where,
                                     f"this letter is written by the {self.audience}, who would "
                                     f"not write '{phrase}' — write it in the {self.audience}'s "
                                     "own voice ('je', 'mon logement')"))
        if problems:
            raise key_problems(problems)
        return self


class SheetLine(Strict):
    """One line of a sheet: a thing to ask, a figure to write, a paper to bring."""

    text: str = Field(description="The line in French, as printed.")
    explanation: Text | None = Field(
        None, description="What it means, for the reader (in English for English readers).")
    basis: Basis | None = None
    write: Literal["none", "amount", "line"] = Field(
        "none", description="The space the reader fills after the text: 'amount' (a sum in "
        "euros), 'line' (a few words), or 'none'.")


class SheetSection(Strict):
    title: str = Field(description="The section's heading in French, as printed.")
    explanation: Text | None = Field(None, description="What the section is for.")
    tick: bool = Field(False, description="Its lines are boxes to tick.")
    lines: list[SheetLine] = Field(min_length=1)

    @model_validator(mode="after")
    def _something_to_fill(self) -> SheetSection:
        if not self.tick:
            empty = [(("lines", index, "text"), "this line has no box and nothing to write — "
                      "add 'write: amount' or 'write: line', or make the section 'tick: true'")
                     for index, line in enumerate(self.lines) if line.write == "none"]
            if empty:
                raise key_problems(empty)
        return self


class LegalAidForm(Strict):
    """The official form to ask for legal aid: linked, never copied."""

    form: str = Field(description="Its official number, e.g. 'Cerfa n° 16146*03'.")
    title: Text = Field(description="Its name, as the form calls it.")
    url: Url = Field(description="Where the official form and its notice are published.")
    where: Text = Field(description="Where to file it (and whether it can be filed online).")
    attach: Text = Field(description="What to attach, as the notice asks.")
    source: SourceId


class Sheet(Strict):
    id: Id
    title: Text = Field(description="The sheet's name, as a reader looks for it.")
    audience: Literal["tenant", "landlord"]
    stages: list[StepId] = Field(min_length=1, description="The stages it is used at.")
    purpose: Text = Field(description="What it is for, in one or two sentences.")
    sections: list[SheetSection] = Field(min_length=1)
    legal_aid: LegalAidForm | None = None
    call: list[ActorId] = Field(default_factory=list,
                                description="Whom to call before the day, besides the "
                                            "helpline (ids in actors.yaml).")


class LettersFile(Strict):
    letters: list[Letter] = Field(default_factory=list)
    sheets: list[Sheet] = Field(default_factory=list)
