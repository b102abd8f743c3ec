"""The live preview of one language (``make serve``): quick, one reload per save, and honest
about errors.

- The generator's inputs are watched (data/, content/, overrides/, the templates, the
  strings), never the Markdown it writes: a save rebuilds once and reloads the browser once.
- One language, no PDFs (a notice at the top of each page says so, with the command that builds
  them).
- The generator rewrites only the Markdown files whose text changed; MkDocs then rebuilds only
  those pages (its ``dirty`` build) when nothing else can have changed: the same MkDocs
  configuration (navigation, titles, theme values), the same theme overrides, the same glossary
  and phone numbers. The search index is then patched with the rebuilt pages' entries (a
  dirty build writes only theirs). Anything else gets a full build.
- A data error is printed in the terminal and shown at the top of every previewed page, as
  ``file:line: message``; the pages stay as they were last built.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import json
import logging
import time
from pathlib import Path
from typing import Any

import yaml

from ....data.validate import load_project_data
from ....errors import DataError, GeneratorError
from ....project import Language, Project
from ...assemble import render_language
from ...pages import Page, Section, Site
from ...render import TEMPLATES
from . import page_url, state
from .config import write_config

log = logging.getLogger("generator.preview")
ASSET_PREFIX = "/__preview__/"


class PreviewBuilder:
    """Builds one language into ``build/preview/<lang>``, as little as each save needs."""

    def __init__(self, project: Project, language: Language) -> None:
        self.project = project
        self.language = language
        self.site_dir = project.build_dir / "preview" / language.code
        self.errors: list[str] = []
        self.last: dict[str, float] = {}
        """Seconds spent in each step of the last build, and whether it was dirty."""
        self._key: tuple[Any, ...] | None = None
        self._pages: set[str] = set()

    @property
    def watched(self) -> list[Path]:
        """What a save in rebuilds the preview: the generator's inputs."""
        project = self.project
        return [project.data_dir, project.content_dir, project.overrides_dir, TEMPLATES,
                TEMPLATES.parent.parent / "strings.yaml"]

    def build(self) -> None:
        """Render, then build (dirty when that is exact). Problems are kept in ``errors`` for
        the pages to show; the last good pages stay."""
        started = time.perf_counter()
        try:
            data = load_project_data(self.project)
            loaded = time.perf_counter()
            rendered_language = render_language(self.project, data, self.language, page_url)
            site = _titled(rendered_language.site)
            written = rendered_language.written
        except DataError as exc:
            self._failed([problem.format() for problem in exc.problems])
            return
        except GeneratorError as exc:
            self._failed([str(exc)])
            return
        rendered = time.perf_counter()
        state.publish(site)
        config_path = write_config(self.project, data, site, self.language, self.site_dir)
        pages = {page.path for page in site.pages()}
        key = (config_path.read_text(encoding="utf-8"), _tree_stamp(
               self.project.overrides_dir), tuple(site.glossary), site.phones)
        dirty = (key == self._key and pages == self._pages
                 and (self.site_dir / "index.html").exists())
        if dirty and not written:
            self._succeeded({"load": loaded - started, "render": rendered - loaded,
                             "engine": 0.0, "dirty": 1.0})
            return
        try:
            self._mkdocs(config_path, dirty, [path for path in written if path in pages])
        except Exception as exc:  # MkDocs' own errors, whatever their class
            self._failed([f"MkDocs: {exc}"])
            return
        self._key, self._pages = key, pages
        self._succeeded({"load": loaded - started, "render": rendered - loaded,
                         "engine": time.perf_counter() - rendered, "dirty": float(dirty)})

    def _mkdocs(self, config_path: Path, dirty: bool, changed: list[str]) -> None:
        from mkdocs.commands import build as mkdocs_build
        from mkdocs.config import load_config

        index = self.site_dir / "search" / "search_index.json"
        previous = json.loads(index.read_text(encoding="utf-8")) if dirty else None
        config = load_config(str(config_path), strict=False)
        mkdocs_build.build(config, dirty=dirty)
        if previous is not None:
            _merge_search_index(index, previous, {page_url(path) for path in changed})

    def _failed(self, errors: list[str]) -> None:
        self.errors = errors
        for error in errors:
            log.error(error)
        log.error("%d problem(s): the preview shows the last good build, with the problems "
                  "at the top of each page", len(errors))

    def _succeeded(self, timings: dict[str, float]) -> None:
        if self.errors:
            log.info("problems fixed")
        self.errors = []
        self.last = timings
        kind = "changed pages" if timings["dirty"] else "full build"
        log.info("preview rebuilt in %.2f s (%s: load %.2f, render %.2f, MkDocs %.2f)",
                 sum(v for k, v in timings.items() if k != "dirty"), kind, timings["load"],
                 timings["render"], timings["engine"])

    # ------------------------------------------------------------------ what pages carry

    def banner(self, notice: str) -> bytes:
        """What the server puts at the top of each previewed page: the preview notice, and
        the problems of the last save if any (escaped)."""
        parts = [f'<link rel="stylesheet" href="{ASSET_PREFIX}preview.css">',
                 f'<div class="preview-bar" role="note">{html.escape(notice)}</div>']
        if self.errors:
            items = "".join(f"<li>{html.escape(error)}</li>" for error in self.errors)
            parts.append(f'<div class="preview-errors" role="alert"><p>'
                         f'{len(self.errors)} problem(s) — the page below is the last good '
                         f"build:</p><ul>{items}</ul></div>")
        return "".join(parts).encode("utf-8")


def _titled(site: Site) -> Site:
    """Every page of the navigation with its title, as MkDocs would take it from the page's
    front matter: a dirty build does not read the pages it skips, and would title them
    « None » in the menu of the pages it rebuilds."""

    def entry(item: Page | Section) -> Page | Section:
        if isinstance(item, Section):
            return dataclasses.replace(item, entries=tuple(entry(child)
                                                           for child in item.entries))
        if item.title is not None:
            return item
        title = _front_matter_title(item.content)
        return item.titled(html.unescape(title)) if title else item

    return dataclasses.replace(site, navigation=tuple(entry(item) for item in site.navigation))


def _front_matter_title(content: str) -> str | None:
    if not content.startswith("---\n"):
        return None
    head = content[4:].split("\n---\n", 1)[0]
    meta = yaml.safe_load(head) or {}
    title = meta.get("title") if isinstance(meta, dict) else None
    return str(title) if title else None


def _merge_search_index(index: Path, previous: dict[str, Any], rebuilt: set[str]) -> None:
    """A dirty build writes the search entries of the pages it rebuilt only: keep the other
    pages' entries from the previous index, in the previous order."""
    fresh = json.loads(index.read_text(encoding="utf-8"))
    new_docs: dict[str, list[Any]] = {}
    for doc in fresh["docs"]:
        new_docs.setdefault(doc["location"].split("#")[0], []).append(doc)
    docs: list[Any] = []
    for doc in previous["docs"]:
        page = doc["location"].split("#")[0]
        if page in rebuilt:
            docs.extend(new_docs.pop(page, []))
        else:
            docs.append(doc)
    for remaining in new_docs.values():
        docs.extend(remaining)
    fresh["docs"] = docs
    index.write_text(json.dumps(fresh, separators=(",", ":"), default=str), encoding="utf-8")


def _tree_stamp(folder: Path) -> str:
    """A hash of the files under ``folder`` (names, sizes, times): the theme overrides."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path.relative_to(folder)}:{stat.st_size}:{stat.st_mtime_ns}"
                          .encode())
    return digest.hexdigest()
