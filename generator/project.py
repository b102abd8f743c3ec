"""Where things are: the project's folders, its languages and its public address."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, resolving ``!ENV [NAME, default]`` like MkDocs does."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(loader.construct_scalar(node))
    names = loader.construct_sequence(node)
    *variables, default = names
    for name in variables:
        if os.environ.get(name):
            return os.environ[name]
    return default


_ConfigLoader.add_constructor("!ENV", _env_tag)

GENERATOR_HOME = Path(__file__).resolve().parents[1]
"""The repository the generator comes with: its theme overrides serve every project that
brings none of its own (a département's data and content, built with this generator)."""


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    prefix: str
    """'' for the default language, 'en/' for English: where its pages live in site/."""


@dataclass(frozen=True)
class Project:
    """A site project: mkdocs.yml, data/, content/, overrides/ under ``root``."""

    root: Path
    data_dir: Path
    base_config: dict[str, Any]

    @classmethod
    def at(cls, root: Path, data_dir: Path | None = None) -> Project:
        root = root.resolve()
        config_path = root / "mkdocs.yml"
        config = yaml.load(config_path.read_text(encoding="utf-8"), Loader=_ConfigLoader)
        data = (data_dir or root / "data").resolve()
        return cls(root, data, config)

    @property
    def languages(self) -> tuple[Language, ...]:
        """From ``extra.alternate`` of mkdocs.yml; the first is the default language."""
        alternates = self.base_config.get("extra", {}).get("alternate") or [
            {"lang": self.base_config.get("theme", {}).get("language", "fr"),
             "name": "Français", "link": "/"}]
        out = []
        for index, item in enumerate(alternates):
            prefix = "" if index == 0 else f"{item['lang']}/"
            out.append(Language(item["lang"], item["name"], prefix))
        return tuple(out)

    @property
    def engine(self) -> str:
        """The static-site engine that builds the pages (see generator.site.engines)."""
        return (os.environ.get("SITE_ENGINE")
                or self.base_config.get("extra", {}).get("engine") or "mkdocs")  # DEFAULT_ENGINE

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(language.code for language in self.languages)

    @property
    def site_url(self) -> str:
        """The public address, always ending with '/': ``url`` of data/site.yaml once the
        publisher gives it; before that, the placeholder ``site_url`` of mkdocs.yml, which
        only the draft's links use (no QR code or printed address shows it). SITE_URL
        overrides both (a preview served elsewhere)."""
        url = (os.environ.get("SITE_URL") or self._published_url()
               or self.base_config.get("site_url") or "")
        return url if url.endswith("/") else url + "/"

    def _published_url(self) -> str | None:
        """``url`` of site.yaml, read on its own (validation comes later, with the rest)."""
        try:
            site = yaml.safe_load((self.data_dir / "site.yaml").read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            return None
        url = site.get("url") if isinstance(site, dict) else None
        return url if isinstance(url, str) and url.startswith("https://") else None

    def language_url(self, language: Language) -> str:
        return self.site_url + language.prefix

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def overrides_dir(self) -> Path:
        """The theme's overrides (templates, styles, scripts, fonts): the project's own
        ``overrides/``, else the generator's."""
        own = self.root / "overrides"
        return own if own.is_dir() else GENERATOR_HOME / "overrides"

    @property
    def build_dir(self) -> Path:
        return self.root / "build"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    def docs_dir(self, language: Language) -> Path:
        return self.build_dir / "docs" / language.code
