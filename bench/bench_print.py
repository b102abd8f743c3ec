"""Incremental PDFs: a full build against a rebuild after a one-line edit of one stage's text.

    .venv/bin/python bench/bench_print.py [--runs 3]

Each run, on a copy of the project: a full build from nothing (no reused PDFs), a one-line
edit (the French « what it means » text of the second stage, for tenants), the rebuild that
reuses the PDFs whose inputs did not change, then a full build of the edited copy from
nothing to check that the rebuild wrote the same bytes. Prints the time of the whole build
and of its PDF step, side by side, and which PDFs were laid out again.

Timings are measured here, never asserted by tests (they depend on the machine).
"""

from __future__ import annotations

import argparse
import shutil
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
from tests.conftest import copy_project as copy_inputs  # noqa: E402


def timed_build(project: Project) -> tuple[float, float]:
    """(whole build, PDF step) in seconds."""
    timings = pipeline.Timings()
    start = time.perf_counter()
    pipeline.build_site(project, timings)
    return time.perf_counter() - start, timings.steps["booklets"]


def edit_one_line(project: Project) -> str:
    """Put a word before the second stage's tenant text, on its line of steps.yaml."""
    data = pipeline.load(project)
    step = data.steps.steps[1]
    text = step.tenant.meaning.root[data.default_language]
    head = " ".join(text.split()[:4])
    path = project.data_dir / "steps.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(index for index, line in enumerate(lines) if head in line)
    lines[number] = lines[number].replace(head, "Attention. " + head, 1)
    path.write_text("".join(lines), encoding="utf-8")
    return f"data/steps.yaml:{number + 1} (stage '{step.id}', tenant text)"


def printed(project: Project) -> dict[str, bytes]:
    folder = project.site_dir / DOWNLOADS_DIR
    return {str(path.relative_to(folder)): path.read_bytes()
            for path in sorted(folder.rglob("*.pdf"))}


def one_run(folder: Path) -> dict[str, float]:
    project = Project.at(copy_inputs(folder / "project"))
    full, full_pdf = timed_build(project)
    before = printed(project)
    where = edit_one_line(project)
    again, again_pdf = timed_build(project)
    after = printed(project)
    changed = sorted(name for name in after if after[name] != before.get(name))
    shutil.rmtree(project.build_dir)
    shutil.rmtree(project.site_dir)
    timed_build(project)
    same = printed(project) == after
    print(f"  edit {where}: {len(changed)} of {len(after)} PDFs changed "
          f"({', '.join(changed)}); same bytes as a full build: {'yes' if same else 'NO'}")
    if not same:
        raise SystemExit("the rebuild's PDFs differ from a full build's")
    return {"full": full, "full pdf": full_pdf, "rebuild": again, "rebuild pdf": again_pdf}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"Incremental PDFs, {args.runs} run(s) (median, min–max):")
    runs = []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as folder:
            runs.append(one_run(Path(folder)))

    def shown(key: str) -> str:
        values = [run[key] for run in runs]
        return f"{statistics.median(values):6.2f} s ({min(values):.2f}–{max(values):.2f})"

    print(f"  {'':14} {'full build':>26} {'after a one-line edit':>26}  ratio")
    for label, key in (("whole build", ""), ("PDF step", " pdf")):
        ratio = statistics.median(run["rebuild" + key] / run["full" + key] for run in runs)
        print(f"  {label:14} {shown('full' + key):>26} {shown('rebuild' + key):>26}  "
              f"{ratio:.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
