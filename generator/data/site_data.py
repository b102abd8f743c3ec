"""All the data of a site, validated: :class:`SiteData`, with typed lookups by id."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .kinds import KINDS
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
    LettersFile,
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
    letters: LettersFile
    languages: tuple[str, ...]
    files: Mapping[str, Any] = field(repr=False)
    """The loaded files (``generator.data.load.LoadedFile``), for file and line in messages."""
    _indexes: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False,
                                                compare=False)

    @property
    def default_language(self) -> str:
        return self.languages[0]

    def slots(self, lang: str) -> dict[str, str]:
        """The values of the interface strings' data slots in ``lang``: how the territory is
        named (``{area_in}``…), the charter's period (``{charter_period}``), the helpline's
        name (``{helpline}``) and the housing advice body's short name (``{advice}``), so that
        no interface string names one département's own records."""
        default = self.default_language
        slots = self.site.area.slots(lang, default)
        slots["charter_period"] = self.charter.period
        helpline = next((item for item in self.site.emergency
                         if item.id == self.site.roles.helpline), None)
        slots["helpline"] = helpline.name.get(lang, default) if helpline else ""
        advice = self.actors_by_id.get(self.site.roles.housing_advice or "")
        slots["advice"] = ((advice.acronym or advice.name.get(lang, default))
                           if advice else "")
        return slots

    def guidance_instances(self, step: Step) -> list[Instance]:
        """The instances of ``step`` whose `professional` guidance a partners' page shows:
        each listed instance that has some, or else its parent (a CCAPEX formation's plenary
        commission), each once."""
        found: dict[str, Instance] = {}
        for instance_id in step.instances:
            instance = self.instances_by_id[instance_id]
            if not instance.professional and instance.parent:
                instance = self.instances_by_id[instance.parent]
            if instance.professional:
                found.setdefault(instance.id, instance)
        return list(found.values())

    def models(self) -> dict[str, Strict]:
        """Each data file's validated content, by file name, in loading order."""
        return {name: getattr(self, data_attribute(name)) for name in DATA_FILES}

    @property
    def steps_by_id(self) -> dict[str, Step]:
        return self.by_id("steps")

    @property
    def deadlines_by_id(self) -> dict[str, Deadline]:
        return self.by_id("deadlines")

    @property
    def actors_by_id(self) -> dict[str, Actor]:
        return self.by_id("actors")

    @property
    def dispositifs_by_id(self) -> dict[str, Dispositif]:
        return self.by_id("dispositifs")

    @property
    def instances_by_id(self) -> dict[str, Instance]:
        return self.by_id("instances")

    @property
    def sources_by_id(self) -> dict[str, Source]:
        return self.by_id("sources")

    @property
    def permanences_by_id(self) -> dict[str, Permanence]:
        return self.by_id("permanences")

    @property
    def terms_by_id(self) -> dict[str, Term]:
        return self.by_id("terms")

    @property
    def categories_by_id(self) -> dict[str, Category]:
        return self.by_id("categories")

    def by_id(self, kind: str) -> dict[str, Any]:
        """Records of ``kind`` ('steps', 'actors', …, any of :data:`~.kinds.KINDS`) by id,
        in file order (built once per kind)."""
        if kind not in self._indexes:
            self._indexes[kind] = KINDS[kind].index(self.models())
        return self._indexes[kind]


def set_reproducible_dates(data: SiteData) -> None:
    """Dates written by the engine (sitemap, gzip headers) and into the PDFs come from the
    data's edition date, not the clock, so the same input builds the same bytes."""
    if "SOURCE_DATE_EPOCH" not in os.environ:
        edition = dt.datetime.combine(data.site.edition, dt.time(), tzinfo=dt.UTC)
        os.environ["SOURCE_DATE_EPOCH"] = str(int(edition.timestamp()))
