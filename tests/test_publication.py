"""Draft or publication, decided by data/site.yaml: the draft says so on every page and every
PDF page, prints no dead address, and `make site PUBLISH=1` refuses it, naming each missing
field and each placeholder at its file and line."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from bs4 import BeautifulSoup

from generator import build as pipeline
from generator.data.publication import is_real_address, publication_problems

from .conftest import PUBLISHED, ROOT, published_site_yaml, read

DRAFT_BANNER = {"fr": "Version de travail — ce site n'est pas encore publié.",
                "en": "Working draft — this site is not published yet."}


def _line(text: str, start: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1)
                if line.startswith(start))


def test_every_page_of_a_draft_carries_the_banner(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 100
    for path in pages:
        soup = BeautifulSoup(read(path), "html.parser")
        if soup.select_one("article") is None:  # the 404 page and redirects
            continue
        lang = "en" if path.relative_to(site).parts[0] == "en" else "fr"
        banner = soup.select_one(".md-banner .draft-banner")
        assert banner is not None, path
        assert banner.get_text(" ", strip=True) == DRAFT_BANNER[lang], path


def test_publish_refuses_the_draft_and_lists_what_is_missing_at_its_line(tmp_path: Path) -> None:
    """What `make site PUBLISH=1` prints on today's data: the four empty fields of site.yaml,
    each on its own line; nothing built, the previous site untouched."""
    site_yaml = read(ROOT / "data" / "site.yaml")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("previous", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(ROOT), "build",
                             "--publish", "--no-print"], capture_output=True, text=True,
                            cwd=ROOT, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)})
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    for key in ("url", "publisher", "publication_director", "host"):
        assert any(line.startswith(f"data/site.yaml:{_line(site_yaml, key + ':')}: {key}: "
                                   "missing for publication — fill in ") for line in lines), key
    assert lines[-1] == "4 problem(s) found; the edition is still a draft; nothing was built."


def test_a_placeholder_left_in_a_text_is_listed_at_its_line(make_project: Callable) -> None:
    steps = read(ROOT / "data" / "steps.yaml")
    broken = steps.replace("Vous avez du retard dans le paiement du loyer.",
                           "Vous avez du retard (montant à\n          confirmer).", 1)
    assert broken != steps
    page = read(ROOT / "content" / "fr" / "a-propos.md") + "\nHoraires to be confirmed.\n"
    project = make_project({"data/site.yaml": published_site_yaml(),
                            "data/steps.yaml": broken, "content/en/a-propos.md": page})
    problems = sorted(problem.format() for problem in publication_problems(
        pipeline.load(project), project.content_dir, project.root))
    # the line of the text's language key (the text itself may run over several lines)
    line = _line(broken, "          Vous avez du retard (montant") - 1
    assert broken.splitlines()[line - 1].strip() == "fr: >-"
    assert problems == [
        f"content/en/a-propos.md:{len(page.splitlines())}: 'to be confirmed' is left in a text "
        "readers see — write the confirmed fact, or say whom to ask",
        f"data/steps.yaml:{line}: steps[0].tenant.meaning.fr: 'à confirmer' is left in a text "
        "readers see — write the confirmed fact, or say whom to ask"]


def test_a_reserved_address_keeps_the_draft(make_project: Callable) -> None:
    assert not is_real_address("https://prevention-expulsions-21.example.org/")
    assert not is_real_address("https://site.test/") and not is_real_address(None)
    assert is_real_address(PUBLISHED["url"])
    project = make_project({"data/site.yaml": published_site_yaml(
        url="https://prevention-expulsions-21.example.org/")})
    problems = [p.format() for p in publication_problems(pipeline.load(project))]
    assert len(problems) == 1 and "'https://prevention-expulsions-21.example.org/' is " \
        "reserved for examples and tests" in problems[0]


def test_a_published_site_has_no_banner_and_names_its_publisher(make_project: Callable) -> None:
    project = make_project({"data/site.yaml": published_site_yaml()})
    pipeline.build_site(project, with_print=False, publish=True)
    site = project.site_dir
    home = BeautifulSoup(read(site / "index.html"), "html.parser")
    assert home.select_one(".md-banner") is None
    notice = BeautifulSoup(read(site / "mentions-legales" / "index.html"), "html.parser")
    text = notice.select_one("article").get_text(" ", strip=True)
    for value in ("Éditeur de test (fixture)", "Directrice de test (fixture)",
                  "Hébergeur de test (fixture), 21000 Dijon", PUBLISHED["url"]):
        assert value in text
    assert "Pas encore désigné" not in text
    stage = BeautifulSoup(read(site / "locataire/commandement-de-payer/index.html"),
                          "html.parser")
    assert stage.select_one(".print-only").get_text(strip=True).endswith(
        f"{PUBLISHED['url']}locataire/commandement-de-payer/")


def test_the_draft_legal_notice_says_what_is_not_yet_designated(site: Path) -> None:
    notice = BeautifulSoup(read(site / "mentions-legales" / "index.html"), "html.parser")
    text = notice.select_one("article").get_text(" ", strip=True).replace("\u202f", " ")
    assert text.count("Pas encore désigné : ce site est une version de travail.") == 3
    assert "à confirmer" not in text and "À désigner" not in text
