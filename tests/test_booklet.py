"""The printed documents: booklets and handouts, read back from the PDFs.

The common edition is built once for the module (and once more, in another process, to
compare the bytes); the partner edition once. Other tests render HTML only, or one handout.
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import time
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
    _job,
    _one_page,
    _weasyprint_problems,
    build_print_documents,
)
from generator.print.content import Printer
from generator.print.imposition import saddle_stitch_order
from generator.project import Project

from . import print_layout
from .conftest import (
    PUBLISHED,
    ROOT,
    copy_project,
    published_site_yaml,
    read,
    shared_once,
    shown,
)

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
def printed(built_project: Project, built_documents: list[PrintedDocument]) -> Printed:
    """The common edition, as the session's build printed it (build/print/)."""
    return Printed(built_project, pipeline.load(built_project), built_project.build_dir / "print",
                   built_documents)


@pytest.fixture(scope="session")
def partner_printed(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Printed:
    """The partner edition, printed once per test run (shared by the workers)."""

    def make(folder: Path) -> None:
        root = copy_project(folder / "project")
        printed = _build(root, root / "print-partner", PARTNER)
        described = [{**vars(doc), "path": str(doc.path)} for doc in printed.documents]
        (folder / "documents.json").write_text(json.dumps(described), encoding="utf-8")

    folder = shared_once(tmp_path_factory, worker_id, "partner-edition", make)
    project = Project.at(folder / "project")
    documents = [PrintedDocument(**{**item, "path": Path(item["path"])})
                 for item in json.loads(read(folder / "documents.json"))]
    return Printed(project, pipeline.load(project), project.root / "print-partner", documents)


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
    expected = {f"livret-{lang}{suffix}.pdf" for lang in langs for suffix in ("", "-a-imprimer")}
    expected |= {f"fiches/{lang}/{audience}-{step}.pdf"
                 for lang in langs for audience in AUDIENCES for step in steps}
    forms = [item.id for item in (*printed.data.letters.letters, *printed.data.letters.sheets)]
    expected |= {f"formulaires/{lang}/{form}.pdf" for lang in langs for form in forms}
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
        elif doc.kind == "form":
            assert doc.path.name == f"{doc.form}.pdf" and doc.path.parent.name == doc.lang
            assert doc.pages == 1
        else:
            assert doc.audience is None and doc.step is None


def test_a_worker_process_leaves_no_temporary_folder(printed: Printed, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """WeasyPrint copies the fonts into a temporary folder that it removes only when its
    configuration is collected, which never happens in a forked worker that exits: each
    document job removes it (here the blank letters and sheets of one language, laid out in a
    forked process as the build does)."""
    import multiprocessing
    import tempfile
    from concurrent.futures import ProcessPoolExecutor

    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(1, mp_context=context) as pool:
        written = pool.submit(_job, printed.data, printed.project, tmp_path / "out", "fr",
                              "forms", None).result()
    assert written and all(doc.path.exists() for doc in written)
    assert sorted(path.name for path in temporary.iterdir()) == []
    engine = _Engine(printed.project)  # outside a job: removed when the engine goes
    assert [path.name for path in temporary.iterdir()][0].startswith("weasyprint-")
    del engine
    assert sorted(path.name for path in temporary.iterdir()) == []


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
    """The contents list the parts (the tenant's, the landlord's…) with the page each starts
    on; each entry links to its heading, and the link says the title, not an anchor name."""
    for doc in _booklets(printed):
        pages = _pages_text(doc.path)
        reader = PdfReader(doc.path)
        parts = {title: page for level, title, page in _outline(reader) if level == 1}
        entries = _toc_entries(doc.path)
        printer = Printer(printed.data, doc.lang, "")
        for key in ("booklet_tenant_part", "booklet_landlord_part", "annuaire_title"):
            assert _norm(printer.string(key)) in [title for title, _ in entries]
        assert len(entries) >= 9
        # the entries link to the headings (named destinations), in the same order
        links = [annotation.get_object() for annotation in reader.pages[1]["/Annots"]
                 if "/Dest" in annotation.get_object()]
        targets = list(dict.fromkeys(str(link["/Dest"]) for link in links))
        assert len(targets) == len(entries)
        described = {str(link["/Dest"]): _norm(str(link["/Contents"])) for link in links}
        destinations = reader.named_destinations
        for (title, page), target in zip(entries, targets, strict=True):
            where = f"{doc.path.name}: '{title}' printed page {page}"
            assert reader.get_destination_page_number(destinations[target]) + 1 == page, where
            assert parts.get(title) == page, where
            assert title in pages[page - 1], where
            assert described[target] == title, f"{where}: the link says '{described[target]}'"


def test_bookmarks_mirror_h1_h2_and_point_to_their_heading(printed: Printed) -> None:
    for doc in _booklets(printed):
        pages = _pages_text(doc.path)
        outline = list(_outline(PdfReader(doc.path)))
        assert max(level for level, _, _ in outline) == 2
        titles = [title for _, title, _ in outline]
        for title in _stage_titles(printed, doc.lang):
            assert titles.count(title) == 2  # once in the tenant's part, once in the landlord's
        # h3 headings (« What to do ») are not bookmarked
        printer = Printer(printed.data, doc.lang, "")
        assert _norm(printer.string("what_to_do")) not in titles
        previous = 0
        for _, title, page in outline:
            assert title in pages[page - 1], f"{doc.path.name}: bookmark '{title}' p. {page}"
            assert page >= previous
            previous = page


def test_metadata_title_author_language_dates(printed: Printed) -> None:
    edition = printed.data.site.edition.strftime("D:%Y%m%d")
    author = printed.data.site.publisher or printed.data.site.name
    for doc in printed.documents:
        reader = PdfReader(doc.path)
        info = reader.metadata
        assert info is not None and info.title
        if doc.kind == "imposed":  # a file to print, not to read: untagged
            printer = Printer(printed.data, doc.lang, "")
            assert info.title == (f"{printer.plain_text(printed.data.site.name)} — "
                                  f"{printer.string('booklet_imposed_title')}")
            assert info.subject == printer.string("imposed_instructions")
            continue
        if doc.kind == "booklet":
            assert info.title.startswith(shown(printed.data.site.name, doc.lang, NBSP))
        elif doc.kind == "form":
            forms = {item.id: item for item in (*printed.data.letters.letters,
                                                *printed.data.letters.sheets)}
            assert info.title.startswith(shown(forms[doc.form].title, doc.lang, NBSP))
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


def test_a_draft_prints_no_qr_code_and_no_address(printed: Printed) -> None:
    """The committed data is a draft: no QR code, no printed address of the site (it does not
    exist yet), « adresse du site à venir » in their place, and the mark on every page."""
    placeholder = printed.project.site_url.split("://", 1)[1].rstrip("/")
    for doc in printed.documents:
        if doc.kind == "imposed":
            continue
        text = " ".join(_pages_text(doc.path))
        printer = Printer(printed.data, doc.lang, "")
        assert placeholder not in text.replace(" ", ""), doc.path.name
        assert _norm(printer.string("address_to_come")) in text, doc.path.name
        reader = PdfReader(doc.path)
        qr = _norm(printer.string("booklet_qr_alt", url="")).strip()
        assert not [alt for alt in _figure_alts(reader) if alt.startswith(qr)], doc.path.name
        marked = _pages_with_figure(reader, _norm(printer.string("draft_mark")))
        assert marked == set(range(len(reader.pages))), f"{doc.path.name}: unmarked pages " \
            f"{sorted(set(range(len(reader.pages))) - marked)}"


def _figures(reader: PdfReader) -> list[tuple[int, str]]:
    """Every tagged figure: (its page from 0, its alternative text)."""
    pages = {page.indirect_reference.idnum: index for index, page in enumerate(reader.pages)}
    found: list[tuple[int, str]] = []

    def walk(node: object) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            if node.get("/S") == "/Figure":
                found.append((pages[node.raw_get("/Pg").idnum], _norm(str(node.get("/Alt", "")))))
            if "/K" in node:
                walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def _figure_alts(reader: PdfReader) -> list[str]:
    return [alt for _, alt in _figures(reader)]


def _pages_with_figure(reader: PdfReader, alt: str) -> set[int]:
    """The pages (from 0) that hold a tagged figure whose alternative text is ``alt``."""
    return {page for page, text in _figures(reader) if text == alt}


def test_a_published_edition_prints_qr_codes_to_the_reader_pages(make_project) -> None:
    project = make_project({"data/site.yaml": published_site_yaml()})
    data = pipeline.load(project)
    assert project.site_url == PUBLISHED["url"]
    for language in project.languages:
        html = Printer(data, language.code, project.language_url(language)).booklet(None)
        base = project.language_url(language)
        for audience in ("locataire", "proprietaire"):
            alt = "Code QR vers la page" if language.code == "fr" else "QR code to the page"
            assert f'alt="{alt} {base}{audience}/"' in html
            assert f"{base}{audience}/".split("://", 1)[1] in html
        assert 'class="draft-mark"' not in html
    # read back from a handout: its QR code is a tagged figure, and there is no draft mark
    engine = _Engine(project)
    printer = Printer(data, "fr", project.language_url(project.languages[0]))
    step = data.steps.steps[0]
    document = _one_page(engine, printer, "locataire", step, "published.pdf")
    written = engine.write(document, project.root / "published.pdf", "handout", "fr")
    alts = _figure_alts(PdfReader(written.path))
    assert alts == [_norm(printer.string("booklet_qr_alt",
                                         url=f"{PUBLISHED['url']}locataire/{step.id}/"))]


# ---------------------------------------------------------------------- reproducible


def test_building_twice_gives_the_same_bytes(printed: Printed, partner_printed: Printed,
                                             tmp_path: Path) -> None:
    """The partner edition's French booklet (and its imposed file) again, in another process
    (other hash seed, other day), and a handout again in this one: the same bytes."""
    again = tmp_path / "again"
    script = ("import sys; from pathlib import Path; from generator import build; "
              "from generator.print.booklet import _job; "
              "from generator.project import Project; p = Project.at(Path(sys.argv[1])); "
              "_job(build.load(p), p, Path(sys.argv[2]), 'fr', 'booklet', sys.argv[3])")
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", script, str(partner_printed.project.root),
                    str(again), PARTNER], check=True, env=env, cwd=ROOT)
    rebuilt = sorted(path.relative_to(again) for path in again.rglob("*.pdf"))
    assert [rel.name for rel in rebuilt] == [f"livret-{PARTNER}-fr-a-imprimer.pdf",
                                             f"livret-{PARTNER}-fr.pdf"]
    for rel in rebuilt:
        assert (again / rel).read_bytes() == (partner_printed.out / rel).read_bytes(), rel

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
    written = sorted(path.relative_to(partner_printed.out).as_posix()
                     for path in partner_printed.out.rglob("*.pdf"))
    # The blank letters and sheets name no partner: they are printed once, in the common
    # edition.
    common = sorted(path.relative_to(printed.out).as_posix()
                    for path in printed.out.rglob("*.pdf")
                    if not path.relative_to(printed.out).as_posix().startswith("formulaires/"))
    assert written == sorted(name.replace("livret-", f"livret-{PARTNER}-") for name in common)
    actor = printed.data.by_id("actors")[PARTNER]
    contact = actor.contacts[0]
    for doc in partner_printed.documents:
        if doc.kind == "imposed":
            continue
        name = _norm(shown(actor.name, doc.lang, NBSP))
        pages = _pages_text(doc.path)
        box = _norm(Printer(printed.data, doc.lang, "").string("contact_box_label"))
        box = box.upper()  # a label in capitals
        if doc.kind == "booklet":  # in the « Votre contact » box of both covers
            assert name in pages[0] and name in pages[-1]
            assert box in pages[0] and box in pages[-1]
        else:  # the handout's box
            assert doc.pages == 1 and name in pages[0] and box in pages[0]
        if contact.phone:
            assert contact.phone in pages[-1]
        common_doc = printed.out / doc.path.relative_to(partner_printed.out).as_posix() \
            .replace(f"livret-{PARTNER}-", "livret-")
        common_pages = _pages_text(common_doc)
        assert name not in common_pages[0] and name not in common_pages[-1]
        assert box in common_pages[-1]  # the empty box, for a stamp


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


FONTTOOLS_NOTICE = ("Using fontTools instead of HarfBuzz-Subset for font \"%s\". This will "
                    "be unsupported in future versions of WeasyPrint. Please install "
                    "HarfBuzz-Subset >= 4.1.0 with your package manager.")
"""WeasyPrint 70's own words (weasyprint/pdf/fonts.py) on a machine without libharfbuzz-subset."""


def test_the_guard_lets_the_font_subsetting_notice_through_and_stops_a_real_warning() -> None:
    logger = logging.getLogger("weasyprint")
    with _weasyprint_problems("notice.pdf"):
        logger.warning(FONTTOOLS_NOTICE, "Atkinson Hyperlegible")
    with pytest.raises(BuildError, match=r"(?s)missing\.pdf: WeasyPrint reported 1 problem.*"
                                         r"No glyph for U\+2192"):
        with _weasyprint_problems("missing.pdf"):
            logger.warning(FONTTOOLS_NOTICE, "Atkinson Hyperlegible")
            logger.warning("No glyph for U+2192 in font %s", "Atkinson Hyperlegible")


FALLBACK_RUN = """
import sys, weasyprint.pdf.fonts
from pathlib import Path
weasyprint.pdf.fonts.harfbuzz_subset = None  # as on a machine without libharfbuzz-subset
from generator import build
from generator.print.booklet import _Engine, _one_page
from generator.print.content import Printer
from generator.project import Project
project = Project.at(Path(sys.argv[1]))
data = build.load(project)
build.set_reproducible_dates(data)  # as build_print_documents does
for language in project.languages:
    engine = _Engine(project)
    printer = Printer(data, language.code, project.language_url(language))
    for audience in ("locataire", "proprietaire"):
        step = data.steps.steps[1]
        document = _one_page(engine, printer, audience, step, "fallback.pdf")
        engine.write(document, Path(sys.argv[2]) / f"{language.code}-{audience}.pdf",
                     "handout", language.code)
"""


def test_without_harfbuzz_subset_the_documents_are_built_and_the_same_twice(
        printed: Printed, tmp_path: Path) -> None:
    """As on a machine without libharfbuzz-subset: WeasyPrint subsets the fonts with fontTools
    and says so; the build goes on, and two runs, in two processes started at different
    times, give the same bytes (fontTools dates its fonts from SOURCE_DATE_EPOCH, which the
    build sets from the edition date)."""
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    env["PYTHONPATH"] = str(ROOT)
    runs = []
    for run in range(2):
        out = tmp_path / f"run-{run}"
        result = subprocess.run([sys.executable, "-c", FALLBACK_RUN,
                                 str(printed.project.root), str(out)],
                                env=env, cwd=ROOT, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr[-2000:]
        runs.append({path.name: path.read_bytes() for path in out.glob("*.pdf")})
        time.sleep(1.1)  # another second on the clock
    assert len(runs[0]) == 4 and runs[0] == runs[1]
    step = printed.data.steps.steps[1]
    for lang in printed.project.codes:
        fallback = _pages_text(tmp_path / "run-0" / f"{lang}-locataire.pdf")
        # the same text, laid out the same way, as with HarfBuzz-Subset
        assert fallback == _pages_text(printed.out / "fiches" / lang /
                                       f"locataire-{step.id}.pdf")


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


# ---------------------------------------------------------------------- A5, to fold and staple

A5 = (419.53, 595.28)
"""A5 portrait in PDF points (148 x 210 mm)."""


def _lines(path: Path) -> list[list[tuple[float, float, str]]]:
    """Per page, each text line as poppler lays it out: (top, bottom, text), without the
    draft's mark (drawn as an image: no text)."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", "-enc", "UTF-8", str(path), "-"],
                         check=True, capture_output=True, text=True).stdout
    pages = []
    for page in re.findall(r"<page [^>]*>(.*?)</page>", xml, re.DOTALL):
        lines = []
        for match in re.finditer(r'<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" '
                                 r'yMax="([\d.]+)">(.*?)</line>', page, re.DOTALL):
            words = [html.unescape(word) for word in re.findall(r">([^<]*)</word>", match[3])]
            lines.append((float(match[1]), float(match[2]), " ".join(words)))
        pages.append(lines)
    return pages


def test_booklet_is_a5_with_a_multiple_of_4_pages(printed: Printed) -> None:
    for doc in _booklets(printed):
        reader = PdfReader(doc.path)
        assert len(reader.pages) % 4 == 0, doc.path.name
        for page in reader.pages:
            box = page.mediabox
            assert abs(float(box.width) - A5[0]) < 1 and abs(float(box.height) - A5[1]) < 1


def test_body_text_is_at_least_10_points(printed: Printed) -> None:
    """Read back from the PDF: what is under 10 pt is the running headers and footers and the
    small capital labels, a few per cent of the characters; the body is 10.5 pt."""
    for doc in _booklets(printed):
        sizes: dict[float, int] = {}

        def visit(text: str, cm: list, tm: list, font: object, size: float,
                  sizes: dict[float, int] = sizes) -> None:
            if text.strip():
                scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
                key = round(size * scale, 1)
                sizes[key] = sizes.get(key, 0) + len(text.strip())

        for page in PdfReader(doc.path).pages:
            page.extract_text(visitor_text=visit)
        total = sum(sizes.values())
        small = sum(count for size, count in sizes.items() if size < 9.95)
        assert max(sizes, key=sizes.get) >= 10.5, doc.path.name
        assert small / total < 0.08, f"{doc.path.name}: {small / total:.0%} under 10 pt"


def test_lines_are_at_most_75_characters(printed: Printed) -> None:
    for doc in _booklets(printed):
        long = [text for page in _lines(doc.path)[1:] for _, _, text in page
                if len(text) > 75 and ". . ." not in text]  # contents: dotted leaders
        assert long == [], f"{doc.path.name}: {long[:3]}"


def test_no_page_is_under_half_full_but_the_last_of_a_part(printed: Printed) -> None:
    """Only a part starts a new page: the stages flow. A page may be less than half full only
    where a part ends (a part is a level-1 bookmark: emergency numbers, the tenant's part…),
    and the pages to write on (notes, appointments) hold ruled lines, not text."""
    for doc in _booklets(printed):
        reader = PdfReader(doc.path)
        starts = {page for level, _, page in _outline(reader) if level == 1}
        pages = _lines(doc.path)
        height = A5[1]
        top, bottom = 17 * 72 / 25.4, height - 16 * 72 / 25.4
        under = []
        for number, lines in enumerate(pages, start=1):
            if number + 1 in starts or number == len(pages):
                continue
            body = [line_bottom for line_top, line_bottom, _ in lines if line_bottom < bottom]
            if (max(body, default=top) - top) / (bottom - top) < 0.5:
                under.append(number)
        assert under == [], f"{doc.path.name}: pages under half full {under}"


def test_each_reader_reads_only_their_own_part(printed: Printed) -> None:
    """The tenant's part holds the tenant's first actions and none of the landlord's, and the
    other way round, and every key fact (warning) of its reader's stage pages; each part
    carries its reader's mark on each of its pages."""
    for doc in _booklets(printed):
        reader = PdfReader(doc.path)
        printer = Printer(printed.data, doc.lang, "")
        parts = {title: page for level, title, page in _outline(reader) if level == 1}
        tenant_start = parts[_norm(printer.string("booklet_tenant_part"))]
        landlord_start = parts[_norm(printer.string("booklet_landlord_part"))]
        after = min(page for page in parts.values() if page > landlord_start)
        pages = _pages_text(doc.path)
        # pdftotext joins a word broken after its hyphen (« proposez-/lui »): compare without
        tenant = " ".join(pages[tenant_start - 1:landlord_start - 1]).replace("-", "")
        landlord = " ".join(pages[landlord_start - 1:after - 1]).replace("-", "")
        for step in printed.data.steps.steps:
            mine = _norm(shown(step.tenant.first_action, doc.lang, NBSP)).replace("-", "")
            theirs = _norm(shown(step.landlord.first_action, doc.lang, NBSP)).replace("-", "")
            assert mine in tenant and mine not in landlord, (doc.path.name, step.id)
            assert theirs in landlord and theirs not in tenant, (doc.path.name, step.id)
            # each part carries the warnings of its reader's web pages (their key facts)
            for guide, part in ((step.tenant, tenant), (step.landlord, landlord)):
                for fact in guide.key_facts:
                    said = _norm(shown(fact.text, doc.lang, NBSP)).replace("-", "")
                    assert said in part, (doc.path.name, step.id, said[:60])
        for start, end, key in ((tenant_start, landlord_start, "booklet_tenant_mark"),
                                (landlord_start, after, "booklet_landlord_mark")):
            mark = _norm(printer.string(key)).upper()
            for number in range(start, end):
                assert mark in pages[number - 1], f"{doc.path.name} p. {number}: no '{mark}'"


def test_print_has_no_web_only_words_and_no_source_table(printed: Printed) -> None:
    web_only = re.compile(r"\b(ce site|cliquez|cliquer|this site|click)\b", re.IGNORECASE)
    for doc in printed.documents:
        if doc.kind == "imposed":
            continue
        text = " ".join(_pages_text(doc.path))
        assert not web_only.findall(text), (doc.path.name, web_only.findall(text))
    for lang in printed.project.codes:
        html = Printer(printed.data, lang, "").booklet(None)
        assert "<table" not in html.split('id="sources"')[1].split("</section>")[0]
        assert "&lt;span" not in html  # a marked French term never shows as text


def test_english_booklet_marks_the_french_terms(printed: Printed) -> None:
    html = Printer(printed.data, "en", "").booklet(None)
    lowered = html.replace(">Commandement", ">commandement")
    assert '<span lang="fr">commandement de payer</span>' in lowered
    assert '<span lang="fr">commissaire de justice</span>' in html
    assert 'data-running="' in html and 'data-running="Stage 2 — Commandement' in html
    assert '<span lang="fr">' not in Printer(printed.data, "fr", "").booklet(None)


def test_imposed_booklet_puts_the_right_two_pages_on_each_sheet_side(printed: Printed) -> None:
    """Read back: each A4 landscape side carries, left and right, the page numbers of the
    saddle-stitch order (the covers and the pages without a number are checked by their
    neighbours); how to print is the file's description, and the cover carries nothing
    else: the first side holds exactly the back cover's and the front cover's text."""
    for doc in _booklets(printed):
        imposed = doc.path.with_name(doc.path.stem + "-a-imprimer.pdf")
        reader = PdfReader(imposed)
        pages = doc.pages
        assert len(reader.pages) == pages // 2
        order = saddle_stitch_order(pages)
        assert order[:2] == [(pages, 1), (2, pages - 1)]
        printer = Printer(printed.data, doc.lang, "")
        label = _norm(printer.string("booklet_page"))
        checked = 0
        for index, (left, right) in enumerate(order, start=1):
            box = reader.pages[index - 1].mediabox
            assert round(float(box.width)) == 842 and round(float(box.height)) == 595
            for half, number in ((0, left), (1, right)):
                text = _norm(subprocess.run(
                    ["pdftotext", "-enc", "UTF-8", "-f", str(index), "-l", str(index),
                     "-x", str(421 * half), "-y", "0", "-W", "421", "-H", "595",
                     str(imposed), "-"], check=True, capture_output=True, text=True).stdout)
                numbers = re.findall(rf"{label} (\d+) / {pages}", text)
                if numbers:
                    assert numbers == [str(number)], (imposed.name, index, half, numbers)
                    checked += 1
        assert checked >= pages - 6
        first = _norm(subprocess.run(["pdftotext", "-enc", "UTF-8", "-l", "1", str(imposed),
                                      "-"], check=True, capture_output=True, text=True).stdout)
        covers = [_norm(subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(number), "-l",
                                        str(number), str(doc.path), "-"], check=True,
                                       capture_output=True, text=True).stdout)
                  for number in (pages, 1)]
        assert _norm(printer.string("imposed_instructions")) not in first
        assert sorted(first.split()) == sorted(" ".join(covers).split())
        assert reader.metadata.subject == printer.string("imposed_instructions")


def test_a_stage_title_never_ends_a_page(printed: Printed) -> None:
    """A stage's badge and title stay with its first paragraph: no page's last line of text
    is a badge (« Locataire · Étape 3 / 6 ») or a stage title."""
    for doc in _booklets(printed):
        titles = set(_stage_titles(printed, doc.lang))
        for number, lines in enumerate(_lines(doc.path), start=1):
            body = [text for top, _, text in lines if top < A5[1] - 16 * 72 / 25.4]
            if body:
                last = _norm(body[-1])
                assert not re.search(r"\d / 6$", last) and last not in titles, \
                    f"{doc.path.name} p. {number} ends with '{last}'"


# ---------------------------------------------------------------------- press standard


def _layout_problems(printed: Printed) -> dict[str, list[str]]:
    """The layout rules of :mod:`tests.print_layout` on every document of an edition: each
    booklet, its imposed file (its pages cut back out, with the booklet's bookmarks), each
    one-page handout or form."""
    found = {}
    booklets = {doc.lang: doc.path for doc in printed.documents if doc.kind == "booklet"}
    for doc in printed.documents:
        if doc.kind == "booklet":
            problems = print_layout.booklet_problems(doc.path)
        elif doc.kind == "imposed":
            problems = print_layout.booklet_problems(
                doc.path, print_layout.read_imposed(doc.path),
                print_layout.read_outline(booklets[doc.lang]))
        else:
            problems = print_layout.one_page_problems(doc.path)
        found[str(doc.path.relative_to(printed.out))] = problems
    return found


def test_every_pdf_of_the_common_edition_holds_the_layout_rules(printed: Printed) -> None:
    found = _layout_problems(printed)
    kinds = {doc.kind for doc in printed.documents}
    assert kinds == {"booklet", "imposed", "handout", "form"}
    assert len(found) == len(printed.documents)
    assert [problem for problems in found.values() for problem in problems] == []


def test_every_pdf_of_a_partner_edition_holds_the_layout_rules(
        partner_printed: Printed) -> None:
    found = _layout_problems(partner_printed)
    assert {doc.lang for doc in partner_printed.documents if doc.kind == "booklet"} == \
        {language.code for language in partner_printed.project.languages}
    assert [problem for problems in found.values() for problem in problems] == []


# A booklet made to break every rule, in the print's own way of setting text: bold titles in
# colour, running headers from `string-set`.
_BAD_BOOKLET = """<html lang="en"><head><title>Bad</title><style>
@page { size: A5; margin: 17mm 16mm 16mm 18mm;
        @top-left { content: string(running, first); font: bold 8pt sans-serif; } }
body { font: 10.5pt/1.4 sans-serif; }
p { orphans: 1; widows: 1; }
h1, h2, .label { font-weight: bold; color: #123463; }
h1 { font-size: 19pt; break-before: page; bookmark-level: 1; }
h2 { font-size: 14pt; bookmark-level: 2; string-set: running content(); break-after: auto; }
.label { font-size: 11pt; color: #7d1912; width: 60mm; }
</style></head><body>
<h1>Cover</h1><p>Front.</p>
<h1>Part one</h1>
<h2>Section A</h2>{paragraphs}
<h2>Section B</h2>{paragraphs}
<p class="label">Le<br>SIAO told at least 10 days before the eviction — at least 10 days</p>
<h1>Part two</h1><p>One short page, followed by another part.</p>
<h2>Section C</h2><p>Only a few lines on this page, and the part goes on after it.</p>
<h2 style="break-before: page">Section D</h2>{paragraphs}
<h1>Back</h1><p>Back cover.</p>
</body></html>"""


def test_the_layout_rules_flag_what_a_printer_would_refuse(tmp_path: Path) -> None:
    """Each rule, on a PDF made to break it, names the rule and the page."""
    from weasyprint import HTML

    paragraph = "<p>" + "A line of ordinary text that runs on. " * 9 + "</p>"
    # Section B's heading lands at the foot of a page, its text on the next one
    html = _BAD_BOOKLET.replace("{paragraphs}", paragraph * 5, 1) \
        .replace("{paragraphs}", paragraph * 3, 1).replace("{paragraphs}", paragraph * 2)
    path = tmp_path / "bad.pdf"
    for extra in range(0, 40):
        filler = "<p>One line.</p>" * extra
        HTML(string=html.replace("<h2>Section B</h2>", filler + "<h2>Section B</h2>")) \
            .write_pdf(path)
        if print_layout.stranded_titles(path.name, print_layout.read_pages(path)):
            break
    problems = print_layout.booklet_problems(path)
    text = "\n".join(problems)
    assert re.search(r"bad\.pdf p\. \d+: « Section B » with [01] line", text), text
    assert re.search(r"p\. \d+: headed « Section B » over the text of « Section A »", text), text
    assert re.search(r"p\. \d+: the title « Le SIAO .* » starts with « Le » alone", text), text
    assert re.search(r"says « at least 10 days » twice", text), text
    assert re.search(r"p\. \d+: \d+% full \(\d+ lines\), not the end of a part", text), text
    pages = print_layout.read_pages(path)
    assert pages[0].number == 1 and all(page.header != "Cover" for page in pages)


def test_a_one_line_edit_lays_out_only_the_pdfs_it_changes_with_a_full_builds_bytes(
        printed: Printed, tmp_path: Path) -> None:
    """The session's build kept its PDFs (build/print-reused/). After a one-line edit of one
    stage's French text, the rebuild lays out exactly the PDFs whose bytes change (a few of
    the 40), reuses the others, and writes what a build from nothing writes."""
    kept = tmp_path / "reused"
    shutil.copytree(printed.project.build_dir / pipeline.REUSED_PDFS / "common", kept)
    before = {path.name for path in kept.iterdir()}
    root = copy_project(tmp_path / "project")
    project = Project.at(root)
    step = printed.data.steps.steps[1]
    head = " ".join(step.tenant.meaning.root[printed.data.default_language].split()[:4])
    steps_file = project.data_dir / "steps.yaml"
    text = read(steps_file)
    assert text.count(head) >= 1
    steps_file.write_text(text.replace(head, "Attention. " + head, 1), encoding="utf-8")
    data = pipeline.load(project)

    documents = build_print_documents(data, project, tmp_path / "print", reuse=kept)
    old = {doc.path.relative_to(printed.out): doc.path.read_bytes() for doc in printed.documents}
    new = {doc.path.relative_to(tmp_path / "print"): doc for doc in documents}
    laid_out = {rel for rel, doc in new.items() if f"{doc.inputs}.pdf" not in before}
    changed = {rel for rel, doc in new.items() if doc.path.read_bytes() != old[rel]}
    assert changed == laid_out
    assert Path("livret-fr.pdf") in changed and Path("livret-en.pdf") not in changed
    assert 0 < len(changed) <= len(documents) // 4
    fresh = build_print_documents(data, project, tmp_path / "fresh")
    for doc in fresh:
        rel = doc.path.relative_to(tmp_path / "fresh")
        assert doc.path.read_bytes() == new[rel].path.read_bytes(), rel
    # the folder keeps this build's PDFs, no more
    assert {path.stem for path in kept.glob("*.pdf")} == {doc.inputs for doc in documents}
