"""All the data of a site, validated: :class:`SiteData`, with typed lookups by id."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .model import (
    DATA_FILES,
    Actor,
    ActorsFile,
    Category,
    CharterFile,
    CommunesFile,
    Deadline,
    Dispositif,
    DispositifsFile,
    GlossaryFile,
    Instance,
    InstancesFile,
    Permanence,
    PermanencesFile,
    SiteFile,
    Source,
    SourcesFile,
    Step,
    StepsFile,
    Strict,
    Term,
    data_attribute,
)


@dataclass(frozen=True)
class SiteData:
    """All data files, validated, with typed lookups by id. Read-only for the renderers."""

    site: SiteFile
    sources: SourcesFile
    steps: StepsFile
    actors: ActorsFile
    permanences: PermanencesFile
    dispositifs: DispositifsFile
    instances: InstancesFile
    glossary: GlossaryFile
    charter: CharterFile
    communes: CommunesFile
    languages: tuple[str, ...]
    files: Mapping[str, Any] = field(repr=False)
    """The loaded files (``generator.data.load.LoadedFile``), for file and line in messages."""

    @property
    def default_language(self) -> str:
        return self.languages[0]

    def models(self) -> dict[str, Strict]:
        """Each data file's validated content, by file name, in loading order."""
        return {name: getattr(self, data_attribute(name)) for name in DATA_FILES}

    @functools.cached_property
    def steps_by_id(self) -> dict[str, Step]:
        return {record.id: record for record in self.steps.steps}

    @functools.cached_property
    def deadlines_by_id(self) -> dict[str, Deadline]:
        return {record.id: record for step in self.steps.steps for record in step.deadlines}

    @functools.cached_property
    def actors_by_id(self) -> dict[str, Actor]:
        return {record.id: record for record in self.actors.actors}

    @functools.cached_property
    def dispositifs_by_id(self) -> dict[str, Dispositif]:
        return {record.id: record for record in self.dispositifs.dispositifs}

    @functools.cached_property
    def instances_by_id(self) -> dict[str, Instance]:
        return {record.id: record for record in self.instances.instances}

    @functools.cached_property
    def sources_by_id(self) -> dict[str, Source]:
        return {record.id: record for record in self.sources.sources}

    @functools.cached_property
    def permanences_by_id(self) -> dict[str, Permanence]:
        return {record.id: record for record in self.permanences.permanences}

    @functools.cached_property
    def terms_by_id(self) -> dict[str, Term]:
        return {record.id: record for record in self.glossary.terms}

    @functools.cached_property
    def categories_by_id(self) -> dict[str, Category]:
        return {record.id: record for record in self.actors.categories}

    def by_id(self, kind: str) -> Mapping[str, Any]:
        """Records of ``kind`` ('steps', 'actors', …) by id, in file order (built once)."""
        return getattr(self, f"{kind}_by_id")
