"""The data report (stale checks, contacts to fill in) and the CI definitions."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import yaml

from generator import build as pipeline
from generator.data.report import completeness_report
from tests.conftest import ROOT


def test_report_lists_missing_contacts_and_stale_checks(make_project: Callable) -> None:
    project = make_project()
    data = pipeline.load(project)
    later = data.site.edition + dt.timedelta(days=400)
    text = completeness_report(data, project, markdown=True, today=later)
    assert "contact of 'adil-21' to fill in" in text
    assert "address and dates of 'adil-21-dijon' to fill in" in text
    assert "more than 12 months ago" in text
    fresh = completeness_report(data, project, markdown=True, today=data.site.edition)
    assert "more than 12 months ago" not in fresh


def test_workflow_runs_the_same_commands_as_ci() -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "schedule" in triggers and "pull_request" in triggers
    for event in ("push", "pull_request"):
        assert {"data/**", "content/**", "overrides/**", "generator/**", "mkdocs.yml"} <= set(
            triggers[event]["paths"])
    steps = [step.get("run", "") for job in workflow["jobs"].values()
             for step in job.get("steps", [])]
    assert "make test" in steps
    assert any(run.startswith("make check FORMAT=github") for run in steps)
    assert any("report" in run and "GITHUB_STEP_SUMMARY" in run for run in steps)
    ci = (ROOT / ".ci/run").read_text(encoding="utf-8")
    assert ci.rstrip().endswith("make test")


def test_ci_installs_exactly_the_readme_packages_site_first(tmp_path: Path) -> None:
    """On a machine that has none of them, .ci/run installs the README's list for `make site`,
    runs `make site`, and only then installs the README's list for `make test` and runs it
    (fake apt-get, dpkg and make record what they are asked)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    lists = {}
    for kind in ("site", "test"):
        block = readme.split(f"<!-- system packages: {kind} -->", 1)[1]
        line = next(line for line in block.splitlines() if line.startswith("apt-get install"))
        lists[kind] = line.removeprefix("apt-get install --no-install-recommends ").split()
    assert "libpango-1.0-0" in lists["site"] and "chromium" in lists["test"]
    assert not set(lists["site"]) & set(lists["test"])
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "log"
    for name in ("apt-get", "make"):
        (bin_dir / name).write_text(f'#!/bin/sh\necho "{name} $*" >> {log}\n')
    (bin_dir / "dpkg").write_text("#!/bin/sh\nexit 1\n")  # nothing is installed
    for tool in ("awk", "dirname", "sh"):
        (bin_dir / tool).symlink_to(shutil.which(tool))
    for path in bin_dir.iterdir():
        path.chmod(0o755)
    result = subprocess.run(["/bin/bash", str(ROOT / ".ci/run")], capture_output=True,
                            text=True, env={"PATH": str(bin_dir)})
    assert result.returncode == 0, result.stderr
    steps = log.read_text().splitlines()
    install = "apt-get install -y -qq --no-install-recommends "
    # make is there (the fake one, as a command): everything else of the list is installed
    site = [package for package in lists["site"] if package != "make"]
    assert steps == ["apt-get update -qq", install + " ".join(site), "make site",
                     "apt-get update -qq", install + " ".join(lists["test"]), "make test"]
