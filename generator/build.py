"""The whole build: validate, render every language, run the engine, then swap the result
into ``site/`` so that a failed build leaves the previous site exactly as it was."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .data.publication import publication_problems
from .data.site_data import SiteData, set_reproducible_dates
from .data.validate import load_project_data
from .errors import DataError
from .project import Project
from .site.assemble import missing_pages, render_language
from .site.downloads import DOWNLOADS_DIR, Downloads
from .site.engines import load_engine


@dataclass
class Timings:
    """Seconds spent in each step of a build, for the benchmark."""

    steps: dict[str, float] = field(default_factory=dict)

    def measure(self, name: str) -> Callable[[], None]:
        start = time.perf_counter()

        def stop() -> None:
            self.steps[name] = self.steps.get(name, 0.0) + time.perf_counter() - start

        return stop


load = load_project_data
"""The project's data, validated (raises :class:`DataError` listing every problem)."""


@dataclass(frozen=True)
class Built:
    """What a build made: the site folder, and the printed documents it holds."""

    site_dir: Path
    downloads: Downloads


def build_site(project: Project, timings: Timings | None = None, *,
               with_print: bool = True, publish: bool = False) -> Built:
    """Build every language and the printed documents into a new folder, then swap it
    into ``site/``. Raises on any problem before the swap. ``with_print=False`` leaves the
    PDFs out (and the pages do not offer them): a quicker build, for previews and tests.
    ``publish=True`` refuses a draft (:mod:`generator.data.publication`) before building."""
    timings = timings or Timings()
    engine = load_engine(project.engine)
    stop = timings.measure("load+validate")
    data = load(project)
    missing = missing_pages(project)
    if missing:
        raise DataError(missing)
    if publish:
        problems = publication_problems(data, project.content_dir, project.root)
        if problems:
            raise DataError(problems, "the edition is still a draft; nothing was built")
    stop()
    set_reproducible_dates(data)
    staging = project.build_dir / "site.new"
    if staging.exists():
        shutil.rmtree(staging)
    printed = project.build_dir / "print"
    downloads = Downloads()
    if with_print:
        stop = timings.measure("booklets")
        downloads = build_print(project, data, printed)
        stop()
    for language in project.languages:
        stop = timings.measure("render")
        site = render_language(project, data, language, engine.page_url, downloads).site
        stop()
        stop = timings.measure("engine")
        engine.build(project, data, site, language, staging / language.prefix,
                     downloads.booklets.get(language.code))
        stop()
    if with_print:
        shutil.copytree(printed, staging / DOWNLOADS_DIR)
    swap_into_place(staging, project.site_dir)
    return Built(project.site_dir, downloads)


REUSED_PDFS = "print-reused"
"""Under build/: the last build's PDFs, reused when their inputs are unchanged (one folder
per edition)."""


def build_print(project: Project, data: SiteData, out_dir: Path) -> Downloads:
    """The booklets and handouts as PDFs in ``out_dir`` (emptied first); what the pages
    need to link them. A PDF whose inputs have not changed since the last build is reused."""
    from .print.booklet import build_print_documents

    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    documents = build_print_documents(data, project, out_dir,
                                      reuse=project.build_dir / REUSED_PDFS / "common")
    return Downloads.of(documents, out_dir)


def swap_into_place(staging: Path, target: Path) -> None:
    """Replace ``target`` by ``staging`` with two renames (no half-written site)."""
    old = target.with_name(target.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    if old.exists():
        shutil.rmtree(old)
