"""Phone numbers in running text become ``tel:`` links, so that a reader on a phone calls
with one tap, wherever a number is written: in a contact block or in a sentence of the data
("appelez le 30 39").

Which strings are phone numbers is libphonenumber's (the ``phonenumbers`` port of Google's
library) to say, not a hand-written pattern: its matcher finds ten-digit French numbers
("03 80 12 34 56", "0 805 16 00 75") and its short-number data checks the four-digit service
numbers written in two pairs ("34 14", "30 39"); the data's own short numbers ("115") are
linked wherever they are written.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

import phonenumbers
from phonenumbers import shortnumberinfo
from pydantic import BaseModel

from ..data import model as m
from ..data.site_data import SiteData
from .running_text import SKIP, in_running_text

SHORT = re.compile(
    r"(?<![\w,.-])(?<!\d\s)(?:\d{2} \d{2}|\d{2}\u00a0\d{2}|\d{3,4})(?![\w-]|[,.]\d|\s\d)")
"""Where a short service number may be written (« 30 39 », « 3414 », « 115 »), not inside a
longer run of numbers (« 10 10 2026 » is a date): a candidate only; libphonenumber's
short-number data decides whether France has that number."""
_URL = re.compile(r"(https?://\S+)")
PHONE_SKIP = SKIP - {"h1", "h2", "h3", "h4", "h5", "h6", "th", "time"}
"""A heading or a table header may hold a number to call; a link, code or a label may not."""
REGION = "FR"


def parse_phone(value: str) -> phonenumbers.PhoneNumber | None:
    """``value`` as a French phone number (a ten-digit one or a short service number), or
    None if libphonenumber does not know it as one."""
    try:
        number = phonenumbers.parse(value, REGION)
    except phonenumbers.NumberParseException:
        return None
    if phonenumbers.is_valid_number(number) or shortnumberinfo.is_valid_short_number(number):
        return number
    return None


def tel_href(number: phonenumbers.PhoneNumber) -> str:
    """The ``tel:`` address of a number, as it is dialled in France (« tel:0380704500 »,
    « tel:3414 »)."""
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return "tel:" + re.sub(r"\D", "", national)


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
def _known_short(numbers: tuple[str, ...]) -> frozenset[str]:
    """The data's own short numbers, by their digits: always linked where written (« 115 »
    in a sentence of the data)."""
    return frozenset(re.sub(r"\D", "", number) for number in numbers
                     if len(re.sub(r"\D", "", number)) <= 4)


def find_phones(text: str, numbers: tuple[str, ...] = ()) -> list[tuple[int, int, str]]:
    """The phone numbers written in ``text``, as (start, end, tel: address): ten-digit
    numbers found by libphonenumber's matcher, and short service numbers that its data knows
    (or that the data gives)."""
    found = [(match.start, match.end, tel_href(match.number))
             for match in phonenumbers.PhoneNumberMatcher(text, REGION)]
    taken = [(start, end) for start, end, _ in found]
    known = _known_short(numbers)
    for match in SHORT.finditer(text):
        if any(start < match.end() and match.start() < end for start, end in taken):
            continue
        digits = re.sub(r"\D", "", match.group(0))
        number = parse_phone(digits)
        paired = len(digits) == 4 and not match.group(0).isdigit()  # written « 34 14 »
        if digits in known or (paired and number is not None):
            found.append((match.start(), match.end(), "tel:" + digits))
    return sorted(found)


def link_phones(page_html: str, numbers: tuple[str, ...]) -> str:
    """``page_html`` with each phone number of its running text made a ``tel:`` link."""
    def change(text: str) -> str:  # an address written out stays as it is
        return "".join(part if _URL.fullmatch(part) else _linked(part, numbers)
                       for part in _URL.split(text))

    return in_running_text(page_html, change, PHONE_SKIP)


def _linked(text: str, numbers: tuple[str, ...]) -> str:
    out, at = [], 0
    for start, end, href in find_phones(text, numbers):
        out += [text[at:start], f'<a class="phone" href="{href}">{text[start:end]}</a>']
        at = end
    return "".join(out) + text[at:]
