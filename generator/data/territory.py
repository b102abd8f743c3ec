"""The communes of the Côte-d'Or, from Etalab's *découpage administratif*: the reference the
territorial scope of a scheme or a body (« who serves my commune ») is checked against.

``data/communes.yaml`` is extracted from the npm package ``@etalab/decoupage-administratif``
by ``make communes`` (:func:`extract`); the build reads the committed file and never needs npm.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import Field, model_validator

from .fields import Strict, key_problems

DEPARTEMENT = "21"
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


HEADER = ("# yaml-language-server: $schema=../schema/communes.schema.json\n"
          f"# The communes of the Côte-d'Or ({DEPARTEMENT}), their postcodes, arrondissement and "
          "EPCI.\n# Written by `make communes` from the npm package "
          f"{PACKAGE} {PACKAGE_VERSION}: do not edit by hand.\n")


def extract(package_dir: Path) -> str:
    """The text of data/communes.yaml, from the unpacked npm package at ``package_dir``: the
    current communes (« commune-actuelle ») of the département, sorted by INSEE code."""
    data = package_dir / "data"
    version = json.loads((package_dir / "package.json").read_text(encoding="utf-8"))["version"]
    communes = [item for item in _json(data / "communes.json")
                if item.get("departement") == DEPARTEMENT and item["type"] == "commune-actuelle"]
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
                       if item["departement"] == DEPARTEMENT]
    document: dict[str, Any] = {
        "source": {"package": PACKAGE, "version": version,
                   "licence": "Licence Ouverte / Open Licence (Etalab), données ; MIT, code",
                   "url": "https://github.com/etalab/decoupage-administratif"},
        "departement": DEPARTEMENT,
        "arrondissements": arrondissements,
        "epci": epcis,
    }
    lines = [HEADER + yaml.safe_dump(document, allow_unicode=True, sort_keys=False,
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
