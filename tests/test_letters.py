"""Model letters and sheets (data/letters.yaml) as readers meet them: every letter and the
« Préparer l'audience » sheet printed blank (PDF read back: one page, the French text, the
blanks, the helpline, the English explanations), the sheet's page (a form that works without
JavaScript, filled with the keyboard, printed as typed on one page, axe clean, nothing sent or
kept), the links that lead to them (stage pages, the plan, the calculator's summons result),
and the check that a letter asking for a scheme is offered only where the scheme applies."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.data.validate import load_site_data
from generator.lang import collapse_spaces
from generator.site.addresses import AUDIENCES, READER
from tests.browser import axe_problems, chromium_path, printed
from tests.conftest import ROOT, shown
from tests.test_validation import line_of, original, problems_for, replace_once

DATA = load_site_data(ROOT / "data", ("fr", "en"), display_root=ROOT)
LANG_ROOTS = {"fr": "", "en": "en/"}
SHEET = DATA.letters.sheets[0]
SHEET_PAGE = f"outils/fiches/{SHEET.id}/"
AXE = ROOT / "node_modules/axe-core/axe.min.js"
HELPLINE = next(item for item in DATA.site.emergency if item.id == DATA.site.roles.helpline)

needs_chromium = pytest.mark.skipif(chromium_path() is None, reason="Debian's chromium is needed")


def pdf_text(path: Path, layout: bool = False) -> str:
    """The PDF's text, spaces folded: as laid out (a letter, one column, its blanks inline) or
    in reading order (a sheet in two columns)."""
    options = ["-layout"] if layout else []
    out = subprocess.run(["pdftotext", *options, str(path), "-"], capture_output=True,
                         check=True).stdout.decode()
    return collapse_spaces(out.replace("\u202f", " ").replace("\u00a0", " "))


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True).stdout
    return int(re.search(rb"Pages:\s+(\d+)", info).group(1))


def words(text: str) -> str:
    """Text as compared: spaces folded, typographic spaces plain, hyphenation joined."""
    return collapse_spaces(text.replace("\u202f", " ").replace("\u00a0", " "))


def said(value: object, lang: str) -> str:
    """A data text as a page or a PDF of ``lang`` shows it (typography), spaces folded."""
    return words(shown(value, lang))


def french_without_slots(text: str) -> list[str]:
    """The pieces of a French paragraph between its {slots}, long enough to look for."""
    return [piece.strip() for piece in re.split(r"\{[a-z0-9-]+\}", said(text, "fr"))
            if len(piece.strip()) > 12]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_letter_prints_blank_on_one_page(site: Path, lang: str) -> None:
    """A social worker prints any letter blank: one A4 page, the French letter with its
    subject and every paragraph, no {slot} left, the helpline written in; in English, what
    each paragraph says."""
    for letter in DATA.letters.letters:
        path = site / f"livret/formulaires/{lang}/{letter.id}.pdf"
        assert pdf_pages(path) == 1, letter.id
        text = pdf_text(path, layout=True)
        assert "{" not in text, letter.id
        for item in letter.paragraphs:
            for piece in french_without_slots(item.text):
                assert piece in text, (letter.id, piece)
        if any(field.kind == "helpline" for field in letter.fields):
            # written in the letter's language, whatever the PDF's
            helpline = said(f"{HELPLINE.name.get('fr', 'fr')} : {HELPLINE.number}", "fr")
            assert helpline in text, letter.id
        explanations = [said(item.explanation, lang) for item in letter.paragraphs
                        if item.explanation]
        for explanation in explanations:
            assert (explanation[:40] in text) == (lang == "en"), (letter.id, explanation)
        assert said(letter.title, lang)[:30] in text
        assert said(letter.send, lang)[:40] in text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_hearing_sheet_prints_blank_on_one_page(site: Path, lang: str) -> None:
    path = site / f"livret/formulaires/{lang}/{SHEET.id}.pdf"
    assert pdf_pages(path) == 1
    text = pdf_text(path)
    for section in SHEET.sections:
        assert said(section.title, "fr") in text
        for line in section.lines:
            assert said(line.text, "fr")[:35] in text, line.text
            if line.explanation:
                assert said(line.explanation, lang)[:35] in text, line.text
    assert SHEET.legal_aid is not None and SHEET.legal_aid.form in text
    assert said(SHEET.legal_aid.attach, lang)[:40] in text
    assert HELPLINE.number in text
    actors = DATA.by_id("actors")
    for actor_id in SHEET.call:
        assert said(actors[actor_id].name, lang)[:25] in text, actor_id


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_letter_pages_link_their_blank_pdf_and_their_scheme(site: Path, lang: str) -> None:
    for letter in DATA.letters.letters:
        if any(field.kind == "plan" for field in letter.fields):
            page_path = "outils/proposer-un-plan/index.html"
        else:
            page_path = f"outils/lettres/{letter.id}/index.html"
        page = BeautifulSoup((site / LANG_ROOTS[lang] / page_path).read_text(), "html.parser")
        link = page.select_one("p.letter-pdf a")
        assert link is not None, letter.id
        target = (site / LANG_ROOTS[lang] / Path(page_path).parent / link["href"]).resolve()
        assert target == (site / f"livret/formulaires/{lang}/{letter.id}.pdf").resolve()
        if letter.scheme:
            scheme = DATA.dispositifs_by_id[letter.scheme]
            box = words(page.select_one(".letter-scheme").get_text(" "))
            assert said(scheme.name, lang) in box
            for condition in scheme.conditions:
                assert said(condition, lang)[:30] in box


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_stage_page_offers_its_readers_letters_and_sheets(site: Path, lang: str) -> None:
    """The tenant at stage 3 finds « Préparer l'audience » beside the handout, above the
    first fold-out; each stage page lists the letters its reader writes at that stage, and
    no other reader's."""
    for audience in AUDIENCES[:2]:
        reader = READER[audience]
        for step in DATA.steps.steps:
            page = BeautifulSoup((site / LANG_ROOTS[lang] / audience / step.id /
                                  "index.html").read_text(), "html.parser")
            sheets = [words(a.get_text()) for a in page.select("p.handout-link a.sheet-link")]
            assert sheets == [said(item.title, lang) for item in DATA.letters.sheets
                              if item.audience == reader and step.id in item.stages]
            listed = [words(a.get_text()) for a in page.select(".written-links a")]
            assert listed == [said(item.title, lang) for item in DATA.letters.letters
                              if item.audience == reader and step.id in item.stages], (
                audience, step.id)
    # A social worker, from the partners' page of a stage, finds both readers' letters and
    # sheets of that stage.
    for step in DATA.steps.steps:
        page = BeautifulSoup((site / LANG_ROOTS[lang] / AUDIENCES[2] / step.id /
                              "index.html").read_text(), "html.parser")
        listed = [words(a.get_text()) for a in page.select(".partner-written a")]
        expected = [said(item.title, lang) for reader in ("tenant", "landlord")
                    for group in (DATA.letters.sheets, DATA.letters.letters)
                    for item in group if item.audience == reader and step.id in item.stages]
        assert listed == expected, step.id
    page = BeautifulSoup((site / LANG_ROOTS[lang] / "locataire" / SHEET.stages[0] /
                          "index.html").read_text(), "html.parser")
    link = page.select_one("p.handout-link a.sheet-link")
    assert link is not None
    target = site / LANG_ROOTS[lang] / "locataire" / SHEET.stages[0] / link["href"]
    assert (target / "index.html").resolve() == (
        site / LANG_ROOTS[lang] / SHEET_PAGE / "index.html").resolve()


def test_a_letter_is_offered_only_where_its_scheme_applies(make_project: Callable) -> None:
    text = original("letters.yaml")
    scheme = "\n    scheme: protocole-cohesion-sociale"
    broken = replace_once(text, "[assignation-et-jugement, commandement-de-quitter-les-lieux]" +
                          scheme, "[prevention-impayes, commandement-de-quitter-les-lieux]" +
                          scheme)
    line = line_of(broken, "stages: [prevention-impayes, commandement-de-quitter-les-lieux]")
    problems = problems_for(make_project, {"data/letters.yaml": broken})
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"data/letters.yaml:{line}:")
    assert ("'prevention-impayes' is not a stage of the scheme 'protocole-cohesion-sociale'"
            in problems[0])


def test_the_sheet_works_without_javascript(site: Path) -> None:
    """The page is the form itself: every line is there with its label, each blank is
    labelled by its line, the legal-aid form is linked to its official page."""
    for lang in ("fr", "en"):
        page = BeautifulSoup((site / LANG_ROOTS[lang] / SHEET_PAGE / "index.html").read_text(),
                             "html.parser")
        form = page.select_one("form.sheet")
        assert form["lang"] == DATA.default_language
        text = words(form.get_text())
        ticks = sum(len(section.lines) for section in SHEET.sections if section.tick)
        assert len(form.select("input[type=checkbox]")) == ticks
        for field in form.select("input[type=text]"):
            label = page.find(id=field["aria-labelledby"])
            assert label is not None and label.get_text(strip=True)
        for section in SHEET.sections:
            for line in section.lines:
                assert said(line.text, "fr") in text
                if line.explanation:
                    assert said(line.explanation, lang) in text
        explained = form.select(".sheet__why")
        assert explained and all(item["lang"] == lang for item in explained)
        assert SHEET.legal_aid is not None
        aid = page.select_one(".sheet-aid a")
        assert aid["href"] == SHEET.legal_aid.url and SHEET.legal_aid.form in aid.get_text()
        pdf = page.select_one("a.sheet-pdf")
        assert (site / LANG_ROOTS[lang] / SHEET_PAGE / pdf["href"]).resolve() == (
            site / f"livret/formulaires/{lang}/{SHEET.id}.pdf").resolve()


@needs_chromium
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_sheet_is_filled_with_the_keyboard_and_prints_as_typed(browser: object,
                                                                  base_url: str,
                                                                  lang: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.goto(f"{base_url}{LANG_ROOTS[lang]}{SHEET_PAGE}", wait_until="networkidle")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    # From the first box of the form, with the keyboard only: tick the time to pay, type
    # the amount a month, then the household's income.
    first = f"#{SHEET.id}-1-1"
    page.focus(first)
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == f"{SHEET.id}-1-1-value"
    page.keyboard.type("100")
    income = page.locator(f"#{SHEET.id}-2-2-value")
    income.focus()
    page.keyboard.type("1 450")
    assert page.is_checked(first)
    assert axe_problems(page) == []
    pages, text = printed(page, "12mm")
    assert pages == 1
    assert "1 450" in text and "100" in text
    assert said(SHEET.sections[2].lines[1].text, "fr") in words(text)
    assert requests == [] and context.cookies() == []
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    context.close()


@needs_chromium
def test_the_plan_and_the_calculator_lead_to_the_hearing_sheet(browser: object,
                                                               base_url: str) -> None:
    """A household summoned to the hearing reaches the sheet from « Mon plan » and from the
    calculator's result; a landlord's plan at the same stage does not offer it."""
    stage = SHEET.stages[0]
    title = said(SHEET.title, "fr")
    page = browser.new_page()
    page.goto(f"{base_url}outils/mon-plan/#who=tenant&what={stage}&date=-&landlord=-"
              "&commune=-", wait_until="networkidle")
    page.wait_for_selector(".plan-written")
    links = page.locator(".plan-written a")
    assert title in [words(text) for text in links.all_inner_texts()]
    href = links.filter(has_text=said(SHEET.title, "fr")).get_attribute("href")
    page.goto(page.url.split("#")[0] + href)
    assert words(page.inner_text("h1")) == title
    page.goto(f"{base_url}outils/mon-plan/#who=landlord&what={stage}&date=-&landlord=-"
              "&commune=-", wait_until="networkidle")
    page.wait_for_selector(".plan-stand")
    assert title not in words(page.inner_text("article"))
    # The calculator: the summons, with the hearing's date.
    summons = next(document for step in DATA.steps.steps if step.id == stage
                   for document in step.documents if document.calculator is not None)
    page.goto(f"{base_url}outils/calculateur/", wait_until="networkidle")
    page.check(f"#calc-event-{summons.id}")
    page.fill("#calc-day", "12")
    page.fill("#calc-month", "1")
    page.fill("#calc-year", "2027")
    page.click("#calc-form button[type=submit]")
    page.wait_for_selector(".calc-written a")
    assert title in [words(text) for text in page.locator(".calc-written a").all_inner_texts()]
    page.close()


@needs_chromium
def test_every_letter_page_takes_what_is_typed_and_prints_one_page(browser: object,
                                                                   base_url: str) -> None:
    """Each letter that no tool fills, filled in on its page: every typed value is in the
    French letter, no blank or {slot} is left, the date is today's, and the letter prints
    alone on one A4 page."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.clock.set_fixed_time("2026-12-04T10:00:00")
    for letter in DATA.letters.letters:
        if any(field.kind == "plan" for field in letter.fields):
            continue
        page.goto(f"{base_url}outils/lettres/{letter.id}/", wait_until="networkidle")
        typed = {field.id: f"Valeur {index} ({field.id})"
                 for index, field in enumerate(letter.fields)
                 if field.kind in ("text", "address")}
        for key, value in typed.items():
            page.fill(f"#letter-{key}", value)
        text = collapse_spaces(page.inner_text(".letter-text"))
        for key, value in typed.items():
            assert value in text, (letter.id, key)
        assert "……" not in text and "{" not in text, letter.id
        assert "4 décembre 2026" in text, letter.id
        page.evaluate("document.body.classList.add('printing-letter')")
        pages, _text = printed(page)
        page.evaluate("document.body.classList.remove('printing-letter')")
        assert pages == 1, letter.id
    context.close()
