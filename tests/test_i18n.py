"""Languages: completeness and freshness of translations, per-language search, and a new
language (right-to-left) added by data and configuration only."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator import build as pipeline
from generator.cli import main
from generator.data.translations import stamp_file, text_hash
from generator.data.validate import load_site_data
from generator.lang import collapse_spaces, load_strings
from generator.project import Project
from tests.browser import search_hits, search_results
from tests.conftest import ROOT, read

DATA = load_site_data(ROOT / "data", ("fr", "en"), display_root=ROOT)


def site_yaml() -> str:
    return (ROOT / "data/site.yaml").read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def run_check(project_root: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[
        int, str]:
    code = main(["--root", str(project_root), "check", *extra])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_committed_translations_are_complete_and_fresh(capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    code, output = run_check(ROOT, capsys, "--strict")
    assert code == 0, output
    assert "translation" not in output.replace("translation(s)", "")


def test_missing_translation_is_reported_with_line(make_project: Callable,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    text = site_yaml()
    start = text.index("tagline:")
    english = text.index("  en:", start)
    end = text.index("  en_from:", english)
    end = text.index("\n", end) + 1
    broken = text[:english] + text[end:]
    project = make_project({"data/site.yaml": broken})
    line = line_of(broken, "tagline:")
    code, output = run_check(project.root, capsys)
    assert code == 0
    assert f"data/site.yaml:{line}: tagline: missing 'en' text" in output
    code, output = run_check(project.root, capsys, "--strict")
    assert code == 1
    assert f"data/site.yaml:{line}: tagline: missing 'en' text" in output


def test_changed_french_flags_translation_as_outdated(make_project: Callable,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    text = site_yaml().replace("Agissez dès le premier loyer impayé",
                               "Agissez dès le premier retard de loyer", 1)
    project = make_project({"data/site.yaml": text})
    start = text.index("tagline:")
    line = text[:text.index("  en:", start)].count("\n") + 1
    code, output = run_check(project.root, capsys, "--strict")
    assert code == 1
    assert (f"data/site.yaml:{line}: tagline: 'en' text is outdated: the French text changed "
            "since it was translated — update the 'en' text, delete its 'en_from' line, then "
            "run `make stamp`") in output


def test_stamp_records_hash_and_keeps_comments(tmp_path: Path) -> None:
    path = tmp_path / "site.yaml"
    path.write_text("# a comment the editor wrote\nname:\n  fr: Bonjour\n  en: Hello\n"
                    "tagline:\n  fr: >-\n    Un texte\n    sur deux lignes\n  en: Two lines\n",
                    encoding="utf-8")
    assert stamp_file(path, ("fr", "en")) == 2
    assert path.read_text(encoding="utf-8") == (
        "# a comment the editor wrote\nname:\n  fr: Bonjour\n  en: Hello\n"
        f"  en_from: '{text_hash('Bonjour')}'\n"
        "tagline:\n  fr: >-\n    Un texte\n    sur deux lignes\n  en: Two lines\n"
        f"  en_from: '{text_hash('Un texte sur deux lignes')}'\n")
    assert stamp_file(path, ("fr", "en")) == 0


@pytest.mark.parametrize("prefix,lang", [("", "fr"), ("en/", "en")])
def test_each_language_has_its_own_search_index(site: Path, prefix: str, lang: str) -> None:
    index = json.loads(read(site / prefix / "search/search_index.json"))
    assert index["config"]["lang"] == [lang]
    locations = [doc["location"] for doc in index["docs"]]
    assert locations and not any(location.startswith("en/") for location in locations)
    html = BeautifulSoup(read(site / prefix / "index.html"), "html.parser")
    assert html.html["lang"] == lang


def test_english_pages_say_translation_is_unreviewed(site: Path) -> None:
    english = BeautifulSoup(read(site / "en/locataire/commandement-de-payer/index.html"),
                            "html.parser")
    note = english.select_one(".translation-note")
    assert note is not None and "French text is the reference" in note.get_text()
    french = BeautifulSoup(read(site / "locataire/commandement-de-payer/index.html"),
                           "html.parser")
    assert french.select_one(".translation-note") is None


@pytest.fixture(scope="module")
def search_page(browser: object, base_url: str) -> Iterator[Callable[[str, str], list[str]]]:
    page = browser.new_page()

    def search(prefix: str, query: str) -> list[str]:
        page.goto(f"{base_url}{prefix}glossaire/")
        page.keyboard.press("/")
        page.keyboard.type(query)
        page.wait_for_selector(".md-search-result__item", timeout=10_000)
        return page.locator(".md-search-result__item > a").evaluate_all(
            "links => links.map(link => new URL(link.href).pathname)")

    yield search
    page.close()


def test_english_search_finds_english_stage_pages(search_page: Callable) -> None:
    results = search_page("en/", "eviction")
    assert results and all(path.startswith("/en/") for path in results)
    assert any(path.startswith("/en/locataire/") for path in results[:10]), results[:10]


def test_french_search_finds_french_stage_pages(search_page: Callable) -> None:
    results = search_page("", "expulsion")
    assert results and not any(path.startswith("/en/") for path in results)
    assert any(path.startswith("/locataire/") for path in results[:10]), results[:10]


def test_french_search_ignores_accents(search_page: Callable) -> None:
    assert search_page("", "echeance") == search_page("", "échéance")


def test_new_right_to_left_language_is_data_and_configuration(make_project: Callable) -> None:
    """Adding Arabic: one entry in mkdocs.yml and its hand-written pages (content/ar/, here
    the French ones, as a first draft would be); texts without 'ar' fall back to French."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("      link: /en/\n",
                            "      link: /en/\n    - name: العربية\n      lang: ar\n"
                            "      link: /ar/\n", 1)
    pages = {f"content/ar/{path.name}": read(path)
             for path in sorted((ROOT / "content" / "fr").glob("*.md"))}
    project = make_project({"mkdocs.yml": config, **pages})
    assert project.codes == ("fr", "en", "ar")
    pipeline.build_site(project, with_print=False)
    page = BeautifulSoup(read(project.site_dir / "ar/locataire/commandement-de-payer/index.html"),
                         "html.parser")
    assert page.html["lang"] == "ar"
    assert page.body["dir"] == "rtl"
    selector = {a["hreflang"]: a["href"] for a in page.select("a.md-select__link")}
    assert set(selector) == {"fr", "en", "ar"}
    target = (project.site_dir / "ar/locataire/commandement-de-payer" / selector["fr"]).resolve()
    assert target == (project.site_dir / "locataire/commandement-de-payer").resolve()
    index = json.loads(read(project.site_dir / "ar/search/search_index.json"))
    assert index["config"]["lang"] == ["ar"]
    french = BeautifulSoup(read(project.site_dir / "index.html"), "html.parser")
    assert {link["hreflang"] for link in french.select('link[rel="alternate"][hreflang]')} == {
        "fr", "en", "ar", "x-default"}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_search_finds_what_people_type(browser: object, base_url: str, lang: str) -> None:
    """tests/search_queries.yaml, typed into the real search box: for at least 90 % of the
    queries, a page that answers is among the first three results."""
    hits = search_hits(browser, base_url, lang)
    assert len(hits) >= {"fr": 30, "en": 15}[lang]
    missed = [f"{hit['query']!r}: {hit['top']}" for hit in hits
              if not (hit["rank"] and hit["rank"] <= 3)]
    assert len(missed) <= len(hits) // 10, "\n".join(missed)


@pytest.mark.parametrize("prefix,labels", [
    ("", {"locataire": "Locataire · Étape", "proprietaire": "Propriétaire · Étape",
          "partenaires": "Professionnels · Étape"}),
    ("en/", {"locataire": "Tenant · Stage", "proprietaire": "Landlord · Stage",
             "partenaires": "Professionals · Stage"})])
def test_search_results_say_whose_page_it_is(browser: object, base_url: str, prefix: str,
                                             labels: dict[str, str]) -> None:
    """The tenant's, the landlord's and the partners' page of a stage share a heading; in the
    results each says whose it is and which stage ('Locataire · Étape 2 — Commandement de
    payer'), and no two results look the same."""
    page = browser.new_page()
    page.goto(f"{base_url}{prefix}")
    page.keyboard.press("/")
    search_results(page, "commandement de payer")
    results = page.locator(".md-search-result__item > a").evaluate_all(
        "links => links.map(link => [new URL(link.href).pathname,"
        " (link.querySelector('article h1') || {}).innerText || ''])")
    page.close()
    stages = {step.id: step.number for step in DATA.steps.steps}
    seen = []
    for path, title in results:
        parts = path.removeprefix("/" + prefix).strip("/").split("/")
        if title and len(parts) == 2 and parts[0] in labels and parts[1] in stages:
            expected = f"{labels[parts[0]]} {stages[parts[1]]} — "
            assert collapse_spaces(title).startswith(expected), (path, title)
            seen.append(title)
    assert seen, results
    assert len(set(seen)) == len(seen), seen


def test_every_interface_string_is_written_in_every_language() -> None:
    """generator/strings.yaml: each key has a non-empty text in each language of mkdocs.yml,
    and fills only the slots the code or the data gives (a typo such as « {area_inn} » would
    reach the reader as it is)."""
    languages = list(Project.at(ROOT).codes)
    strings = load_strings()
    missing = [f"{key}: {lang}" for key, entry in strings.items() for lang in languages
               if not str(entry.get(lang) or "").strip()]
    assert missing == []
    data = load_site_data(ROOT / "data")
    area_slots = set(data.slots("fr"))
    for key, entry in strings.items():
        slots = {lang: set(re.findall(r"\{(\w+)\}", entry[lang])) for lang in languages}
        assert len({frozenset(found - area_slots) for found in slots.values()}) == 1, (key, slots)


FOLDING_SCRIPTS = ("overrides/assets/javascripts/communes-match.js",
                   "generator/site/engines/mkdocs/assets/javascripts/requests.js",
                   "generator/site/engines/mkdocs/assets/javascripts/fold-accents.js")
JS_FOLD = 'normalize("NFD").replace(/[\\u0300-\\u036f]/g, "")'


def test_one_accent_folding_rule_for_python_and_the_scripts() -> None:
    """Sorting (Python) and searching (the scripts) ignore the same accents: each script
    folds with the rule generator.lang.FOLDED_MARKS names, and node's result equals
    generator.lang.fold on every commune, actor and glossary name of the data."""
    import shutil
    import subprocess

    from generator.lang import FOLDED_MARKS, fold

    assert FOLDED_MARKS == "\u0300-\u036f"
    for script in FOLDING_SCRIPTS:
        assert JS_FOLD in read(ROOT / script), f"{script} folds accents another way"
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed (.ci/run installs it)")
    data = load_site_data(ROOT / "data")
    names = [commune.name for commune in data.communes.communes]
    names += [actor.name.get(lang, "fr") for actor in data.actors.actors for lang in ("fr", "en")]
    names += ["Échéancier", "ŒUVRE", "Maïs ÇA", "ﬁ ligature", "İstanbul"]
    script = ("const names = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              f"console.log(JSON.stringify(names.map(t => t.{JS_FOLD}.toLowerCase())));")
    result = subprocess.run([node, "-e", script], input=json.dumps(names), text=True,
                            capture_output=True, check=True)
    in_scripts = json.loads(result.stdout)
    differ = [(name, js, fold(name)) for name, js in zip(names, in_scripts, strict=True)
              if js != fold(name)]
    assert differ == []


def test_a_language_without_its_legal_notice_is_refused(make_project: Callable,
                                                        capsys: pytest.CaptureFixture) -> None:
    """Every language has the hand-written pages of the default one: an English site
    without content/en/mentions-legales.md stops `make check` and the build at that file."""
    project = make_project({"content/en/mentions-legales.md": None})
    assert main(["--root", str(project.root), "check"]) == 1
    error = capsys.readouterr().err
    assert "content/en/mentions-legales.md:1: missing: the English version of " \
           "content/fr/mentions-legales.md" in error
    assert main(["--root", str(project.root), "build", "--no-print"]) == 1
    assert not project.site_dir.exists()


WHOSE_PAGE_FIRST = [
    ("fr", "commandement de payer", "locataire/commandement-de-payer/"),
    ("fr", "trêve hivernale", "locataire/commandement-de-quitter-les-lieux/"),
    ("fr", "huissier", "locataire/commandement-de-payer/"),
    ("fr", "mon locataire ne paie plus", "proprietaire/prevention-impayes/"),
    ("fr", "changer la serrure", "proprietaire/prevention-impayes/"),
    ("en", "eviction notice", "en/locataire/commandement-de-quitter-les-lieux/"),
    ("en", "winter truce", "en/locataire/commandement-de-quitter-les-lieux/"),
    ("en", "my tenant does not pay", "en/proprietaire/prevention-impayes/"),
]
"""A query that does not say whose page it wants finds the household's stage page before the
landlord's and the partners'; a landlord's words find the landlord's page first."""


def test_the_households_page_comes_before_the_landlords_unless_a_landlord_asks(
        browser: object, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    found = {}
    for lang, query, _expected in WHOSE_PAGE_FIRST:
        root = "" if lang == "fr" else "en/"
        if page.url != f"{base_url}{root}":
            page.goto(f"{base_url}{root}")
            page.keyboard.press("/")
        stages = [path.lstrip("/") for path in search_results(page, query)
                  if re.search(r"/(locataire|proprietaire|partenaires)/[^/]+/$", path)]
        found[query] = stages[0] if stages else None
    page.close()
    assert found == {query: expected for _, query, expected in WHOSE_PAGE_FIRST}


STARTED_FROM = [
    ("proprietaire/commandement-de-payer/", "commandement de payer",
     "proprietaire/commandement-de-payer/"),
    ("locataire/commandement-de-payer/", "commandement de payer",
     "locataire/commandement-de-payer/"),
    ("proprietaire/assignation-et-jugement/", "trêve hivernale",
     "proprietaire/commandement-de-quitter-les-lieux/"),
    ("en/proprietaire/commandement-de-quitter-les-lieux/", "winter truce",
     "en/proprietaire/commandement-de-quitter-les-lieux/"),
    ("en/locataire/prevention-impayes/", "eviction notice",
     "en/locataire/commandement-de-quitter-les-lieux/"),
]
"""A search started from a reader's stage page lists that reader's stage pages first; from
anywhere else, the household's (WHOSE_PAGE_FIRST)."""


def test_a_search_started_from_a_readers_page_lists_that_readers_pages_first(
        browser: object, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    found = {}
    for start, query, _expected in STARTED_FROM:
        page.goto(f"{base_url}{start}")
        page.keyboard.press("/")
        stages = [path.lstrip("/") for path in search_results(page, query)
                  if re.search(r"/(locataire|proprietaire|partenaires)/[^/]+/$", path)]
        found[(start, query)] = stages[0] if stages else None
    page.close()
    assert found == {(start, query): expected for start, query, expected in STARTED_FROM}
