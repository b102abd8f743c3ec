"""Translation completeness and freshness.

Each translation records the French text it was made from, as a short hash next to it
(``en_from: 1a2b3c4d``). When the French text changes, its hash no longer matches and the
translation is reported as outdated, with its file and line, until someone updates it. This
keeps a legal site from drifting silently between languages.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

from ..errors import Problem, format_path
from .load import load_file
from .site_data import SiteData
from .validate import iter_texts

HASH_LENGTH = 8


def text_hash(text: str) -> str:
    """Short hash of a text, blind to line wrapping and spacing."""
    normalised = " ".join(text.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def translation_problems(data: SiteData, level: str = "notice") -> list[Problem]:
    """Missing and outdated translations in every data file, one problem each."""
    problems: list[Problem] = []
    default = data.default_language
    for name, model in data.models().items():
        loaded = data.files[name]
        for loc, text in iter_texts(model):
            source = text.root[default]
            for lang in data.languages[1:]:
                if lang not in text.root:
                    problems.append(Problem(loaded.display, loaded.line_of(loc),
                                            format_path(loc), f"missing '{lang}' text",
                                            level=level))
                    continue
                recorded = text.root.get(f"{lang}_from")
                if recorded is None:
                    problems.append(Problem(
                        loaded.display, loaded.line_of((*loc, lang)), format_path(loc),
                        f"'{lang}' text has no '{lang}_from' hash — run `make stamp` to record "
                        "the French text it translates", level=level))
                elif recorded != text_hash(source):
                    problems.append(Problem(
                        loaded.display, loaded.line_of((*loc, lang)), format_path(loc),
                        f"'{lang}' text is outdated: the French text changed since it was "
                        f"translated — update the '{lang}' text, delete its '{lang}_from' line, "
                        "then run `make stamp`", level=level))
    return problems


def stamp_file(path: Path, languages: tuple[str, ...]) -> int:
    """Add ``<lang>_from: <hash>`` under every translation that has none. Only lines are
    inserted: comments and layout stay as the editor wrote them. Returns how many."""
    loaded, problems = load_file(path, str(path))
    if loaded is None or problems:
        return 0
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    inserts: list[tuple[int, str]] = []
    for mapping in _text_mappings(node, languages[0]):
        keys = {key.value: (key, value) for key, value in mapping.value}
        source = keys[languages[0]][1].value
        for lang in languages[1:]:
            if lang not in keys or f"{lang}_from" in keys:
                continue
            key, value = keys[lang]
            if mapping.flow_style:
                continue
            end = value.end_mark
            index = end.line if end.column == 0 else end.line + 1
            while index > 0 and not lines[index - 1].strip():  # after the text, not a gap
                index -= 1
            indent = " " * key.start_mark.column
            inserts.append((index, f"{indent}{lang}_from: '{text_hash(source)}'\n"))
    for index, line in sorted(inserts, reverse=True):
        if index > 0 and not lines[index - 1].endswith("\n"):
            lines[index - 1] += "\n"
        lines.insert(index, line)
    if inserts:
        path.write_text("".join(lines), encoding="utf-8")
    return len(inserts)


def _text_mappings(node: yaml.Node, default: str) -> list[yaml.MappingNode]:
    """Mappings shaped like a Text: a scalar in the ``default`` language plus other scalar
    languages."""
    found: list[yaml.MappingNode] = []
    if isinstance(node, yaml.MappingNode):
        keys = {key.value for key, _ in node.value if isinstance(key, yaml.ScalarNode)}
        values_scalar = all(isinstance(value, yaml.ScalarNode) for _, value in node.value)
        if default in keys and values_scalar:
            found.append(node)
        else:
            for _, value in node.value:
                found += _text_mappings(value, default)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found += _text_mappings(item, default)
    return found
