"""MkDocs hook applied to every built page: markup fixes that Material's templates do not allow
through blocks (the elements are outside any block of base.html). Each is found by the Nu HTML
checker on a default Material site.

- ``autocomplete="off"`` is not allowed on checkboxes; Material puts it on its two toggles to
  stop Firefox restoring their state, which no reader needs here.
- The table of contents' title is a ``<label for="__toc">``; on section index pages
  (navigation.indexes) Material does not render the ``__toc`` checkbox, so the label points at
  nothing: it is then rendered without ``for``.
"""

from __future__ import annotations

import re
from typing import Any

_TOGGLE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')
_TOC_LABEL = re.compile(r'(<label class="md-nav__title") for="__toc"')


def fix_markup(html: str) -> str:
    html = _TOGGLE.sub(r"\1", html)
    if 'id="__toc"' not in html:
        html = _TOC_LABEL.sub(r"\1", html)
    return html


def on_post_page(output: str, page: Any, config: Any) -> str:
    return fix_markup(output)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    return fix_markup(output_content)
