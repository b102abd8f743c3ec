"""Glossary terms marked up in built pages: every acronym or legal term of the glossary becomes
``<abbr title="short definition">``, and its first occurrence on a page also links to the
glossary entry. Text inside links, headings, code and existing ``abbr`` is left alone.

Pure HTML in, HTML out: the engine calls :func:`mark_terms` on each page's built content.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass

from ..data.site_data import SiteData
from ..lang import Lang
from .running_text import in_running_text

_APOSTROPHE = "(?:'|&#x27;|&#39;|’)"


@dataclass(frozen=True)
class GlossaryTerm:
    id: str
    pattern: str
    """A regular expression matching the term as it appears in running text."""
    title: str
    """A one-sentence definition, for the tooltip."""


def glossary_terms(data: SiteData, language: Lang) -> list[GlossaryTerm]:
    """The terms to mark in pages of ``lang``: acronyms (case-sensitive) and French legal terms
    (kept in French on English pages too, since the letters are in French)."""
    out = []
    default = data.default_language
    for term in data.glossary.terms:
        forms = []
        if term.abbr:
            forms.append(re.escape(term.abbr))
        else:
            french = term.term.root[default].split(" (")[0].strip()
            escaped = re.escape(french).replace(r"\ ", r"\s+").replace("'", _APOSTROPHE)
            forms.append("(?i:" + escaped + ")")
        definition = language.text(term.definition)
        first_sentence = re.split(r"(?<=[.!?])\s", definition, maxsplit=1)[0]
        name = language.text(term.term)
        pattern = r"(?<![\w-])(?:" + "|".join(forms) + r")(?![\w-])"
        out.append(GlossaryTerm(term.id, pattern, f"{language.colon(name)} {first_sentence}"))
    # Longer terms first, so that "commandement de quitter les lieux" wins over shorter ones.
    return sorted(out, key=lambda item: -len(item.pattern))


def mark_terms(page_html: str, terms: list[GlossaryTerm], glossary_href: str) -> str:
    """Wrap glossary terms in ``page_html`` (a page's content)."""
    if not terms:
        return page_html
    combined = _combined(tuple(term.pattern for term in terms))
    linked: set[str] = set()
    return in_running_text(page_html, lambda text: combined.sub(
        lambda found: _wrap(found, terms, linked, glossary_href), text))


@functools.lru_cache(maxsize=8)
def _combined(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<t{index}>{pattern})"
                               for index, pattern in enumerate(patterns)))


def _wrap(found: re.Match[str], terms: list[GlossaryTerm], linked: set[str],
          glossary_href: str) -> str:
    index = int(next(name for name, value in found.groupdict().items() if value)[1:])
    term = terms[index]
    title = html.escape(term.title, quote=True)
    abbr = f'<abbr title="{title}">{found.group(0)}</abbr>'
    if term.id in linked:
        return abbr
    linked.add(term.id)
    return f'<a class="glossary-term" href="{glossary_href}#{term.id}">{abbr}</a>'
