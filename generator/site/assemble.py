"""One language's pages, rendered and written: the render path the build and the live preview
share (engines build from what this writes; nothing here knows an engine)."""

from __future__ import annotations

from dataclasses import dataclass

from ..data.site_data import SiteData
from ..errors import Problem
from ..project import Language, Project
from .downloads import Downloads
from .pages import Site, site_of
from .render import PageUrl, Renderer, copy_hand_written, fill_publication, write_pages


@dataclass(frozen=True)
class Rendered:
    """A language's site, and the Markdown files this render changed (relative paths)."""

    site: Site
    written: list[str]


def missing_pages(project: Project) -> list[Problem]:
    """The hand-written pages (``content/<lang>/*.md``) the default language has and another
    language lacks: a language must not lose its legal notice or its privacy page."""
    default, *others = project.languages
    base = project.content_dir / default.code
    wanted = sorted(path.relative_to(base) for path in base.rglob("*.md")) if base.is_dir() else []
    problems = []
    for language in others:
        for rel in wanted:
            if not (project.content_dir / language.code / rel).is_file():
                display = (project.content_dir / language.code / rel).relative_to(project.root)
                problems.append(Problem(
                    str(display), 1, "", f"missing: the {language.name} version of "
                    f"content/{default.code}/{rel.as_posix()} — translate it into this file "
                    f"(every language of mkdocs.yml has the same pages)"))
    return problems


def render_language(project: Project, data: SiteData, language: Language, page_url: PageUrl,
                    downloads: Downloads | None = None) -> Rendered:
    """Render ``language`` and write its Markdown into its docs folder (only changed files);
    ``page_url`` is the engine's URL scheme."""
    renderer = Renderer(data, language.code, project.language_url(language), page_url,
                        downloads or Downloads())
    hand_written = copy_hand_written(project.content_dir, language.code)
    site = site_of(renderer, fill_publication(renderer, hand_written))
    written = write_pages([*site.pages(), *site.files], project.docs_dir(language))
    return Rendered(site, written)
