"""A second, clearly fictional département (« Haute-Brume », code 00, tests/fixtures/haute-brume/)
built by the same `python -m generator build`, with no change to generator/, overrides/ or the
templates: its own communes, charter, actors, permanences, schemes, stages, roles and two
languages give a complete site, booklets, handouts, calculator and commune lookup. What its
readers see is its own: its names and numbers, none of the Côte-d'Or's."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from generator import build as pipeline
from generator.data.site_data import SiteData
from generator.data.validate import load_site_data
from generator.lang import fold
from generator.project import Project
from generator.site.addresses import DATA_FILES, page_path
from tests.conftest import ROOT, read, shared_once

FIXTURE = ROOT / "tests" / "fixtures" / "haute-brume"
pytestmark = pytest.mark.xdist_group("second-departement")


@pytest.fixture(scope="session")
def fictional(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Project:
    """The fixture's data and content, copied out of the repository and built (PDFs too),
    as a département team's fork would be: no overrides/ of its own, the generator's. Built
    once per test run."""

    def make(folder: Path) -> None:
        root = folder / "haute-brume"
        shutil.copytree(FIXTURE, root, ignore=shutil.ignore_patterns("build", "site"))
        pipeline.build_site(Project.at(root))

    return Project.at(shared_once(tmp_path_factory, worker_id, "second-departement", make)
                      / "haute-brume")


@pytest.fixture(scope="session")
def fictional_data(fictional: Project) -> SiteData:
    return pipeline.load(fictional)


def cote_d_or_marks() -> re.Pattern[str]:
    """What would betray the Côte-d'Or: its names (the territory, its arrondissements, its
    communes of more than six letters, the towns of its permanences, « ADIL 21 »), its
    charter's period, its record ids and its phone numbers (the national 115 aside)."""
    real = load_site_data(ROOT / "data")
    own = load_site_data(FIXTURE / "data")
    # Its own ids, and the anchors its titles make (« Assignation et jugement »), may be
    # words the Côte-d'Or's ids use too: the procedure is the same everywhere.
    fictional_ids = {record_id for kind in ("actors", "dispositifs", "instances",
                                            "permanences", "steps", "deadlines", "terms")
                     for record_id in own.by_id(kind)}
    fictional_ids |= {re.sub(r"[^a-z0-9]+", "-", fold(text.get(lang, "fr"))).strip("-")
                      for step in own.steps.steps for text in (step.title,)
                      for lang in own.languages}
    area = real.site.area
    marks = {value for text in (area.name, area.in_name, area.of_name, area.the_name)
             for lang, value in text.root.items() if not lang.endswith("_from")}
    marks |= {item.name for item in real.communes.arrondissements}
    marks |= {item.name for item in real.communes.communes if len(item.name) > 6}
    marks |= {item.town for item in real.permanences.permanences}
    marks |= {actor.acronym for actor in real.actors.actors if actor.acronym}
    marks.add(real.charter.period)
    marks |= {record_id for kind in ("actors", "dispositifs", "instances", "permanences",
                                     "steps", "deadlines") for record_id in real.by_id(kind)
              if re.search(r"[-\d]", record_id) and record_id not in fictional_ids}
    marks |= {item.number for item in real.site.emergency if len(item.number) > 4}
    marks |= {contact.phone for actor in real.actors.actors for contact in actor.contacts
              if contact.phone and len(contact.phone) > 4}
    marks -= {"ADIL", "CAF", "CCAS", "DDETS", "SIAO", "FSL"}  # national bodies, every site
    return re.compile(r"(?<![\w-])(" + "|".join(
        map(re.escape, sorted(marks, key=len, reverse=True))) + r")(?![\w-])")


def texts_of_the_site(site: Path) -> dict[str, str]:
    """Every file a reader can open, as text: the pages, the data files the scripts read,
    and the text of every PDF."""
    texts = {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.suffix in (".html", ".json", ".xml") and "search" not in path.parts:
            texts[rel] = read(path)
        elif path.suffix == ".pdf":
            texts[rel] = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    return texts


def test_its_readers_see_nothing_of_the_cote_d_or(fictional: Project) -> None:
    """No page, search index entry, data file or PDF of the fictional site names a town,
    body, period, record or number of the Côte-d'Or."""
    marks = cote_d_or_marks()
    texts = texts_of_the_site(fictional.site_dir)
    index = fictional.site_dir / "search" / "search_index.json"
    texts["search/search_index.json"] = read(index)
    assert len([name for name in texts if name.endswith(".pdf")]) == 2 * 2 + 2 * 2 * 6
    found = sorted({f"{name}: {match.group(0)}" for name, text in texts.items()
                    for match in marks.finditer(text)})
    assert found == []


def test_its_pages_name_it_and_its_charter(fictional: Project,
                                           fictional_data: SiteData) -> None:
    """The home page, in both languages, names Haute-Brume; the partners' pages cite its
    charter's period; its stages are at their own addresses."""
    for language in fictional.languages:
        site = fictional.site_dir / language.prefix
        home = BeautifulSoup(read(site / "index.html"), "html.parser")
        assert "Haute-Brume" in home.title.get_text()
        assert home.find("html")["lang"] == language.code
        for step in fictional_data.steps.steps:
            for audience in ("locataire", "proprietaire", "partenaires"):
                assert (site / audience / step.id / "index.html").exists()
        partner = read(site / "partenaires" / fictional_data.steps.steps[0].id / "index.html")
        assert fictional_data.charter.period in partner  # « Charte 2023-2027, … »
    assert fictional_data.charter.period == "2023-2027"


def test_its_helpline_and_advice_body_are_the_ones_it_names(
        fictional: Project, fictional_data: SiteData) -> None:
    """The calculator gives its helpline; the permanences page and the handouts name its
    own housing advice body: the generator took them from its roles."""
    roles = fictional_data.site.roles
    helpline = next(item for item in fictional_data.site.emergency if item.id == roles.helpline)
    advice = fictional_data.actors_by_id[roles.housing_advice]
    calculator = BeautifulSoup(read(fictional.site_dir / "outils/calculateur/index.html"),
                               "html.parser")
    rules = json.loads(calculator.select_one("#deadline-rules").string)
    assert rules["help"]["number"] == helpline.number == "03 53 01 00 01"
    assert {event["step"] for event in rules["events"]} <= set(fictional_data.steps_by_id)
    permanences = read(fictional.site_dir / "permanences/index.html")
    assert advice.acronym in permanences
    handout = next((fictional.site_dir / "livret").rglob("locataire-*.pdf"))
    text = "\n".join(page.extract_text() for page in PdfReader(handout).pages)
    assert helpline.number in text


def test_its_commune_lookup_knows_its_communes(fictional: Project,
                                               fictional_data: SiteData) -> None:
    """Each of its communes maps to an answer; the métropole is its own; the answer of the
    chef-lieu lists its ADIL permanence and its housing fund's body."""
    lookup = json.loads(read(fictional.site_dir / DATA_FILES["communes"]))
    names = {row[0] for row in lookup["communes"]}
    assert names == {commune.name for commune in fictional_data.communes.communes}
    assert lookup["metropole"] == fictional_data.site.roles.metropole
    page = BeautifulSoup(read(fictional.site_dir / page_path("near_you").replace(
        ".md", "/index.html")), "html.parser")
    chef_lieu = fictional_data.communes.arrondissements[0].chef_lieu
    profile = next(row[5] for row in lookup["communes"] if row[1] == chef_lieu)
    answer = page.select_one(f"#{profile}").get_text(" ")
    permanence = next(item for item in fictional_data.permanences.permanences
                      if item.commune == chef_lieu)
    assert permanence.town in answer
    assert "ADIL" in answer
    court = fictional_data.actors_by_id[fictional_data.site.roles.courts[0]]
    assert court.contact.phone in answer  # its court, from its roles
    assert "30 39" not in answer  # no legal-help role: no national line invented for it


def test_a_role_that_points_nowhere_stops_the_check_at_its_line(tmp_path: Path) -> None:
    """The fixture's roles are checked like the Côte-d'Or's: a helpline renamed in
    `roles:` only is refused at its line of site.yaml."""
    root = tmp_path / "haute-brume"
    shutil.copytree(FIXTURE, root, ignore=shutil.ignore_patterns("build", "site"))
    site = root / "data" / "site.yaml"
    text = read(site)
    site.write_text(text.replace("helpline: allo-brume-loyers", "helpline: allo-brume"),
                    encoding="utf-8")
    line = text.splitlines().index("  helpline: allo-brume-loyers") + 1
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "check"],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert (f"data/site.yaml:{line}: roles.helpline: unknown emergency number 'allo-brume'"
            in result.stderr)
