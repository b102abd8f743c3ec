"""Phone numbers in running text become ``tel:`` links, so that a reader on a phone calls
with one tap, wherever a number is written: in a contact block or in a sentence of the data
("appelez le 30 39").

Which strings are phone numbers is not a hand-written list: every number the data gives as a
phone (contacts, emergency numbers), and the two shapes of French numbers, ten digits
("03 80 12 34 56", "0 805 16 00 75") and the four-digit service numbers ("34 14", "39 39").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

from pydantic import BaseModel

from ..data import model as m
from ..data.site_data import SiteData
from .running_text import SKIP, in_running_text

TEN_DIGITS = r"0 ?\d(?: ?\d){8}"
"""A French number, with or without spaces: 03 80 12 34 56, 0 805 16 00 75, 0380123456."""
SERVICE = r"3\d \d{2}"
"""A four-digit service number as French texts write it: 30 39, 32 30, 34 14, 39 39."""
_AROUND = r"(?<![\w,.-]){}(?![\w-]|[,.]\d)"
"""Not inside a word, a decimal number or an id ('shelter-115')."""
_URL = re.compile(r"(https?://\S+)")
PHONE_SKIP = SKIP - {"h1", "h2", "h3", "h4", "h5", "h6", "th", "time"}
"""A heading or a table header may hold a number to call; a link, code or a label may not."""


def data_numbers(data: SiteData) -> tuple[str, ...]:
    """Every phone number the data holds (contacts anywhere, emergency numbers)."""
    found = {item.number for item in data.site.emergency}
    found |= {contact.phone for contact in _contacts(data.models().values()) if contact.phone}
    return tuple(sorted(found))


def _contacts(nodes: Iterable[object]) -> Iterator[m.Contact]:
    for node in nodes:
        if isinstance(node, m.Contact):
            yield node
        elif isinstance(node, BaseModel):
            yield from _contacts(getattr(node, name) for name in type(node).model_fields)
        elif isinstance(node, list | tuple):
            yield from _contacts(node)


@functools.lru_cache(maxsize=4)
def phone_pattern(numbers: tuple[str, ...]) -> re.Pattern[str]:
    """The phone numbers of the data, and French numbers of either shape, with their spaces
    as written (longest first)."""
    known = [r" ?".join(re.escape(digit) for digit in number.replace(" ", ""))
             for number in sorted(numbers, key=len, reverse=True)]
    return re.compile(_AROUND.format("(?:" + "|".join([*known, TEN_DIGITS, SERVICE]) + ")"))


def link_phones(page_html: str, numbers: tuple[str, ...]) -> str:
    """``page_html`` with each phone number of its running text made a ``tel:`` link."""
    pattern = phone_pattern(numbers)

    def change(text: str) -> str:  # an address written out stays as it is
        return "".join(part if _URL.fullmatch(part) else pattern.sub(_link, part)
                       for part in _URL.split(text))

    return in_running_text(page_html, change, PHONE_SKIP)


def _link(found: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", found.group(0))
    return f'<a class="phone" href="tel:{digits}">{found.group(0)}</a>'
