"""Problems found in the data, and how they are printed for a data editor."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or, with ``level='notice'``, still to do) at a place in a data file."""

    file: str
    line: int
    path: str
    message: str
    level: str = "error"

    def format(self, style: str = "text") -> str:
        """One line: ``data/steps.yaml:42: steps[3].actors[1]: unknown actor …``.

        ``style='github'`` prints a GitHub Actions annotation on the same file and line.
        """
        where = f"{self.path}: " if self.path else ""
        if style == "github":
            kind = "error" if self.level == "error" else "warning"
            return f"::{kind} file={self.file},line={self.line}::{where}{self.message}"
        return f"{self.file}:{self.line}: {where}{self.message}"


class GeneratorError(Exception):
    """Base of the errors the command line reports without a traceback."""


class DataError(GeneratorError):
    """The data does not validate; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem], outcome: str = "nothing was built") -> None:
        super().__init__(f"{len(problems)} problem(s) in the data")
        self.problems = sorted(problems)
        self.outcome = outcome


class RenderError(GeneratorError):
    """A template failed; the message names the template, its line and the record."""


class BuildError(GeneratorError):
    """MkDocs or WeasyPrint failed; the previous site is left untouched."""


def format_path(loc: tuple[str | int, ...]) -> str:
    """``('steps', 3, 'actors', 1)`` → ``steps[3].actors[1]``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out
