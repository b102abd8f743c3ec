"""The only module that knows MkDocs: it writes one MkDocs config per language and builds it.

Everything before this step (load, validate, render) produces plain Markdown files and a
navigation; another engine (Zensical reads the same mkdocs.yml) can replace this module.
"""

from __future__ import annotations

import html
import logging
import os
from pathlib import Path
from typing import Any

import yaml

from . import model as m
from .downloads import Download
from .errors import BuildError
from .glossary import glossary_terms
from .lang import first_day_word, month_names
from .model import SiteData
from .project import Language, Project
from .render import TEMPLATES, load_strings

NavItem = dict[str, Any] | str


def navigation(data: SiteData, lang: str, hand_written: list[str]) -> list[NavItem]:
    """The site's navigation for ``lang``. Titles are HTML-escaped: themes print them raw."""
    strings = load_strings()

    def s(key: str) -> str:
        return html.escape(strings[key].get(lang) or strings[key][data.default_language])

    def t(text: m.Text) -> str:
        return html.escape(text.get(lang, data.default_language))

    def steps_of(audience: str) -> list[NavItem]:
        return [f"{audience}/index.md"] + [
            {f"{step.number}. {t(step.title)}": f"{audience}/{step.id}.md"}
            for step in data.steps.steps]

    about = [page for page in ("a-propos.md", "accessibilite.md", "confidentialite.md",
                               "mentions-legales.md") if page in hand_written]
    nav: list[NavItem] = [
        {s("tenant_section"): [*steps_of("locataire"), "outils/courrier.md",
                               "outils/calculateur.md"]},
        {s("landlord_section"): steps_of("proprietaire")},
        {s("partner_section"): [*steps_of("partenaires"), "instances/index.md",
                                "charte/index.md"]},
        "annuaire/index.md",
        "permanences/index.md",
        {s("dispositifs_title"): ["dispositifs/index.md"] + [
            {t(item.name): f"dispositifs/{item.id}.md"}
            for item in data.dispositifs.dispositifs]},
        "glossaire/index.md",
        {_about_title(lang): [*about[:1], "sources/index.md", *about[1:]]},
    ]
    return [{s("home_title"): "index.md"}, *nav]


def _about_title(lang: str) -> str:
    return {"fr": "À propos", "en": "About"}.get(lang, "À propos")


def theme_extra(data: SiteData, project: Project, language: Language) -> dict[str, Any]:
    """Values the theme overrides read from ``config.extra``: emergency numbers, edition."""
    lang = language.code
    default = data.default_language
    emergency = [{"name": html.escape(item.name.get(lang, default)),
                  "number": item.number,
                  "tel": item.number.replace(" ", ""),
                  "when": html.escape(item.when.get(lang, default)),
                  "cost": html.escape(item.cost.get(lang, default)),
                  "what": html.escape(item.what.get(lang, default))}
                 for item in data.site.emergency]
    strings = load_strings()
    ui = {key: html.escape(value.get(lang) or value[default])
          for key, value in strings.items() if key.startswith("ui_")}
    return {
        "emergency": emergency,
        "edition": data.site.edition.isoformat(),
        "months": month_names(lang),
        "first_day": first_day_word(lang),
        "ui": ui,
        "language_prefix": language.prefix,
        "glossary": [{"id": term.id, "pattern": term.pattern, "title": term.title}
                     for term in glossary_terms(data, lang)],
        "unreviewed_translation": (lang != default
                                   and lang not in data.site.reviewed_translations),
        "site_root_url": project.site_url,
        "languages": [{"code": other.code, "name": other.name, "prefix": other.prefix,
                       "url": project.language_url(other)} for other in project.languages],
    }


def write_config(project: Project, data: SiteData, language: Language, site_dir: Path,
                 hand_written: list[str], booklet: Download | None = None,
                 live: bool = False) -> Path:
    """Write ``build/mkdocs.<lang>.yml`` for ``language``; return its path."""
    build = project.build_dir
    build.mkdir(parents=True, exist_ok=True)
    config_path = build / f"mkdocs.{language.code}.yml"
    base_extra = dict(project.base_config.get("extra", {}))
    base_extra.update(theme_extra(data, project, language))
    if booklet is not None:
        base_extra["booklet"] = {"path": booklet.path, "pages": booklet.pages,
                                 "kilobytes": booklet.kilobytes}
    config: dict[str, Any] = {
        "INHERIT": "../mkdocs.yml",
        "site_name": html.escape(data.site.name.get(language.code, data.default_language)),
        "site_url": project.language_url(language),
        "docs_dir": _relative(project.docs_dir(language), build),
        "site_dir": _relative(site_dir, build),
        "theme": {"name": "material", "custom_dir": _relative(project.root / "overrides", build),
                  "language": language.code},
        # Each language's own index, stop words and lunr language support. No stemmer: Material
        # searches by prefix ("expuls" finds "expulsions"), which a stemmed index would break.
        "plugins": [{"search": {"lang": language.code}}],
        "nav": navigation(data, language.code, hand_written),
        "extra": base_extra,
        "watch": [],
        "hooks": [_relative(Path(__file__).with_name("mkdocs_fixes.py"), build)],
    }
    if live:
        config["hooks"].append(_relative(Path(__file__).with_name("mkdocs_hook.py"), build))
        config["watch"] = [_relative(path, build) for path in (
            project.data_dir, project.content_dir, project.root / "overrides", TEMPLATES)]
    text = "# Written by the generator (python -m generator); edit mkdocs.yml instead.\n"
    text += yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
    if not config_path.exists() or config_path.read_text(encoding="utf-8") != text:
        config_path.write_text(text, encoding="utf-8")
    return config_path


def _relative(path: Path, start: Path) -> str:
    return os.path.relpath(path, start)


class _CollectWarnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build(config_path: Path) -> None:
    """Build one language with MkDocs, strictly: any warning fails the build."""
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

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
