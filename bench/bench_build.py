"""Build benchmark: time of each step over several runs, the generator's overhead over a plain
MkDocs build of the same pages, and how fast `make serve` shows a data edit.

    .venv/bin/python bench/bench_build.py [--runs 5] [--no-serve]

Timings are measured here, never asserted by tests (they depend on the machine).
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_latency(project: Project, attempts: int = 3) -> list[float]:
    """Seconds from saving a data edit to the preview serving the new text."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "--root", str(project.root), "serve",
         "--port", str(port)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                urllib.request.urlopen(url, timeout=1).read()
                break
            except OSError:
                time.sleep(0.2)
        site_file = project.data_dir / "site.yaml"
        original = site_file.read_text(encoding="utf-8")
        results = []
        for attempt in range(attempts):
            marker = f"Édition de test {attempt} {time.time_ns()}"
            site_file.write_text(original.replace(
                "Agissez dès le premier loyer impayé", marker, 1), encoding="utf-8")
            start = time.perf_counter()
            while time.perf_counter() - start < 30:
                try:
                    if marker in urllib.request.urlopen(url, timeout=2).read().decode():
                        results.append(time.perf_counter() - start)
                        break
                except OSError:
                    pass
                time.sleep(0.05)
            time.sleep(1.0)
        site_file.write_text(original, encoding="utf-8")
        return results
    finally:
        process.terminate()
        process.wait(timeout=10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-serve", action="store_true")
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
        if not args.no_serve:
            latencies = serve_latency(project)
            shown = ", ".join(f"{value:.2f} s" for value in latencies) or "no update seen"
            print(f"  make serve: data edit shown in {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
