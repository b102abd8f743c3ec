"""What the pages need to know of the printed documents: where each PDF is, its pages, its
size. The PDFs are served from ``site/livret/`` for every language."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DOWNLOADS_DIR = "livret"


@dataclass(frozen=True)
class Download:
    path: str
    """Relative to the site root, e.g. 'livret/fiches/fr/locataire-commandement-de-payer.pdf'."""
    pages: int
    size: int

    @property
    def kilobytes(self) -> int:
        return max(1, round(self.size / 1024))


@dataclass(frozen=True)
class Downloads:
    booklets: dict[str, Download] = field(default_factory=dict)
    """Per language: the A5 booklet."""
    imposed: dict[str, Download] = field(default_factory=dict)
    """Per language: the booklet 2-up on A4, to print, fold and staple (pages: sheet sides)."""
    handouts: dict[tuple[str, str, str], Download] = field(default_factory=dict)
    """Per (language, audience, step id)."""
    forms: dict[tuple[str, str], Download] = field(default_factory=dict)
    """Per (language, letter or sheet id): the blank letter or sheet, to fill in by hand."""
    documents: tuple[Any, ...] = ()
    """The printed documents as the print step described them (``PrintedDocument``)."""

    @classmethod
    def of(cls, documents: list[Any], out_dir: Path) -> Downloads:
        booklets: dict[str, Download] = {}
        imposed: dict[str, Download] = {}
        handouts: dict[tuple[str, str, str], Download] = {}
        forms: dict[tuple[str, str], Download] = {}
        for document in documents:
            relative = document.path.relative_to(out_dir).as_posix()
            item = Download(f"{DOWNLOADS_DIR}/{relative}", document.pages, document.size)
            if document.kind == "booklet":
                booklets[document.lang] = item
            elif document.kind == "imposed":
                imposed[document.lang] = item
            elif document.kind == "form":
                forms[(document.lang, document.form)] = item
            else:
                handouts[(document.lang, document.audience, document.step)] = item
        return cls(booklets, imposed, handouts, forms, tuple(documents))
