"""Fixtures: throw-away copies of the project, and a site built once per test session."""

from __future__ import annotations

import fcntl
import json
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator import build as pipeline
from generator.data import model as m
from generator.lang import NARROW_NBSP, Lang, load_strings
from generator.print.booklet import PrintedDocument
from generator.project import Project
from tests.browser import CHROMIUM_ARGS, chromium_path, serve

ROOT = Path(__file__).resolve().parents[1]
PROJECT_PARTS = ("mkdocs.yml", "data", "content", "overrides")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/ from the current output")


PUBLISHED: dict[str, str | dict[str, str]] = {
    "url": "https://expulsions.partenaires-21.fr/",
    "publisher": {"fr": "Éditeur de test (fixture)", "en": "Test publisher (fixture)"},
    "publication_director": {"fr": "Directrice de test (fixture)"},
    "host": {"fr": "Hébergeur de test (fixture), 21000 Dijon"},
}
"""Publication fields of a site.yaml filled in, for the tests of the published state (a test
fixture: the committed data leaves them empty until the publisher decides)."""


def published_site_yaml(**changes: str | dict[str, str] | None) -> str:
    """data/site.yaml with the publication fields filled (``changes`` overrides some; None
    leaves one empty)."""
    text = (ROOT / "data" / "site.yaml").read_text(encoding="utf-8")
    for key, value in {**PUBLISHED, **changes}.items():
        line = f"{key}: {json.dumps(value, ensure_ascii=False)}" if value else f"{key}:"
        text = re.sub(rf"^{key}:\s*$", line, text, count=1, flags=re.MULTILINE)
    return text


def copy_project(target: Path, files: dict[str, str | bytes | None] | None = None) -> Path:
    """Copy the project's inputs into ``target``; ``files`` replaces (or, with None,
    deletes) files by their path relative to the project."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy2(source, target / part)
    for rel, content in (files or {}).items():
        path = target / rel
        if content is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
    return target


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Project]:
    """``make_project(files={...})`` → a Project in a fresh folder."""
    counter = iter(range(100))

    def factory(files: dict[str, str | bytes | None] | None = None) -> Project:
        root = copy_project(tmp_path / f"project{next(counter)}", files)
        return Project.at(root)

    return factory


def run_folder(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The test run's own folder, the same for every pytest-xdist worker."""
    base = tmp_path_factory.getbasetemp()
    return base if worker_id == "master" else base.parent


def shared_once(tmp_path_factory: pytest.TempPathFactory, worker_id: str, name: str,
                make: Callable[[Path], None]) -> Path:
    """A folder made once per test run by ``make(folder)``, whichever worker asks first
    (under a file lock; the others wait, then read it). pytest-xdist's ``loadgroup`` does not
    keep a group on one worker with pytest 9 (it renames items through an attribute pytest no
    longer reads), so an expensive build is shared this way instead."""
    shared = run_folder(tmp_path_factory, worker_id)
    folder = shared / name
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / ".made").exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            make(folder)
            (folder / ".made").touch()
    return folder


@pytest.fixture(scope="session")
def built_project(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Project:
    """The committed project, built once into a temporary folder: a git repository holding
    the project's inputs and its .gitignore, so that a test can see what the build wrote.

    Under pytest-xdist the workers share it: the first one builds it, under a file lock,
    and the others read it. Tests only read it; a test that changes a project makes its own
    (``make_project``)."""
    shared = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        shared = shared.parent  # the run's folder, above each worker's own
    root = shared / "built" / "project"
    with open(shared / "built.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (root / "site" / "index.html").exists():
            shutil.rmtree(root, ignore_errors=True)
            copy_project(root)
            shutil.copy2(ROOT / ".gitignore", root / ".gitignore")
            for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "inputs"]):
                subprocess.run(["git", "-c", "user.name=tests", "-c", "user.email=tests@invalid",
                                *command], cwd=root, check=True, capture_output=True)
            built = pipeline.build_site(Project.at(root))
            described = [{**vars(doc), "path": str(doc.path)} for doc in built.downloads.documents]
            (shared / "built" / "documents.json").write_text(json.dumps(described),
                                                            encoding="utf-8")
    return Project.at(root)


@pytest.fixture(scope="session")
def built_documents(built_project: Project) -> list[PrintedDocument]:
    """The printed documents of the session's build, as its print step described them."""
    described = json.loads(read(built_project.root.parent / "documents.json"))
    return [PrintedDocument(**{**item, "path": Path(item["path"])}) for item in described]


@pytest.fixture(scope="session")
def site(built_project: Project) -> Path:
    return built_project.site_dir


def shown(value: m.Text | str, lang: str, narrow_space: str = NARROW_NBSP) -> str:
    """A data text as the reader sees it in ``lang``: in that language, spaces collapsed, with
    the language's typography (French: narrow no-break space before « : ; ! ? »)."""
    default = Project.at(ROOT).languages[0].code
    return Lang(lang, default, load_strings(), narrow_space).text(value)


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The built site, served on loopback."""
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium, headless, driven by Playwright (no browser download)."""
    if chromium_path() is None:
        pytest.skip("Debian's chromium is needed")
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as driver:
        instance = driver.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield instance
        instance.close()

