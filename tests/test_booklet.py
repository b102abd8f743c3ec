"""The printed documents: booklets and handouts, read back from the PDFs.

The common edition is built once for the module (and once more, in another process, to
compare the bytes); the partner edition once. Other tests render HTML only, or one handout.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator import build as pipeline
from generator.data.site_data import SiteData
from generator.errors import BuildError
from generator.lang import NBSP
from generator.print.booklet import (
    AUDIENCES,
    PrintedDocument,
    _Engine,
    _one_page,
    build_print_documents,
)
from generator.print.content import Printer
from generator.project import Project

from .conftest import ROOT, copy_project, shown

PARTNER = "siao-21"


# The module builds the PDFs once (module fixtures): under pytest-xdist its tests stay on one
# worker.
pytestmark = pytest.mark.xdist_group("booklet")

@dataclass(frozen=True)
class Printed:
    project: Project
    data: SiteData
    out: Path
    documents: list[PrintedDocument]


def _build(root: Path, out: Path, partner: str | None = None) -> Printed:
    project = Project.at(root)
    data = pipeline.load(project)
    return Printed(project, data, out, build_print_documents(data, project, out, partner))


@pytest.fixture(scope="module")
def project_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("booklet") / "project")


@pytest.fixture(scope="module")
def printed(built_project: Project, built_documents: list[PrintedDocument]) -> Printed:
    """The common edition, as the session's build printed it (build/print/)."""
    return Printed(built_project, pipeline.load(built_project), built_project.build_dir / "print",
                   built_documents)


@pytest.fixture(scope="module")
def partner_printed(project_root: Path) -> Printed:
    return _build(project_root, project_root / "print-partner", PARTNER)


# ---------------------------------------------------------------------- reading PDFs


def _pages_text(path: Path) -> list[str]:
    """The text of each page (poppler's pdftotext, reading order), spaces normalised."""
    raw = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                         capture_output=True, text=True).stdout
    return [_norm(page) for page in raw.split("\f")[:-1]]


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\u2019", "'")
    return " ".join(text.split())


def _outline(reader: PdfReader) -> Iterator[tuple[int, str, int]]:
    """(level, title, page number from 1) of every bookmark, in order."""
    def walk(items: list, level: int) -> Iterator[tuple[int, str, int]]:
        for item in items:
            if isinstance(item, list):
                yield from walk(item, level + 1)
            else:
                yield level, _norm(item.title), reader.get_destination_page_number(item) + 1
    yield from walk(reader.outline, 1)


def _toc_entries(path: Path) -> list[tuple[str, int]]:
    """The table of contents as printed on page 2: (title, page number)."""
    layout = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", "-f", "2", "-l", "2",
                             str(path), "-"], check=True, capture_output=True,
                            text=True).stdout
    entries, pending = [], ""
    for line in layout.splitlines():
        if ". . ." not in line and not pending:
            continue
        pending = f"{pending} {line.strip()}"
        match = re.match(r"^\s*(?:\d\s+)?(.*?)[\s.]*\.\s*(\d+)$", pending)
        if match:
            entries.append((_norm(match[1]), int(match[2])))
            pending = ""
    return entries


def _booklets(printed: Printed) -> list[PrintedDocument]:
    return [doc for doc in printed.documents if doc.kind == "booklet"]


def _stage_titles(printed: Printed, lang: str) -> list[str]:
    return [_norm(shown(step.title, lang)) for step in printed.data.steps.steps]


# ---------------------------------------------------------------------- what is written


def test_every_document_is_written_and_described(printed: Printed) -> None:
    langs = printed.project.codes
    steps = [step.id for step in printed.data.steps.steps]
    expected = {f"livret-{lang}.pdf" for lang in langs}
    expected |= {f"fiches/{lang}/{audience}-{step}.pdf"
                 for lang in langs for audience in AUDIENCES for step in steps}
    written = {path.relative_to(printed.out).as_posix()
               for path in printed.out.rglob("*.pdf")}
    assert written == expected
    assert len([doc for doc in printed.documents if doc.kind == "handout"]) == 24
    for doc in printed.documents:
        assert doc.path.stat().st_size == doc.size
        assert len(PdfReader(doc.path).pages) == doc.pages
        if doc.kind == "handout":
            assert doc.path.name == f"{doc.audience}-{doc.step}.pdf"
            assert doc.path.parent.name == doc.lang
        else:
            assert doc.audience is None and doc.step is None


def test_a_weasyprint_warning_in_a_worker_process_fails_the_build(tmp_path: Path) -> None:
    """The documents are laid out in forked workers, whose log the parent never sees: a
    warning there (here a font file that is not a font) must still stop the build."""
    root = copy_project(tmp_path / "project")
    font = next((root / "overrides/assets/fonts").glob("*-700-normal.woff2"))
    font.write_bytes(b"not a font")
    project = Project.at(root)
    data = pipeline.load(project)
    with pytest.raises(BuildError, match="WeasyPrint reported"):
        build_print_documents(data, project, tmp_path / "print", workers=2)


def test_each_handout_is_one_page(printed: Printed) -> None:
    for doc in printed.documents:
        if doc.kind == "handout":
            assert doc.pages == 1, doc.path


# ---------------------------------------------------------------------- content and structure


def test_stage_titles_appear_in_order(printed: Printed) -> None:
    for doc in _booklets(printed):
        pages = _pages_text(doc.path)
        body = " ".join(pages[2:])  # after the cover and the contents
        position = 0
        for title in _stage_titles(printed, doc.lang):
            found = body.find(title, position)
            assert found >= 0, f"{doc.path.name}: '{title}' missing or out of order"
            position = found + len(title)


def test_contents_page_numbers_are_where_the_headings_are(printed: Printed) -> None:
    for doc in _booklets(printed):
        pages = _pages_text(doc.path)
        bookmarks = {title: page for _, title, page in _outline(PdfReader(doc.path))}
        entries = _toc_entries(doc.path)
        stages = _stage_titles(printed, doc.lang)
        assert [title for title, _ in entries if title in stages] == stages
        assert len(entries) >= len(stages) + 6
        # the entries link to the headings (named destinations), in the same order
        reader = PdfReader(doc.path)
        targets = list(dict.fromkeys(
            str(annotation.get_object()["/Dest"]) for annotation in reader.pages[1]["/Annots"]
            if "/Dest" in annotation.get_object()))
        assert len(targets) == len(entries)
        destinations = reader.named_destinations
        for (title, page), target in zip(entries, targets, strict=True):
            where = f"{doc.path.name}: '{title}' printed page {page}"
            assert reader.get_destination_page_number(destinations[target]) + 1 == page, where
            assert bookmarks.get(title) == page, where
            assert title in pages[page - 1], where


def test_bookmarks_mirror_h1_h2_and_point_to_their_heading(printed: Printed) -> None:
    for doc in _booklets(printed):
        pages = _pages_text(doc.path)
        outline = list(_outline(PdfReader(doc.path)))
        assert max(level for level, _, _ in outline) == 2
        titles = [title for _, title, _ in outline]
        for title in _stage_titles(printed, doc.lang):
            assert titles.count(title) == 1
        # h3 headings (« For the tenant ») are not bookmarked
        printer = Printer(printed.data, doc.lang, "")
        assert _norm(printer.string("booklet_for_tenant")) not in titles
        previous = 0
        for _, title, page in outline:
            assert title in pages[page - 1], f"{doc.path.name}: bookmark '{title}' p. {page}"
            assert page >= previous
            previous = page


def test_metadata_title_author_language_dates(printed: Printed) -> None:
    edition = printed.data.site.edition.strftime("D:%Y%m%d")
    author = printed.data.site.publisher
    for doc in printed.documents:
        reader = PdfReader(doc.path)
        info = reader.metadata
        assert info is not None and info.title
        if doc.kind == "booklet":
            assert info.title.startswith(shown(printed.data.site.name, doc.lang, NBSP))
        else:
            step = printed.data.by_id("steps")[doc.step]
            assert info.title.startswith(shown(step.title, doc.lang, NBSP))
        assert info.author == shown(author, doc.lang, NBSP)
        assert info["/CreationDate"] == edition and info["/ModDate"] == edition
        root = reader.trailer["/Root"]
        assert root["/Lang"] == doc.lang
        assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]


def test_fonts_are_the_site_font_embedded_and_subset(printed: Printed) -> None:
    for doc in [*_booklets(printed), printed.documents[-1]]:
        reader = PdfReader(doc.path)
        fonts = {}
        for page in reader.pages:
            for font in page["/Resources"].get("/Font", {}).values():
                font = font.get_object()
                descendant = font["/DescendantFonts"][0].get_object() \
                    if "/DescendantFonts" in font else font
                descriptor = descendant["/FontDescriptor"].get_object()
                fonts[str(font["/BaseFont"])] = descriptor
        assert fonts, doc.path
        for name, descriptor in fonts.items():
            assert re.match(r"^/[A-Z]{6}\+Atkinson-Hyperlegible", name), (doc.path, name)
            assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, (doc.path, name)


def test_qr_codes_and_short_urls_point_to_the_tenant_pages(printed: Printed) -> None:
    for doc in _booklets(printed):
        text = " ".join(_pages_text(doc.path))
        language = next(lang for lang in printed.project.languages if lang.code == doc.lang)
        base = printed.project.language_url(language).split("://", 1)[1]
        for step in printed.data.steps.steps:
            assert f"{base}locataire/{step.id}/" in text.replace(" ", "")


# ---------------------------------------------------------------------- reproducible


def test_building_twice_gives_the_same_bytes(printed: Printed, partner_printed: Printed,
                                             tmp_path: Path) -> None:
    """The partner edition again, in another process (other hash seed, other day), and a
    handout again in this one: the same bytes."""
    again = tmp_path / "again"
    script = ("import sys; from pathlib import Path; from generator import build; "
              "from generator.print.booklet import build_print_documents; "
              "from generator.project import Project; p = Project.at(Path(sys.argv[1])); "
              "build_print_documents(build.load(p), p, Path(sys.argv[2]), sys.argv[3])")
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", script, str(partner_printed.project.root),
                    str(again), PARTNER], check=True, env=env, cwd=ROOT)
    for doc in partner_printed.documents:
        assert (again / doc.path.name).read_bytes() == doc.path.read_bytes(), doc.path.name

    handout = next(doc for doc in printed.documents if doc.kind == "handout")
    step = printed.data.by_id("steps")[handout.step]
    engine = _Engine(printed.project)
    printer = Printer(printed.data, handout.lang, printed.project.language_url(
        printed.project.languages[printed.project.codes.index(handout.lang)]))
    document = _one_page(engine, printer, handout.audience, step, handout.path.name)
    rebuilt = engine.write(document, tmp_path / handout.path.name, "handout", handout.lang)
    assert rebuilt.path.read_bytes() == handout.path.read_bytes()


# ---------------------------------------------------------------------- partner edition


def test_partner_edition_has_the_partner_on_the_covers(printed: Printed,
                                                       partner_printed: Printed) -> None:
    written = sorted(path.name for path in partner_printed.out.rglob("*.pdf"))
    assert written == sorted(f"livret-{PARTNER}-{lang}.pdf" for lang in printed.project.codes)
    actor = printed.data.by_id("actors")[PARTNER]
    for doc in partner_printed.documents:
        name = _norm(shown(actor.name, doc.lang, NBSP))
        pages = _pages_text(doc.path)
        assert name in pages[0] and name in pages[-1]
        common = printed.out / f"livret-{doc.lang}.pdf"
        common_pages = _pages_text(common)
        assert name not in common_pages[0] and name not in common_pages[-1]


def test_unknown_partner_is_refused_with_close_ids(printed: Printed, tmp_path: Path) -> None:
    with pytest.raises(BuildError) as info:
        build_print_documents(printed.data, printed.project, tmp_path, partner="adill-21")
    assert "unknown partner 'adill-21'" in str(info.value)
    assert "'adil-21'" in str(info.value)
    assert not list(tmp_path.iterdir())


# ---------------------------------------------------------------------- guards


def test_reader_texts_are_escaped(make_project) -> None:
    steps = (ROOT / "data" / "steps.yaml").read_text(encoding="utf-8")
    hostile = steps.replace("fr: Prévention des impayés de loyer",
                            'fr: "Prévention <script>alert(1)</script> & <b>co</b>"', 1)
    assert hostile != steps
    project = make_project({"data/steps.yaml": hostile})
    html = Printer(pipeline.load(project), "fr", project.site_url).booklet(None)
    assert "<script>" not in html and "<b>co" not in html
    assert "Prévention &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;co&lt;/b&gt;" in html


def test_a_weasyprint_warning_or_a_network_url_fails_the_build(printed: Printed) -> None:
    engine = _Engine(printed.project)
    with pytest.raises(BuildError, match="WeasyPrint reported"):
        engine.render('<html lang="fr"><p style="colour: red">x</p></html>', "bad.pdf")
    with pytest.raises(BuildError, match="not a local file"):
        engine.render('<html lang="fr"><img src="https://example.org/a.png" alt="a"></html>',
                      "net.pdf")


def test_a_handout_that_cannot_fit_on_one_page_fails(make_project) -> None:
    steps = (ROOT / "data" / "steps.yaml").read_text(encoding="utf-8")
    long_steps = re.sub(r"(first_action:\n\s+fr: >-\n\s+)",
                        lambda match: match[1] + "Très long. " * 400, steps, count=1)
    assert long_steps != steps
    project = make_project({"data/steps.yaml": long_steps})
    data = pipeline.load(project)
    step = data.steps.steps[0]
    with pytest.raises(BuildError, match=f"handout fiches/fr/locataire-{step.id}.pdf"):
        _one_page(_Engine(project), Printer(data, "fr", project.site_url), "locataire", step,
                  f"fiches/fr/locataire-{step.id}.pdf")
