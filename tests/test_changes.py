"""`make changes BASE=<ref>`: the report a reviewer reads instead of a YAML diff. One delay
changed in steps.yaml must appear on exactly the pages and PDFs that show it, as words."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.changes import INPUTS, inputs_hash, passages, read_site
from generator.project import Project
from tests.conftest import ROOT, read, shared_once

pytestmark = pytest.mark.xdist_group("changes")

OLD, NEW = "fr: 6 semaines\n", "fr: 7 semaines\n"
"""The duration of the first deadline of « Commandement de payer » (data/steps.yaml)."""


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=tests", "-c", "user.email=tests@invalid",
                           *args], cwd=repo, check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture(scope="session")
def edited_repo(changes_run: Path) -> Path:
    return changes_run / "project"


@pytest.fixture(scope="session")
def report(changes_run: Path) -> str:
    return read(changes_run / "report.md")


@pytest.fixture(scope="session")
def changes_run(tmp_path_factory: pytest.TempPathFactory, worker_id: str,
                built_project: Project) -> Path:
    """A repository holding the project (its generator too), one commit, then the delay
    edited in the working tree; and `make changes`' report on it (report.md). The base's build
    is the session's (same inputs, same bytes): `make changes` finds it in its cache and
    builds only the edited tree. Made once per test run."""

    def make(folder: Path) -> None:
        repo = folder / "project"
        repo.mkdir()
        for part in INPUTS:
            source = ROOT / part
            if source.is_dir():
                subprocess.run(["cp", "-r", str(source), str(repo / part)], check=True)
            else:
                subprocess.run(["cp", str(source), str(repo / part)], check=True)
        subprocess.run(["find", str(repo), "-name", "__pycache__", "-prune", "-exec", "rm",
                        "-rf", "{}", "+"], check=True)
        (repo / ".gitignore").write_text("/build/\n/site/\n__pycache__/\n", encoding="utf-8")
        git(repo, "init", "-q")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "base")
        cached = repo / "build" / "changes" / inputs_hash(repo) / "site"
        shutil.copytree(built_project.site_dir, cached)
        steps = repo / "data" / "steps.yaml"
        text = steps.read_text(encoding="utf-8")
        assert text.count(OLD) == 1
        steps.write_text(text.replace(OLD, NEW), encoding="utf-8")
        result = subprocess.run([sys.executable, "-m", "generator", "changes", "--base",
                                 "HEAD"], cwd=repo, capture_output=True, text=True,
                                check=False)
        assert result.returncode == 0, result.stderr[-3000:]
        (folder / "report.md").write_text(result.stdout, encoding="utf-8")

    return shared_once(tmp_path_factory, worker_id, "changes", make)


def sections(report: str, heading: str) -> list[str]:
    """The items (`### …` titles) under the report's ``## heading``."""
    part = report.split(f"## {heading}\n", 1)
    if len(part) == 1:
        return []
    body = part[1].split("\n## ", 1)[0]
    return re.findall(r"^### .*\(`([^`]+)`\)$|^### `([^`]+)`$", body, flags=re.MULTILINE)


def test_one_delay_appears_on_exactly_the_pages_and_pdfs_that_show_it(
        edited_repo: Path, report: str) -> None:
    work_site = edited_repo / "build" / "changes" / inputs_hash(edited_repo) / "site"
    pages, pdfs = read_site(work_site)
    showing_pages = {url for url, doc in pages.items()
                     if any("7 semaines" in block for block in doc.blocks)}
    showing_pdfs = {path for path, doc in pdfs.items()
                    if any("7 semaines" in block or "— 7" in block for block in doc.blocks)}
    assert showing_pages and any("fiches/fr/locataire" in path for path in showing_pdfs)
    listed_pages = {url for url, _ in sections(report, "Pages changed")}
    listed_pdfs = {path for _, path in sections(report, "PDFs changed")}
    assert listed_pages == showing_pages
    assert listed_pdfs == showing_pdfs
    # Word by word, old → new; the English pages did not change (their text did not).
    assert "~~6~~ **7** semaines" in report
    assert not any(url.startswith("en/") for url in listed_pages)
    # The English duration is now stale, at its line.
    line = next(number for number, text in enumerate(
        (edited_repo / "data/steps.yaml").read_text(encoding="utf-8").splitlines(), 1)
        if text.strip() == NEW.strip()) + 1
    assert f"- `data/steps.yaml:{line}: steps[1].deadlines[0].duration`" in report
    assert "Pages: 3 changed, 0 added, 0 removed." in report


def test_builds_are_reused_and_an_unchanged_tree_reports_nothing(edited_repo: Path,
                                                                 report: str,
                                                                 tmp_path: Path) -> None:
    repo = tmp_path / "project"  # a copy: the shared repository stays as the others read it
    shutil.copytree(edited_repo, repo, symlinks=True)
    steps = repo / "data" / "steps.yaml"
    steps.write_text(steps.read_text(encoding="utf-8").replace(NEW, OLD), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator", "changes", "--base", "HEAD"],
                            cwd=repo, capture_output=True, text=True, check=True)
    assert "Nothing a reader sees has changed." in result.stdout
    # Base and working tree have the same inputs: one build, reused (no third build).
    assert len(list((repo / "build" / "changes").glob("*/site"))) == 2


def test_passages_are_word_level_and_escaped() -> None:
    old = ("Vous avez 6 semaines pour payer.", "Une ligne qui reste.")
    new = ("Vous avez 2 mois pour payer.", "Une ligne qui reste.", "Ajout *important*.")
    assert passages(old, new) == ["« Vous avez ~~6 semaines~~ **2 mois** pour payer. »",
                                  "added: « Ajout \\*important\\*. »"]
