"""The build as a whole: escaping, failure safety, strictness, reproducibility, git status."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator import build as pipeline
from generator.errors import BuildError, DataError
from generator.project import Project
from generator.site.engines import load_engine
from tests.conftest import ROOT, read


def tree_digest(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def steps_with(old: str, new: str) -> str:
    text = (ROOT / "data/steps.yaml").read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


def test_text_from_data_is_escaped(make_project: Callable) -> None:
    hostile = '<script>alert("x")</script> *étoiles* [lien](https://evil.example) {: .x}'
    title = "      fr: Commandement de payer\n"
    project = make_project({"data/steps.yaml": steps_with(
        title, f"      fr: '{hostile}'\n")})
    pipeline.build_site(project, with_print=False)  # the PDFs' escaping: test_booklet.py
    page = project.site_dir / "locataire/commandement-de-payer/index.html"
    html = BeautifulSoup(read(page), "html.parser")
    assert html.h1.get_text() == hostile
    assert html.title.get_text().startswith(hostile)
    assert not [s for s in html.find_all("script") if "alert" in s.get_text()]
    assert not html.select('a[href="https://evil.example"]')
    nav = [a.get_text(" ", strip=True) for a in html.select(".md-nav__link")]
    assert any(hostile in text for text in nav)


def test_failed_build_leaves_previous_site_untouched(make_project: Callable) -> None:
    project = make_project()
    pipeline.build_site(project, with_print=False)
    before = tree_digest(project.site_dir)
    (project.data_dir / "steps.yaml").write_text(
        steps_with("number: 2", "number: deux"), encoding="utf-8")
    with pytest.raises(DataError):
        pipeline.build_site(project)
    assert tree_digest(project.site_dir) == before


def test_engine_failure_leaves_previous_site_untouched(make_project: Callable) -> None:
    project = make_project()
    pipeline.build_site(project, with_print=False)
    before = tree_digest(project.site_dir)
    page = project.root / "content/fr/a-propos.md"
    page.write_text(read(page) + "\n[cassé](page-qui-n-existe-pas.md)\n", encoding="utf-8")
    with pytest.raises(BuildError, match="page-qui-n-existe-pas.md"):
        pipeline.build_site(project, with_print=False)
    assert tree_digest(project.site_dir) == before


def test_same_input_builds_same_bytes(built_project: Project, make_project: Callable) -> None:
    again = make_project()
    pipeline.build_site(again)
    assert tree_digest(again.site_dir) == tree_digest(built_project.site_dir)


def test_site_url_is_set_in_one_place(make_project: Callable,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITE_URL", "https://www.example.fr/expulsions")
    project = make_project()
    assert project.site_url == "https://www.example.fr/expulsions/"
    pipeline.build_site(project, with_print=False)
    page = BeautifulSoup(read(project.site_dir / "en/glossaire/index.html"), "html.parser")
    assert page.select_one('link[rel="canonical"]')["href"] == \
        "https://www.example.fr/expulsions/en/glossaire/"
    assert "https://www.example.fr/expulsions/annuaire/" in read(project.site_dir / "sitemap.xml")


def test_a_build_keeps_git_status_clean(built_project: Project) -> None:
    """A build writes only where .gitignore says: a clone stays clean after `make site`. The
    session's build runs in a git repository holding the project's inputs and .gitignore
    (tests never build into the developer's checkout)."""
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"],
                            cwd=built_project.root, capture_output=True, text=True, check=True)
    assert status.stdout == ""
    assert (built_project.site_dir / "index.html").exists()
    assert (built_project.build_dir / "docs").is_dir()


def test_json_schemas_are_up_to_date() -> None:
    from generator.data.schema import schema_texts

    for name, text in schema_texts().items():
        assert (ROOT / "schema" / name).read_text(encoding="utf-8") == text, \
            f"schema/{name} is stale: run `make schema`"


def test_render_touches_only_changed_files(make_project: Callable) -> None:
    project = make_project()
    data = pipeline.load(project)
    language = project.languages[0]
    page_url = load_engine(project.engine).page_url
    pipeline.render_language(project, data, language, page_url)
    docs = project.docs_dir(language)
    stamps = {p: p.stat().st_mtime_ns for p in docs.rglob("*.md")}
    pipeline.render_language(project, data, language, page_url)
    assert {p: p.stat().st_mtime_ns for p in docs.rglob("*.md")} == stamps


def test_markdown_inside_an_html_block_is_refused_with_its_template_line() -> None:
    """The defect that printed `Source : [Charte …](…)` on 54 pages cannot come back: the
    renderer refuses a template line that opens an HTML block and writes Markdown in it, and
    names the line; hostile data in an HTML block is not Markdown and passes."""
    from generator.errors import RenderError
    from generator.site.render import check_one_markup, markup_problems

    template = ("# {{ item.name|md }}\n\n"
                '<p class="verified">{{ s("source")|colon }} [{{ title|md }}]({{ link }})</p>\n')
    with pytest.raises(RenderError) as info:
        check_one_markup("dispositif.md.j2", "dispositif 'fsl'", "fr", template)
    message = str(info.value)
    assert message.startswith("generator/site/templates/dispositif.md.j2:3: Markdown inside an "
                              "HTML block is shown raw")
    assert "(rendering dispositif 'fsl', language 'fr')" in message
    for wrong in ('<div class="x">{{ item.what|md }}</div>',
                  '<li>{{ mac.actor_link(actor_id) }}</li>', "<td>**{{ x|html }}**</td>"):
        assert markup_problems(wrong), wrong
    for fine in ('<p class="verified" markdown>Source : [{{ t|md }}]({{ l|md_href(p) }})</p>',
                 '<p class="verified">{{ mac.source_link_html(item.source) }}</p>',
                 "- **{{ mac.actor_link(actor_id) }}** — {{ actor.role|md }}",
                 "<li>{{ step.title|html }}</li>"):
        assert not markup_problems(fine), fine
    for name in ("stage.md.j2", "dispositif.md.j2", "charte.md.j2", "_macros.md.j2"):
        check_one_markup(name, "the committed templates", "fr")


ENGINE_PACKAGES = {"mkdocs", "material", "pymdownx", "markdown"}
"""Python packages of the MkDocs engine: only generator/site/engines/mkdocs/ may import them."""


def engine_imports(root: Path) -> list[str]:
    """``module:line imports name`` for each import of an engine package outside the MkDocs
    engine's own package."""
    import ast

    found = []
    engine_dir = root / "generator/site/engines/mkdocs"
    for path in sorted((root / "generator").rglob("*.py")):
        if engine_dir in path.parents:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom)
                     and node.level == 0 else [])
            for name in names:
                if name.split(".")[0] in ENGINE_PACKAGES:
                    found.append(f"{path.relative_to(root)}:{node.lineno} imports {name}")
    return found


def test_only_the_engine_package_imports_mkdocs(tmp_path: Path) -> None:
    """The boundary that lets the engine change by configuration: no module outside
    generator/site/engines/mkdocs/ imports MkDocs, Material or their Markdown extensions."""
    assert engine_imports(ROOT) == []
    # The check can fail: a core module that imports MkDocs is found, with its line.
    shutil.copytree(ROOT / "generator", tmp_path / "generator",
                    ignore=shutil.ignore_patterns("__pycache__"))
    render = tmp_path / "generator/site/render.py"
    render.write_text(read(render) + "\nfrom mkdocs.config import load_config\n",
                      encoding="utf-8")
    assert engine_imports(tmp_path) == [
        f"generator/site/render.py:{len(read(render).splitlines())} imports mkdocs.config"]


def imports_of_the_build(root: Path) -> list[str]:
    """``module:line`` for each import of ``generator.build`` (the whole pipeline) from the
    engines or from print: they sit below the build, which calls them."""
    import ast

    found = []
    for folder in ("generator/site", "generator/print"):
        for path in sorted((root / folder).rglob("*.py")):
            package = path.relative_to(root).with_suffix("").parts[:-1]
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.ImportFrom):
                    continue
                base = package[:len(package) - node.level + 1] if node.level else ()
                module = ".".join([*base, *(node.module or "").split(".")]).strip(".")
                names = [module] + [f"{module}.{alias.name}" for alias in node.names]
                if any(name in ("generator.build", "generator.cli") for name in names):
                    found.append(f"{path.relative_to(root)}:{node.lineno}")
    return found


def test_the_engine_is_an_interface_below_the_build(tmp_path: Path) -> None:
    """The build, the preview and the command line reach the engine through the Engine
    protocol, and neither the engine nor print imports the build back (one render path,
    :mod:`generator.site.assemble`, shared by the build and the preview)."""
    from generator.site.engines import Engine

    engine = load_engine("mkdocs")
    assert isinstance(engine, Engine)
    assert engine.page_url("locataire/index.md") == "locataire/"
    assert imports_of_the_build(ROOT) == []
    shutil.copytree(ROOT / "generator", tmp_path / "generator",
                    ignore=shutil.ignore_patterns("__pycache__"))
    preview = tmp_path / "generator/site/engines/mkdocs/preview.py"
    preview.write_text(read(preview) + "\nfrom .... import build as pipeline\n",
                       encoding="utf-8")
    assert imports_of_the_build(tmp_path) == [
        f"generator/site/engines/mkdocs/preview.py:{len(read(preview).splitlines())}"]


TEMPLATE_FOLDERS = ("generator/site/templates", "generator/print/templates")
STATEMENTS_PER_TEMPLATE = 55
STATEMENTS_IN_ALL = 490
"""Budgets of Jinja statements ({% for %}, {% if %}, {% set %}, macros…): what a page shows
is computed in Python (view models such as generator/site/near_you_view.py); templates lay
it out. 427 statements at the start of issue 23 (78 in pres-de-chez-vous.md.j2), 375 after;
419 with « Mon plan » (issue 24: its questions are laid out in the page, 38 statements),
433 with the repayment tool (issue 26), 482 with three new kinds of document (issue 26: the
sheet's page, the blank letter and the blank sheet in print, 30 statements on views computed
by generator/site/sheets.py) and the letters linked from the stage and partner pages."""


def template_statements(root: Path) -> tuple[dict[str, int], list[str]]:
    """Statements per template, from the Jinja AST; and every place where a template picks
    what to show by comparing a record's ``topic``, ``kind`` or ``id`` with a value (a choice
    that belongs to the view model)."""
    import jinja2
    from jinja2 import nodes

    kinds = (nodes.For, nodes.If, nodes.Assign, nodes.AssignBlock, nodes.Macro,
             nodes.CallBlock, nodes.FilterBlock, nodes.With, nodes.Import, nodes.FromImport,
             nodes.Include, nodes.Block, nodes.Extends)
    env = jinja2.Environment()
    counts, dispatch = {}, []
    for folder in TEMPLATE_FOLDERS:
        for path in sorted((root / folder).glob("*.j2")):
            tree = env.parse(read(path))
            name = path.relative_to(root).as_posix()
            counts[name] = sum(1 for _ in tree.find_all(kinds))
            for compare in tree.find_all(nodes.Compare):
                sides = [compare.expr, *(operand.expr for operand in compare.ops)]
                equal = any(operand.op in ("eq", "ne") for operand in compare.ops)
                if equal and any(isinstance(side, nodes.Getattr)
                                 and side.attr in ("topic", "kind", "id") for side in sides):
                    dispatch.append(f"{name}:{compare.lineno}")
    return counts, dispatch


def test_templates_lay_out_what_python_computed(tmp_path: Path) -> None:
    """Measured on the templates' AST, not with a line regex: each template stays under its
    budget of statements, and none dispatches on a record's topic, kind or id."""
    counts, dispatch = template_statements(ROOT)
    assert {name: count for name, count in counts.items()
            if count > STATEMENTS_PER_TEMPLATE} == {}
    assert sum(counts.values()) <= STATEMENTS_IN_ALL
    assert dispatch == []
    # The check can fail: a template that chooses by topic is found, with its line.
    for folder in TEMPLATE_FOLDERS:
        shutil.copytree(ROOT / folder, tmp_path / folder)
    near = tmp_path / "generator/site/templates/pres-de-chez-vous.md.j2"
    near.write_text(read(near) + '{% if answer.topic == "fund" %}x{% endif %}\n',
                    encoding="utf-8")
    assert template_statements(tmp_path)[1] == [
        f"generator/site/templates/pres-de-chez-vous.md.j2:{len(read(near).splitlines())}"]


CODE_FOLDERS = ("generator", "overrides")
CODE_SUFFIXES_WITH_STYLES = {".py", ".j2", ".js", ".html", ".css"}


def page_path_literals(root: Path) -> list[str]:
    """``file:line: text`` for each page path (a page folder followed by « / », or a
    hand-written page's file name) written outside :mod:`generator.site.addresses`."""
    from generator.site.addresses import PAGES

    folders = sorted({path.split("/")[0] for path in PAGES.values() if "/" in path})
    files = sorted(path for path in PAGES.values() if "/" not in path and path != "index.md")
    found_path = re.compile(r"(?<![\w./-])({})/|(?<![\w/-])({})\b".format(
        "|".join(map(re.escape, folders)), "|".join(map(re.escape, files))))
    found = []
    for folder in CODE_FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            if (path.suffix not in CODE_SUFFIXES_WITH_STYLES or path.name == "addresses.py"
                    or "__pycache__" in path.parts):
                continue
            for number, line in enumerate(read(path).splitlines(), 1):
                found += [f"{path.relative_to(root)}:{number}: {match.group(0)}"
                          for match in found_path.finditer(line)]
    return found


def test_page_addresses_have_one_owner(tmp_path: Path) -> None:
    """Templates, the PDFs' QR codes, the calculator's JSON, the hooks and the theme ask
    generator/site/addresses.py for a page: no other file writes a page's path, so renaming
    a page is one change."""
    assert page_path_literals(ROOT) == []
    for folder in CODE_FOLDERS:
        shutil.copytree(ROOT / folder, tmp_path / folder,
                        ignore=shutil.ignore_patterns("__pycache__"))
    macros = tmp_path / "generator/site/templates/_macros.md.j2"
    macros.write_text(read(macros) + '\n[x]({{ "glossaire/index.md"|md_href(page_path) }})\n',
                      encoding="utf-8")
    assert page_path_literals(tmp_path) == [
        f"generator/site/templates/_macros.md.j2:{len(read(macros).splitlines())}: glossaire/"]

CODE_SUFFIXES = {".py", ".j2", ".js", ".html", ".yaml", ".css"}


def test_the_departement_lives_in_data_not_in_code() -> None:
    """No name of the territory (its name in every language, its arrondissements, the towns
    of its permanences, its métropole) and no record id of data/ in generator/ or overrides/
    (code, templates, scripts, interface strings): a département team changes data/ and
    content/ only, and a renamed record cannot break a page the data check passed."""
    from generator.data.validate import load_site_data

    data = load_site_data(ROOT / "data")
    area = data.site.area
    names = {value for text in (area.name, area.in_name, area.of_name, area.the_name)
             for lang, value in text.root.items() if not lang.endswith("_from")}
    names |= {item.name for item in data.communes.arrondissements}
    names |= {item.town for item in data.permanences.permanences}
    names |= {item.name for item in data.communes.epci if item.code == data.site.roles.metropole}
    names |= {item.name for item in data.communes.communes if len(item.name) > 6}
    names |= {actor.acronym for actor in data.actors.actors
              if actor.acronym and area.code in actor.acronym}  # « ADIL 21 »
    names.add(data.charter.period)
    ids = {record_id for kind in ("actors", "dispositifs", "instances", "permanences", "steps")
           for record_id in data.by_id(kind)}
    ids |= {deadline.id for step in data.steps.steps for deadline in step.deadlines}
    ids |= {item.id for item in data.site.emergency}
    ids = {record_id for record_id in ids if re.search(r"[-\d]", record_id)}  # not « caf »
    found_name = re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))))
    alternatives = "|".join(map(re.escape, sorted(ids, key=len, reverse=True)))
    found_id = re.compile(rf"(?<![\w-])({alternatives})(?![\w-])")
    found = []
    for folder in CODE_FOLDERS:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix not in CODE_SUFFIXES or "__pycache__" in path.parts:
                continue
            for number, line in enumerate(read(path).splitlines(), 1):
                for match in [*found_name.finditer(line), *found_id.finditer(line)]:
                    found.append(f"{path.relative_to(ROOT)}:{number}: {match.group(0)}")
    assert found == []
