"""What the hooks need of the core, handed over in-process: the glossary terms of each
language being built. MkDocs loads ``hooks.py`` by path, as a module of its own; both import
this module by its package name, so they share it."""

from __future__ import annotations

from ...glossary import GlossaryTerm
from ...pages import Site

_glossary: dict[str, list[GlossaryTerm]] = {}


def publish(site: Site) -> None:
    """Record what the hooks will need to build ``site``'s language."""
    _glossary[site.lang] = list(site.glossary)


def glossary(lang: str) -> list[GlossaryTerm]:
    """The glossary terms of ``lang``; the build publishes them before MkDocs runs."""
    if lang not in _glossary:
        raise LookupError(f"no glossary published for '{lang}': build through the generator "
                          "(python -m generator build), not mkdocs directly")
    return _glossary[lang]
