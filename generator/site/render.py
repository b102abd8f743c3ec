"""Render the validated data into Markdown pages, one folder per language.

The output is plain Markdown files that any static-site engine reading Markdown can build;
nothing here knows MkDocs. Every value from the data is escaped for HTML and Markdown on its
way out (see :func:`escape_text`): a ``<script>`` typed in a title shows as text.
"""

from __future__ import annotations

import dataclasses
import functools
import html
import json
import posixpath
import re
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..data import model as m
from ..data.freshness import check_reason
from ..data.publication import is_draft
from ..data.site_data import SiteData
from ..errors import RenderError
from ..lang import Lang, UnknownString, collapse_spaces, first_sentence, load_strings
from . import addresses
from .downloads import Downloads
from .pages import Page

TEMPLATES = Path(__file__).parent / "templates"

PageUrl = Callable[[str], str]
"""The engine's URL scheme: a page's source path ('a/b.md') → its URL ('a/b/')."""

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}|])")
_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])", re.MULTILINE)


def escape_text(value: object) -> Markup:
    """Plain text → safe Markdown: HTML special characters become entities, Markdown
    punctuation is backslash-escaped, so data can never add markup to a page. A value that
    is already :class:`Markup` (escaped or written by a template) passes unchanged."""
    if isinstance(value, Markup):
        return value
    text = collapse_spaces(str(value))
    text = html.escape(text, quote=True)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _LINE_START.sub(lambda match: match.group(1) + "\\" + match.group(2), text)
    return Markup(text)


_UNESCAPE_MD = re.compile(r"\\([\\`*_\[\]{}|#>+\-=.)])")


def plain_text(value: object) -> str:
    """Undo :func:`escape_text`: the plain text behind an escaped value."""
    if isinstance(value, Markup):
        return html.unescape(_UNESCAPE_MD.sub(r"\1", str(value)))
    return str(value)


_HTML_BLOCK = re.compile(
    r"^\s*<(p|div|table|ul|ol|li|section|aside|nav|details|summary|h[1-6]|dl|dt|dd|blockquote"
    r"|tr|td|th|thead|tbody)\b(?![^>]*\smarkdown)")
_MARKDOWN_IN_TEMPLATE = re.compile(
    r"\]\(|\*\*|\|md\b|\|md_href\b|mac\.(actor_link|dispositif_link|step_link|bullet_list"
    r"|contact_block|contact_lines|deadline_box)\b")
"""Markdown syntax, or a filter or macro that writes Markdown (|md escapes for Markdown)."""


def markup_problems(source: str) -> list[tuple[int, str]]:
    """Lines of a template that open a block-level HTML element (without ``markdown``) and
    write Markdown in it: the reader would see ``[title](link)``, ``**`` or escaping
    backslashes, and no link checker would see the link. Data cannot trigger this: only
    the template's own text is read."""
    return [(number, line.strip()) for number, line in enumerate(source.splitlines(), 1)
            if _HTML_BLOCK.search(line) and _MARKDOWN_IN_TEMPLATE.search(line)]


def check_one_markup(template: str, record: str, lang: str,
                     source: str | None = None) -> None:
    """Raise a RenderError naming the template line that mixes HTML and Markdown."""
    if source is None:
        source = (TEMPLATES / template).read_text(encoding="utf-8")
    for number, line in markup_problems(source):
        raise RenderError(
            f"generator/site/templates/{template}:{number}: Markdown inside an HTML block is "
            f"shown raw: {line[:100]!r} — write the block in Markdown, add the markdown "
            f"attribute, or build the link with |html_href and the text with |html (rendering "
            f"{record}, language '{lang}')")


def _per_renderer(method: str) -> Callable[..., Any]:
    """A filter that calls ``method`` of the Renderer rendering the current page."""

    @jinja2.pass_context
    def call(context: jinja2.runtime.Context, *args: Any, **kwargs: Any) -> Any:
        return getattr(context["renderer"], method)(*args, **kwargs)

    return call


@functools.lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    """One environment for every language and build: templates are compiled once."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        finalize=Renderer.finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        md_href=relative_link,
        **{name: _per_renderer(method) for name, method in (
            ("md", "text"), ("html", "html_text"), ("html_href", "href"), ("meta", "meta"),
            ("colon", "colon"), ("date", "format_date"), ("named", "named"),
            ("first_sentence", "first_sentence"))})
    # Page addresses come from one owner (:mod:`.addresses`): a template asks for a key.
    env.globals.update(page=addresses.page_path, stage_page=addresses.stage_path,
                       audience_page=addresses.audience_index,
                       dispositif_page=addresses.dispositif_path, reader_of=addresses.READER,
                       audiences=addresses.AUDIENCES, tenant_pages=addresses.TENANT_PAGES,
                       deadlines_anchor=addresses.DEADLINES_ANCHOR)
    return env


class Renderer:
    """Renders every data-driven page for one language."""

    def __init__(self, data: SiteData, lang: str, site_url: str, page_url: PageUrl,
                 downloads: Downloads | None = None) -> None:
        self.data = data
        self.lang = lang
        self.site_url = site_url
        self.page_url = page_url
        self.strings = load_strings()
        self.language = Lang(lang, data.default_language, self.strings,
                             slots=data.slots(lang))
        self.env = _environment()
        self.context = dict(renderer=self, data=data, lang=lang, s=self.string,
                            site_url=site_url, steps=data.steps.steps,
                            actors=data.by_id("actors"), dispositifs=data.by_id("dispositifs"),
                            instances=data.by_id("instances"), sources=data.by_id("sources"),
                            terms=data.glossary.terms, downloads=downloads or Downloads(),
                            root_href=self.root_href, draft=is_draft(data))

    @staticmethod
    def finalize(value: Any) -> Any:
        if value is None:
            raise jinja2.UndefinedError("a template printed an empty (None) value")
        if isinstance(value, Markup):
            return value
        if isinstance(value, m.Text):
            raise jinja2.UndefinedError("a Text was printed without the |md filter")
        return escape_text(value)

    def text(self, value: m.Text | str | None) -> Markup:
        """A data text in this language (or a plain string, such as a legal reference),
        escaped."""
        if value is None:
            raise jinja2.UndefinedError("|md applied to an empty value")
        return escape_text(self.language.text(value))

    def first_sentence(self, value: m.Text | str) -> str:
        """The first sentence of a data text in this language (not escaped: pipe it into
        |md or |html)."""
        return first_sentence(self.language.text(value))

    def named(self, record: m.Actor | m.Dispositif) -> Markup:
        """A record's name with its acronym, unless the name shows it already; escaped."""
        return escape_text(self.language.named(record.name, record.acronym))

    def string(self, key: str, **values: object) -> Markup:
        """An interface string in this language; ``{name}`` slots are filled escaped."""
        try:
            template = self.language.template(key)
        except UnknownString as exc:
            raise jinja2.UndefinedError(str(exc)) from None
        escaped = {name: escape_text(value) for name, value in values.items()}
        return Markup(template.format(**escaped))

    def root_href(self, target: str, page_path: str) -> Markup:
        """URL from a page of this language to a file at the site root (the PDFs)."""
        depth = self.page_url(page_path).count("/")
        if self.lang != self.data.default_language:
            depth += 1  # the language's folder, e.g. en/
        return Markup(html.escape("../" * depth + target, quote=True))

    def href(self, target: str, page_path: str) -> Markup:
        """URL from the page built from ``page_path`` to the page built from ``target``,
        for raw HTML, where the engine does not rewrite ``.md`` links."""
        target, hash_, anchor = target.partition("#")
        here = "/" + self.page_url(page_path)
        there = "/" + self.page_url(target)
        rel = posixpath.relpath(there, here)
        rel = "./" if rel == "." else rel + "/"
        return Markup(html.escape(rel + hash_ + anchor, quote=True))

    def public_url(self, target: str) -> str:
        """The public address of the page built from ``target`` ('a/b.md#c')."""
        path, hash_, anchor = target.partition("#")
        return self.site_url + self.page_url(path) + hash_ + anchor

    def html_text(self, value: m.Text | str) -> Markup:
        """A value for raw HTML (a block or an attribute, where Markdown does not run):
        HTML-escaped only."""
        if isinstance(value, m.Text):
            value = self.language.text(value)
        return Markup(html.escape(collapse_spaces(plain_text(value)), quote=True))

    def meta(self, value: object) -> Markup:
        """A front-matter value: quoted, and HTML-escaped because themes print it raw."""
        if isinstance(value, list | tuple):
            return Markup(json.dumps([str(item) for item in value], ensure_ascii=False))
        if isinstance(value, dict):
            return Markup(json.dumps(value))
        if isinstance(value, m.Text):
            value = self.language.text(value)
        text = collapse_spaces(plain_text(value))
        return Markup(json.dumps(html.escape(text, quote=True), ensure_ascii=False))

    def colon(self, label: object) -> Markup:
        """``label`` followed by the language's colon ('Source :' in French)."""
        return Markup(self.language.colon(escape_text(label)))

    def format_date(self, value: Any) -> str:
        """A date in words, in this language ('27 novembre 2026')."""
        return self.language.date(value)

    def check_reason(self, contact: m.Contact) -> str | None:
        """'secondary' or 'old' when the contact must be confirmed before going."""
        return check_reason(self.data.by_id("sources")[contact.source], self.data.site.edition)

    def render(self, template: str, path: str, record_name: str, **context: Any) -> Page:
        try:
            content = self.env.get_template(template).render(
                {**self.context, "search": None, **context}, page_path=path)
        except jinja2.TemplateError as exc:
            line = _template_line(exc, template)
            raise RenderError(f"generator/site/templates/{template}:{line}: {exc} "
                              f"(rendering {record_name}, language '{self.lang}')") from exc
        for name in (template, "_macros.md.j2"):
            check_one_markup(name, record_name, self.lang)
        return Page(path, content)


def _template_line(exc: jinja2.TemplateError, template: str) -> int | str:
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.lineno:
        return exc.lineno
    tb = exc.__traceback__
    line: int | str = "?"
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(template):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def relative_link(target: str, page_path: str) -> Markup:
    """Link from the page at ``page_path`` to the Markdown file ``target`` (both relative
    to the docs folder), as MkDocs resolves links: relative to the source file."""
    anchor = ""
    if "#" in target:
        target, anchor = target.split("#", 1)
        anchor = "#" + anchor
    if not target:
        return Markup(anchor)
    rel = posixpath.relpath(target, posixpath.dirname(page_path) or ".")
    return Markup(rel + anchor)


PUBLICATION_MARKER = "<!-- publication -->"
"""Where a hand-written page shows who publishes the site (from data/site.yaml)."""


def fill_publication(renderer: Renderer, pages: list[Page]) -> list[Page]:
    """The hand-written pages, with the publisher, director of publication, host and address
    of data/site.yaml where a page holds :data:`PUBLICATION_MARKER`: written once, in the
    data, never copied by hand into a page."""
    out = []
    for page in pages:
        if PUBLICATION_MARKER in page.content:
            block = renderer.render("publication.md.j2", page.path, "publication details")
            page = dataclasses.replace(page, content=page.content.replace(
                PUBLICATION_MARKER, block.content.strip()))
        out.append(page)
    return out


def copy_hand_written(content_dir: Path, lang: str) -> list[Page]:
    """The hand-written pages of ``content/<lang>/``, as pages to write."""
    base = content_dir / lang
    if not base.is_dir():
        return []
    return [Page(path.relative_to(base).as_posix(), path.read_text(encoding="utf-8"))
            for path in sorted(base.rglob("*.md"))]


def write_pages(pages: Iterable[Page], out_dir: Path) -> list[str]:
    """Write ``pages`` under ``out_dir``, touching only files whose content changed and
    removing files no longer produced (so a live preview does not rebuild in a loop).
    Returns the paths written."""
    wanted: dict[str, bytes] = {page.path: page.content.encode("utf-8") for page in pages}
    written = []
    for rel, content in wanted.items():
        target = out_dir / rel
        if target.exists() and target.read_bytes() == content:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        written.append(rel)
    if out_dir.exists():
        for path in sorted(out_dir.rglob("*"), reverse=True):
            rel = path.relative_to(out_dir).as_posix()
            if path.is_file() and rel not in wanted:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                shutil.rmtree(path)
    return written
