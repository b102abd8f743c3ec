"""MkDocs hook applied to every built page: markup fixes that Material's templates do not allow
through blocks (the elements are outside any block of base.html). Each is found by the Nu HTML
checker on a default Material site.

- ``autocomplete="off"`` is not allowed on checkboxes; Material puts it on its two toggles to
  stop Firefox restoring their state, which no reader needs here.
- The table of contents' title is a ``<label for="__toc">``; on section index pages
  (navigation.indexes) Material does not render the ``__toc`` checkbox, so the label points at
  nothing: it is then rendered without ``for``.

Glossary terms in each page's content are marked up (``generator/glossary.py``) from the list the
generator puts in ``extra.glossary``.

After the build, lunr's French file gets ``fold-accents.js`` appended (from overrides/), so that
French search ignores accents ("echeance" finds "échéance").
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # MkDocs loads this file by path, not as part of the package
    sys.path.insert(0, str(ROOT))

from generator.glossary import GlossaryTerm, mark_terms  # noqa: E402

_TOGGLE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')
_TOC_LABEL = re.compile(r'(<label class="md-nav__title") for="__toc"')


def fix_markup(html: str) -> str:
    html = _TOGGLE.sub(r"\1", html)
    if 'id="__toc"' not in html:
        html = _TOC_LABEL.sub(r"\1", html)
    return html


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    entries = config["extra"].get("glossary") or []
    if page.url.startswith("glossaire/"):
        return html
    terms = [GlossaryTerm(entry["id"], entry["pattern"], entry["title"]) for entry in entries]
    up = "../" * page.url.count("/")
    return mark_terms(html, terms, f"{up}glossaire/")


def on_post_page(output: str, page: Any, config: Any) -> str:
    return fix_markup(output)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    return fix_markup(output_content)


def on_post_build(config: Any) -> None:
    site = Path(config["site_dir"])
    french = site / "assets/javascripts/lunr/min/lunr.fr.min.js"
    patch = Path(config["theme"].custom_dir) / "assets/javascripts/fold-accents.js"
    if french.exists() and patch.exists():
        text = french.read_text(encoding="utf-8")
        if "__foldsAccents" not in text:
            french.write_text(text + "\n" + patch.read_text(encoding="utf-8"), encoding="utf-8")
    # The patch is appended where it is needed; the standalone copy is not served.
    standalone = site / "assets/javascripts/fold-accents.js"
    if standalone.exists():
        standalone.unlink()
