"""Static-site engines: what turns the rendered Markdown of a :class:`~generator.site.pages.Site`
into HTML. The rest of the generator talks to an engine through these few functions only:

- ``page_url(path)``: the engine's URL scheme, a page's source path → its URL;
- ``build(project, data, site, language, out_dir, booklet)``: one language, strictly;
- ``serve(project, lang, port)``: a live preview.

The engine is chosen by configuration (``SITE_ENGINE``, or ``extra.engine`` in mkdocs.yml);
``mkdocs`` (MkDocs + Material for MkDocs) is the only one today. Only the engine's own package
may import it (``tests/test_build.py`` checks).
"""

from __future__ import annotations

import importlib
from types import ModuleType

from ...errors import BuildError

ENGINES = {"mkdocs": "generator.site.engines.mkdocs"}


def load_engine(name: str) -> ModuleType:
    """The engine package called ``name``."""
    if name not in ENGINES:
        raise BuildError(f"unknown site engine '{name}' (SITE_ENGINE or extra.engine in "
                         f"mkdocs.yml) — known engines: {', '.join(ENGINES)}")
    return importlib.import_module(ENGINES[name])
