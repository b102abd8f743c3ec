"""The data report (stale checks, contacts to fill in) and the CI definitions."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
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


def test_the_partner_kit_is_one_page_each_body_can_answer(make_project: Callable) -> None:
    """`make report` writes the partner kit: one page per body of the directory, with what
    the site shows of it (its role, its contact lines with their source, or the route readers
    are given instead), what is missing and the fields to fill. Statuses for editors
    (« à confirmer ») are printed there, and nowhere a household reads. A body without any
    contact line gets no partner edition of the booklet (its box would send readers back
    to it)."""
    from pypdf import PdfReader

    from generator.errors import BuildError
    from generator.print.booklet import build_print_documents
    from generator.print.partner_kit import build_partner_kit

    project = make_project()
    data = pipeline.load(project)
    kit = build_partner_kit(data, project, project.root / "kit")
    pages = [page.extract_text() for page in PdfReader(kit.path).pages]
    assert len(pages) == len(data.actors.actors) == kit.pages
    flat = [" ".join(text.split()) for text in pages]
    adil = flat[[actor.id for actor in data.actors.actors].index("adil-21")]
    assert adil.count("ADIL 21") >= 2 and "Ce qui manque" in adil
    for expected in ("Téléphone pour les ménages", "Aucune coordonnée publiée",
                     "Adresse et dates de vos permanences : Dijon, Auxonne", "À remplir",
                     "Page web ou document où vous publiez ces informations"):
        assert expected in adil, expected
    court = flat[[actor.id for actor in data.actors.actors].index("tribunal-judiciaire")]
    assert "03 80 70 45 00" in court and "à confirmer : source de plus de 2 ans" in court
    assert "justice.fr" in court
    try:
        build_print_documents(data, project, project.root / "edition", partner="adil-21")
    except BuildError as error:
        assert "'adil-21' has no contact line" in str(error)
    else:
        raise AssertionError("the ADIL's edition would send readers back to the ADIL")


WORKFLOW = ROOT / ".github/workflows/site.yml"


def workflow_steps(job: str) -> list[dict[str, object]]:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return workflow["jobs"][job]["steps"]


def test_workflow_is_valid_for_github_offline(tmp_path: Path) -> None:
    """GitHub's workflow schema, as check-jsonschema ships it (no download)."""
    checker = [sys.executable, "-m", "check_jsonschema", "--builtin-schema",
               "vendor.github-workflows"]
    result = subprocess.run([*checker, str(WORKFLOW)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    broken = tmp_path / "site.yml"  # the check can fail: a job that says where to run no more
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace(
        "    runs-on: ubuntu-24.04\n    container: debian:bookworm\n    outputs:",
        "    container: debian:bookworm\n    outputs:", 1), encoding="utf-8")
    assert broken.read_text(encoding="utf-8") != WORKFLOW.read_text(encoding="utf-8")
    result = subprocess.run([*checker, str(broken)], capture_output=True, text=True)
    assert result.returncode == 1 and "runs-on" in result.stdout


def test_workflow_is_ci_in_debian_and_installs_nothing_itself() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert {"push", "pull_request", "schedule"} <= set(triggers)
    ci = workflow["jobs"]["ci"]
    assert ci["container"] == "debian:bookworm"
    runs = [str(step.get("run", "")) for job in workflow["jobs"].values()
            for step in job["steps"]]
    uses = [str(step.get("uses", "")) for job in workflow["jobs"].values()
            for step in job["steps"]]
    assert [step.get("run") for step in ci["steps"]].count("bash .ci/run") == 1
    changes = [step for step in ci["steps"] if "make --silent changes" in str(step.get("run"))]
    assert len(changes) == 1 and changes[0]["if"] == "github.event_name == 'pull_request'"
    assert "make --silent changes BASE=origin/main >> \"$GITHUB_STEP_SUMMARY\"" in changes[0]["run"]
    artifact = next(step for step in ci["steps"]
                    if step.get("uses") == "actions/upload-artifact@v4")
    assert artifact["with"]["path"] == "site" and "pull_request" in artifact["if"]
    # Nothing installed by the workflow: .ci/run alone installs, from the README's lists.
    for run in runs:
        assert not re.search(r"apt(-get)? |pip3? install|npm (ci|install)|curl |wget ", run), run
    assert not [name for name in uses if re.match(r"actions/(setup-|cache)", name)]
    assert any(run == "bash .ci/run report >> \"$GITHUB_STEP_SUMMARY\"" for run in runs)
    # Deploying needs a publishable edition.
    deploy = workflow["jobs"]["deploy"]
    assert "needs.ci.outputs.publishable == 'true'" in deploy["if"]
    pages = next(step for step in ci["steps"]
                 if step.get("uses") == "actions/upload-pages-artifact@v3")
    assert pages["if"] == "steps.publication.outputs.publishable == 'true'"
    assert "SITE_URL: ${{ vars.SITE_URL }}" not in WORKFLOW.read_text(encoding="utf-8")


def run_publication_step(tmp_path: Path, variable: str, make_exit: int) -> dict[str, str]:
    """The workflow's publication step, run by bash with a fake make that records whether it
    was given SITE_URL and fails as a draft would."""
    step = next(step for step in workflow_steps("ci") if step.get("id") == "publication")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    seen = tmp_path / "make-saw"
    (bin_dir / "make").write_text(
        "#!/bin/bash\n"
        f'echo "${{SITE_URL-unset}} $*" > {seen}\n'
        'echo "data/site.yaml:16: url: missing for publication" >&2\n'
        f"exit {make_exit}\n")
    (bin_dir / "make").chmod(0o755)
    output, summary = tmp_path / "output", tmp_path / "summary"
    output.write_text(""), summary.write_text("")
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "GITHUB_OUTPUT": str(output),
           "GITHUB_STEP_SUMMARY": str(summary), "SITE_URL_VARIABLE": variable}
    result = subprocess.run(["bash", "-e", "-c", str(step["run"])], cwd=tmp_path, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return {"make": seen.read_text().strip(), "output": output.read_text(),
            "summary": summary.read_text()}


def test_site_url_is_passed_only_when_the_variable_is_set(tmp_path: Path) -> None:
    unset = run_publication_step(tmp_path, "", 0)
    assert unset["make"] == "unset --silent site PUBLISH=1"
    assert unset["output"] == "publishable=true\n"
    given = run_publication_step(tmp_path, "https://expulsions21.example.org/", 0)
    assert given["make"] == "https://expulsions21.example.org/ --silent site PUBLISH=1"


def test_a_draft_is_not_deployed_and_the_summary_says_why(tmp_path: Path) -> None:
    draft = run_publication_step(tmp_path, "", 2)
    assert draft["output"] == "publishable=false\n"
    assert "Not deployed: the edition is still a draft" in draft["summary"]
    assert "data/site.yaml:16: url: missing for publication" in draft["summary"]


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


def test_ci_report_installs_the_site_packages_only(tmp_path: Path) -> None:
    """`bash .ci/run report` (the weekly job): the packages of `make site`, then the report;
    what it installs goes to stderr, so that stdout is the report alone."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "log"
    for name in ("apt-get", "make"):
        (bin_dir / name).write_text(f'#!/bin/sh\necho "{name} $*" >> {log}\necho "{name} out"\n')
    (bin_dir / "dpkg").write_text("#!/bin/sh\nexit 1\n")
    for tool in ("awk", "dirname", "sh"):
        (bin_dir / tool).symlink_to(shutil.which(tool))
    for path in bin_dir.iterdir():
        path.chmod(0o755)
    result = subprocess.run(["/bin/bash", str(ROOT / ".ci/run"), "report"], capture_output=True,
                            text=True, env={"PATH": str(bin_dir)})
    assert result.returncode == 0, result.stderr
    steps = log.read_text().splitlines()
    assert steps[-1] == "make --silent report" and "make site" not in steps
    assert result.stdout == "make out\n"
