"""Live preview of one language: render, then `mkdocs serve` with the re-rendering hook."""

from __future__ import annotations

import logging

from .... import build as pipeline
from ....project import Project
from . import page_url, state
from .config import write_config


def serve(project: Project, lang: str | None, port: str) -> int:
    from mkdocs.commands import serve as mkdocs_serve

    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    language = next(item for item in project.languages if item.code == (lang or item.code))
    data = pipeline.load(project)
    site = pipeline.render_language(project, data, language, page_url)
    state.publish(site)
    config = write_config(project, data, site, language,
                          project.build_dir / "preview" / language.code, live=True)
    # Not strict: a preview shows the page even while a link is being fixed.
    mkdocs_serve.serve(str(config), dev_addr=f"127.0.0.1:{port}", livereload=True,
                       strict=False)
    return 0
