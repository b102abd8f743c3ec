"""Live preview of one language: render, then `mkdocs serve` with the re-rendering hook."""

from __future__ import annotations

import logging

from . import build as pipeline
from . import engine
from .project import Project


def serve(project: Project, lang: str | None, port: str) -> int:
    from mkdocs.commands import serve as mkdocs_serve

    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    language = next(item for item in project.languages if item.code == (lang or item.code))
    data = pipeline.load(project)
    hand_written = pipeline.render_language(project, data, language)
    config = engine.write_config(project, data, language,
                                 project.build_dir / "preview" / language.code,
                                 hand_written, live=True)
    # Not strict: a preview shows the page even while a link is being fixed.
    mkdocs_serve.serve(str(config), dev_addr=f"127.0.0.1:{port}", livereload=True,
                       strict=False)
    return 0
