"""« Près de chez vous » (outils/pres-de-chez-vous/): what the page answers for a commune,
worked out from the `serves` of the data and read back as a reader sees it — in Chromium, by
keyboard only, and without JavaScript from the list of communes."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from generator import build as pipeline
from generator.data.site_data import SiteData
from generator.data.territory import describe
from generator.lang import Lang, load_strings
from generator.project import Project
from generator.site import near_you
from generator.site.addresses import DATA_FILES
from tests.browser import LANG_ROOTS, chromium_path
from tests.conftest import ROOT, read, shown
from tests.test_tools import focused, tab_to

PAGE = "outils/pres-de-chez-vous/"
AXE = ROOT / "node_modules/axe-core/axe.min.js"
needs_chromium = pytest.mark.skipif(chromium_path() is None, reason="Debian's chromium is needed")


@pytest.fixture(scope="module")
def data() -> SiteData:
    return pipeline.load(Project.at(ROOT))


def ids(data: SiteData, name: str) -> dict[str, dict[str, list[str]]]:
    """The answers for the commune ``name``: per topic, the ids certain and left open."""
    commune = next(c for c in data.communes.communes if c.name == name)
    return {answer.topic: {"yes": [line.record.id for line in answer.certain],
                           "maybe": [line.record.id for line in answer.open]}
            for answer in near_you.answers_for(data, commune)}


# --------------------------------------------------------------------------- the answers


def test_the_charter_s_territories_give_these_answers(data: SiteData) -> None:
    """Each territorial claim of the charter, on a commune it decides."""
    dijon, chenove = ids(data, "Dijon"), ids(data, "Chenôve")
    assert dijon["fund"] == {"yes": ["dijon-metropole"], "maybe": []}
    assert dijon["support"]["yes"] == ["acor-grand-dijon"]
    assert dijon["ccapex"] == {"yes": ["ccapex-centralisee"], "maybe": []}
    assert dijon["visits"] == {"yes": ["adefo"], "maybe": []}
    # Chenôve is in the Métropole but has its own scheme instead of ACOR.
    assert chenove["fund"]["yes"] == ["dijon-metropole"]
    assert chenove["support"]["yes"] == ["inser-social-chenove"]
    assert chenove["adil"]["yes"][0] == "adil-21-chenove"  # its own town's first
    assert chenove["visits"] == {"yes": ["adefo"], "maybe": []}  # not in the Val de Saône
    assert ids(data, "Talant")["commission"] == {"yes": ["commissions-impayes"], "maybe": []}
    assert dijon["commission"] == {"yes": [], "maybe": ["commissions-impayes"]}
    for name in ("Beaune", "Nuits-Saint-Georges"):
        found = ids(data, name)
        assert found["fund"]["yes"] == ["conseil-departemental"], name
        assert found["ccapex"] == {"yes": ["ccapex-beaune"], "maybe": []}, name
        assert found["visits"] == {"yes": ["sdat-asco"], "maybe": []}, name
        assert found["adil"]["yes"] == ["adil-21-beaune"], name
    assert ids(data, "Beaune")["support"]["yes"] == ["habiter-beaune"]
    assert ids(data, "Nuits-Saint-Georges")["support"]["yes"] == []
    # The Montbard formation's perimeter is not listed: said, never guessed.
    assert ids(data, "Montbard")["ccapex"] == {"yes": [], "maybe": ["ccapex-montbard"]}
    auxonne = ids(data, "Auxonne")
    assert auxonne["ccapex"]["yes"] == ["ccapex-centralisee"]
    assert "adil-21-auxonne" in auxonne["adil"]["yes"]
    assert auxonne["fund"]["yes"] == ["conseil-departemental"]


def test_every_commune_gets_one_fsl_and_a_ccapex_answer(data: SiteData) -> None:
    """The FSL's two managers split the département without overlap; every commune has a
    CCAPEX answer (a formation, or « non précisé » with whom to ask) and a visit operator."""
    for commune in data.communes.communes:
        found = {a.topic: a for a in near_you.answers_for(data, commune)}
        assert len(found["fund"].certain) == 1 and not found["fund"].open, commune.name
        assert len(found["ccapex"].lines) == 1, commune.name
        assert found["visits"].certain, commune.name
        assert found["adil"].certain, commune.name
        for answer in found.values():
            for line in answer.open:
                assert line.serves.unknown.ask, (commune.name, line.record.id)


def test_the_territory_in_words(data: SiteData) -> None:
    lang = Lang("fr", "fr", load_strings())
    actors = data.actors_by_id
    acor = data.dispositifs_by_id["acor-grand-dijon"]
    assert describe(actors["dijon-metropole"].serves, data.communes, lang.string) == \
        "Dijon Métropole (23 communes)"
    assert describe(acor.serves, data.communes, lang.string) == \
        "Dijon Métropole, sauf Chenôve (22 communes)"
    montbard = data.instances_by_id["ccapex-montbard"].serves
    assert "communes non listées par la charte" in describe(montbard, data.communes, lang.string)


# --------------------------------------------------------------------------- the built page


def test_commune_file_is_small_and_maps_every_commune_to_a_block(site: Path) -> None:
    for root in LANG_ROOTS.values():
        body = (site / root / DATA_FILES["communes"]).read_bytes()
        assert len(gzip.compress(body, 6)) < 20 * 1024
        rows = json.loads(body)["communes"]
        assert len(rows) == 698
        html = BeautifulSoup(read(site / root / PAGE / "index.html"), "html.parser")
        blocks = {section["id"] for section in html.select("section.near-profile")}
        assert {row[5] for row in rows} == blocks


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_commune_gets_numbers_to_call_for_help_advice_and_the_court(
        site: Path, data: SiteData, lang: str) -> None:
    """Each of the 698 communes' answers, as built, gives at least three numbers to tap
    (tel: links): the helpline that routes to the ADIL, the 30 39 that reaches the nearest
    point-justice, and the court's switchboard; the answer names the three courts (the summons
    says which); the communes of the arrondissement of Dijon get the MJD de Chenôve."""
    root = site / LANG_ROOTS[lang]
    rows = json.loads(read(root / DATA_FILES["communes"]))["communes"]
    html = BeautifulSoup(read(root / PAGE / "index.html"), "html.parser")
    helpline = next(item for item in data.site.emergency if item.id == data.site.roles.helpline)
    courts = [data.actors_by_id[actor_id] for actor_id in data.site.roles.courts]
    mjd = next(item for item in data.permanences.permanences if item.place == "mjd-chenove")
    dijon = data.communes.arrondissement_of[mjd.commune]
    answers = {}
    for block in html.select("section.near-profile"):  # each answer read once
        answers[block["id"]] = ({link["href"] for link in block.select('a[href^="tel:"]')},
                                block.select_one(".near-topic--court").get_text(" "),
                                f"#{mjd.id}" in str(block))
    counts = {}
    for name, _insee, _postcodes, arrondissement, _epci, profile in rows:
        numbers, court, shows_mjd = answers[profile]
        counts[name] = len(numbers)
        assert "tel:" + helpline.number.replace(" ", "") in numbers, name
        assert "tel:3039" in numbers, name
        assert "tel:0380704500" in numbers, name
        assert all(shown(actor.name, lang) in court for actor in courts), name
        assert shows_mjd == (arrondissement == dijon), name
    assert min(counts.values()) >= near_you.NUMBERS_FLOOR
    assert len(counts) == 698


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_without_javascript_every_commune_links_to_its_answer(site: Path, lang: str) -> None:
    """The list by arrondissement and EPCI names each commune once, with a link to the same
    block the search shows."""
    root = site / LANG_ROOTS[lang]
    rows = {row[0]: row[5] for row in json.loads(read(root / DATA_FILES["communes"]))["communes"]}
    html = BeautifulSoup(read(root / PAGE / "index.html"), "html.parser")
    listed: dict[str, str] = {}
    for members in html.select("details.near-arrondissement p.near-members"):
        link = members.find_next_sibling("p", class_="near-applies").a["href"]
        for name in members.get_text().split(", "):
            assert name not in listed, name
            listed[name] = link.removeprefix("#")
    assert listed == rows
    chenove = html.find(id=rows["Chenôve"]).get_text(" ", strip=True)
    assert "Inser'Social Chenôve" in chenove and "ACOR" not in chenove


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_stage_pages_directory_and_home_link_to_the_page(site: Path, lang: str) -> None:
    root = site / LANG_ROOTS[lang]
    for path in ("index.html", "annuaire/index.html", "permanences/index.html",
                 "locataire/commandement-de-payer/index.html",
                 "proprietaire/assignation-et-jugement/index.html",
                 "partenaires/commandement-de-payer/index.html"):
        html = BeautifulSoup(read(root / path), "html.parser")
        links = [a for a in html.select("article a") if "pres-de-chez-vous/" in a.get("href", "")]
        assert links, path
        assert links[0].get_text(strip=True) in ("Qui s'occupe de ma commune ?",
                                                 "Qui s'occupe de ma commune\u202f?",
                                                 "Who covers my commune?"), path


# --------------------------------------------------------------------------- in Chromium


def open_lookup(browser: object, base_url: str, lang: str = "fr") -> tuple[object, object]:
    """The page, then by keyboard: the skip link, then Tab to the field."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{base_url}{LANG_ROOTS[lang]}{PAGE}", wait_until="networkidle")
    page.keyboard.press("Tab")
    assert focused(page, "a.md-skip")
    page.keyboard.press("Enter")
    tab_to(page, "#near-input")
    return context, page


def search(page: object, query: str) -> None:
    """Clear the field and type ``query``, as a reader does (keys only)."""
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.keyboard.type(query, delay=5)


def spaced(text: str) -> str:
    """Text with the French typography's no-break spaces as plain spaces."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


def back_to_field(page: object) -> None:
    """A chosen commune moves the focus to the answer's title: Shift+Tab back to the field
    (past the « Voir » button)."""
    assert focused(page, "#near-result-title")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert focused(page, "#near-input")


def topic(page: object, name: str) -> str:
    """The text of one answer of the result, without its source lines (which quote the
    charter, and may name other bodies)."""
    return page.eval_on_selector(
        f"#near-result .near-topic--{name}",
        "node => Array.from(node.children).filter(c => !c.matches('.near-source'))"
        ".map(c => c.innerText).join('\\n')")


CASES = {
    # query: (commune shown, {topic: [texts it shows]}, {topic: [texts it must not show]})
    "Dijon": ("Dijon", {"fund": ["Dijon Métropole"], "support": ["ACOR Grand Dijon"],
                        "ccapex": ["CCAPEX centralisée"]},
              {"visits": ["SDAT ASCO", "Arc-en-ciel"]}),
    "chenove": ("Chenôve", {"fund": ["Dijon Métropole"], "support": ["Inser'Social Chenôve"],
                            "adil": ["ADIL 21 à Chenôve"]},
                {"support": ["ACOR"]}),
    "Talant": ("Talant", {"commission": ["Votre commune a une commission d'impayés locatifs"],
                          "support": ["ACOR Grand Dijon"]}, {"commission": ["Non précisé"]}),
    "beaune": ("Beaune", {"fund": ["Conseil départemental"], "ccapex": ["Beaune"],
                          "visits": ["SDAT ASCO"], "support": ["Habiter"]},
               {"fund": ["Dijon Métropole"], "visits": ["ADEFO"]}),
    "nuits st georges": ("Nuits-Saint-Georges", {"ccapex": ["CCAPEX territorialisée de Beaune"],
                                                 "visits": ["SDAT ASCO"],
                                                 "adil": ["Beaune"]}, {}),
    "Montbard": ("Montbard", {"ccapex": ["Non précisé par la charte", "DDETS"],
                              "adil": ["Montbard"]}, {}),
    "auxonne": ("Auxonne", {"fund": ["Conseil départemental"], "adil": ["Auxonne"],
                            "visits": ["ADEFO", "Arc-en-ciel", "non précisé par la charte"]},
                {"support": ["ACOR"]}),
    "st apollinaire": ("Saint-Apollinaire", {"fund": ["Dijon Métropole"]}, {}),
    "nuit st georges": ("Nuits-Saint-Georges", {"visits": ["SDAT ASCO"]}, {}),
}


@needs_chromium
@pytest.mark.parametrize("query", list(CASES))
def test_keyboard_answers(browser: object, base_url: str, query: str) -> None:
    name, shows, hides = CASES[query]
    context, page = open_lookup(browser, base_url)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    search(page, query)
    page.wait_for_selector("#near-options:not([hidden]) [role=option]")
    assert page.get_attribute("#near-input", "aria-expanded") == "true"
    page.keyboard.press("Enter")
    page.wait_for_selector("#near-result:not([hidden])")
    assert page.inner_text("#near-result-title") == name
    assert page.inner_text("#near-status") == f"Réponse pour {name} affichée ci-dessous."
    assert focused(page, "#near-result-title")
    for key, texts in shows.items():
        for text in texts:
            assert text in topic(page, key), (query, key, text)
    for key, texts in hides.items():
        for text in texts:
            assert text not in topic(page, key), (query, key, text)
    assert page.get_attribute("#near-input", "aria-expanded") == "false"
    assert errors == []
    context.close()


@needs_chromium
def test_shared_postcode_asks_which_commune(browser: object, base_url: str) -> None:
    """21500 is the postcode of 29 communes: Enter asks to choose, the arrows choose."""
    context, page = open_lookup(browser, base_url)
    search(page, "21500")
    page.keyboard.press("Enter")
    assert spaced(page.inner_text("#near-status")) == (
        "Le code postal 21500 est celui de 29 communes : choisissez la vôtre dans la liste.")
    assert page.is_hidden("#near-result")
    options = page.eval_on_selector_all("#near-options [role=option]",
                                        "els => els.map(e => e.textContent)")
    # All 29, in a list that scrolls: a postcode never hides one of its communes.
    assert len(options) == 29 and all(option.endswith("(21500)") for option in options)
    assert "Montbard (21500)" in options
    # The first is highlighted; ArrowDown moves on and aria-activedescendant follows.
    first = page.get_attribute("#near-input", "aria-activedescendant")
    page.keyboard.press("ArrowDown")
    second = page.get_attribute("#near-input", "aria-activedescendant")
    assert first != second and page.get_attribute(f"#{second}", "aria-selected") == "true"
    chosen = page.inner_text(f"#{second}").split(" (")[0]
    page.keyboard.press("Enter")
    assert page.inner_text("#near-result-title") == chosen
    assert "21500" in page.inner_text("#near-facts")
    # Escape closes the list; a second Escape empties the field.
    back_to_field(page)
    search(page, "mont")
    page.wait_for_selector("#near-options:not([hidden])")
    page.keyboard.press("Escape")
    assert page.is_hidden("#near-options")
    page.keyboard.press("Escape")
    assert page.input_value("#near-input") == ""
    context.close()


@needs_chromium
def test_unknown_name_says_so_and_breaks_nothing(browser: object, base_url: str) -> None:
    context, page = open_lookup(browser, base_url)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    search(page, "Talant")
    page.keyboard.press("Enter")
    page.wait_for_selector("#near-result:not([hidden])")
    back_to_field(page)
    search(page, "Grenoble")
    page.keyboard.press("Enter")
    assert spaced(page.inner_text("#near-status")).startswith(
        "Aucune commune de la Côte-d'Or ne correspond à « Grenoble ».")
    # The last answer is hidden, so that it is not read as this one's.
    assert page.is_hidden("#near-result")
    search(page, "2")
    assert spaced(page.inner_text("#near-status")).startswith("Tapez au moins deux lettres")
    search(page, "Quetigny")
    page.keyboard.press("Enter")
    assert page.inner_text("#near-result-title") == "Quetigny"
    assert errors == []
    context.close()


@needs_chromium
def test_english_run(browser: object, base_url: str) -> None:
    context, page = open_lookup(browser, base_url, "en")
    search(page, "CHENOVE")
    page.keyboard.press("Enter")
    page.wait_for_selector("#near-result:not([hidden])")
    assert page.inner_text("#near-result-title") == "Chenôve"
    assert page.inner_text("#near-status") == "Answer for Chenôve shown below."
    assert "Who runs the FSL for your commune: Dijon Métropole" in topic(page, "fund")
    assert "Inser'Social Chenôve" in topic(page, "support")
    assert "Your commune is part of Dijon Métropole." in page.inner_text("#near-result")
    back_to_field(page)
    search(page, "Montbard")
    page.keyboard.press("Enter")
    assert page.inner_text("#near-result-title") == "Montbard"
    assert "Not specified by the charter." in topic(page, "ccapex")
    context.close()


@needs_chromium
def test_nothing_leaves_the_browser_and_axe_finds_nothing(browser: object,
                                                           base_url: str) -> None:
    """The commune file is the one request (from the site itself); nothing is stored; the
    address does not change. axe runs with the suggestions open and with an answer shown."""
    own = urlsplit(base_url).netloc
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    url = f"{base_url}{PAGE}"
    page.goto(url, wait_until="networkidle")
    loaded = [r for r in requests if r.endswith(".json")]
    assert loaded == [f"{base_url}{DATA_FILES['communes']}"]
    assert all(urlsplit(r).netloc == own for r in requests)
    requests.clear()
    page.focus("#near-input")
    search(page, "st")
    page.wait_for_selector("#near-options:not([hidden])")
    violations = page.evaluate("() => axe.run(document, {runOnly: {type: 'tag', values: "
                               "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})")["violations"]
    assert [v["id"] for v in violations] == []
    search(page, "Longvic")
    page.keyboard.press("Enter")
    page.wait_for_selector("#near-result:not([hidden])")
    violations = page.evaluate("() => axe.run(document, {runOnly: {type: 'tag', values: "
                               "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})")["violations"]
    assert [v["id"] for v in violations] == []
    page.wait_for_timeout(200)
    assert [r for r in requests if not r.endswith("/favicon.png")] == []
    assert page.url == url
    assert context.cookies() == []
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    # The commune file is loaded by this page only.
    requests.clear()
    for other in ("", "outils/calculateur/", "annuaire/"):
        page.goto(f"{base_url}{other}", wait_until="networkidle")
    assert not [r for r in requests if "communes.json" in r]
    context.close()


@needs_chromium
def test_without_javascript_the_list_is_there_and_the_field_is_not(browser: object,
                                                                    base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}{PAGE}")
    assert page.is_hidden("#near-you")
    assert "La recherche a besoin de JavaScript" in page.inner_text("article")
    page.click("#arrondissement-213 summary")
    assert "Venarey-les-Laumes" in page.inner_text("#arrondissement-213")
    page.click("#arrondissement-213 a:has-text('Venarey-les-Laumes')")
    target = urlsplit(page.url).fragment
    assert re.fullmatch(r"reponse-\d+", target)
    block = page.inner_text(f"#{target}")
    assert "Votre commune a une commission d'impayés locatifs" in block
    assert "Non précisé par la charte." in block  # the Montbard formation's perimeter
    context.close()
