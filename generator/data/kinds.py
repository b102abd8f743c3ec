"""The kinds of record a reference can name, each once: where its records are (file and path
inside it), what identifies them, and how a message names them. The validator's id
collection and its « unknown actor 'x' » messages, the lookups of :class:`SiteData` and the
reference types of :mod:`.fields` (``RefersTo(kind)``) all follow this list; a new kind is
one line here (``tests/test_validation.py`` checks that every ``RefersTo`` names one).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class RecordKind:
    name: str
    """As ``RefersTo`` and ``SiteData.by_id`` name it: 'actors'."""
    singular: str
    """As a message names one: 'actor'."""
    file: str
    """The data file that holds them: 'actors.yaml'."""
    path: tuple[str, ...]
    """Where the records are in that file: ('actors',); ('steps', 'deadlines') for the
    deadlines listed under each step."""
    key: str = "id"
    """The field that identifies a record ('code' for an EPCI)."""
    home: str | None = None
    """Where to find the known ids, when not the whole file: 'categories in data/actors.yaml'."""

    @property
    def where(self) -> str:
        return self.home or f"data/{self.file}"

    def records(self, content: Any) -> Iterator[tuple[Loc, Any]]:
        """Each record of this kind in a file's validated content, with its location."""

        def walk(node: Any, path: tuple[str, ...], loc: Loc) -> Iterator[tuple[Loc, Any]]:
            items = getattr(node, path[0])
            for index, item in enumerate(items):
                here = (*loc, path[0], index)
                if len(path) == 1:
                    yield here, item
                else:
                    yield from walk(item, path[1:], here)

        yield from walk(content, self.path, ())

    def index(self, models: Mapping[str, Any]) -> dict[str, Any]:
        """The records by their key, in file order (``models``: validated content by file)."""
        return {getattr(record, self.key): record
                for _, record in self.records(models[self.file])}


KINDS: dict[str, RecordKind] = {kind.name: kind for kind in (
    RecordKind("steps", "step", "steps.yaml", ("steps",)),
    RecordKind("deadlines", "deadline", "steps.yaml", ("steps", "deadlines")),
    RecordKind("documents", "document", "steps.yaml", ("steps", "documents")),
    RecordKind("actors", "actor", "actors.yaml", ("actors",)),
    RecordKind("categories", "category", "actors.yaml", ("categories",),
               home="categories in data/actors.yaml"),
    RecordKind("dispositifs", "dispositif", "dispositifs.yaml", ("dispositifs",)),
    RecordKind("instances", "instance", "instances.yaml", ("instances",)),
    RecordKind("sources", "source", "sources.yaml", ("sources",)),
    RecordKind("terms", "glossary term", "glossary.yaml", ("terms",)),
    RecordKind("permanences", "permanence", "permanences.yaml", ("permanences",)),
    RecordKind("emergency", "emergency number", "site.yaml", ("emergency",),
               home="emergency in data/site.yaml"),
    RecordKind("epci", "EPCI code", "communes.yaml", ("epci",), key="code",
               home="epci in data/communes.yaml"),
)}
"""Every kind of record a reference may name, in the order the validator collects them."""
