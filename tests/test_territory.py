"""The communes of the Côte-d'Or (data/communes.yaml), extracted from Etalab's découpage
administratif by `make communes`: the reference that territorial scopes are checked against."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import build as pipeline
from generator.data.territory import CommunesFile, extract
from generator.data.validate import load_site_data
from generator.errors import DataError
from generator.project import Project

from .conftest import ROOT

DIJON_METROPOLE = "242100410"


@pytest.fixture(scope="module")
def communes() -> CommunesFile:
    return pipeline.load(Project.at(ROOT)).communes


def test_the_departement_has_its_698_communes_by_arrondissement(communes: CommunesFile) -> None:
    """The counts of the source (package 6.0.0): 698 current communes, 222 in the
    arrondissement of Beaune (211), 224 in Dijon's (212), 252 in Montbard's (213)."""
    assert communes.source.version == "6.0.0"
    assert len(communes.communes) == 698
    assert Counter(c.arrondissement for c in communes.communes) == {
        "211": 222, "212": 224, "213": 252}
    assert {a.code: a.name for a in communes.arrondissements} == {
        "211": "Beaune", "212": "Dijon", "213": "Montbard"}


def test_dijon_metropole_has_23_members_with_chenove_and_talant(communes: CommunesFile) -> None:
    members = {c.name for c in communes.communes if c.epci == DIJON_METROPOLE}
    assert len(members) == 23
    assert {"Dijon", "Chenôve", "Talant", "Quetigny", "Longvic"} <= members
    assert "Beaune" not in members and "Auxonne" not in members
    by_name = {c.name: c for c in communes.communes}
    assert by_name["Nuits-Saint-Georges"].arrondissement == "211"
    assert by_name["Montbard"].arrondissement == "213"


def test_extract_keeps_the_current_communes_of_the_21(tmp_path: Path) -> None:
    package = tmp_path / "package"
    (package / "data").mkdir(parents=True)
    (package / "package.json").write_text('{"version": "6.0.0"}')
    communes = [
        {"code": "21231", "nom": "Dijon", "departement": "21", "type": "commune-actuelle",
         "arrondissement": "212", "codesPostaux": ["21000"]},
        {"code": "21166", "nom": "Chenôve", "departement": "21", "type": "commune-actuelle",
         "arrondissement": "212", "codesPostaux": ["21300"]},
        {"code": "21999", "nom": "Ancienne", "departement": "21", "type": "commune-deleguee",
         "arrondissement": "212", "codesPostaux": ["21000"]},
        {"code": "71001", "nom": "Ailleurs", "departement": "71", "type": "commune-actuelle",
         "arrondissement": "711", "codesPostaux": ["71000"]},
    ]
    epci = [{"code": DIJON_METROPOLE, "nom": "Dijon Métropole",
             "membres": [{"code": "21231"}, {"code": "21166"}]},
            {"code": "200000001", "nom": "Ailleurs", "membres": [{"code": "71001"}]}]
    arrondissements = [{"code": "212", "nom": "Dijon", "departement": "21", "chefLieu": "21231"},
                       {"code": "711", "nom": "X", "departement": "71", "chefLieu": "71001"}]
    for name, value in (("communes", communes), ("epci", epci),
                        ("arrondissements", arrondissements)):
        (package / "data" / f"{name}.json").write_text(json.dumps(value), encoding="utf-8")
    text = extract(package, "21")
    assert text == extract(package, "21")  # the same bytes each time
    assert "Ancienne" not in text and "Ailleurs" not in text
    lines = [line for line in text.splitlines() if line.startswith("  - {insee")]
    assert lines == [
        "  - {insee: '21166', name: Chenôve, postcodes: ['21300'], arrondissement: '212', "
        f"epci: '{DIJON_METROPOLE}'}}",
        "  - {insee: '21231', name: Dijon, postcodes: ['21000'], arrondissement: '212', "
        f"epci: '{DIJON_METROPOLE}'}}"]


def test_a_broken_commune_line_is_reported_at_its_line(make_project: Callable) -> None:
    text = (ROOT / "data" / "communes.yaml").read_text(encoding="utf-8")
    broken = text.replace("name: Chenôve, postcodes: ['21300'], arrondissement: '212'",
                          "name: Chenôve, postcodes: ['21300'], arrondissement: '219'", 1)
    assert broken != text
    project = make_project({"data/communes.yaml": broken})
    with pytest.raises(DataError) as info:
        load_site_data(project.data_dir, project.codes, display_root=project.root)
    problems = [problem.format() for problem in info.value.problems]
    line = next(number for number, text in enumerate(broken.splitlines(), 1)
                if "name: Chenôve," in text)
    index = [text for text in broken.splitlines() if text.startswith("  - {insee")].index(
        broken.splitlines()[line - 1])
    assert problems == [f"data/communes.yaml:{line}: communes[{index}].arrondissement: "
                        "commune 21166: unknown arrondissement '219'"]


# --------------------------------------------------------------------------- serves


def _problems_after(make_project: Callable, file: str, old: str, new: str) -> list[str]:
    text = (ROOT / "data" / file).read_text(encoding="utf-8")
    assert old in text
    project = make_project({f"data/{file}": text.replace(old, new, 1)})
    with pytest.raises(DataError) as info:
        load_site_data(project.data_dir, project.codes, display_root=project.root)
    return [problem.format() for problem in info.value.problems]


def _line_of(file: str, text: str) -> int:
    lines = (ROOT / "data" / file).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def test_a_postcode_written_as_a_commune_code_is_caught_with_the_right_code(
        make_project: Callable) -> None:
    """21240 is Talant's postcode and the INSEE code of Échevannes: the name beside the code
    tells them apart, and the message gives the code meant."""
    problems = _problems_after(make_project, "instances.yaml", "'21617 Talant'", "'21240 Talant'")
    line = _line_of("instances.yaml", "'21617 Talant'")
    assert len(problems) == 1
    assert problems[0].startswith(f"data/instances.yaml:{line}: ")
    assert "serves.communes[0]: commune 21240 is Échevannes, not 'Talant'" in problems[0]
    assert "Talant's INSEE code is 21617 (21240 is the postcode of Talant)" in problems[0]


def test_unknown_codes_in_serves_are_reported_at_their_line(make_project: Callable) -> None:
    problems = _problems_after(make_project, "dispositifs.yaml",
                               "except_communes: ['21166 Chenôve']",
                               "except_communes: ['21000 Chenôve']")
    line = _line_of("dispositifs.yaml", "except_communes: ['21166 Chenôve']")
    assert problems == [
        f"data/dispositifs.yaml:{line}: dispositifs[20].serves.except_communes[0]: unknown "
        "commune '21000' — Chenôve's INSEE code is 21166 (21000 is the postcode of Dijon)"]
    problems = _problems_after(make_project, "instances.yaml", "arrondissements: ['211']",
                               "arrondissements: ['214']")
    assert len(problems) == 1 and problems[0].endswith(
        "serves.arrondissements[0]: unknown arrondissement '214' — use a code listed under "
        "'arrondissements' in data/communes.yaml")


def test_a_serves_that_names_no_territory_is_refused(make_project: Callable) -> None:
    problems = _problems_after(
        make_project, "dispositifs.yaml",
        "  serves:\n      communes: ['21166 Chenôve']\n",
        "  serves:\n      communes: []\n")
    assert len(problems) == 1
    assert "'serves' names no territory — give 'departement: true'" in problems[0]


def test_a_permanence_in_the_wrong_commune_is_caught(make_project: Callable) -> None:
    problems = _problems_after(make_project, "permanences.yaml",
                               "town: Auxonne\n    commune: '21038'",
                               "town: Auxonne\n    commune: '21130'")
    line = _line_of("permanences.yaml", "commune: '21038'")
    assert len(problems) == 1
    assert problems[0].startswith(
        f"data/permanences.yaml:{line}: permanences[1].commune: commune 21130 is Chambeire, "
        "but the town is 'Auxonne' — Auxonne's INSEE code is 21038 (21130 is the postcode of "
        "Athée, Auxonne, ")
