"""The records of ``letters.yaml``: model letters a reader fills in, prints and sends.

A letter is written in French (it goes to French bodies), paragraph by paragraph; each
paragraph may carry the legal basis of what it claims (reference and source) and explains
itself to the reader (``explanation``, in every language: an English reader learns what each
French paragraph says). ``{slots}`` in a paragraph are the letter's fields: typed by the
reader (``text``, ``address``), or filled by the tool that writes the letter (``plan``: the
repayment plan's figures and dates). A slot that no field declares is refused at its line.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, model_validator

from .fields import Id, SourceId, StepId, Strict, Text, key_problems

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


class LettersFile(Strict):
    letters: list[Letter] = Field(default_factory=list)
