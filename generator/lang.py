"""One language's words and typography, shared by every renderer: interface strings, data
texts, the colon, dates in words.

French typography is applied to every text and string: a narrow no-break space before
``: ; ! ?``, no-break spaces inside « », and "1er" for the first of a month. The booklet's
font has no narrow no-break space (U+202F): the print renderer asks for the ordinary no-break
space instead, so that no other font is pulled into the PDF.

The site renderer escapes what it gets from here for Markdown; the print renderer lets Jinja
escape it for HTML. Nothing here escapes: it only chooses the words.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import babel.dates
import yaml

from .data import model as m

# English pages are read in France: dates in the British order ('1 November 2026').
_LOCALES = {"en": "en_GB"}
NARROW_NBSP = "\u202f"
NBSP = "\u00a0"
_RUNS_OF_SPACE = re.compile(r"[ \t\r\n]+")
"""Ordinary white space, collapsed; the no-break spaces of the typography are kept."""


@dataclass(frozen=True)
class Typography:
    """How a language spaces its punctuation."""

    space_before_marks: bool = False
    """French: a (narrow) no-break space before : ; ! ?"""
    space_inside_quotes: bool = False
    """French: a no-break space after « and before »."""
    first_of_month: str | None = None
    """How the 1st of a month is written, when not as a plain number ('1er')."""


TYPOGRAPHY = {"fr": Typography(space_before_marks=True, space_inside_quotes=True,
                               first_of_month="1er")}
_MARK_AFTER_SPACE = re.compile(r"(?<=\S)[ \u00a0\u202f]([:;!?])(?=\s|$|[»)\]*_<])")
"""A space already written before a mark (only then: a URL or a style attribute stays as
it is) becomes the narrow no-break space."""
_OPENING_QUOTE = re.compile(r"«[ \u00a0\u202f]*")
_CLOSING_QUOTE = re.compile(r"[ \u00a0\u202f]*»")


_SENTENCE_END = re.compile(r"(?<=[.!?])(?<!\bart\.)(?<!\bM\.)\s+(?=[«\"(]?[A-ZÀ-Ý])")


def first_sentence(text: str) -> str:
    """The first sentence of ``text``: it ends at . ! or ? followed by a capital letter
    ('art. 24 I' and '6 h ni' do not end one)."""
    return _SENTENCE_END.split(text.strip(), maxsplit=1)[0]


def collapse_spaces(text: str) -> str:
    """Runs of ordinary white space → one space; no-break spaces are kept."""
    return _RUNS_OF_SPACE.sub(" ", text).strip()


def typeset(text: str, code: str, narrow_space: str = NARROW_NBSP) -> str:
    """``text`` with the spacing of ``code``'s typography (nothing changes in English)."""
    rules = TYPOGRAPHY.get(code)
    if rules is None:
        return text
    if rules.space_before_marks:
        text = _MARK_AFTER_SPACE.sub(lambda match: narrow_space + match.group(1), text)
    if rules.space_inside_quotes:
        text = _OPENING_QUOTE.sub("«" + NBSP, text)
        text = _CLOSING_QUOTE.sub(NBSP + "»", text)
    return text


def format_long_date(value: Any, lang: str) -> str:
    """'27 novembre 2026'; in French the first of the month is written '1er novembre'."""
    text = babel.dates.format_date(value, format="long", locale=_LOCALES.get(lang, lang))
    rules = TYPOGRAPHY.get(lang)
    if rules is not None and rules.first_of_month and value.day == 1:
        text = rules.first_of_month + text.removeprefix("1")
    return text


FOLDED_MARKS = "\u0300-\u036f"
"""The accents that searching and sorting ignore: the combining diacritical marks that
canonical decomposition (NFD) leaves. The scripts apply the same rule, written
``text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")`` (tests/test_i18n.py checks)."""
_MARKS = re.compile(f"[{FOLDED_MARKS}]")


def fold(text: str) -> str:
    """``text`` without accents or case: « Échéancier » → « echeancier », for sorting and
    comparing names as a reader types them."""
    return _MARKS.sub("", unicodedata.normalize("NFD", text)).lower()


_SAMPLE = dt.date(2000, 11, 23)
"""A date whose day, month and year cannot be mistaken for one another once written."""


def date_pattern(lang: str) -> str:
    """How ``lang`` writes a date in words, with ``{d}``, ``{month}`` and ``{y}`` for its
    parts ('{d} {month} {y}' in French and British English, '{month} {d}, {y}' in American
    English), from Babel: for the scripts that write dates in the browser."""
    text = format_long_date(_SAMPLE, lang)
    month = month_names(lang)[_SAMPLE.month - 1]
    return (text.replace(str(_SAMPLE.year), "{y}").replace(month, "{month}")
            .replace(str(_SAMPLE.day), "{d}"))


def first_day_word(lang: str) -> str:
    """How the first day of a month is written: '1er' in French, '1' in English."""
    first = dt.date(_SAMPLE.year, _SAMPLE.month, 1)
    pattern = re.escape(date_pattern(lang)).replace(r"\{d\}", "(?P<d>.+?)")
    pattern = pattern.replace(r"\{month\}", re.escape(month_names(lang)[first.month - 1]))
    pattern = pattern.replace(r"\{y\}", str(first.year))
    match = re.fullmatch(pattern, format_long_date(first, lang))
    return match["d"] if match else "1"


def month_names(lang: str) -> list[str]:
    """The months of ``lang`` in words, January first (for the theme's date line)."""
    names = babel.dates.get_month_names("wide", context="format",
                                        locale=_LOCALES.get(lang, lang))
    return [names[number] for number in range(1, 13)]


STRINGS = Path(__file__).with_name("strings.yaml")
"""The interface strings of every renderer (site and print), per key then language."""


def load_strings() -> dict[str, dict[str, str]]:
    """Interface strings of the templates, per key then language."""
    path = STRINGS
    return _load_strings(path, path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=4)
def _load_strings(path: Path, mtime: int) -> dict[str, dict[str, str]]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506


class UnknownString(LookupError):
    """An interface string that strings.yaml does not define."""


class Lang:
    """The words of one language; ``default`` is the language a missing text falls back to."""

    def __init__(self, code: str, default: str, strings: dict[str, dict[str, str]],
                 narrow_space: str = NARROW_NBSP, slots: dict[str, str] | None = None) -> None:
        self.code = code
        self.default = default
        self.strings = strings
        self.narrow_space = narrow_space
        self.slots = slots or {}
        """Slots every string may use, filled from the data (the territory's name: '{area_in}'
        → 'en <département>'), so that no interface string names one."""

    def text(self, value: m.Text | str) -> str:
        """A data text in this language (the default language's when the translation is
        missing), or a plain string such as a legal reference; spaces normalised."""
        if isinstance(value, m.Text):
            value = value.get(self.code, self.default)
        return self.typeset(collapse_spaces(value))

    def named(self, name: m.Text, acronym: str | None) -> str:
        """A name, with its acronym when the name does not already show it ('CAF du
        Nord', not 'CAF du Nord (CAF)')."""
        text = self.text(name)
        return f"{text} ({acronym})" if acronym and acronym not in text else text

    def typeset(self, text: str) -> str:
        """``text`` with this language's typography."""
        return typeset(text, self.code, self.narrow_space)

    def template(self, key: str) -> str:
        """The interface string ``key`` with its ``{slots}`` still to fill."""
        try:
            entry = self.strings[key]
        except KeyError:
            raise UnknownString(f"unknown interface string '{key}' "
                                "(generator/strings.yaml)") from None
        text = entry.get(self.code) or entry[self.default]
        for name, value in self.slots.items():
            text = text.replace("{" + name + "}", value)
        return self.typeset(text)

    def string(self, key: str, **values: object) -> str:
        """The interface string ``key`` with its slots filled, as plain text."""
        return self.template(key).format(**{name: str(value) for name, value in values.items()})

    def colon(self, label: str) -> str:
        """``label`` and the language's colon: 'Source :' (narrow no-break space) or
        'Source:'."""
        rules = TYPOGRAPHY.get(self.code)
        space = self.narrow_space if rules and rules.space_before_marks else ""
        return f"{label}{space}:"

    def date(self, value: dt.date) -> str:
        """A date in words, as every page and document writes it."""
        return format_long_date(value, self.code)
