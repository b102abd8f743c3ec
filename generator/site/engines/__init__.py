"""Static-site engines: what turns the rendered Markdown of a :class:`~generator.site.pages.Site`
into HTML. The rest of the generator talks to an engine through :class:`Engine` only.

The engine is chosen by configuration (``SITE_ENGINE``, or ``extra.engine`` in mkdocs.yml);
``mkdocs`` (MkDocs + Material for MkDocs) is the only one today. Only the engine's own package
may import it (``tests/test_build.py`` checks). An engine package exposes ``ENGINE``, an object
that satisfies :class:`Engine` (checked when it is loaded).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from ...errors import BuildError

if TYPE_CHECKING:
    from ...data.site_data import SiteData
    from ...project import Language, Project
    from ..downloads import Download
    from ..pages import Site

ENGINES = {"mkdocs": "generator.site.engines.mkdocs"}
DEFAULT_ENGINE = "mkdocs"


@runtime_checkable
class Engine(Protocol):
    """What the build, the preview and the command line ask of an engine."""

    def page_url(self, path: str) -> str:
        """The engine's URL scheme: a page's source path ('a/b.md') → its URL ('a/b/')."""
        ...

    def build(self, project: Project, data: SiteData, site: Site, language: Language,
              out_dir: Path, booklet: Download | None = None) -> None:
        """Build one language's pages (written by :mod:`generator.site.assemble`) into
        ``out_dir``, strictly: raise :class:`~generator.errors.BuildError` on any warning."""
        ...

    def serve(self, project: Project, lang: str | None, port: str) -> int:
        """A live preview of one language; returns the exit code."""
        ...


def load_engine(name: str) -> Engine:
    """The engine called ``name``."""
    if name not in ENGINES:
        raise BuildError(f"unknown site engine '{name}' (SITE_ENGINE or extra.engine in "
                         f"mkdocs.yml) — known engines: {', '.join(ENGINES)}")
    engine = getattr(importlib.import_module(ENGINES[name]), "ENGINE", None)
    if not isinstance(engine, Engine):
        raise BuildError(f"the site engine '{name}' ({ENGINES[name]}) has no ENGINE "
                         "providing page_url, build and serve")
    return engine
