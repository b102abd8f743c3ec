"""The values of the page frame (header, footer, emergency box, language switch), computed
from the data for one language: engine-neutral, so that any engine's theme reads the same."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from ..data.publication import is_draft
from ..data.site_data import SiteData
from ..lang import Lang, load_strings
from ..project import Language, Project
from .addresses import FRAME_LINKS, page_path


def interface_values(data: SiteData, project: Project, language: Language,
                     page_url: Callable[[str], str]) -> dict[str, Any]:
    """What every page's frame shows, whatever the engine: the emergency numbers, the
    edition, the interface strings (``ui_*``), month names, the languages. HTML-escaped: the
    theme's templates print them as they are (an engine puts them where its theme reads them:
    MkDocs' ``config.extra``)."""
    lang = language.code
    words = Lang(lang, data.default_language, load_strings(),
                 slots=data.slots(lang))
    emergency = [{"name": html.escape(words.text(item.name)),
                  "number": item.number,
                  "tel": item.number.replace(" ", ""),
                  "when": html.escape(words.text(item.when)),
                  "cost": html.escape(words.text(item.cost)),
                  "what": html.escape(words.text(item.what))}
                 for item in data.site.emergency]
    ui = {key: html.escape(words.template(key)) for key in words.strings if key.startswith("ui_")}
    return {
        "emergency": emergency,
        "edition": data.site.edition.isoformat(),
        "edition_text": html.escape(words.date(data.site.edition)),
        "pages": {key: page_url(page_path(key)) for key in FRAME_LINKS},
        "ui": ui,
        "language_prefix": language.prefix,
        "unreviewed_translation": (lang != data.default_language
                                   and lang not in data.site.reviewed_translations),
        "site_root_url": project.site_url,
        "draft": is_draft(data),
        "languages": [{"code": other.code, "name": other.name, "prefix": other.prefix,
                       "url": project.language_url(other)} for other in project.languages],
    }
