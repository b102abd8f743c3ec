"""Read YAML data files into plain Python values, remembering the line of every value.

PyYAML's composer gives every node its position; we build the Python value ourselves from the
node tree so that each key path (``('steps', 3, 'actors', 1)``) maps to a line number. The
schema errors of ``validate`` then point at the line a data editor must change.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem, format_path

Loc = tuple[str | int, ...]

# libyaml's parser when PyYAML was built with it (it is, from PyPI wheels): same nodes and
# marks, several times faster on the ~10,000 lines of data.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class LoadedFile:
    """A data file's content, with a line number for each key path."""

    name: str
    display: str
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)
    key_lines: dict[Loc, int] = field(default_factory=dict)

    def line_of(self, loc: Loc) -> int:
        """The line of ``loc``, or of its nearest parent that has one."""
        loc = tuple(loc)
        while loc:
            if loc in self.key_lines:
                return self.key_lines[loc]
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)


def _decode(raw: bytes, display: str) -> tuple[str | None, list[Problem]]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [
            Problem(display, line, "", "the file is not valid UTF-8 (byte "
                    f"0x{raw[exc.start]:02x}) — save it as UTF-8 in your editor")
        ]
    return text.removeprefix("\ufeff"), []


def _syntax_problem(exc: yaml.MarkedYAMLError, display: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    what = exc.problem or "invalid YAML"
    context = f" ({exc.context})" if exc.context else ""
    return Problem(display, line, "", f"YAML syntax error: {what}{context} — check the "
                   "indentation and quotes on this line and the one before")


def load_file(path: Path, display: str) -> tuple[LoadedFile | None, list[Problem]]:
    """Load one file; return it (or None) and the problems found."""
    if not path.exists():
        return None, [Problem(display, 1, "", "the file is missing — restore it from git "
                              "(git checkout -- " + display + ")")]
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).digest()
    cached = _PARSED.get((str(path), display))
    if cached is not None and cached[0] == digest:
        return cached[1], list(cached[2])
    loaded, problems = _parse(raw, display, path.name)
    _PARSED[(str(path), display)] = (digest, loaded, tuple(problems))
    return loaded, problems


_PARSED: dict[tuple[str, str], tuple[bytes, LoadedFile | None, tuple[Problem, ...]]] = {}
"""The last parse of each file, by its bytes' hash: a live preview re-reads only the files that
changed (parsing with line numbers is most of the time of a load). A LoadedFile is never
changed once parsed."""


def _parse(raw: bytes, display: str, name: str) -> tuple[LoadedFile | None, list[Problem]]:
    text, problems = _decode(raw, display)
    if text is None:
        return None, problems
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            return None, [Problem(display, number, "", "a tab is used for indentation — YAML "
                                  "needs spaces; replace the tab with spaces")]
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(exc, display)]
    finally:
        loader.dispose()
    if node is None:
        return None, [Problem(display, 1, "", "the file is empty — restore it from git or "
                              "copy the shape of the example in the README")]
    loaded = LoadedFile(name, display, None)
    problems = []
    loaded.data = _to_python(node, (), loaded, problems, _Loader(""))
    return loaded, problems


def _to_python(node: yaml.Node, loc: Loc, out: LoadedFile, problems: list[Problem],
               constructor: yaml.SafeLoader) -> Any:
    out.lines[loc] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        constructor.flatten_mapping(node)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = constructor.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                key = str(key)
            child = (*loc, key)
            if key in result:
                problems.append(Problem(out.display, key_node.start_mark.line + 1,
                                        format_path(child),
                                        f"key '{key}' appears twice — keep one"))
            out.key_lines[child] = key_node.start_mark.line + 1
            result[key] = _to_python(value_node, child, out, problems, constructor)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(item, (*loc, index), out, problems, constructor)
                for index, item in enumerate(node.value)]
    try:
        return constructor.construct_object(node, deep=True)
    except (ValueError, yaml.constructor.ConstructorError):
        # e.g. 2026-13-01 looks like a date but is none: keep the text, so the schema says
        # what is expected at this place.
        return node.value
