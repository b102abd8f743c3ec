"""Model letters (``data/letters.yaml``) as the pages write them: each letter's JSON for
``overrides/assets/javascripts/letter.js``, the blanks the reader types, and the page of
each letter that no tool fills (the repayment letter is written by the repayment tool).

The letter itself is in French, whatever the page's language (it goes to French bodies):
its text gets the default language's typography and date words; each paragraph's explanation
is in the page's language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from babel import numbers
from markupsafe import Markup

from ..data.letters import SLOT, Letter
from ..lang import collapse_spaces, date_pattern, first_day_word, month_names, typeset

if TYPE_CHECKING:
    from .render import Renderer

STRING_KEYS = ("letter_blank", "letter_subject", "letter_why", "letter_copied")
"""The interface strings letter.js writes."""


def typed_fields(letter: Letter | None) -> list[dict[str, Any]]:
    """The blanks the reader types, and whether each takes several lines (an address)."""
    if letter is None:
        return []
    return [{"id": field.id, "label": field.label, "lines": field.kind == "address"}
            for field in letter.fields if field.kind in ("text", "address")]


BLANK = "……………………"
"""What a blank shows before the reader fills it, and on paper: dots to write on."""


def blank_letter(r: Renderer, letter: Letter) -> list[tuple[Markup, Markup]]:
    """The letter with its blanks as dots (the helpline written in): what the page shows
    before the script writes it, and without the script. Each block is (class, its lines as
    escaped HTML, apart with <br>)."""
    json = letter_json(r, letter) or {}
    values = dict.fromkeys((field.id for field in letter.fields), BLANK)
    values.update(json.get("filled", {}))

    def fill(text: str) -> list[str]:
        return [SLOT.sub(lambda m: values.get(m.group(1), m.group(0)), line)
                for line in text.split("\n")]

    def html(lines: list[str]) -> Markup:
        return Markup("<br>").join(Markup.escape(line) for line in lines)

    header = json["header"]
    blocks = [("letter__from", fill(header["sender"])), ("letter__to", fill(header["recipient"])),
              ("letter__date", fill(header["date"])),
              ("letter__subject", [r.language.string("letter_subject",
                                                     subject=" ".join(fill(json["subject"])))])]
    blocks += [("letter__p", fill(item["text"])) for item in json["paragraphs"]]
    return [(Markup(name), html(lines)) for name, lines in blocks]


def filled_by_tool(letter: Letter) -> bool:
    """True when a tool fills some of the letter's fields (the repayment plan's figures)."""
    return any(field.kind == "plan" for field in letter.fields)


def french_text(r: Renderer, value: str) -> str:
    """A letter's or sheet's own text (written in the default language, whatever the page's),
    with that language's typography, line by line."""
    return "\n".join(typeset(collapse_spaces(line), r.data.default_language,
                             r.language.narrow_space) for line in value.split("\n"))


def letter_json(r: Renderer, letter: Letter | None) -> dict[str, Any] | None:
    """What letter.js needs to write ``letter`` on a page of ``r``'s language."""
    if letter is None:
        return None
    data = r.data
    text = r.language.text
    default = data.default_language

    def french(value: str) -> str:
        return french_text(r, value)

    helpline = next((item for item in data.site.emergency
                     if item.id == data.site.roles.helpline), None)
    filled = {}
    if helpline is not None:
        filled.update({field.id: french(f"{helpline.name.get(default, default)} : "
                                        f"{helpline.number}")
                       for field in letter.fields if field.kind == "helpline"})
    return {
        "subject": french(letter.subject),
        "header": {"sender": french(letter.header.sender),
                   "recipient": french(letter.header.recipient),
                   "date": french(letter.header.date)},
        "paragraphs": [{"text": french(item.text),
                        "explanation": text(item.explanation) if item.explanation else None,
                        "reference": item.basis.reference if item.basis else None}
                       for item in letter.paragraphs],
        "typed": [field["id"] for field in typed_fields(letter)],
        "today": [field.id for field in letter.fields if field.kind == "today"],
        "filled": filled,
        "needs_values": filled_by_tool(letter),
        "lang": default,
        "months": month_names(default),
        "first_day": first_day_word(default),
        "date_pattern": date_pattern(default),
        "group": numbers.get_group_symbol(default),
        "strings": {key: r.language.template(key) for key in STRING_KEYS},
    }
