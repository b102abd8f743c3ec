"""One language's words and typography, shared by every renderer: interface strings, data
texts, the colon, dates in words.

The site renderer escapes what it gets from here for Markdown; the print renderer lets Jinja
escape it for HTML. Nothing here escapes: it only chooses the words.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

import babel.dates
import yaml

from .data import model as m

# English pages are read in France: dates in the British order ('1 November 2026').
_LOCALES = {"en": "en_GB"}
_SPACE_BEFORE_COLON = {"fr": "\u00a0"}
"""French puts a no-break space before a colon ('Source :'); English none."""


def format_long_date(value: Any, lang: str) -> str:
    """'27 novembre 2026'; in French the first of the month is written '1er novembre'."""
    text = babel.dates.format_date(value, format="long", locale=_LOCALES.get(lang, lang))
    if lang == "fr" and value.day == 1:
        text = "1er" + text.removeprefix("1")
    return text


def first_day_word(lang: str) -> str:
    """How the first day of a month is written: '1er' in French, '1' in English."""
    return format_long_date(dt.date(2000, 1, 1), lang).split(" ")[0]


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

    def __init__(self, code: str, default: str, strings: dict[str, dict[str, str]]) -> None:
        self.code = code
        self.default = default
        self.strings = strings

    def text(self, value: m.Text | str) -> str:
        """A data text in this language (the default language's when the translation is
        missing), or a plain string such as a legal reference; spaces normalised."""
        if isinstance(value, m.Text):
            value = value.get(self.code, self.default)
        return " ".join(value.split())

    def template(self, key: str) -> str:
        """The interface string ``key`` with its ``{slots}`` still to fill."""
        try:
            entry = self.strings[key]
        except KeyError:
            raise UnknownString(f"unknown interface string '{key}' "
                                "(generator/strings.yaml)") from None
        return entry.get(self.code) or entry[self.default]

    def string(self, key: str, **values: object) -> str:
        """The interface string ``key`` with its slots filled, as plain text."""
        return self.template(key).format(**{name: str(value) for name, value in values.items()})

    def colon(self, label: str) -> str:
        """``label`` and the language's colon: 'Source :' or 'Source:'."""
        return f"{label}{_SPACE_BEFORE_COLON.get(self.code, '')}:"

    def date(self, value: dt.date) -> str:
        """A date in words, as every page and document writes it."""
        return format_long_date(value, self.code)
