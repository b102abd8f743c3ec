"""Build benchmark: time of each step over several runs, and the generator's overhead over a
plain MkDocs build of the same pages. (How fast `make serve` shows an edit: bench_serve.py.)

    .venv/bin/python bench/bench_build.py [--runs 5]

Timings are measured here, never asserted by tests (they depend on the machine).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator import build as pipeline  # noqa: E402
from generator.project import Project  # noqa: E402
from generator.site.downloads import DOWNLOADS_DIR  # noqa: E402
from generator.site.engines import load_engine  # noqa: E402
from generator.site.pages import site_of  # noqa: E402
from generator.site.render import Renderer  # noqa: E402
from tests.conftest import copy_project as copy_inputs  # noqa: E402


def copy_project(target: Path) -> Project:
    return Project.at(copy_inputs(target))


def one_run(project: Project) -> dict[str, float]:
    """One full build, as `generator build` does it, with the time of each step."""
    timings = pipeline.Timings()
    pipeline.build_site(project, timings)
    times = dict(timings.steps)
    printed = project.site_dir / DOWNLOADS_DIR
    times["pdf pages"] = float(sum(_pages(path) for path in printed.rglob("*.pdf")))
    return times


def _pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def render_only(project: Project) -> float:
    """Rendering the Markdown in memory (no disk), both languages."""
    data = pipeline.load(project)
    engine = load_engine(project.engine)
    start = time.perf_counter()
    for language in project.languages:
        renderer = Renderer(data, language.code, project.language_url(language),
                            engine.page_url)
        site_of(renderer, [])
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        project = copy_project(Path(folder))
        runs = [one_run(project) for _ in range(args.runs)]
        memory_render = [render_only(project) for _ in range(args.runs)]
        print(f"Build benchmark, {args.runs} runs (median, min–max), on {project.root}")
        for key in runs[0]:
            values = [run[key] for run in runs]
            if key == "pdf pages":
                print(f"  {key:<16} {int(values[0])}")
                continue
            print(f"  {key:<16} {statistics.median(values):6.2f} s "
                  f"({min(values):.2f}–{max(values):.2f})")
        total = [sum(v for k, v in run.items() if k != "pdf pages") for run in runs]
        print(f"  {'total':<16} {statistics.median(total):6.2f} s")
        overhead = [(run["load+validate"] + run["render"]) / run["engine"] for run in runs]
        print(f"  generator overhead over the plain MkDocs build of the same pages: "
              f"{statistics.median(overhead):.0%} (load+validate+render / engine)")
        print(f"  rendering in memory, both languages: {statistics.median(memory_render):.2f} s")
        booklet = [run["pdf pages"] / run["booklets"] for run in runs if run["booklets"]]
        if booklet:
            print(f"  PDF: {statistics.median(booklet):.1f} pages per second")
    return 0


if __name__ == "__main__":
    sys.exit(main())
