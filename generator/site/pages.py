"""The site of one language as one list: every page in reading order, with its navigation
title and its reader. Engines build from this; nothing here knows MkDocs.

The navigation *is* the page list: a page is rendered where it is listed, so a page cannot be
in the menu and missing from the site, or the other way round.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..data import model as m
from . import calculator, letters, near_you, plan, repayment, sheets
from .addresses import (
    ABOUT_PAGES,
    AUDIENCES,
    DATA_FILES,
    READER,
    audience_index,
    dispositif_path,
    letter_path,
    page_path,
    sheet_path,
    stage_path,
)
from .glossary import GlossaryTerm, glossary_terms
from .near_you_view import near_you_view
from .phones import data_numbers

if TYPE_CHECKING:
    from .render import Renderer



@dataclass(frozen=True)
class Page:
    """A Markdown page, at ``path`` under the language's folder."""

    path: str
    content: str
    title: str | None = None
    """Its label in the navigation, as plain text; None: the page's own first heading."""
    audience: str | None = None
    """'locataire', 'proprietaire' or 'partenaires' for a stage page or its index."""
    search_title: str | None = None
    """The page's title in search results, when its heading alone does not say whose page
    it is ('Locataire · Étape 2 — Commandement de payer')."""

    def titled(self, title: str) -> Page:
        return dataclasses.replace(self, title=title)


@dataclass(frozen=True)
class Search:
    """How the site's search ranks a page (written in its front matter): a boost over the
    neutral 1, or left out of the index; and the everyday words it is found by, from the
    data's ``search_terms``."""

    boost: float = 1
    exclude: bool = False
    terms: tuple[str, ...] = ()

    @property
    def options(self) -> dict[str, object]:
        return {"exclude": True} if self.exclude else {"boost": self.boost}


ANSWER = 2
"""The pages that answer a question (stages, schemes) come first…"""
REFERENCE = 2
"""…as does the glossary, whose entries answer « what is a … »;"""
GENERAL = 0.5
"""…and pages that mention everything (home, charter, about) last."""
LEFT_OUT = Search(exclude=True)
"""The list of sources matches every query and answers none."""
READER_WEIGHT = {AUDIENCES[0]: 1.25, AUDIENCES[1]: 1.0, AUDIENCES[2]: 0.75}
"""The same stage has three pages that share most words: a query that does not say whose
page it wants (« commandement de payer », « winter truce ») finds the household's first, then
the landlord's, then the partners'. A landlord's words (« mon locataire », « serrure ») still
find the landlord's page, through what it says."""


@dataclass(frozen=True)
class Section:
    """A group of the navigation: a title (plain text) and its pages, in order."""

    title: str
    entries: tuple[Page | Section, ...]


@dataclass(frozen=True)
class Site:
    """Every page of one language and the navigation that lists them."""

    lang: str
    navigation: tuple[Page | Section, ...]
    unlisted: tuple[Page, ...] = ()
    """Hand-written pages that no menu lists (reached by links only)."""
    glossary: tuple[GlossaryTerm, ...] = ()
    """The terms the engine marks in each built page (see :mod:`generator.site.glossary`)."""
    phones: tuple[str, ...] = ()
    """The data's phone numbers, linked wherever a page writes them (:mod:`.phones`)."""
    files: tuple[Page, ...] = ()
    """Other files the pages load (the communes of « Près de chez vous »), written beside
    them; not pages, so neither in the menu nor in the search."""

    def pages(self) -> Iterator[Page]:
        def walk(entries: tuple[Page | Section, ...]) -> Iterator[Page]:
            for entry in entries:
                if isinstance(entry, Section):
                    yield from walk(entry.entries)
                else:
                    yield entry

        yield from walk(self.navigation)
        yield from self.unlisted


def site_of(renderer: Renderer, hand_written: list[Page]) -> Site:
    """The page list of one language: data-driven pages rendered by ``renderer``, and the
    hand-written pages of ``content/<lang>/`` where the menu lists them."""
    r = renderer
    data = r.data
    say = r.language.string

    def found_by(terms: m.SearchTerms | None, boost: float = ANSWER,
                 own: m.SearchTerms | None = None) -> Search:
        words = [*(terms.get(r.lang) if terms else ()), *(own.get(r.lang) if own else ())]
        return Search(boost, terms=tuple(dict.fromkeys(words)))

    def readers_words(step: m.Step, audience: str) -> m.SearchTerms | None:
        reader = READER.get(audience)
        return getattr(step, reader).search_terms if reader else None

    def stages(audience: str) -> list[Page]:
        # Tenant and landlord share one stage template; the partners' page is a table.
        template = "partenaires.md.j2" if audience == AUDIENCES[2] else "stage.md.j2"
        index = r.render(f"{audience}-index.md.j2", audience_index(audience),
                         f"{audience} index")
        return [dataclasses.replace(index, audience=audience)] + [
            dataclasses.replace(
                r.render(template, stage_path(audience, step.id), f"step '{step.id}' ({audience})",
                         step=step, audience=audience,
                         # A partner hands the household's and the landlord's on.
                         written=[item for reader in ([READER[audience]] if audience in READER
                                                      else list(READER.values()))
                                  for item in sheets.written_for(r, reader, step.id)],
                         search=found_by(step.search_terms, ANSWER * READER_WEIGHT[audience],
                                         readers_words(step, audience))),
                title=f"{step.number}. {r.language.text(step.title)}", audience=audience,
                search_title=say(f"search_title_{audience}", number=step.number,
                                 title=r.language.text(step.title)))
            for step in data.steps.steps]

    def letter_pages(writer: str) -> list[Page]:
        """The page of each letter this reader writes that no tool fills."""
        return [r.render("lettre.md.j2", letter_path(letter.id), f"letter '{letter.id}'",
                         letter=letter, json=letters.letter_json(r, letter),
                         typed=letters.typed_fields(letter),
                         blank=letters.blank_letter(r, letter),
                         scheme=data.dispositifs_by_id.get(letter.scheme or "")).titled(
                             r.language.text(letter.title))
                for letter in data.letters.letters
                if letter.audience == writer and not letters.filled_by_tool(letter)]

    def sheet_pages(writer: str) -> list[Page]:
        """The page of each sheet this reader fills in and brings."""
        return [r.render("fiche.md.j2", sheet_path(sheet.id), f"sheet '{sheet.id}'",
                         sheet=sheet,
                         sections=sheets.sheet_sections(r.language, data.default_language,
                                                        sheet),
                         call=sheets.call_lines(data, r.language, sheet)).titled(
                             r.language.text(sheet.title))
                for sheet in data.letters.sheets if sheet.audience == writer]

    found = near_you.lookup(data)
    near_view = near_you_view(r, found)
    near_path = page_path("near_you")
    near_page = r.render(
        "pres-de-chez-vous.md.j2", near_path, "commune lookup", view=near_view,
        data_url="../" * r.page_url(near_path).count("/") + DATA_FILES["communes"],
        js_strings={key: r.language.template(key) for key in near_you.SCRIPT_STRINGS},
    ).titled(say("near_nav"))
    about_paths = [page_path(key) for key in ABOUT_PAGES]
    about = {page.path: page for page in hand_written if page.path in about_paths}
    about_pages = [about[path] for path in about_paths if path in about]
    unlisted = tuple(page for page in hand_written if page.path not in about)
    navigation: tuple[Page | Section, ...] = (
        r.render("home.md.j2", page_path("home"), "home page",
                 search=Search(GENERAL)).titled(say("home_title")),
        r.render("mon-plan.md.j2", page_path("plan"), "plan", view=near_view,
                 search=Search(GENERAL),
                 rules=plan.rules(r, page_path("plan")),
                 calculator=calculator.rules(r, page_path("plan")),
                 topics=plan.contact_topics(data.steps)).titled(say("plan_nav")),
        Section(say("tenant_section"), (
            *stages(AUDIENCES[0]),
            r.render("courrier.md.j2", page_path("letter_finder"), "letter finder"),
            r.render("calculateur.md.j2", page_path("calculator"), "deadline calculator",
                     rules=calculator.rules(r, page_path("calculator")),
                     placed=calculator.placed(data), truce_id=data.site.roles.winter_truce),
            r.render("proposer-un-plan.md.j2", page_path("repayment"), "repayment tool",
                     rules=repayment.rules(r, page_path("repayment")),
                     scheme=data.dispositifs_by_id.get(data.site.roles.repayment_plan or ""),
                     court=data.dispositifs_by_id.get(data.site.roles.court_time_to_pay or ""),
                     fund=data.dispositifs_by_id.get(data.site.roles.housing_fund or ""),
                     letter=repayment.letter_of(data),
                     typed=letters.typed_fields(repayment.letter_of(data)),
                     blank=letters.blank_letter(r, repayment.letter_of(data))
                     if repayment.letter_of(data) else []),
            *sheet_pages("tenant"), *letter_pages("tenant"))),
        Section(say("landlord_section"), (*stages(AUDIENCES[1]), *sheet_pages("landlord"),
                                          *letter_pages("landlord"))),
        Section(say("partner_section"), (
            *stages(AUDIENCES[2]),
            r.render("instances.md.j2", page_path("instances"), "instances"),
            r.render("charte.md.j2", page_path("charter"), "charter", search=Search(GENERAL)))),
        near_page,
        r.render("annuaire.md.j2", page_path("actors"), "actors"),
        r.render("permanences.md.j2", page_path("permanences"), "permanences"),
        Section(say("dispositifs_title"), (
            r.render("dispositifs-index.md.j2", page_path("dispositifs"), "dispositifs index"),
            *(r.render("dispositif.md.j2", dispositif_path(item.id),
                       f"dispositif '{item.id}'", item=item,
                       tool=repayment.TOOL if item.id == data.site.roles.repayment_plan else None,
                       search=found_by(item.search_terms)).titled(r.language.text(item.name))
              for item in data.dispositifs.dispositifs))),
        r.render("glossaire.md.j2", page_path("glossary"), "glossary", search=Search(
            REFERENCE, terms=tuple(word for term in data.glossary.terms if term.search_terms
                                   for word in term.search_terms.get(r.lang)))),
        Section(say("ui_about"), (
            *about_pages[:1],
            r.render("sources.md.j2", page_path("sources"), "sources", search=LEFT_OUT),
            *about_pages[1:])),
    )
    return Site(r.lang, navigation, unlisted, tuple(glossary_terms(data, r.language)),
                data_numbers(data),
                files=(Page(DATA_FILES["communes"], near_you.data_json(data, found)),))
