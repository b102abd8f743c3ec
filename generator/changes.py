"""``make changes BASE=<git ref>``: what readers will see change, for a reviewer who does not
read YAML.

Builds the base (the generator, data and templates of ``BASE``, with the base's own code) and
the working tree, each in a folder of its own, and compares what a reader sees: the title and
main text of every page in every language (the menus, which repeat on every page, are left
out) and the text of every PDF. Prints a Markdown report: pages and PDFs added, removed and
changed; for each changed one, the changed passages, old → new, word by word; and the
translations the change made stale.

A build is reused when the hash of its inputs matches one already made (``build/changes/``).
"""

from __future__ import annotations

import difflib
import hashlib
import html
import io
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from .data.translations import translation_problems
from .data.validate import load_site_data
from .errors import DataError, GeneratorError
from .project import Project
from .site.downloads import DOWNLOADS_DIR

INPUTS = ("mkdocs.yml", "requirements.lock", "data", "content", "overrides", "generator")
"""What a build depends on (the generator included: a template change is a change)."""
MAX_PASSAGES = 6
"""Changed passages shown per page or PDF; the rest are counted."""
CONTEXT_WORDS = 8
"""Unchanged words kept on each side of a change."""


class ChangesError(GeneratorError):
    pass


# --------------------------------------------------------------------------- building


def inputs_hash(root: Path) -> str:
    """A hash of the build's inputs under ``root`` (file names and bytes)."""
    digest = hashlib.sha256()
    for part in INPUTS:
        base = root / part
        paths = [base] if base.is_file() else sorted(base.rglob("*")) if base.exists() else []
        for path in paths:
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                digest.update(path.relative_to(root).as_posix().encode() + b"\0")
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def extract_ref(repo: Path, ref: str, target: Path) -> None:
    """The inputs of ``ref`` (a commit, branch or tag of the repository at ``repo``)."""
    commit = _git(repo, "rev-parse", "--verify", f"{ref}^{{commit}}").strip()
    names = _git(repo, "ls-tree", "--name-only", commit).split()
    parts = [part for part in INPUTS if part in names]
    archive = subprocess.run(["git", "archive", "--format=tar", commit, "--", *parts], cwd=repo,
                             capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")


def copy_working_tree(root: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for part in INPUTS:
        source = root / part
        if source.is_dir():
            shutil.copytree(source, target / part,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif source.exists():
            shutil.copy2(source, target / part)


def built(source: Path, cache: Path) -> Path:
    """The site built from the inputs in ``source``, with ``source``'s own generator; reused
    from ``cache`` when the same inputs were built before."""
    out = cache / inputs_hash(source)
    if not (out / "site" / "index.html").exists():
        result = subprocess.run([sys.executable, "-m", "generator", "--root", str(source),
                                 "build"], cwd=source, capture_output=True, text=True,
                                check=False)
        if result.returncode != 0:
            raise ChangesError(f"the build of {source.name} failed:\n{result.stderr.strip()}")
        if out.exists():
            shutil.rmtree(out)
        out.mkdir(parents=True)
        shutil.move(str(source / "site"), out / "site")
    return out / "site"


def _git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True,
                            check=False)
    if result.returncode != 0:
        raise ChangesError(f"git {' '.join(args)}: {result.stderr.strip()}")
    return result.stdout


# --------------------------------------------------------------------------- reading


_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "summary",
           "caption", "figcaption", "blockquote", "pre", "br", "tr", "div", "section"}
_SKIPPED = {"script", "style", "noscript", "template", "svg"}


class _VisibleText(HTMLParser):
    """The title and the main text (``<article>``) of a built page, one block per line;
    hidden elements, scripts and styles left out."""

    _VOID = {"br", "img", "input", "meta", "link", "hr", "wbr", "source", "area", "col"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._in_title = False
        self._article = 0
        self._skip: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if self._skip:
            if tag not in self._VOID:
                self._skip.append(tag)
            return
        names = dict(attrs)
        if tag == "article":
            self._article += 1
        elif self._article and (tag in _SKIPPED or "hidden" in names
                                or names.get("aria-hidden") == "true"):
            if tag not in self._VOID:
                self._skip.append(tag)
            return
        if tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if self._skip:
            self._skip.pop()
            return
        if tag in _BLOCKS or tag == "article":
            self._flush()
        if tag == "article":
            self._article -= 1

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif self._article and not self._skip:
            self._current.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.blocks.append(text)
        self._current = []


@dataclass(frozen=True)
class Document:
    """What a reader sees of one page or PDF."""

    name: str
    blocks: tuple[str, ...]


def read_site(site: Path) -> tuple[dict[str, Document], dict[str, Document]]:
    """Every page (by URL path) and every PDF (by file path) of a built site."""
    pages: dict[str, Document] = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        parser = _VisibleText()
        parser.feed(path.read_text(encoding="utf-8"))
        parser.close()
        url = rel.removesuffix("index.html") or "./"
        pages[url] = Document(" ".join(parser.title.split()), tuple(parser.blocks))
    pdfs: dict[str, Document] = {}
    for path in sorted((site / DOWNLOADS_DIR).rglob("*.pdf")):
        pdfs[path.relative_to(site).as_posix()] = Document(path.name, _pdf_blocks(path))
    return pages, pdfs


def _pdf_blocks(path: Path) -> tuple[str, ...]:
    """A PDF's text as lines, hyphenation at line ends joined back."""
    from pypdf import PdfReader

    lines: list[str] = []
    for page in PdfReader(path).pages:
        for line in (page.extract_text() or "").splitlines():
            line = " ".join(line.split())
            if line:
                lines.append(line)
    return tuple(lines)


# --------------------------------------------------------------------------- comparing


def passages(old: tuple[str, ...], new: tuple[str, ...]) -> list[str]:
    """The changed passages between two texts, as Markdown lines: « … ~~old~~ **new** … »."""
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        before = " ".join(old[i1:i2])
        after = " ".join(new[j1:j2])
        if tag == "delete":
            out.append(f"removed: « {_md(_clip(before))} »")
        elif tag == "insert":
            out.append(f"added: « {_md(_clip(after))} »")
        else:
            out.append(f"« {_word_diff(before, after)} »")
    return out


def _word_diff(before: str, after: str) -> str:
    old, new = before.split(), after.split()
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    codes = matcher.get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(codes):
        if tag == "equal":
            words = old[i1:i2]
            first, last = index == 0, index == len(codes) - 1
            if len(words) > 2 * CONTEXT_WORDS or (first or last) and len(words) > CONTEXT_WORDS:
                head = [] if first else words[:CONTEXT_WORDS]
                tail = [] if last else words[-CONTEXT_WORDS:]
                parts.append(" ".join([*map(_md, head), "…", *map(_md, tail)]).strip())
            else:
                parts.append(" ".join(map(_md, words)))
            continue
        if i2 > i1:
            parts.append(f"~~{_md(' '.join(old[i1:i2]))}~~")
        if j2 > j1:
            parts.append(f"**{_md(' '.join(new[j1:j2]))}**")
    return " ".join(part for part in parts if part)


def _clip(text: str, limit: int = 220) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


_MARKDOWN = re.compile(r"([\\`*_~\[\]|#])")


def _md(text: str) -> str:
    """Text for the Markdown report: escaped, so that page text never becomes markup."""
    return _MARKDOWN.sub(r"\\\1", html.escape(text, quote=False))


@dataclass
class Report:
    base: str
    added: list[tuple[str, Document]]
    removed: list[tuple[str, Document]]
    changed: list[tuple[str, Document, list[str]]]
    pdf_added: list[str]
    pdf_removed: list[str]
    pdf_changed: list[tuple[str, list[str]]]
    stale: list[str]

    def markdown(self) -> str:
        lines = [f"# What readers will see change ({self.base} → working tree)", ""]
        summary = (f"Pages: {len(self.changed)} changed, {len(self.added)} added, "
                   f"{len(self.removed)} removed. PDFs: {len(self.pdf_changed)} changed, "
                   f"{len(self.pdf_added)} added, {len(self.pdf_removed)} removed. Stale "
                   f"translations: {len(self.stale)}.")
        lines += [summary, ""]
        if not any((self.added, self.removed, self.changed, self.pdf_added, self.pdf_removed,
                    self.pdf_changed, self.stale)):
            return "\n".join([*lines, "Nothing a reader sees has changed.", ""])
        if self.changed:
            lines += ["## Pages changed", ""]
            for url, document, found in self.changed:
                lines += _passages_block(f"{_md(document.name)} (`{url}`)", found)
        for title, items in (("Pages added", self.added), ("Pages removed", self.removed)):
            if items:
                lines += [f"## {title}", ""]
                lines += [f"- {_md(document.name)} (`{url}`)" for url, document in items]
                lines.append("")
        if self.pdf_changed:
            lines += ["## PDFs changed", ""]
            for path, found in self.pdf_changed:
                lines += _passages_block(f"`{path}`", found)
        for title, names in (("PDFs added", self.pdf_added), ("PDFs removed", self.pdf_removed)):
            if names:
                lines += [f"## {title}", "", *[f"- `{name}`" for name in names], ""]
        if self.stale:
            lines += ["## Translations made stale by this change", "",
                      "The French text changed; update the English, delete its `en_from` "
                      "line, then run `make stamp`.", ""]
            lines += [f"- `{item}`" for item in self.stale]
            lines.append("")
        return "\n".join(lines)


def read_cached(site: Path) -> tuple[dict[str, Document], dict[str, Document]]:
    """:func:`read_site`, kept beside a cached build (reading the PDFs is the slow part)."""
    cached = site.parent / "texts.json"
    if not cached.exists():
        parts = read_site(site)
        cached.write_text(json.dumps([{key: [doc.name, list(doc.blocks)]
                                       for key, doc in part.items()} for part in parts],
                                     ensure_ascii=False), encoding="utf-8")
    pages, pdfs = json.loads(cached.read_text(encoding="utf-8"))
    return ({key: Document(name, tuple(blocks)) for key, (name, blocks) in pages.items()},
            {key: Document(name, tuple(blocks)) for key, (name, blocks) in pdfs.items()})


def _without_site_name(pages: dict[str, Document]) -> dict[str, Document]:
    """Page titles without the site's name that follows them (« … - Prévenir les … »)."""
    names = [doc.name for url, doc in pages.items() if re.fullmatch(r"(\./|[a-z]{2}/)", url)]
    out = {}
    for url, doc in pages.items():
        title = doc.name
        for name in names:
            title = title.removesuffix(f" - {name}")
        out[url] = Document(title, doc.blocks)
    return out


def _passages_block(title: str, found: list[str]) -> list[str]:
    """One changed page or PDF in the report: its title, then its first passages."""
    more = len(found) - MAX_PASSAGES
    return [f"### {title}", "", *[f"- {item}" for item in found[:MAX_PASSAGES]],
            *([f"- … and {more} more"] if more > 0 else []), ""]


def compare(base_site: Path, work_site: Path, base: str, stale: list[str]) -> Report:
    old_pages, old_pdfs = read_cached(base_site)
    new_pages, new_pdfs = read_cached(work_site)
    old_pages, new_pages = _without_site_name(old_pages), _without_site_name(new_pages)
    changed = [(url, new_pages[url], found) for url in new_pages if url in old_pages
               for found in [passages(old_pages[url].blocks, new_pages[url].blocks)
                             + _title_change(old_pages[url], new_pages[url])] if found]
    pdf_changed = [(path, found) for path in new_pdfs if path in old_pdfs
                   for found in [passages(old_pdfs[path].blocks, new_pdfs[path].blocks)]
                   if found]
    return Report(
        base=base,
        added=[(url, doc) for url, doc in new_pages.items() if url not in old_pages],
        removed=[(url, doc) for url, doc in old_pages.items() if url not in new_pages],
        changed=changed,
        pdf_added=[path for path in new_pdfs if path not in old_pdfs],
        pdf_removed=[path for path in old_pdfs if path not in new_pdfs],
        pdf_changed=pdf_changed,
        stale=stale,
    )


def _title_change(old: Document, new: Document) -> list[str]:
    return [] if old.name == new.name else [f"title: « {_word_diff(old.name, new.name)} »"]


def stale_translations(base_root: Path, work_root: Path) -> list[str]:
    """Translations outdated in the working tree that were not in the base: made stale by
    the change (``file:line: path``)."""

    def outdated(root: Path) -> dict[tuple[str, str], str]:
        project = Project.at(root)
        data = load_site_data(project.data_dir, project.codes, display_root=project.root)
        return {(problem.file, problem.path): f"{problem.file}:{problem.line}: {problem.path}"
                for problem in translation_problems(data) if "outdated" in problem.message}

    now = outdated(work_root)
    try:
        before = outdated(base_root)
    except DataError:
        before = {}
    return [where for key, where in now.items() if key not in before]


# --------------------------------------------------------------------------- entry point


def changes(repo: Path, base: str, cache: Path | None = None) -> str:
    """The Markdown report of what readers will see change between ``base`` and the
    working tree of the repository at ``repo``."""
    cache = cache or repo / "build" / "changes"
    cache.mkdir(parents=True, exist_ok=True)
    label = f"`{base}` ({_git(repo, 'rev-parse', '--short', base).strip()})"
    with tempfile.TemporaryDirectory(dir=cache) as folder:
        base_root, work_root = Path(folder) / "base", Path(folder) / "work"
        extract_ref(repo, base, base_root)
        copy_working_tree(repo, work_root)
        stale = stale_translations(base_root, work_root)
        base_site = built(base_root, cache)
        work_site = built(work_root, cache)
        return compare(base_site, work_site, label, stale).markdown()
