"""The live preview (`make serve`): a save rebuilds only what changed and gives the same pages
as a full build; a data error is shown in the terminal and on the page, over the last good
pages; the browser reloads once per save, under the pages' Content-Security-Policy.
(Its speed is measured by bench/bench_serve.py, never asserted here.)"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator.project import Project
from generator.site.engines.mkdocs.preview import PreviewBuilder
from tests.browser import chromium_path
from tests.conftest import ROOT, copy_project

EDITED = "Contactez tout de suite votre bailleur"
PAGE = "locataire/commandement-de-payer/index.html"


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> PreviewBuilder:
    root = copy_project(tmp_path_factory.mktemp("preview") / "project")
    project = Project.at(root)
    builder = PreviewBuilder(project, project.languages[0])
    builder.build()
    assert builder.errors == [] and builder.last["dirty"] == 0
    return builder


def edit(builder: PreviewBuilder, old: str, new: str, file: str = "data/steps.yaml") -> str:
    path = builder.project.root / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text


def test_a_data_edit_rebuilds_the_changed_pages_as_a_full_build_would(
        preview: PreviewBuilder, tmp_path: Path) -> None:
    original = edit(preview, EDITED, f"{EDITED} (modifié)")
    try:
        preview.build()
        assert preview.errors == []
        assert preview.last["dirty"] == 1  # MkDocs rebuilt the changed pages only
        page = (preview.site_dir / PAGE).read_text(encoding="utf-8")
        assert f"{EDITED} (modifié)" in page
        dirty = files_of(preview.site_dir)
        # The same inputs, built in full into another folder: the same bytes, search included.
        other = PreviewBuilder(preview.project, preview.language)
        other.site_dir = tmp_path / "full"
        other.build()
        assert other.last["dirty"] == 0
        full = files_of(other.site_dir)
        assert sorted(dirty) == sorted(full)
        assert [name for name in full if full[name] != dirty[name]] == []
    finally:
        (preview.project.root / "data/steps.yaml").write_text(original, encoding="utf-8")
        preview.build()


def test_a_new_title_or_a_theme_change_rebuilds_everything(preview: PreviewBuilder) -> None:
    """A stage's title is in every page's menu: no dirty build then."""
    original = edit(preview, "fr: Commandement de payer\n", "fr: Commandement de payer reçu\n")
    try:
        preview.build()
        assert preview.last["dirty"] == 0
        annuaire = (preview.site_dir / "annuaire/index.html").read_text(encoding="utf-8")
        assert "Commandement de payer reçu" in annuaire
    finally:
        (preview.project.root / "data/steps.yaml").write_text(original, encoding="utf-8")
        preview.build()
    css = preview.project.root / "overrides/assets/stylesheets/site.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* changed */\n", encoding="utf-8")
    preview.build()
    assert preview.last["dirty"] == 0
    assert "/* changed */" in (preview.site_dir / "assets/stylesheets/site.css").read_text(
        encoding="utf-8")


def test_a_data_error_keeps_the_last_good_pages_and_is_shown_on_them(
        preview: PreviewBuilder) -> None:
    before = (preview.site_dir / PAGE).read_bytes()
    original = edit(preview, "  - id: commandement-de-payer\n", "  - id: commandement de payer\n")
    try:
        preview.build()
        line = original.splitlines().index("  - id: commandement-de-payer") + 1
        assert len(preview.errors) == 1
        assert preview.errors[0].startswith(f"data/steps.yaml:{line}: steps[1].id: "
                                            "'commandement de payer' is not a valid id")
        assert (preview.site_dir / PAGE).read_bytes() == before
        banner = preview.banner("Aperçu <local>").decode()
        assert 'role="alert"' in banner and f"data/steps.yaml:{line}:" in banner
        assert "Aperçu &lt;local&gt;" in banner  # escaped
    finally:
        (preview.project.root / "data/steps.yaml").write_text(original, encoding="utf-8")
    preview.build()
    assert preview.errors == []
    assert 'role="alert"' not in preview.banner("Aperçu").decode()


# --------------------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    return urllib.request.urlopen(url, timeout=10).read().decode("utf-8")


def wait_for(condition: Callable[[], bool], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.05)
    raise AssertionError("timed out")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """`python -m generator serve` on a copy of the project; yields its URL and the copy."""
    root = copy_project(tmp_path_factory.mktemp("serve") / "project")
    port = free_port()
    with open(root / "serve.log", "w", encoding="utf-8") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "generator", "--root", str(root), "serve", "--port",
             str(port)], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}/"
        try:
            wait_for(lambda: bool(fetch(url)), 120)
            yield url, root
        finally:
            process.terminate()
            process.wait(timeout=10)


@pytest.mark.xdist_group("preview-server")
def test_served_pages_carry_the_notice_and_the_reload_script(server: tuple[str, Path]) -> None:
    url, _ = server
    page = fetch(url + "locataire/commandement-de-payer/")
    assert "Aperçu local, dans cette langue seulement et sans les PDF" in page
    assert "make site" in page
    assert '<script src="/__preview__/reload.js"' in page
    assert "<script>" not in page  # no inline script: the CSP would block it
    assert "location.reload" in fetch(url + "__preview__/reload.js")


@pytest.mark.xdist_group("preview-server")
def test_served_pages_show_a_data_error_then_its_fix(server: tuple[str, Path]) -> None:
    url, root = server
    steps = root / "data/steps.yaml"
    original = steps.read_text(encoding="utf-8")
    line = original.splitlines().index("  - id: commandement-de-payer") + 1
    steps.write_text(original.replace("  - id: commandement-de-payer\n",
                                      "  - id: commandement de payer\n", 1), encoding="utf-8")
    try:
        wait_for(lambda: f"data/steps.yaml:{line}:" in fetch(url))
        page = fetch(url + "locataire/commandement-de-payer/")
        assert f"data/steps.yaml:{line}: steps[1].id: " in page
        assert EDITED in page  # the last good page, under the problem
    finally:
        steps.write_text(original, encoding="utf-8")
    wait_for(lambda: "preview-errors" not in fetch(url))


@pytest.mark.xdist_group("preview-server")
@pytest.mark.skipif(chromium_path() is None, reason="Debian's chromium is needed")
def test_the_browser_reloads_once_per_save(server: tuple[str, Path], browser: object) -> None:
    url, root = server
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(url + "locataire/commandement-de-payer/", wait_until="load")
    loads: list[str] = []
    page.on("load", lambda: loads.append(page.url))
    steps = root / "data/steps.yaml"
    original = steps.read_text(encoding="utf-8")
    try:
        steps.write_text(original.replace(EDITED, f"{EDITED} (rechargé)", 1), encoding="utf-8")
        page.wait_for_selector("text=(rechargé)", timeout=30000)
        page.wait_for_timeout(1500)
        assert len(loads) == 1
    finally:
        steps.write_text(original, encoding="utf-8")
    assert errors == []
    page.close()
