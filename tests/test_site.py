"""The built site: every page exists, deadlines carry their references, links resolve."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from generator.data.validate import load_site_data
from generator.lang import collapse_spaces
from generator.project import Project
from generator.site.linkcheck import check_links
from tests.browser import words_above_first_fold
from tests.conftest import ROOT, read, shown

DATA = load_site_data(ROOT / "data", ("fr", "en"), display_root=ROOT)
STEP_IDS = [step.id for step in DATA.steps.steps]
LANG_ROOTS = {"fr": "", "en": "en/"}


def soup(site: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup(read(site / rel), "html.parser")


def expected_pages() -> list[str]:
    pages = ["index.html", "annuaire/index.html", "permanences/index.html",
             "dispositifs/index.html", "instances/index.html", "glossaire/index.html",
             "charte/index.html", "sources/index.html", "a-propos/index.html",
             "accessibilite/index.html", "confidentialite/index.html",
             "mentions-legales/index.html"]
    for audience in ("locataire", "proprietaire", "partenaires"):
        pages.append(f"{audience}/index.html")
        pages += [f"{audience}/{step}/index.html" for step in STEP_IDS]
    pages += [f"dispositifs/{item.id}/index.html" for item in DATA.dispositifs.dispositifs]
    return pages


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_page_exists(site: Path, lang: str) -> None:
    missing = [page for page in expected_pages() if not (site / LANG_ROOTS[lang] / page).exists()]
    assert missing == []


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("audience", ["locataire", "proprietaire", "partenaires"])
def test_stage_pages_show_deadlines_with_references(site: Path, lang: str, audience: str) -> None:
    for step in DATA.steps.steps:
        page = soup(site, f"{LANG_ROOTS[lang]}{audience}/{step.id}/index.html")
        boxes = page.select(".deadline")
        assert len(boxes) == len(step.deadlines), step.id
        for box, deadline in zip(boxes, step.deadlines, strict=True):
            text = collapse_spaces(box.get_text())
            assert shown(deadline.reference, lang) in text
            assert shown(deadline.label, lang) in text
            assert shown(deadline.duration, lang) in text, deadline.id
            audience_key = {"locataire": "tenant", "proprietaire": "landlord",
                            "partenaires": "partner"}[audience]
            explanation = shown(getattr(deadline.explanation, audience_key), lang)
            assert collapse_spaces(explanation)[:60] in text, deadline.id
            assert box.select_one(f'a[href$="sources/#{deadline.source}"]') is not None


def test_tenant_page_says_first_thing_to_do(site: Path) -> None:
    for step in DATA.steps.steps:
        page = soup(site, f"locataire/{step.id}/index.html")
        tip = page.select_one(".admonition.tip")
        assert tip is not None
        assert shown(step.tenant.first_action, "fr") in collapse_spaces(tip.get_text())


def test_partner_page_keeps_every_charter_row(site: Path) -> None:
    for step in DATA.steps.steps:
        page = soup(site, f"partenaires/{step.id}/index.html")
        tables = page.select(".who-table table")
        assert len(tables) == len(step.partners)
        for table, data in zip(tables, step.partners, strict=True):
            for row in data.rows:
                for action in [*row.both, *row.public, *row.private]:
                    assert shown(action, "fr") in table.get_text(), shown(action, "fr")


def test_every_page_shows_a_date_the_data_holds(site: Path) -> None:
    """Stage pages say when their sources were consulted (the step's `verified_on`); pages
    with no such date in the data show the edition date, never a verification they lack."""
    stages = {f"{audience}/{step.id}/index.html": step.verified_on.isoformat()
              for audience in ("locataire", "proprietaire", "partenaires")
              for step in DATA.steps.steps}
    for page in expected_pages():
        html = soup(site, page)
        line = [p for p in html.select("p.verified") if p.select_one("time[datetime]")][-1]
        date = line.select_one("time")["datetime"]
        text = line.get_text(" ", strip=True)
        rel = page.removeprefix("en/")
        if rel in stages:
            assert date == stages[rel] and re.match(r"Sources consult", text), page
        elif not text.startswith("Sources consult"):
            assert date == DATA.site.edition.isoformat(), page
            assert re.match(r"(Édition du|Edition of)", text), page


def test_empty_contact_says_what_to_do(site: Path) -> None:
    page = soup(site, "annuaire/index.html")
    adil = page.find(id="adil-21")
    assert adil is not None
    following = adil.find_next("ul").get_text()
    assert "Pour les joindre" in following
    assert "0 805 16 00 75" in following


def test_internal_links_and_anchors_resolve(site: Path) -> None:
    report = check_links(site)
    assert report.broken == []
    assert "https://json-schema.org" not in report.markdown()


def test_language_selector_leads_to_same_page(site: Path) -> None:
    page = soup(site, "locataire/commandement-de-payer/index.html")
    link = page.select_one('a.md-select__link[hreflang="en"]')
    assert link is not None
    target = (site / "locataire/commandement-de-payer" / link["href"]).resolve()
    assert target == (site / "en/locataire/commandement-de-payer").resolve()
    page_en = soup(site, "en/locataire/commandement-de-payer/index.html")
    back = page_en.select_one('a.md-select__link[hreflang="fr"]')
    target = (site / "en/locataire/commandement-de-payer" / back["href"]).resolve()
    assert target == (site / "locataire/commandement-de-payer").resolve()


def test_canonical_and_hreflang_from_site_url(built_project: Project, site: Path) -> None:
    url = built_project.site_url
    page = soup(site, "locataire/commandement-de-payer/index.html")
    assert page.select_one('link[rel="canonical"]')["href"] == \
        url + "locataire/commandement-de-payer/"
    alternates = {tag["hreflang"]: tag["href"]
                  for tag in page.select('link[rel="alternate"][hreflang]')}
    assert alternates == {"fr": url + "locataire/commandement-de-payer/",
                          "en": url + "en/locataire/commandement-de-payer/",
                          "x-default": url + "locataire/commandement-de-payer/"}


def test_html_lang(site: Path) -> None:
    assert soup(site, "index.html").html["lang"] == "fr"
    assert soup(site, "en/index.html").html["lang"] == "en"


def test_no_third_party_font_or_script(site: Path) -> None:
    for page in site.rglob("*.html"):
        html = BeautifulSoup(read(page), "html.parser")
        for tag in html.select("link[href], script[src], img[src]"):
            ref = tag.get("href") or tag.get("src")
            if tag.name == "link" and tag.get("rel") in (["canonical"], ["alternate"]):
                continue
            assert not urlsplit(ref).netloc, f"{page}: {ref}"


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_glossary_terms_marked_but_not_in_links_or_headings(site: Path, prefix: str) -> None:
    page = soup(site, f"{prefix}locataire/commandement-de-payer/index.html")
    content = page.select_one("article")
    abbrs = content.select("abbr[title]")
    assert {"CCAPEX", "commandement de payer"} & {a.get_text() for a in abbrs}
    linked = content.select('a.glossary-term[href*="glossaire/#"]')
    assert linked
    for abbr in abbrs:
        assert not abbr.find_parent(["h1", "h2", "h3", "h4"]), abbr
        parent_link = abbr.find_parent("a")
        assert parent_link is None or "glossary-term" in parent_link.get("class", [])
    targets = {link["href"].split("#")[1] for link in linked}
    glossary_ids = {term.id for term in DATA.glossary.terms}
    assert targets <= glossary_ids


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_every_page_shows_emergency_numbers_as_phone_links(site: Path, prefix: str) -> None:
    for page in expected_pages():
        html = soup(site, prefix + page)
        box = html.select_one("aside.emergency")
        assert box is not None, page
        numbers = {a["href"] for a in box.select('a[href^="tel:"]')}
        assert numbers == {"tel:115", "tel:0805160075"}, page


def phone_shapes() -> re.Pattern[str]:
    """What a reader recognises as a number to call: each phone number of the data (as
    written, with or without its spaces), and the two shapes of French numbers."""
    numbers = {item.number for item in DATA.site.emergency}
    for actor in [*DATA.actors.actors, *DATA.permanences.permanences]:
        numbers |= {c.phone for c in actor.contacts
                    if c.phone}
    written = [r"\s?".join(number.replace(" ", "")) for number in sorted(numbers, key=len,
                                                                          reverse=True)]
    shapes = [*written, r"0\s?\d(?:\s?\d){8}", r"3\d\s\d{2}"]
    return re.compile(r"(?<![\w,.-])(?:" + "|".join(shapes) + r")(?![\w-]|[,.]\d)")


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_every_phone_number_on_a_page_is_a_call_link(site: Path, prefix: str) -> None:
    """A number to call is one tap away wherever the page writes it, in a contact block or in
    a sentence ("appelez le 30 39"): no phone number in the page's content outside a tel:
    link (text inside another link is that link's words)."""
    shapes = phone_shapes()
    assert shapes.search("Appelez le 34 14 (Banque de France)")  # the check can fail
    unlinked, linked = [], 0
    for path in sorted((site / prefix).rglob("index.html")):
        if prefix == "" and path.relative_to(site).parts[0] == "en":
            continue
        article = BeautifulSoup(read(path), "html.parser").select_one("article")
        for link in article.select('a[href^="tel:"]'):
            linked += 1
            digits = re.sub(r"\D", "", link.get_text())
            assert link["href"] == f"tel:{digits}", (path, link)
        for text in article.find_all(string=True):
            # A choice's label names a paper ("(115)" in its name), and a model letter is a
            # paper to print and send: neither is a number to call on the screen.
            if text.find_parent("a") is None and text.parent.name not in ("script", "style") \
                    and text.find_parent("label") is None \
                    and text.find_parent(class_="letter") is None:
                unlinked += [f"{path.relative_to(site)}: {m.group(0)!r} in {text.strip()[:60]!r}"
                             for m in shapes.finditer(str(text))]
    assert unlinked == []
    assert linked > 100


def test_stage_pages_have_print_action_and_url_for_print(site: Path) -> None:
    page = soup(site, "locataire/commandement-de-payer/index.html")
    button = page.select_one("button[data-print]")
    assert button is not None and button.has_attr("hidden")
    # a draft prints no address (the site has none yet): tests/test_publication.py checks
    # the published page prints its own
    assert page.select_one(".print-only") is None
    css = read(site / "assets/stylesheets/site.css")
    assert "@media print" in css and ".md-sidebar" in css


@pytest.mark.parametrize("prefix,lang", [("", "fr"), ("en/", "en")])
def test_booklet_linked_from_home_and_footer_with_size_and_pages(site: Path, prefix: str,
                                                                  lang: str) -> None:
    from pypdf import PdfReader

    home = soup(site, f"{prefix}index.html")
    link = home.select_one("p.booklet-link a")
    assert link is not None
    pdf = (site / prefix / link["href"]).resolve()
    assert pdf == (site / f"livret/livret-{lang}.pdf").resolve()
    pages = len(PdfReader(pdf).pages)
    kilobytes = max(1, round(pdf.stat().st_size / 1024))
    assert f"{pages} pages" in link.get_text()
    assert f"{kilobytes} K" in link.get_text()
    # the same booklet to print on A4, with the number of sheets it takes
    imposed = home.select("p.booklet-link a")[1]
    assert (site / prefix / imposed["href"]).resolve() == \
        (site / f"livret/livret-{lang}-a-imprimer.pdf").resolve()
    sheets = len(PdfReader(site / f"livret/livret-{lang}-a-imprimer.pdf").pages) // 2
    assert f"{sheets} {'feuilles' if lang == 'fr' else 'double-sided sheets'}" in \
        imposed.get_text()
    for page in ("index.html", "glossaire/index.html", "locataire/commandement-de-payer/"
                 "index.html"):
        footer = soup(site, prefix + page).select_one("a.footer-booklet")
        assert footer is not None
        target = (site / prefix / page).parent / footer["href"]
        assert target.resolve() == pdf


@pytest.mark.parametrize("prefix,lang", [("", "fr"), ("en/", "en")])
def test_stage_pages_link_their_one_page_handout(site: Path, prefix: str, lang: str) -> None:
    for audience in ("locataire", "proprietaire"):
        for step in STEP_IDS:
            page = soup(site, f"{prefix}{audience}/{step}/index.html")
            link = page.select_one("p.handout-link a")
            assert link is not None, (audience, step)
            target = (site / prefix / audience / step / link["href"]).resolve()
            assert target == (site / f"livret/fiches/{lang}/{audience}-{step}.pdf").resolve()
    # A social worker prints, from the partners' page of a stage, the right page for the
    # household in front of them: the tenant's and the landlord's handouts of that stage.
    for step in STEP_IDS:
        page = soup(site, f"{prefix}partenaires/{step}/index.html")
        links = page.select("p.handout-link a")
        targets = [(site / prefix / "partenaires" / step / link["href"]).resolve()
                   for link in links]
        assert targets == [(site / f"livret/fiches/{lang}/{audience}-{step}.pdf").resolve()
                           for audience in ("locataire", "proprietaire")], step


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_directory_headings_do_not_repeat_an_acronym(site: Path, prefix: str) -> None:
    """'CAF de la Côte-d'Or', not 'CAF de la Côte-d'Or (CAF)'; an acronym the name does not
    show is still given once ('Maison de la justice et du droit de Chenôve (MJD)')."""
    page = soup(site, f"{prefix}annuaire/index.html")
    headings = {h["id"]: collapse_spaces(h.get_text()).removesuffix("¶").strip()
                for h in page.select("article h3[id]")}
    for actor in DATA.actors.actors:
        heading = headings[actor.id]
        if actor.acronym:
            added = f" ({actor.acronym})"
            name = heading.removesuffix(added)
            assert actor.acronym in name if name == heading else actor.acronym not in name, \
                heading
    assert headings["mjd-chenove"].endswith("(MJD)")


@pytest.mark.parametrize("prefix,name", [("", "Rechercher dans le site"),
                                         ("en/", "Search the site")])
def test_search_dialog_is_named_and_its_reset_has_no_floating_tooltip(site: Path, prefix: str,
                                                                      name: str) -> None:
    for page in expected_pages():
        html = soup(site, prefix + page)
        assert html.select_one('[role="dialog"].md-search')["aria-label"] == name, page
        reset = html.select_one('.md-search button[type="reset"]')
        assert reset.has_attr("aria-label") and not reset.has_attr("title"), page


@pytest.mark.parametrize("prefix,lang", [("", "fr"), ("en/", "en")])
@pytest.mark.parametrize("audience", ["locataire", "proprietaire"])
def test_stage_pages_lead_with_what_to_do(site: Path, prefix: str, lang: str,
                                          audience: str) -> None:
    """Under the title, in this order: where the reader stands, the delay that runs (in
    words), then at most five things to do now, the first one being the stage's first action;
    everything else below, in fold-outs; at most 350 words before the first one."""
    reader = "tenant" if audience == "locataire" else "landlord"
    for step in DATA.steps.steps:
        path = site / prefix / audience / step.id / "index.html"
        page = BeautifulSoup(read(path), "html.parser")
        guide = getattr(step, reader)
        order = [tag for tag in page.select_one("article").find_all(True)
                 if tag.name == "h1" or "situation" in (tag.get("class") or [])
                 or "key-delays" in (tag.get("class") or []) or "fold" in (tag.get("class") or [])
                 or {"admonition", "tip"} <= set(tag.get("class") or [])]
        names = [tag.name if tag.name == "h1" else tag["class"][-1] for tag in order]
        expected = ["h1", "situation", "key-delays", "tip", "fold"]
        if "key-delays" not in names:
            expected.remove("key-delays")
            assert not [d for d in step.deadlines if d.party in (
                ("tenant", "everyone") if reader == "tenant" else ("landlord", "tenant"))]
        assert names[:len(expected)] == expected, (path, names[:6])
        actions = page.select(".admonition.tip li")
        assert 1 <= len(actions) <= 5
        assert shown(guide.first_action, lang) in collapse_spaces(actions[0].get_text()), path
        for duration in page.select(".key-delays .deadline-duration"):
            assert any(collapse_spaces(duration.get_text()) == shown(d.duration, lang)
                       for d in step.deadlines), (path, duration)
        assert words_above_first_fold(read(path)) <= 350, path


def test_phone_numbers_are_found_by_libphonenumber_not_by_a_pattern() -> None:
    """The numbers of running text are libphonenumber's: ten-digit numbers by its matcher,
    four-digit service numbers written in pairs by its short-number data, the data's own
    short numbers where they are written; a date written in figures is not a number to
    call."""
    from generator.site.phones import find_phones

    text = "Appelez le 34 14 ou le 03 80 70 45 00, puis le 0 805 16 00 75 ou le 30 39."
    assert [href for _, _, href in find_phones(text)] == [
        "tel:3414", "tel:0380704500", "tel:0805160075", "tel:3039"]
    assert find_phones("En chiffres, par exemple : 10 10 2026. Article 1343-5, 24 III.") == []
    assert find_phones("Le 115, la nuit.", ("115",)) == [(3, 6, "tel:115")]
    assert find_phones("Le 115, la nuit.") == []  # not a number the data gives
