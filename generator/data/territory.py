"""The communes of the département, from Etalab's *découpage administratif*: the reference the
territorial scope of a scheme or a body (« who serves my commune ») is checked against.

``data/communes.yaml`` is extracted from the npm package ``@etalab/decoupage-administratif``
by ``make communes`` (:func:`extract`); the build reads the committed file and never needs npm.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import Field, model_validator

from .fields import ActorId, SourceId, Strict, Text, key_problems

PACKAGE = "@etalab/decoupage-administratif"
PACKAGE_VERSION = "6.0.0"


class DataSource(Strict):
    """Where the file comes from: the package, its version, its licence."""

    package: str
    version: str
    licence: str
    url: str


class Arrondissement(Strict):
    code: str = Field(pattern=r"^\d{3}$", description="INSEE code, e.g. '211'.")
    name: str
    chef_lieu: str = Field(pattern=r"^\d[\dAB]\d{3}$", description="INSEE code of its seat.")


class Epci(Strict):
    """An intercommunality (EPCI) with members in the département."""

    code: str = Field(pattern=r"^\d{9}$", description="SIREN number, e.g. '242100410'.")
    name: str


class Commune(Strict):
    insee: str = Field(pattern=r"^\d[\dAB]\d{3}$", description="INSEE code, e.g. '21231'.")
    name: str
    postcodes: list[str] = Field(min_length=1)
    arrondissement: str
    epci: str | None = None


class CommunesFile(Strict):
    """data/communes.yaml: written by `make communes`, never edited by hand."""

    source: DataSource
    departement: str
    arrondissements: list[Arrondissement] = Field(min_length=1)
    epci: list[Epci]
    communes: list[Commune] = Field(min_length=1)

    @functools.cached_property
    def arrondissement_of(self) -> dict[str, str]:
        """Each commune's arrondissement, by INSEE code."""
        return {item.insee: item.arrondissement for item in self.communes}

    @model_validator(mode="after")
    def _consistent(self) -> CommunesFile:
        arrondissements = {item.code for item in self.arrondissements}
        epcis = {item.code for item in self.epci}
        seen: set[str] = set()
        problems: list[tuple[str | tuple[str | int, ...], str]] = []
        for index, commune in enumerate(self.communes):
            def at(key: str, message: str, index: int = index) -> None:
                problems.append((("communes", index, key), message))

            if commune.insee in seen:
                at("insee", f"commune {commune.insee} is listed twice — run `make communes`")
            seen.add(commune.insee)
            if not commune.insee.startswith(self.departement):
                at("insee", f"commune {commune.insee} is not in the département "
                            f"{self.departement}")
            if commune.arrondissement not in arrondissements:
                at("arrondissement", f"commune {commune.insee}: unknown arrondissement "
                                     f"'{commune.arrondissement}'")
            if commune.epci is not None and commune.epci not in epcis:
                at("epci", f"commune {commune.insee}: unknown EPCI '{commune.epci}'")
            if any(len(code) != 5 or not code.isdigit() for code in commune.postcodes):
                at("postcodes", f"commune {commune.insee}: a postcode has 5 digits")
        if problems:
            raise key_problems(problems)
        return self


# --------------------------------------------------------------------------- territorial scope

ArrondissementCode = Annotated[str, Field(pattern=r"^\d{3}$")]
EpciCode = Annotated[str, Field(pattern=r"^\d{9}$")]
InseeCode = Annotated[str, Field(pattern=r"^\d[\dAB]\d{3}$")]
CommuneRef = Annotated[str, Field(pattern=r"^\d[\dAB]\d{3} \S.*$")]
"""A commune as its INSEE code and its name, '59350 Lille': the name is checked against the
code, so that a postcode written by mistake (many postcodes are also another commune's INSEE
code) is caught."""

Coverage = Literal["yes", "no", "maybe"]
"""Whether a record serves a commune: yes, no, or maybe (its source leaves it open)."""


class Unknown(Strict):
    """What a source leaves open about a territory, and whom a reader asks."""

    kind: Literal["perimeter", "not-exhaustive"] = Field(
        description="'perimeter': the source names the territory (« le Val de Saône ») but not "
        "its communes; the codes given beside, if any, only bound it. 'not-exhaustive': the "
        "communes given are examples (« notamment »); others may be served too.")
    reason: Text = Field(description="What the source says and leaves open, for the reader.")
    ask: list[ActorId] = Field(min_length=1, description="Whom the reader asks (ids in "
                               "actors.yaml).")


class Serves(Strict):
    """The communes a record serves, from its source: the whole département, arrondissements,
    EPCI or communes (codes from data/communes.yaml), minus exceptions; or ``unknown`` where the
    source does not say. A commune is served if any inclusion matches and no exception does."""

    departement: bool = Field(False, description="The whole département.")
    arrondissements: list[ArrondissementCode] = Field(
        default_factory=list, description="INSEE codes of arrondissements, e.g. 591.")
    epci: list[EpciCode] = Field(default_factory=list, description="SIREN numbers of EPCI "
                                 "(data/communes.yaml).")
    communes: list[CommuneRef] = Field(
        default_factory=list, description="Communes as INSEE code (not postcode) and name, "
        "e.g. '59350 Lille'.")
    except_arrondissements: list[ArrondissementCode] = Field(default_factory=list)
    except_epci: list[EpciCode] = Field(default_factory=list)
    except_communes: list[CommuneRef] = Field(default_factory=list)
    unknown: Unknown | None = None
    source: SourceId = Field(description="Where the territory is stated (id in sources.yaml).")
    where: str = Field(description="Where in the source, e.g. 'Fiche action 5, 2 (sur la "
                       "métropole)'.")

    @model_validator(mode="after")
    def _says_something(self) -> Serves:
        included = self.includes_any
        if not included and self.unknown is None:
            raise ValueError("'serves' names no territory — give 'departement: true', "
                             "'arrondissements', 'epci' or 'communes', or 'unknown' with the "
                             "reason and whom to ask")
        if self.unknown is not None and self.unknown.kind == "not-exhaustive" and not included:
            raise ValueError("'unknown: not-exhaustive' needs the communes the source names "
                             "as examples, under 'communes'")
        return self

    @property
    def includes_any(self) -> bool:
        return bool(self.departement or self.arrondissements or self.epci or self.communes)

    def selects(self, commune: Commune, *, bound_only: bool = False) -> bool:
        """Whether the codes (not ``unknown``) take in ``commune``; with ``bound_only``, a
        ``serves`` that names no inclusion takes in every commune not excepted."""
        if (commune.arrondissement in self.except_arrondissements
                or commune.epci in self.except_epci
                or commune.insee in _codes(self.except_communes)):
            return False
        return ((bound_only and not self.includes_any) or self.departement
                or commune.arrondissement in self.arrondissements
                or commune.epci in self.epci or commune.insee in _codes(self.communes))

    def covers(self, commune: Commune) -> Coverage:
        if self.unknown is None:
            return "yes" if self.selects(commune) else "no"
        if self.unknown.kind == "not-exhaustive":
            return "yes" if self.selects(commune) else "maybe"
        # An undefined perimeter: maybe wherever its bounds allow (anywhere if none).
        return "maybe" if self.selects(commune, bound_only=True) else "no"

    def codes(self) -> Iterator[tuple[str, str, int, str]]:
        """Every code with its kind ('arrondissements', 'epci', 'communes') and its place
        (key, index), for the check against data/communes.yaml. A commune comes as written,
        code and name."""
        for key in ("arrondissements", "epci", "communes", "except_arrondissements",
                    "except_epci", "except_communes"):
            for index, code in enumerate(getattr(self, key)):
                yield key.removeprefix("except_"), key, index, code


def _codes(refs: list[str]) -> set[str]:
    return {ref.split(" ", 1)[0] for ref in refs}


def _header(departement: str) -> str:
    return ("# yaml-language-server: $schema=../schema/communes.schema.json\n"
            f"# The communes of the département {departement}, their postcodes, arrondissement "
            "and EPCI.\n# Written by `make communes` from the npm package "
            f"{PACKAGE} {PACKAGE_VERSION}: do not edit by hand.\n")


def extract(package_dir: Path, departement: str) -> str:
    """The text of data/communes.yaml, from the unpacked npm package at ``package_dir``: the
    current communes (« commune-actuelle ») of the département (its code, ``area.code`` in
    data/site.yaml), sorted by INSEE code."""
    data = package_dir / "data"
    version = json.loads((package_dir / "package.json").read_text(encoding="utf-8"))["version"]
    communes = [item for item in _json(data / "communes.json")
                if item.get("departement") == departement and item["type"] == "commune-actuelle"]
    codes = {item["code"] for item in communes}
    epci_of: dict[str, str] = {}
    epcis = []
    for epci in sorted(_json(data / "epci.json"), key=lambda item: item["code"]):
        members = [member["code"] for member in epci["membres"] if member["code"] in codes]
        if members:
            epcis.append({"code": epci["code"], "name": epci["nom"]})
            epci_of.update(dict.fromkeys(members, epci["code"]))
    arrondissements = [{"code": item["code"], "name": item["nom"], "chef_lieu": item["chefLieu"]}
                       for item in sorted(_json(data / "arrondissements.json"),
                                          key=lambda item: item["code"])
                       if item["departement"] == departement]
    document: dict[str, Any] = {
        "source": {"package": PACKAGE, "version": version,
                   "licence": "Licence Ouverte / Open Licence (Etalab), données ; MIT, code",
                   "url": "https://github.com/etalab/decoupage-administratif"},
        "departement": departement,
        "arrondissements": arrondissements,
        "epci": epcis,
    }
    lines = [_header(departement) + yaml.safe_dump(document, allow_unicode=True, sort_keys=False,
                                     width=100).rstrip(), "communes:"]
    for item in sorted(communes, key=lambda item: item["code"]):
        commune = {"insee": item["code"], "name": item["nom"],
                   "postcodes": sorted(item["codesPostaux"]),
                   "arrondissement": item["arrondissement"], "epci": epci_of.get(item["code"])}
        lines.append("  - " + yaml.safe_dump(commune, allow_unicode=True, sort_keys=False,
                                             default_flow_style=True, width=1000).strip())
    return "\n".join(lines) + "\n"


def _json(path: Path) -> list[dict[str, Any]]:
    return json.loads(path.read_text(encoding="utf-8"))


def served(serves: Serves, communes: CommunesFile) -> list[Commune]:
    """The communes ``serves`` certainly takes in."""
    return [commune for commune in communes.communes if serves.covers(commune) == "yes"]


def describe(serves: Serves, communes: CommunesFile, say: Callable[..., str]) -> str:
    """A territory in words, from the codes: « <EPCI>, sauf <commune> (22 communes) ».
    ``say(key, **slots)`` gives the interface strings (``territory_*`` in strings.yaml)."""
    arrondissements = {item.code: item.name for item in communes.arrondissements}
    epcis = {item.code: item.name for item in communes.epci}
    parts = [say("territory_departement")] if serves.departement else []
    parts += [say("territory_arrondissement", name=arrondissements[code])
              for code in serves.arrondissements if code in arrondissements]
    parts += [epcis[code] for code in serves.epci if code in epcis]
    parts += [ref.partition(" ")[2] for ref in serves.communes]
    left_out = [say("territory_arrondissement", name=arrondissements[code])
                for code in serves.except_arrondissements if code in arrondissements]
    left_out += [epcis[code] for code in serves.except_epci if code in epcis]
    left_out += [ref.partition(" ")[2] for ref in serves.except_communes]
    words = ", ".join(parts) if parts else say("territory_undefined")
    if left_out:
        words = say("territory_except", area=words, names=", ".join(left_out))
    if serves.unknown is not None and serves.unknown.kind == "perimeter":
        return say("territory_within", area=words) if parts else words
    if serves.unknown is not None:
        return say("territory_examples", area=words)
    count = len(served(serves, communes))
    return say("territory_count", area=words, count=count) if count > 1 else words
