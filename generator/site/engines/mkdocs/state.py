"""What the hooks need of the core, handed over in-process: the glossary terms and the phone
numbers of each language being built. MkDocs loads ``hooks.py`` by path, as a module of its
own; both import this module by its package name, so they share it."""

from __future__ import annotations

from ...glossary import GlossaryTerm
from ...pages import Site
from .urls import page_url

_glossary: dict[str, list[GlossaryTerm]] = {}
_phones: dict[str, tuple[str, ...]] = {}
_search_titles: dict[str, dict[str, str]] = {}


def publish(site: Site) -> None:
    """Record what the hooks will need to build ``site``'s language."""
    _glossary[site.lang] = list(site.glossary)
    _phones[site.lang] = site.phones
    _search_titles[site.lang] = {page_url(page.path): page.search_title
                                 for page in site.pages() if page.search_title}


def glossary(lang: str) -> list[GlossaryTerm]:
    """The glossary terms of ``lang``; the build publishes them before MkDocs runs."""
    if lang not in _glossary:
        raise LookupError(f"no glossary published for '{lang}': build through the generator "
                          "(python -m generator build), not mkdocs directly")
    return _glossary[lang]


def phones(lang: str) -> tuple[str, ...]:
    """The data's phone numbers, for the pages of ``lang``."""
    glossary(lang)  # the same check: published by the build
    return _phones[lang]


def search_titles(lang: str) -> dict[str, str]:
    """Search-result titles by page URL, for the pages whose heading does not say whose page
    it is."""
    glossary(lang)
    return _search_titles[lang]
