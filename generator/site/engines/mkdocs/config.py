"""One MkDocs config per language, ``build/mkdocs.<lang>.yml``, inheriting ``mkdocs.yml``:
the navigation of the :class:`~generator.site.pages.Site`, the values the theme overrides read
(``extra``, from :mod:`generator.site.interface`), the hooks."""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Any

import yaml

from ....data.site_data import SiteData
from ....project import Language, Project
from ...downloads import Download
from ...interface import interface_values
from ...pages import Page, Section, Site
from .urls import page_url

NavItem = dict[str, Any] | str
SEARCH_SEPARATOR = r"""[\s\-,:;!?=\[\]()"'’«»/]+|\.(?!\d)|&[lg]t;"""
"""Where the search splits words (pages and queries alike): white space and hyphens, and the
punctuation glued to words — apostrophes (« d'apurement » → « d », « apurement »), brackets,
quotes, « », , ; : ! ? / — and a full stop not followed by a digit (« art. 24 » splits,
« 0.5 » does not)."""
ASSETS = Path(__file__).with_name("assets")
"""The scripts that patch Material, copied into the built site by :mod:`.hooks`."""


def navigation(site: Site) -> list[NavItem]:
    """The site's navigation as MkDocs' ``nav``. Titles are HTML-escaped: Material prints
    them raw."""

    def entry(item: Page | Section) -> NavItem:
        if isinstance(item, Section):
            return {html.escape(item.title): [entry(child) for child in item.entries]}
        return {html.escape(item.title): item.path} if item.title else item.path

    return [entry(item) for item in site.navigation]


def write_config(project: Project, data: SiteData, site: Site, language: Language,
                 site_dir: Path, booklet: Download | None = None) -> Path:
    """Write ``build/mkdocs.<lang>.yml`` for ``language``; return its path."""
    build = project.build_dir
    build.mkdir(parents=True, exist_ok=True)
    config_path = build / f"mkdocs.{language.code}.yml"
    base_extra = dict(project.base_config.get("extra", {}))
    base_extra.update(interface_values(data, project, language, page_url))
    if booklet is not None:
        base_extra["booklet"] = {"path": booklet.path, "pages": booklet.pages,
                                 "kilobytes": booklet.kilobytes}
    config: dict[str, Any] = {
        "INHERIT": "../mkdocs.yml",
        "site_name": html.escape(data.site.name.get(language.code, data.default_language)),
        "site_url": project.language_url(language),
        "docs_dir": _relative(project.docs_dir(language), build),
        "site_dir": _relative(site_dir, build),
        "theme": {"name": "material", "custom_dir": _relative(project.overrides_dir, build),
                  "language": language.code},
        # Each language's own index, stop words and lunr language support. No stemmer: Material
        # searches by prefix ("expuls" finds "expulsions"), which a stemmed index would break.
        "plugins": [{"search": {"lang": language.code, "separator": SEARCH_SEPARATOR}}],
        "nav": navigation(site),
        "extra": base_extra,
        "watch": [],
        "hooks": [_relative(Path(__file__).with_name("hooks.py"), build)],
    }
    text = "# Written by the generator (python -m generator); edit mkdocs.yml instead.\n"
    text += yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
    if not config_path.exists() or config_path.read_text(encoding="utf-8") != text:
        config_path.write_text(text, encoding="utf-8")
    return config_path


def _relative(path: Path, start: Path) -> str:
    return os.path.relpath(path, start)
