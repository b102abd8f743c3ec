"""Live preview of one language: render, then `mkdocs serve` with the re-rendering hook."""

from __future__ import annotations

from . import build as pipeline
from . import engine
from .project import Project


def serve(project: Project, lang: str | None, port: str) -> int:
    from mkdocs.commands import serve as mkdocs_serve

    language = next(item for item in project.languages if item.code == (lang or item.code))
    data = pipeline.load(project)
    hand_written = pipeline.render_language(project, data, language)
    config = engine.write_config(project, data, language,
                                 project.build_dir / "preview" / language.code,
                                 hand_written, live=True)
    mkdocs_serve.serve(str(config), dev_addr=f"127.0.0.1:{port}", livereload=True)
    return 0
