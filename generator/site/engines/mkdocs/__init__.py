"""The MkDocs engine (MkDocs 1.6 + Material for MkDocs 9.8): everything in the generator that
knows MkDocs or Material is in this package.

- :mod:`.config`: one MkDocs config per language (navigation, theme values, hooks);
- :mod:`.hooks`: loaded by MkDocs; glossary marking, markup fixes, search patches;
- :mod:`.preview`, :mod:`.serve`: the live preview (one language, changed pages only);
- ``assets/javascripts/``: the scripts that patch Material (search, page helpers).

Material reaches its end of life in May 2027; its successor, Zensical, reads mkdocs.yml and
Material's overrides. A ``generator/site/engines/zensical/`` package whose ``ENGINE`` provides
the same three methods (:class:`generator.site.engines.Engine`) would replace it, chosen by
``SITE_ENGINE=zensical``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ....data.site_data import SiteData
from ....errors import BuildError
from ....project import Language, Project
from ...downloads import Download
from ...pages import Site
from . import state
from .urls import page_url

__all__ = ["ENGINE", "MkDocsEngine", "build", "page_url", "serve"]
from .config import write_config


def build(project: Project, data: SiteData, site: Site, language: Language, out_dir: Path,
          booklet: Download | None = None) -> None:
    """Build one language's pages (already written to its docs folder) into ``out_dir``,
    strictly: any MkDocs warning fails the build."""
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    config_path = write_config(project, data, site, language, out_dir, booklet)
    state.publish(site)
    handler = _CollectWarnings()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        config = load_config(str(config_path), strict=True)
        mkdocs_build.build(config)
    except MkDocsException as exc:
        raise BuildError(f"MkDocs failed for {config_path.name}: {exc}\n"
                         + "\n".join(handler.messages)) from exc
    finally:
        logger.removeHandler(handler)
    if handler.messages:
        raise BuildError(f"MkDocs warned for {config_path.name}:\n" + "\n".join(handler.messages))


def serve(project: Project, lang: str | None, port: str) -> int:
    from .serve import serve as run

    return run(project, lang, port)


class MkDocsEngine:
    """The :class:`~generator.site.engines.Engine` of MkDocs + Material."""

    def page_url(self, path: str) -> str:
        return page_url(path)

    def build(self, project: Project, data: SiteData, site: Site, language: Language,
              out_dir: Path, booklet: Download | None = None) -> None:
        build(project, data, site, language, out_dir, booklet)

    def serve(self, project: Project, lang: str | None, port: str) -> int:
        return serve(project, lang, port)


ENGINE = MkDocsEngine()


class _CollectWarnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())
