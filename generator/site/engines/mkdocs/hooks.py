"""MkDocs hooks applied to every built page (MkDocs loads this file by path).

- Phone numbers in each page's content become ``tel:`` links (:mod:`generator.site.phones`),
  and glossary terms are marked up (:mod:`generator.site.glossary`), with what the build
  published for the language (:mod:`.state`).
- Markup fixes that Material's templates do not allow through blocks (the elements are
  outside any block of base.html), each found by the Nu HTML checker on a default Material
  site: ``autocomplete="off"`` is not allowed on checkboxes (Material puts it on its two
  toggles); on section index pages the table of contents' ``<label for="__toc">`` points at
  nothing, and is then rendered without ``for``. The search dialog is given a name, and its
  reset button no title (Material's tooltip covered the results on a phone).
- After the build, stage pages get their search-result title (whose page it is), the scripts
  that patch Material (``assets/javascripts/``) are copied into
  the site, and lunr's French file gets ``fold-accents.js`` appended, so that French search
  ignores accents ("echeance" finds "échéance").
"""

from __future__ import annotations

import html as html_module
import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[4]
if str(ROOT) not in sys.path:  # MkDocs loads this file by path, not as part of the package
    sys.path.insert(0, str(ROOT))

from generator.site.addresses import page_path  # noqa: E402
from generator.site.engines.mkdocs import state  # noqa: E402
from generator.site.engines.mkdocs.config import ASSETS  # noqa: E402
from generator.site.engines.mkdocs.urls import page_url  # noqa: E402
from generator.site.glossary import mark_terms  # noqa: E402
from generator.site.phones import link_phones  # noqa: E402
from generator.site.tables import scrollable_tables  # noqa: E402

_TOGGLE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')
_TOC_LABEL = re.compile(r'(<label class="md-nav__title") for="__toc"')
_SEARCH_DIALOG = re.compile(r'(<div class="md-search" data-md-component="search" role="dialog")')
_RESET_TITLE = re.compile(r'(<button type="reset" class="md-search__icon md-icon") title="[^"]*"')
_SCRIPTS = ("requests.js", "md-scope.js")
"""Copied as they are; fold-accents.js is appended to lunr's French file instead."""


def fix_markup(html: str, config: Any) -> str:
    html = _TOGGLE.sub(r"\1", html)
    if 'id="__toc"' not in html:
        html = _TOC_LABEL.sub(r"\1", html)
    # The search dialog gets a name (axe: aria-dialog-name); its reset button loses the title
    # that Material's tooltips float over the results on a phone (aria-label stays).
    name = config["extra"]["ui"]["ui_search_dialog"]
    html = _SEARCH_DIALOG.sub(rf'\1 aria-label="{name}"', html)
    return _RESET_TITLE.sub(r"\1", html)


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    lang = config["theme"]["language"]
    html = link_phones(html, state.phones(lang))
    html = scrollable_tables(html, _unescaped(config["extra"]["ui"]["ui_table_region"]))
    glossary = page_url(page_path("glossary"))
    if page.url.startswith(glossary):
        return html
    up = "../" * page.url.count("/")
    return mark_terms(html, state.glossary(lang), f"{up}{glossary}")


def _unescaped(text: str) -> str:
    """A ``config.extra.ui`` string (escaped there for the theme's templates) as plain text."""
    return html_module.unescape(text)


def on_post_page(output: str, page: Any, config: Any) -> str:
    return fix_markup(output, config)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    return fix_markup(output_content, config)


def on_post_build(config: Any) -> None:
    _search_result_titles(Path(config["site_dir"]), config["theme"]["language"])
    scripts = Path(config["site_dir"]) / "assets" / "javascripts"
    scripts.mkdir(parents=True, exist_ok=True)
    for name in _SCRIPTS:
        shutil.copyfile(ASSETS / "javascripts" / name, scripts / name)
    french = scripts / "lunr" / "min" / "lunr.fr.min.js"
    if french.exists():
        text = french.read_text(encoding="utf-8")
        if "__foldsAccents" not in text:
            patch = (ASSETS / "javascripts" / "fold-accents.js").read_text(encoding="utf-8")
            french.write_text(text + "\n" + patch, encoding="utf-8")


def _search_result_titles(site_dir: Path, lang: str) -> None:
    """Give each stage page its search-result title ('Locataire · Étape 2 — Commandement de
    payer'): Material titles a page's entry with its first heading, the same on the tenant's,
    the landlord's and the partners' page. Runs after Material's search plugin wrote the
    index (hooks come after plugins); written back as that plugin writes it."""
    path = site_dir / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    titles = state.search_titles(lang)
    for doc in index["docs"]:
        if doc["location"] in titles:
            doc["title"] = titles[doc["location"]]
    path.write_text(json.dumps(index, separators=(",", ":"), default=str), encoding="utf-8")
