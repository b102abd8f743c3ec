"""The printed documents: the booklet (« livret ») of each language and the one-page handouts
(« fiches ») for tenants and landlords at each stage.

HTML from the Jinja templates of ``print/templates/`` (autoescaped, see
:mod:`generator.print.content`) → WeasyPrint → tagged PDF (PDF/UA-1), with the site's own
font files (Atkinson Hyperlegible, ``overrides/assets/fonts/``) embedded and subset.

Guarantees:

- nothing is fetched from the network: the URL fetcher only opens ``file:`` and ``data:``
  URLs (fonts and QR codes), any other URL stops the build;
- any WeasyPrint warning or error (bad CSS, missing alt text, missing font…) stops the build,
  but for notices that change nothing a reader sees (:data:`HARMLESS_NOTICES`);
- the same input gives the same bytes: the PDF dates are the data's edition date
  (``dcterms.created``/``dcterms.modified``), the file identifier is a hash of the content,
  and font subsets are named from a hash of their glyphs;
- a handout is one page: it is rendered again with a smaller type size when it overflows,
  and the build stops if it still does not fit;
- a document whose inputs have not changed is not laid out again (:class:`Reuse`): its PDF is
  taken from the last build, keyed by a hash of its HTML and of everything else that makes
  its bytes (the print stylesheet, the fonts, this code, the libraries' versions). The bytes
  are those a full build writes.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import json
import logging
import multiprocessing
import os
import re
import shutil
import tempfile
import weakref
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import fontTools
import pydyf
import pypdf
import weasyprint
from weasyprint import CSS, HTML
from weasyprint.document import Document
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from ..data import model as m
from ..data.site_data import SiteData, set_reproducible_dates
from ..errors import BuildError
from ..project import Project
from ..site.addresses import AUDIENCES as STAGE_READERS
from ..site.engines import load_engine
from .content import TEMPLATES, Printer
from .imposition import impose
from .links import describe_internal_links, internal_link_titles

AUDIENCES = STAGE_READERS[:2]
"""The readers with a handout per stage: tenants and landlords (not partners)."""
HANDOUT_SIZES = 3
"""Type size classes a handout may use (``size-0`` is the normal size): two steps down."""
PDF_VARIANT = "pdf/ua-1"
FIRST_AFTER_COVER = "mode-d-emploi"
BACK_COVER = "aide"
"""Ids of the heading that follows the front cover and of the back cover's heading."""
FILL_PAGES = "fill-pages-"
"""In the folder of reused PDFs, ``fill-pages-<booklet>.txt``: how many pages to write on the
booklet needed last time."""
_FONT_FILE = re.compile(r"-(?P<weight>\d{3})-(?P<style>normal|italic)\.woff2$")


@dataclass(frozen=True)
class PrintedDocument:
    path: Path           # where the PDF was written
    kind: str            # "booklet", "imposed" (the booklet 2-up), "handout" or "form"
    lang: str
    audience: str | None  # "locataire" or "proprietaire" for handouts
    step: str | None     # step id for handouts
    pages: int           # for "imposed": sheet sides
    size: int            # bytes
    form: str | None = None  # for "form": the letter's or sheet's id (data/letters.yaml)
    inputs: str = ""     # the hash of what made it (its key in the reused PDFs)


def build_print_documents(data: SiteData, project: Project, out_dir: Path,
                          partner: str | None = None, workers: int | None = None,
                          reuse: Path | None = None) -> list[PrintedDocument]:
    """Write the booklet of each language under ``out_dir`` (``livret-<lang>.pdf``, A5), its
    imposed version for office printers (``livret-<lang>-a-imprimer.pdf``), the handouts
    (``fiches/<lang>/<audience>-<step>.pdf``) and the blank letters and sheets to fill in by
    hand (``formulaires/<lang>/<id>.pdf``, not in a partner's edition: they name no partner).

    With ``partner`` (an actor id), the partner's edition: the same documents with the
    partner's name and contact lines in their « Votre contact » box (the booklets named
    ``livret-<partner>-<lang>…``).

    The documents are laid out in parallel, one process per core (WeasyPrint uses one core);
    each document's bytes do not depend on which process made it. With ``reuse`` (a folder),
    a document whose inputs are those of a PDF kept there is copied, not laid out again; the
    folder then keeps this build's PDFs only.
    """
    _partner(data, partner)
    # Dates written into the files (fontTools' subset fonts, when WeasyPrint subsets with it)
    # come from the edition date, not the clock.
    set_reproducible_dates(data)
    kinds = ("booklet", "handouts") if partner else ("booklet", "handouts", "forms")
    jobs = [(language.code, kind) for kind in kinds for language in project.languages]
    workers = workers or min(len(jobs), os.cpu_count() or 1)
    reused = Reuse(reuse, project)
    if workers <= 1:
        results = [_job(data, project, out_dir, lang, kind, partner, reused)
                   for lang, kind in jobs]
    else:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            futures = [pool.submit(_job, data, project, out_dir, lang, kind, partner, reused)
                       for lang, kind in jobs]
            results = [future.result() for future in futures]
    documents = [document for result in results for document in result]
    reused.keep_only({document.inputs for document in documents})
    return documents


def _job(data: SiteData, project: Project, out_dir: Path, lang: str, kind: str,
         partner_id: str | None, reuse: Reuse | None = None) -> list[PrintedDocument]:
    """One language's booklet (and its imposed version), or one language's handouts."""
    with _Engine(project, reuse or Reuse(None, project)) as engine:
        return _documents(engine, data, project, out_dir, lang, kind, partner_id)


def _documents(engine: _Engine, data: SiteData, project: Project, out_dir: Path, lang: str,
               kind: str, partner_id: str | None) -> list[PrintedDocument]:
    language = next(item for item in project.languages if item.code == lang)
    printer = Printer(data, lang, project.language_url(language),
                      load_engine(project.engine).page_url)
    partner = _partner(data, partner_id)
    if kind == "booklet":
        name = f"livret-{partner_id}-{lang}" if partner_id else f"livret-{lang}"
        html = printer.booklet(partner)
        # the pages to write on, added when laid out, hold no link: the titles are the same
        booklet = engine.made(out_dir / f"{name}.pdf", html,
                              lambda: _booklet(engine, printer, partner, f"{name}.pdf"),
                              "booklet", lang, link_titles=internal_link_titles(html))
        imposed = engine.write_imposed(booklet, out_dir / f"{name}-a-imprimer.pdf", printer)
        return [booklet, imposed]
    if kind == "forms":
        return _forms(engine, printer, out_dir, lang)
    out = []
    for audience in AUDIENCES:
        for step in data.steps.steps:
            rel = f"fiches/{lang}/{audience}-{step.id}.pdf"
            out.append(engine.made(
                out_dir / rel, printer.handout(audience, step, 0, partner),
                lambda audience=audience, step=step, rel=rel: _one_page(
                    engine, printer, audience, step, rel, partner),
                "handout", lang, audience, step.id))
    return out


def _forms(engine: _Engine, printer: Printer, out_dir: Path,
           lang: str) -> list[PrintedDocument]:
    """Each model letter and each sheet, blank, one A4 page each."""
    out = []
    items = [(item, printer.letter_form) for item in printer.data.letters.letters]
    items += [(item, printer.sheet_form) for item in printer.data.letters.sheets]
    for item, render in items:
        rel = f"formulaires/{lang}/{item.id}.pdf"
        html_at = functools.partial(render, item)
        shorten = f"its texts in data/letters.yaml ('{item.id}')"
        out.append(engine.made(out_dir / rel, html_at(0),
                               functools.partial(_fitted, engine, html_at, rel, shorten),
                               "form", lang, form=item.id))
    return out


def _booklet(engine: _Engine, printer: Printer, partner: m.Actor | None,
             name: str) -> Document:
    """The booklet laid out, with as many pages to write on before the back
    cover as make its page count a multiple of 4 (a sheet folded in two carries 4 pages).
    It is laid out first with the number the last build needed (none the first time), and
    again only if that number no longer fits: the result is the same either way."""
    guess = engine.reuse.fill_pages(name)
    html = printer.booklet(partner, fill_pages=guess)
    document = engine.render(html, name)
    # each page to fill is one page: without them the booklet has pages - guess pages
    fill = (guess - len(document.pages)) % 4
    if fill != guess:
        html = printer.booklet(partner, fill_pages=fill)
        document = engine.render(html, name)
    if len(document.pages) % 4:
        raise BuildError(f"{name}: {len(document.pages)} pages, not a multiple of 4 even with "
                         f"{fill} page(s) to write on — a page to write on overflows")
    engine.reuse.remember_fill_pages(name, fill)
    _check_covers(document, name)
    return document


def _partner(data: SiteData, partner: str | None) -> m.Actor | None:
    if partner is None:
        return None
    actors = data.by_id("actors")
    if partner in actors:
        if not actors[partner].contacts:
            # Its « Votre contact » box would give readers the route the site gives for
            # reaching it (a helpline that sends them back to it): a circle.
            raise BuildError(f"'{partner}' has no contact line in data/actors.yaml: its edition "
                             "would send readers back to itself — fill in its contact (the "
                             "partner kit of `make report` lists what is missing) first")
        return actors[partner]
    close = difflib.get_close_matches(partner, list(actors), n=3, cutoff=0.5)
    quoted = [repr(item) for item in close]
    listed = " or ".join([", ".join(quoted[:-1]), quoted[-1]] if len(quoted) > 1 else quoted)
    hint = f"did you mean {listed}? " if close else ""
    raise BuildError(f"unknown partner '{partner}' for the booklet — {hint}"
                     "(the partner is an actor id of data/actors.yaml)")


def _check_covers(document: Document, name: str) -> None:
    """The front cover is page 1 alone (« how to use » starts page 2) and the back cover
    is the last page alone: a long partner block must not push them over two pages."""
    pages = document.pages
    if len(pages) < 3 or FIRST_AFTER_COVER not in pages[1].anchors:
        raise BuildError(f"{name}: the front cover does not fit on one page — shorten the "
                         "partner's role or contact texts in data/actors.yaml")
    if BACK_COVER not in pages[-1].anchors:
        raise BuildError(f"{name}: the back cover does not fit on one page — shorten the "
                         "partner's role or contact texts in data/actors.yaml")


def _one_page(engine: _Engine, printer: Printer, audience: str, step: m.Step,
              name: str, partner: m.Actor | None = None) -> Document:
    """The handout, at the largest type size that fits on one page."""
    return _fitted(engine, lambda size: printer.handout(audience, step, size, partner), name,
                   f"its texts in data/steps.yaml (step '{step.id}')", "handout ")


def _fitted(engine: _Engine, html_at: Callable[[int], str], name: str,
            shorten: str, kind: str = "") -> Document:
    """A one-page document at the largest type size that fits (``html_at(size)``)."""
    pages = 0
    for size in range(HANDOUT_SIZES):
        document = engine.render(html_at(size), name)
        pages = len(document.pages)
        if pages == 1:
            return document
    raise BuildError(f"{kind}{name} does not fit on one page ({pages} pages even at the smallest "
                     f"type size): shorten {shorten}")


class _Engine:
    """WeasyPrint with the project's fonts and the print stylesheet, loaded once."""

    def __init__(self, project: Project, reuse: Reuse | None = None) -> None:
        self.reuse = reuse or Reuse(None, project)
        self.base_url = project.root.as_uri() + "/"
        self.fetcher = URLFetcher(allowed_protocols=("file", "data"), fail_on_errors=True)
        self.fonts = FontConfiguration()
        # WeasyPrint copies the fonts into a temporary folder it removes when the configuration
        # is collected: not in a worker process that exits. Give it the folder, and remove it
        # on close() (the build) or at the latest when this engine goes (a test).
        folder = Path(tempfile.mkdtemp(prefix="weasyprint-"))
        self.fonts._folder = folder
        weakref.finalize(self, shutil.rmtree, folder, True)
        self.project = project
        self._stylesheets: list[CSS] | None = None

    @property
    def stylesheets(self) -> list[CSS]:
        """The font faces and the print stylesheet, loaded when a document is first laid out
        (a job whose documents are all reused loads none)."""
        if self._stylesheets is None:
            with _weasyprint_problems("the print stylesheet"):
                self._stylesheets = [
                    CSS(string=_font_faces(self.project), base_url=self.base_url,
                        url_fetcher=self.fetcher, font_config=self.fonts),
                    CSS(filename=str(TEMPLATES / "print.css"), url_fetcher=self.fetcher,
                        font_config=self.fonts),
                ]
        return self._stylesheets

    def __enter__(self) -> _Engine:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Remove the folder where WeasyPrint copied the fonts. Its own clean-up runs when the
        configuration is garbage-collected, which a worker process that exits never does."""
        folder = getattr(self.fonts, "_folder", None)
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)

    def render(self, html: str, name: str) -> Document:
        with _weasyprint_problems(name):
            return HTML(string=html, base_url=self.base_url, url_fetcher=self.fetcher).render(
                stylesheets=self.stylesheets, font_config=self.fonts)

    def pdf(self, document: Document, name: str,
            link_titles: dict[str, str] | None = None) -> bytes:
        finisher = describe_internal_links(link_titles) if link_titles else None
        with _weasyprint_problems(name):
            return document.write_pdf(pdf_variant=PDF_VARIANT, pdf_identifier=True,
                                      finisher=finisher)

    def write(self, document: Document, path: Path, kind: str, lang: str,
              audience: str | None = None, step: str | None = None,
              link_titles: dict[str, str] | None = None,
              form: str | None = None) -> PrintedDocument:
        pdf = self.pdf(document, path.name, link_titles)
        _write_if_changed(path, pdf)
        return PrintedDocument(path, kind, lang, audience, step, len(document.pages), len(pdf),
                               form)

    def made(self, path: Path, html: str, lay_out: Callable[[], Document], kind: str,
             lang: str, audience: str | None = None, step: str | None = None,
             form: str | None = None,
             link_titles: dict[str, str] | None = None) -> PrintedDocument:
        """The document whose HTML (at its normal type size, without pages to fill) is
        ``html``: reused when a PDF of the same inputs is kept, else laid out by ``lay_out``,
        its internal links described by ``link_titles``."""
        key = self.reuse.key(kind, path.name, html)
        kept = self.reuse.get(key)
        if kept is None:
            document = lay_out()
            kept = self.pdf(document, path.name, link_titles), len(document.pages)
            self.reuse.put(key, *kept)
        pdf, pages = kept
        _write_if_changed(path, pdf)
        return PrintedDocument(path, kind, lang, audience, step, pages, len(pdf), form, key)

    def write_imposed(self, booklet: PrintedDocument, path: Path,
                      printer: Printer) -> PrintedDocument:
        """The booklet's pages 2-up on A4 landscape, in saddle-stitch order
        (:mod:`generator.print.imposition`); how to print it in the file's description."""
        title = (f"{printer.plain_text(printer.data.site.name)} — "
                 f"{printer.string('booklet_imposed_title')}")
        instructions = printer.string("imposed_instructions")
        key = self.reuse.key("imposed", booklet.inputs, title, instructions)
        kept = self.reuse.get(key)
        pdf = kept[0] if kept else impose(booklet.path.read_bytes(), title, instructions)
        if kept is None:
            self.reuse.put(key, pdf, booklet.pages // 2)
        _write_if_changed(path, pdf)
        return PrintedDocument(path, "imposed", booklet.lang, None, None, booklet.pages // 2,
                               len(pdf), inputs=key)


class Reuse:
    """The PDFs of the last build, each under the hash of what made it: its HTML, and for
    all of them the print stylesheet, the font files, the print code and the versions of
    WeasyPrint, pydyf, pypdf and fontTools. Without a folder, nothing is kept or reused."""

    def __init__(self, folder: Path | None, project: Project) -> None:
        self.folder = folder
        self.salt = _print_inputs(project) if folder else ""

    def key(self, *parts: str) -> str:
        digest = hashlib.sha256(self.salt.encode())
        for part in parts:
            digest.update(b"\0" + part.encode())
        return digest.hexdigest()[:32]

    def get(self, key: str) -> tuple[bytes, int] | None:
        if self.folder is None:
            return None
        pdf, pages = self.folder / f"{key}.pdf", self.folder / f"{key}.json"
        if not (pdf.exists() and pages.exists()):
            return None
        return pdf.read_bytes(), json.loads(pages.read_text(encoding="utf-8"))["pages"]

    def put(self, key: str, pdf: bytes, pages: int) -> None:
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        # written under a temporary name, then renamed: a build stopped half-way leaves no
        # half-written PDF to reuse
        for suffix, content in ((".pdf", pdf), (".json", json.dumps({"pages": pages}).encode())):
            partial = self.folder / f"{key}{suffix}.partial"
            partial.write_bytes(content)
            partial.replace(self.folder / f"{key}{suffix}")

    def fill_pages(self, booklet: str) -> int:
        """How many pages to write on the booklet needed last time (0 if not known)."""
        path = self.folder / f"{FILL_PAGES}{booklet}.txt" if self.folder else None
        return int(path.read_text(encoding="ascii")) if path and path.exists() else 0

    def remember_fill_pages(self, booklet: str, count: int) -> None:
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
            (self.folder / f"{FILL_PAGES}{booklet}.txt").write_text(str(count), encoding="ascii")

    def keep_only(self, keys: set[str]) -> None:
        """Remove what this build did not use (the folder holds one build's PDFs)."""
        if self.folder is None or not self.folder.exists():
            return
        for path in self.folder.iterdir():
            if path.name.split(".")[0] not in keys and not path.name.startswith(FILL_PAGES):
                path.unlink()


def _print_inputs(project: Project) -> str:
    """A hash of what, besides a document's HTML, makes its bytes."""
    digest = hashlib.sha256()
    for library in (weasyprint, pydyf, pypdf, fontTools):
        digest.update(f"{library.__name__} {library.__version__}\n".encode())
    code = sorted(Path(__file__).parent.glob("*.py")) + [TEMPLATES / "print.css"]
    fonts = sorted((project.overrides_dir / "assets" / "fonts").glob("*.woff2"))
    for path in code + fonts:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _write_if_changed(path: Path, pdf: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_bytes() != pdf:
        path.write_bytes(pdf)


def _font_faces(project: Project) -> str:
    """``@font-face`` rules for the site's own font files (file: URLs, never the network)."""
    folder = project.overrides_dir / "assets" / "fonts"
    rules = []
    for path in sorted(folder.glob("*.woff2")):
        match = _FONT_FILE.search(path.name)
        if match:
            rules.append(f'@font-face {{ font-family: "Atkinson Hyperlegible"; '
                         f'font-weight: {match["weight"]}; font-style: {match["style"]}; '
                         f'src: url("{path.resolve().as_uri()}") format("woff2"); }}')
    if not rules:
        raise BuildError(f"no font file (*-400-normal.woff2…) in {folder}: the booklet uses "
                         "the site's font, Atkinson Hyperlegible")
    return "\n".join(rules)


HARMLESS_NOTICES = (
    # Without the HarfBuzz-Subset library, WeasyPrint subsets the fonts with fontTools (same
    # glyphs, same text; the bytes stay the same from one run to the next on one machine).
    "Using fontTools instead of HarfBuzz-Subset for font",
)
"""Starts of the WeasyPrint log messages that change nothing a reader sees: the only warnings
the build lets through. Any other (a missing font or glyph, a URL that does not resolve, a
box that overflows, CSS it does not understand) stops it."""


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno < logging.ERROR and str(record.msg).startswith(HARMLESS_NOTICES):
            return
        self.messages.append(f"{record.levelname.lower()}: {record.getMessage()}")


@contextmanager
def _weasyprint_problems(name: str) -> Iterator[None]:
    """Turn every WeasyPrint warning (or error) while the block runs into a BuildError."""
    logger = logging.getLogger("weasyprint")
    handler = _Collect()
    previous = logger.level
    if not logger.isEnabledFor(logging.WARNING):
        logger.setLevel(logging.WARNING)
    logger.addHandler(handler)
    try:
        yield
    except FatalURLFetchingError as exc:
        raise BuildError(f"{name}: WeasyPrint tried to fetch a resource that is not a local "
                         f"file: {exc} ({exc.__cause__})") from exc
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)
    if handler.messages:
        listed = "\n  ".join(dict.fromkeys(handler.messages))
        raise BuildError(f"{name}: WeasyPrint reported {len(handler.messages)} problem(s):\n"
                         f"  {listed}")
