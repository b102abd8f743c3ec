"""The data report (stale checks, contacts to fill in) and the CI definitions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

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
