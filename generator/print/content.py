"""What the printed documents say: the Jinja environment of ``print/templates/`` and the
groupings the templates need (actors by category, schemes by type, verification dates…).

Every data value is a plain string on its way into HTML: the environment autoescapes, and a
:class:`~generator.data.model.Text` printed without ``|t`` is an error, as in
:mod:`generator.site.render`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import typing
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import segno
from markupsafe import Markup, escape

from ..data import model as m
from ..data.freshness import check_reason
from ..data.letters import SLOT, Letter, Sheet
from ..data.publication import is_draft
from ..data.site_data import SiteData
from ..data.territory import describe
from ..errors import RenderError
from ..lang import (
    NBSP,
    Lang,
    UnknownString,
    collapse_spaces,
    first_sentence,
    fold,
    load_strings,
    typeset,
)
from ..site.addresses import READER, audience_index, stage_path
from ..site.engines import DEFAULT_ENGINE, load_engine
from ..site.sheets import call_lines, form_page, sheet_sections
from .draft_mark import draft_mark_svg

TEMPLATES = Path(__file__).parent / "templates"
FONTS_DIR = Path(__file__).parents[2] / "overrides" / "assets" / "fonts"



@dataclass(frozen=True)
class VerifiedPart:
    """One row of the « when each part was checked » table."""

    label: str
    date: dt.date


class Printer:
    """Renders the booklet and handout HTML for one language."""

    def __init__(self, data: SiteData, lang: str, language_url: str,
                 page_url: Callable[[str], str] | None = None) -> None:
        self.data = data
        self.lang = lang
        self.language_url = language_url
        self.page_url = page_url or load_engine(DEFAULT_ENGINE).page_url
        """The engine's URL scheme, for the addresses the QR codes and links print."""
        self.strings = load_strings()
        # The booklet's font has no narrow no-break space: the ordinary one, in its place.
        self.language = Lang(lang, data.default_language, self.strings, narrow_space=NBSP,
                             slots=data.slots(lang))
        self.foreign_terms = (None if lang == data.default_language
                              else default_language_terms(data))
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            undefined=jinja2.StrictUndefined,
            autoescape=True,
            finalize=self._finalize,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters.update(t=self.text, plain=self.plain_text, named=self.named,
                                date=self.format_date,
                                colon=self.colon,
                                css=css_string, qr=qr_data_uri, short_url=short_url,
                                without_gloss=without_gloss)
        self.env.globals.update(
            data=data, lang=lang, s=self.string, steps=data.steps.steps,
            actors=data.by_id("actors"), sources=data.by_id("sources"),
            step_url=self.step_url, audience_url=self.audience_url,
            home_url=language_url, helpline=helpline(data),
            check_reason=self.check_reason, draft=is_draft(data), territory=self.territory,
            reader_of=READER)
        if self.env.globals["draft"]:
            self.env.globals["draft_mark_image"] = draft_mark_svg(
                self.string("draft_mark"), FONTS_DIR)

    # ------------------------------------------------------------------ filters and globals

    @staticmethod
    def _finalize(value: Any) -> Any:
        if value is None:
            raise jinja2.UndefinedError("a booklet template printed an empty (None) value")
        if isinstance(value, m.Text):
            raise jinja2.UndefinedError("a Text was printed without the |t filter")
        return value

    def text(self, value: m.Text | str | None) -> str | Markup:
        """A data text in this language (the default language's when the translation is
        missing), or a plain string such as a legal reference. In another language than the
        default, the French legal terms it keeps are marked as French (``<span lang="fr">``)
        so that a screen reader says them in French."""
        if value is None:
            raise jinja2.UndefinedError("|t applied to an empty value")
        text = self.language.text(value)
        if self.foreign_terms is None:
            return text
        return mark_foreign_terms(text, self.foreign_terms, self.data.default_language)

    def plain_text(self, value: m.Text | str) -> str:
        """A data text as plain text, for an attribute or the document's title (no mark-up:
        the French terms are not marked there)."""
        return self.language.text(value)

    def named(self, record: m.Actor | m.Dispositif) -> str:
        """A record's name, with its acronym when the name does not already show it."""
        return self.language.named(record.name, record.acronym)

    def string(self, key: str, **values: object) -> str:
        """An interface string (strings.yaml) with its ``{slots}`` filled; plain text,
        escaped by the template like any other value."""
        try:
            return self.language.string(key, **values)
        except UnknownString as exc:
            raise jinja2.UndefinedError(str(exc)) from None

    def colon(self, label: object) -> str:
        """``label`` and the language's colon: 'Source :' (no-break space) or 'Source:'."""
        return self.language.colon(str(label))

    def format_date(self, value: dt.date) -> str:
        """A date in words, as the site writes it: 27 novembre 2026 / 27 November 2026."""
        return self.language.date(value)

    def check_reason(self, contact: m.Contact) -> str | None:
        """'secondary' or 'old' when the contact must be confirmed before going."""
        return check_reason(self.data.by_id("sources")[contact.source], self.data.site.edition)

    def territory(self, serves: m.Serves) -> str:
        """A partner's territory in words (« <EPCI> (23 communes) »)."""
        return describe(serves, self.data.communes, self.string)

    def step_url(self, audience: str, step: m.Step) -> str:
        """The online page of ``step`` for ``audience`` (what the QR code opens)."""
        return self.language_url + self.page_url(stage_path(audience, step.id))

    def audience_url(self, audience: str) -> str:
        """The online index of ``audience``'s stage pages."""
        return self.language_url + self.page_url(audience_index(audience))

    # ------------------------------------------------------------------ pages

    def render(self, template: str, **context: Any) -> str:
        try:
            return self.env.get_template(template).render(**context)
        except jinja2.TemplateError as exc:
            raise RenderError(f"generator/print/templates/{template}: {exc} "
                              f"(language '{self.lang}')") from exc

    def booklet(self, partner: m.Actor | None, fill_pages: int = 0) -> str:
        """The booklet, with ``fill_pages`` pages to write on (« vos rendez-vous », notes)
        before the back cover, so that the page count is a multiple of 4."""
        data = self.data
        return self.render(
            "booklet.html.j2", partner=partner, cited_sources=cited_sources(data),
            fill_pages=FILL_KINDS[:fill_pages],
            actor_groups=actor_groups(data), dispositif_groups=dispositif_groups(data),
            verified_parts=self.verified_parts(), permanence_groups=permanence_groups(data),
            permanence_towns=self.permanence_towns(),
            terms=sorted(data.glossary.terms,
                         key=lambda term: _sort_key(self.plain_text(term.term))))

    def handout(self, audience: str, step: m.Step, size: int,
                partner: m.Actor | None = None) -> str:
        guide = step.tenant if audience == "locataire" else step.landlord
        return self.render("handout.html.j2", audience=audience, step=step, guide=guide,
                           size=size,
                           # the stage page's « À faire maintenant », word for word
                           do_now=[self.text(first_sentence(self.plain_text(item.text)))
                                   for item in guide.do_now()],
                           permanence_towns=self.permanence_towns(READER[audience]),
                           partner=partner)

    def letter_form(self, letter: Letter, size: int) -> str:
        """A model letter with its blanks as lines to write on: the letter in French, and in
        another language what each paragraph says."""
        return self.render("letter_form.html.j2", letter=letter, size=size,
                           blocks=self.letter_blocks(letter),
                           online=self.language_url + self.page_url(form_page(letter)),
                           explanations=[self.text(item.explanation) for item in
                                         letter.paragraphs if item.explanation]
                           if self.lang != self.data.default_language else [])

    def letter_blocks(self, letter: Letter) -> list[tuple[str, Markup]]:
        """(class, HTML) of each block of ``letter``: header, subject, paragraphs; a slot
        becomes a blank to write on (several lines for an address), the helpline is written
        in."""
        kinds = {field.id: field.kind for field in letter.fields}
        line = helpline(self.data)
        default = self.data.default_language  # the letter is in French, its helpline too
        helpline_text = (f"{line.name.get(default, default)} : {line.number}" if line else "")
        blank = {"address": Markup('<span class="blank blank--lines"></span>'),
                 "today": Markup('<span class="blank blank--short"></span>')}

        def fill(text: str) -> Markup:
            lines = []
            for part in text.split("\n"):
                part = typeset(collapse_spaces(part), self.data.default_language, NBSP)
                pieces = SLOT.split(part)
                html = Markup("")
                for index, piece in enumerate(pieces):
                    if index % 2 == 0:
                        html += escape(piece)
                    elif kinds.get(piece) == "helpline":
                        html += escape(helpline_text)
                    else:
                        html += blank.get(kinds.get(piece, ""),
                                          Markup('<span class="blank"></span>'))
                lines.append(html)
            return Markup("<br>").join(lines)

        subject = self.language.template("letter_subject").format(subject="{s}")
        before, _, after = subject.partition("{s}")
        blocks = [("letter__from", fill(letter.header.sender)),
                  ("letter__to", fill(letter.header.recipient)),
                  ("letter__date", fill(letter.header.date)),
                  ("letter__subject", escape(before) + fill(letter.subject) + escape(after))]
        blocks += [("letter__p", fill(item.text)) for item in letter.paragraphs]
        return blocks

    def sheet_form(self, sheet: Sheet, size: int) -> str:
        """A sheet to fill in by hand: its lines in French, each explained in this
        language, boxes to tick and lines to write on."""
        return self.render("sheet_form.html.j2", sheet=sheet, size=size,
                           sections=sheet_sections(self.language, self.data.default_language,
                                                   sheet),
                           call=call_lines(self.data, self.language, sheet),
                           online=self.language_url + self.page_url(form_page(sheet)))

    # ------------------------------------------------------------------ groupings

    def permanence_towns(self, reader: str | None = None) -> list[tuple[str, list[str]]]:
        """Permanences by kind, each with its towns: the short list of a handout (only those
        that receive ``reader``, when given)."""
        groups: dict[str, list[str]] = {}
        for item in self.data.permanences.permanences:
            if reader is not None and reader not in item.readers:
                continue
            towns = groups.setdefault(self.string(f"kind_{item.kind}"), [])
            if item.town not in towns:
                towns.append(item.town)
        return list(groups.items())

    def verified_parts(self) -> list[VerifiedPart]:
        """The date each part of the booklet was checked; for a part made of several
        records, the oldest check (everything in it was checked on that day or later)."""
        data = self.data
        rows = [VerifiedPart(f"{self.string('step_label', number=step.number)} — "
                             f"{self.plain_text(step.title)}",
                             min([step.verified_on, *(d.verified_on for d in step.deadlines)]))
                for step in data.steps.steps]
        rows += [VerifiedPart(f"{self.string('booklet_emergency_title')} — "
                              f"{self.plain_text(item.name)}", item.verified_on)
                 for item in data.site.emergency]
        rows.append(VerifiedPart(self.string("permanences_title"),
                                 min(item.verified_on for item in data.permanences.permanences)))
        contacts = [contact.verified_on for record in (*data.actors.actors,
                                                         *data.permanences.permanences)
                    for contact in record.contacts if contact.verified_on is not None]
        if contacts:
            rows.append(VerifiedPart(self.string("booklet_contacts_part"), min(contacts)))
        return rows


FILL_KINDS = ("appointments", "notes", "steps_taken")
"""The pages to write on, in the order they are added (at most 3: a booklet's page count is
made a multiple of 4), each once: appointments, notes, what the reader has done."""


def cited_sources(data: SiteData) -> list[m.Source]:
    """The sources the stages and their deadlines cite, in the order of sources.yaml: the
    booklet's short list of texts (the contacts give their own source beside them)."""
    cited = {step.source for step in data.steps.steps}
    cited |= {deadline.source for step in data.steps.steps for deadline in step.deadlines}
    return [source for source in data.sources.sources if source.id in cited]


COGNATES = frozenset({"audience", "bail"})
"""Glossary terms that are also English words: never marked as French."""


def default_language_terms(data: SiteData) -> re.Pattern[str]:
    """The legal terms of the default language (French) that translations keep as they are:
    the glossary's terms (without their acronym or gloss in brackets) and the stage titles,
    as one pattern, longest first. Acronyms are left out: they read the same."""
    lang = data.default_language
    terms: set[str] = set()
    for term in data.glossary.terms:
        for part in re.sub(r"\s*\(.*?\)", "", term.term.get(lang, lang)).split(" / "):
            terms.add(part.strip())
    terms |= {step.title.get(lang, lang) for step in data.steps.steps}
    kept = sorted((term for term in terms if len(term) > 3 and term != term.upper()
                   and term.casefold() not in COGNATES), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(term) for term in kept) + r")\b",
                      re.IGNORECASE)


def mark_foreign_terms(text: str, terms: re.Pattern[str], lang: str) -> Markup:
    """``text`` escaped, with each match of ``terms`` in a ``<span lang="…">``."""
    out, position = [], 0
    for match in terms.finditer(text):
        out.append(escape(text[position:match.start()]))
        out.append(Markup('<span lang="{}">{}</span>').format(lang, match[0]))
        position = match.end()
    out.append(escape(text[position:]))
    return Markup("").join(out)


def actor_groups(data: SiteData) -> list[tuple[m.Category, list[m.Actor]]]:
    """Actors by category, in the order of actors.yaml; empty categories left out."""
    groups = [(category, [actor for actor in data.actors.actors
                          if actor.category == category.id])
              for category in data.actors.categories]
    return [(category, members) for category, members in groups if members]


def permanence_groups(data: SiteData) -> list[tuple[str, list[m.Permanence]]]:
    """Permanences by kind, kinds in the order they first appear in permanences.yaml."""
    groups: dict[str, list[m.Permanence]] = {}
    for item in data.permanences.permanences:
        groups.setdefault(item.kind, []).append(item)
    return list(groups.items())


def dispositif_groups(data: SiteData) -> list[tuple[str, list[m.Dispositif]]]:
    """Schemes by type, in the order the model lists the types."""
    kinds = typing.get_args(m.Dispositif.model_fields["category"].annotation)
    groups = [(kind, [item for item in data.dispositifs.dispositifs if item.category == kind])
              for kind in kinds]
    return [(kind, members) for kind, members in groups if members]


def helpline(data: SiteData) -> m.EmergencyNumber | None:
    """The emergency number that puts a household through to housing advice (its role)."""
    for item in data.site.emergency:
        if item.id == data.site.roles.helpline:
            return item
    return None


def _sort_key(text: str) -> str:
    """Alphabetical order that ignores accents and case (« Échéancier » with the E)."""
    return fold(text)


# ---------------------------------------------------------------------- small helpers


def css_string(value: object) -> Markup:
    """A CSS string literal, safe inside a ``<style>`` element."""
    out = ['"']
    for char in str(value):
        if char in '"\\<>&\'' or ord(char) < 0x20:
            out.append(f"\\{ord(char):x} ")
        else:
            out.append(char)
    out.append('"')
    return Markup("".join(out))


@functools.lru_cache(maxsize=256)
def qr_data_uri(url: str) -> str:
    """A QR code of ``url`` as an SVG data URI (no file, no network)."""
    return segno.make(url, error="m", micro=False).svg_data_uri(
        scale=4, border=0, dark="#000", light="#fff", omitsize=True)


def without_gloss(title: str) -> str:
    """A title without its gloss in brackets, for a running header: « Réquisition de la
    force publique (request for police assistance) » → « Réquisition de la force publique »."""
    return re.sub(r"\s*\([^()]*\)$", "", title)


def short_url(url: str) -> str:
    """The address as printed under a QR code: without ``https://``."""
    return url.split("://", 1)[-1]
