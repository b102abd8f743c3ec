"""Golden files for generated Markdown: a change to the output shows as a reviewable diff.
Refresh with `pytest tests/test_golden.py --update-golden` and review `git diff tests/golden`."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.data.validate import load_site_data
from generator.site.engines import load_engine
from generator.site.pages import site_of
from generator.site.render import Renderer
from tests.conftest import ROOT

GOLDEN = Path(__file__).parent / "golden"
PAGES = ["locataire/commandement-de-payer.md", "proprietaire/assignation-et-jugement.md",
         "partenaires/commandement-de-quitter-les-lieux.md", "dispositifs/fsl.md", "index.md"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_generated_markdown_matches_golden(lang: str, request: pytest.FixtureRequest) -> None:
    data = load_site_data(ROOT / "data", ("fr", "en"), display_root=ROOT)
    renderer = Renderer(data, lang, "https://example.invalid/", load_engine("mkdocs").page_url)
    pages = {page.path: page.content for page in site_of(renderer, []).pages()}
    update = request.config.getoption("--update-golden")
    for path in PAGES:
        golden = GOLDEN / lang / path
        if update:
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_text(pages[path], encoding="utf-8")
        assert golden.exists(), f"{golden} missing: run pytest --update-golden"
        assert pages[path] == golden.read_text(encoding="utf-8"), \
            f"{lang}/{path} differs from its golden file (pytest --update-golden to accept)"
