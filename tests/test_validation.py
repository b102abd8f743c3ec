"""Invalid data gets one clear line per problem, with file, line, key path and a fix."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cli import main
from generator.data.validate import load_site_data
from generator.errors import DataError
from tests.conftest import ROOT

DATA = ROOT / "data"


def original(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the ``occurrence``-th line containing ``needle``."""
    hits = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    return hits[occurrence - 1]


def replace_once(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def problems_for(make_project: Callable, files: dict) -> list[str]:
    project = make_project(files)
    with pytest.raises(DataError) as info:
        load_site_data(project.data_dir, project.codes, display_root=project.root)
    return [problem.format() for problem in info.value.problems]


def first_step_key(key: str) -> str:
    """The first line of steps.yaml that holds ``key:`` (for building mutations)."""
    match = re.search(rf"^ *{key}:.*$", original("steps.yaml"), re.MULTILINE)
    assert match
    return match.group(0)


def test_committed_data_is_valid() -> None:
    data = load_site_data(DATA, ("fr", "en"), display_root=ROOT)
    assert [step.number for step in data.steps.steps] == [1, 2, 3, 4, 5, 6]


def test_yaml_syntax_error(make_project: Callable) -> None:
    text = original("site.yaml")
    broken = replace_once(text, "edition:", 'edition: "2026-11-27\nbroken:')
    problems = problems_for(make_project, {"data/site.yaml": broken})
    assert len(problems) == 1
    assert problems[0].startswith("data/site.yaml:")
    assert "YAML syntax error" in problems[0]
    assert "check the indentation and quotes" in problems[0]


def test_tab_indentation(make_project: Callable) -> None:
    text = original("site.yaml")
    line = line_of(text, "  fr:")
    lines = text.splitlines()
    lines[line - 1] = "\t" + lines[line - 1].lstrip()
    problems = problems_for(make_project, {"data/site.yaml": "\n".join(lines) + "\n"})
    assert problems == [f"data/site.yaml:{line}: a tab is used for indentation — YAML needs "
                        "spaces; replace the tab with spaces"]


def test_invalid_utf8(make_project: Callable) -> None:
    text = original("glossary.yaml").encode("utf-8")
    lines = text.split(b"\n")
    lines[9] = lines[9] + b" \xe9"
    problems = problems_for(make_project, {"data/glossary.yaml": b"\n".join(lines)})
    assert problems == ["data/glossary.yaml:10: the file is not valid UTF-8 (byte 0xe9) — "
                        "save it as UTF-8 in your editor"]


def test_empty_file(make_project: Callable) -> None:
    problems = problems_for(make_project, {"data/glossary.yaml": "# nothing here\n"})
    assert problems == ["data/glossary.yaml:1: the file is empty — restore it from git or "
                        "copy the shape of the example in the README"]


def test_missing_file(make_project: Callable) -> None:
    problems = problems_for(make_project, {"data/dispositifs.yaml": None})
    assert problems == ["data/dispositifs.yaml:1: the file is missing — restore it from git "
                        "(git checkout -- data/dispositifs.yaml)"]


def test_unknown_key_with_suggestion(make_project: Callable) -> None:
    text = original("steps.yaml")
    broken = replace_once(text, "    first_action:", "    first_acton:")
    line = line_of(broken, "first_acton:")
    problems = problems_for(make_project, {"data/steps.yaml": broken})
    assert f"data/steps.yaml:{line}: steps[0].tenant.first_acton: unknown key 'first_acton' — "\
        "did you mean 'first_action'? (allowed here: actions, contacts, first_action, "\
        "first_contact, good_to_know, key_facts, meaning, parc_prive, parc_public, questions, "\
        "search_terms)" in problems


def test_missing_required_field(make_project: Callable) -> None:
    text = original("steps.yaml")
    broken = replace_once(text, "    first_action:", "    first_acton:")
    line = next(n for n, row in enumerate(broken.splitlines(), 1) if row == "    tenant:")
    problems = problems_for(make_project, {"data/steps.yaml": broken})
    assert (f"data/steps.yaml:{line}: steps[0].tenant.first_action: 'first_action' is "
            "required — add it") in problems


def test_wrong_type(make_project: Callable) -> None:
    text = original("steps.yaml")
    broken = replace_once(text, "number: 2", "number: deux")
    line = line_of(broken, "number: deux")
    assert problems_for(make_project, {"data/steps.yaml": broken}) == [
        f"data/steps.yaml:{line}: steps[1].number: expected a whole number, got 'deux'"]


def test_duplicate_id(make_project: Callable) -> None:
    text = original("actors.yaml")
    broken = replace_once(text, "- id: ddt\n", "- id: prefet\n")
    first = line_of(broken, "- id: prefet")
    second = line_of(broken, "- id: prefet", 2)
    problems = problems_for(make_project, {"data/actors.yaml": broken})
    assert (f"data/actors.yaml:{second}: actors[2].id: id 'prefet' is used twice (first at line "
            f"{first}) — give each record its own id") in problems


def test_unknown_reference_with_suggestion(make_project: Callable) -> None:
    text = original("dispositifs.yaml")
    broken = replace_once(text, "      - adil-21\n", "      - adill-21\n")
    line = line_of(broken, "- adill-21")
    problems = problems_for(make_project, {"data/dispositifs.yaml": broken})
    assert len(problems) == 1
    assert re.fullmatch(
        rf"data/dispositifs\.yaml:{line}: dispositifs\[\d+\]\.\w+\[\d+\]: unknown actor "
        r"'adill-21' — did you mean 'adil-21'\? \(known ids: data/actors\.yaml\)", problems[0])


def test_malformed_date(make_project: Callable) -> None:
    text = original("site.yaml")
    broken = replace_once(text, "edition: 2026-12-02", "edition: 27/11/2026")
    line = line_of(broken, "edition:")
    assert problems_for(make_project, {"data/site.yaml": broken}) == [
        f"data/site.yaml:{line}: edition: '27/11/2026' is not a date — write it as YYYY-MM-DD, "
        "e.g. 2026-11-27"]


def test_malformed_phone_and_url(make_project: Callable) -> None:
    text = original("actors.yaml")
    contact = ("    contact:\n      phone: 03 80 12\n      website: www.example.fr\n"
               "      source: charte-2020-2024\n      verified_on: 2026-11-27\n")
    broken = replace_once(text, "  - id: ddt\n", "  - id: ddt\n" + contact)
    phone = line_of(broken, "phone: 03 80 12")
    website = line_of(broken, "website: www.example.fr")
    problems = problems_for(make_project, {"data/actors.yaml": broken})
    assert problems == [
        f"data/actors.yaml:{phone}: actors[2].contact.phone: '03 80 12' is not a French phone "
        "number; write it as '03 80 12 34 56', '0 805 16 00 75' or a short number such as '115' "
        "or '32 30'",
        f"data/actors.yaml:{website}: actors[2].contact.website: 'www.example.fr' is not a web "
        "address; it must start with https://",
    ]


def test_contact_without_source(make_project: Callable) -> None:
    text = original("actors.yaml")
    contact = "    contact:\n      phone: 03 80 12 34 56\n"
    broken = replace_once(text, "  - id: ddt\n", "  - id: ddt\n" + contact)
    line = line_of(broken, "    contact:")
    assert problems_for(make_project, {"data/actors.yaml": broken}) == [
        f"data/actors.yaml:{line}: actors[2].contact: a contact detail needs 'source' and "
        "'verified_on': say where it comes from and when it was checked"]


def test_stage_without_tenant_action(make_project: Callable) -> None:
    text = original("steps.yaml")
    start = text.index("      actions:")
    end = text.index("      parc_public:", start)
    broken = text[:start] + "      actions: []\n" + text[end:]
    line = line_of(broken, "      actions: []")
    problems = problems_for(make_project, {"data/steps.yaml": broken})
    assert problems == [f"data/steps.yaml:{line}: steps[0].tenant.actions: this list is empty — "
                        "it needs at least one item"]


def test_duplicate_key(make_project: Callable) -> None:
    text = original("site.yaml")
    broken = replace_once(text, "edition: 2026-12-02", "edition: 2026-12-02\nedition: 2026-11-28")
    line = line_of(broken, "edition: 2026-11-28")
    assert problems_for(make_project, {"data/site.yaml": broken}) == [
        f"data/site.yaml:{line}: edition: key 'edition' appears twice — keep one"]


def test_missing_default_language_text(make_project: Callable) -> None:
    text = original("site.yaml")
    start = text.index("name:\n")
    fr_line = text.index("  fr:", start)
    end = text.index("\n", fr_line) + 1
    broken = text[:fr_line] + text[end:]
    line = line_of(broken, "name:")
    assert problems_for(make_project, {"data/site.yaml": broken}) == [
        f"data/site.yaml:{line}: name: missing 'fr' text; add a line 'fr: …'"]


def test_all_problems_reported_at_once(make_project: Callable) -> None:
    steps = replace_once(original("steps.yaml"), "number: 2", "number: deux")
    site = replace_once(original("site.yaml"), "edition: 2026-12-02", "edition: demain")
    problems = problems_for(make_project, {"data/steps.yaml": steps, "data/site.yaml": site})
    assert [p.split(":")[0] for p in problems] == ["data/site.yaml", "data/steps.yaml"]


def test_cli_exit_code_and_no_traceback(make_project: Callable,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    steps = replace_once(original("steps.yaml"), "number: 2", "number: deux")
    project = make_project({"data/steps.yaml": steps})
    code = main(["--root", str(project.root), "check"])
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err
    assert err.splitlines()[0].startswith("data/steps.yaml:")
    assert "1 problem(s) found; nothing was built." in err


def test_cli_check_other_data_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    draft = tmp_path / "draft"
    shutil.copytree(DATA, draft)
    (draft / "site.yaml").write_text(
        replace_once(original("site.yaml"), "edition: 2026-12-02", "edition: 2026-13-01"),
        encoding="utf-8")
    code = main(["--root", str(ROOT), "--data", str(draft), "check", "--format", "github"])
    err = capsys.readouterr().err
    assert code == 1
    line = line_of((draft / "site.yaml").read_text(encoding="utf-8"), "edition:")
    assert err.splitlines()[0].startswith(f"::error file={draft / 'site.yaml'},line={line}::")


def test_landlord_text_that_speaks_to_the_tenant(make_project: Callable) -> None:
    """A landlord's page must not show a sentence addressed to the tenant."""
    text = original("steps.yaml")
    old = "Chargez un commissaire de justice de délivrer le commandement de payer."
    broken = replace_once(text, old, "Votre bailleur peut vous assigner devant le juge.")
    line = line_of(broken, "Votre bailleur peut vous assigner")
    problems = problems_for(make_project, {"data/steps.yaml": broken})
    assert len(problems) == 1
    assert re.fullmatch(
        rf"data/steps\.yaml:{line}: steps\[1\]\.landlord\.actions\[\d+\]\.fr: this text is shown "
        r"on the landlord's page but speaks to the tenant \('Votre bailleur'\) — speak to the "
        r"landlord \('vous', 'votre locataire'\)", problems[0]), problems[0]


def test_deadline_needs_a_text_for_each_reader(make_project: Callable) -> None:
    text = original("steps.yaml")
    start = text.index("          landlord:", text.index("clause-resolutoire-6-semaines"))
    end = text.index("          partner:", start)
    broken = text[:start] + text[end:]
    # the deadline's own "explanation:" line: the last one before the removed text
    line = line_of(broken, "        explanation:",
                   occurrence=broken[:start].count("        explanation:\n"))
    problems = problems_for(make_project, {"data/steps.yaml": broken})
    assert problems == [f"data/steps.yaml:{line}: steps[1].deadlines[0].explanation.landlord: "
                        "'landlord' is required — add it"]


def test_partner_text_in_the_tenant_voice(make_project: Callable) -> None:
    text = original("steps.yaml")
    start = text.index("          partner:", text.index("clause-resolutoire-6-semaines"))
    fr = text.index("fr:", start)
    broken = text[:fr] + "fr: Vous avez 6 semaines pour régler votre dette.\n" + \
        text[text.index("            en:", fr):]
    line = line_of(broken, "fr: Vous avez 6 semaines pour régler votre dette.")
    problems = problems_for(make_project, {"data/steps.yaml": broken})
    assert any(p.startswith(f"data/steps.yaml:{line}: steps[1].deadlines[0].explanation.partner"
                            ".fr: this text is shown on every reader's page but speaks to the "
                            "tenant ('votre dette')") for p in problems), problems


def test_scheme_on_a_stage_needs_a_landlord_text(make_project: Callable) -> None:
    text = original("dispositifs.yaml")
    start = text.index("    for_landlord:", text.index("- id: fsl"))
    end = text.index("\n    ask:", start) + 1
    broken = text[:start] + text[end:]
    steps = original("steps.yaml")
    lines = [n for n, line in enumerate(steps.splitlines(), 1) if line.strip() == "- fsl"]
    problems = problems_for(make_project, {"data/dispositifs.yaml": broken})
    assert problems and all("scheme 'fsl', which has no text for landlords — add "
                            "'for_landlord: {fr: …, en: …}' to 'fsl' in data/dispositifs.yaml"
                            in p for p in problems)
    assert [int(p.split(":")[1]) for p in problems] == lines


def test_useful_contact_must_lead_somewhere(make_project: Callable) -> None:
    """A stage page may only point the reader to a body whose contact is known."""
    text = original("steps.yaml")
    broken = replace_once(text, "        - actor: mjd-chenove\n", "        - actor: adil-21\n")
    line = line_of(broken, "        - actor: adil-21")
    problems = problems_for(make_project, {"data/steps.yaml": broken})
    assert problems == [f"data/steps.yaml:{line}: steps[2].tenant.contacts[5]: 'adil-21' has no "
                        "contact yet — show it once a public source gives one, or point to "
                        "another actor"]


def test_contact_values_never_mix_sources(make_project: Callable) -> None:
    """One contact, one source: a second source's value goes in `other_contacts`."""
    text = original("actors.yaml")
    broken = replace_once(text, "      source: justice-fr-tj-dijon\n",
                          "      source: justice-fr-tj-dijon\n      source: caf-fr-cote-dor\n")
    line = line_of(broken, "      source: caf-fr-cote-dor")
    assert problems_for(make_project, {"data/actors.yaml": broken}) == [
        f"data/actors.yaml:{line}: actors[4].contact.source: key 'source' appears twice — keep one"]


def _id_fields(model: type, seen: set[type] | None = None):  # type: ignore[no-untyped-def]
    """Every (model, field, annotation, metadata) of the data models, nested ones included."""
    import typing

    from pydantic import BaseModel

    seen = seen if seen is not None else set()
    if model in seen:
        return
    seen.add(model)
    for name, info in model.model_fields.items():
        yield model, name, info.annotation, info.metadata
        stack = [info.annotation]
        while stack:
            annotation = stack.pop()
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                yield from _id_fields(annotation, seen)
            stack.extend(typing.get_args(annotation))


def _is_id(annotation: object, metadata: list) -> bool:  # type: ignore[type-arg]
    import typing

    from generator.data import fields as f

    if any(isinstance(item, f.IsId) for item in metadata):
        return True
    if typing.get_origin(annotation) is typing.Annotated:
        return _is_id(typing.get_args(annotation)[0], list(typing.get_args(annotation)[1:]))
    return any(_is_id(arg, list(typing.get_args(arg)[1:]) if typing.get_origin(arg)
                      is typing.Annotated else []) for arg in typing.get_args(annotation))


def test_every_id_field_declares_what_it_refers_to() -> None:
    """A new field holding an id is checked only if it declares its kind (ActorId,
    SourceId…): this test fails on one that does not, so no reference goes unchecked."""
    from generator.data import model as m
    from generator.data.validate import declared_reference

    undeclared = []
    for schema in m.DATA_FILES.values():
        for model, name, annotation, metadata in _id_fields(schema):
            if name == "id" or not _is_id(annotation, list(metadata)):
                continue
            if declared_reference(annotation, metadata) is None:
                undeclared.append(f"{model.__name__}.{name}")
    assert undeclared == []


def test_every_reference_names_a_kind_of_the_registry() -> None:
    """The kinds of record (generator/data/kinds.py) are listed once: every reference field
    names one of them, and the lookups of SiteData come from the same list."""
    from generator.data import model as m
    from generator.data.kinds import KINDS
    from generator.data.validate import declared_reference, load_site_data

    named = set()
    for schema in m.DATA_FILES.values():
        for _model, _name, annotation, metadata in _id_fields(schema):
            kind = declared_reference(annotation, metadata)
            if kind is not None:
                named.add(kind)
    assert named - set(KINDS) == set()
    data = load_site_data(ROOT / "data")
    assert list(data.by_id("deadlines")) == [deadline.id for step in data.steps.steps
                                            for deadline in step.deadlines]
    assert data.by_id("epci")[data.site.roles.metropole].code == data.site.roles.metropole
    assert data.actors_by_id is data.by_id("actors")


def test_an_undeclared_id_field_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """The guard above sees a plain `Id` reference (what a new field would look like)."""
    from generator.data import fields as f
    from generator.data import model as m
    from generator.data.validate import declared_reference

    info = m.Permanence.model_fields["organiser"]
    assert declared_reference(info.annotation, info.metadata) == "actors"
    plain = m.Contact.model_fields["source"]
    assert declared_reference(plain.annotation, plain.metadata) == "sources"
    assert _is_id(f.Id, [])  # type: ignore[arg-type]
    import typing
    assert declared_reference(typing.Optional[f.Id]) is None  # noqa: UP045
    assert _is_id(typing.Optional[f.Id], [])  # noqa: UP045


def test_calculator_wiring_is_checked_with_its_line(make_project: Callable) -> None:
    """Which paper starts which delay is data: a mistyped deadline id in a document's
    `calculator:` is refused at its line, with the closest id, before anything is built."""
    text = original("steps.yaml")
    broken = replace_once(text, "            - assignation-prefet-6-semaines\n",
                          "            - assignation-prefet-6-semaine\n")
    problems = problems_for(make_project, {"data/steps.yaml": broken})
    line = line_of(broken, "- assignation-prefet-6-semaine", 1)
    assert problems == [
        f"data/steps.yaml:{line}: steps[2].documents[0].calculator.starts[0]: unknown deadline "
        "'assignation-prefet-6-semaine' — did you mean 'assignation-prefet-6-semaines'? "
        "(known ids: data/steps.yaml)"]


def test_unknown_language_keys_each_on_their_own_line(make_project: Callable) -> None:
    """A misspelled language under a text, at any depth, is reported on its own line (not on
    the line of the text's key), and every one of them, with the known languages."""
    text = original("actors.yaml")
    start = text.index("categories:")
    name = text.index("    name:\n", start)
    fr_line = text.index("      fr:", name)
    broken = text[:fr_line] + "      frx: Acteurs\n" + text[fr_line:]
    steps = original("steps.yaml")
    meaning = steps.index("      meaning:\n")
    en_line = steps.index("        en:", meaning)
    steps_broken = steps[:en_line] + "        enn: Meaning\n        de: Bedeutung\n" \
        + steps[en_line:]
    problems = problems_for(make_project, {"data/actors.yaml": broken,
                                           "data/steps.yaml": steps_broken})
    assert f"data/actors.yaml:{line_of(broken, 'frx:')}: categories[0].name.frx: unknown " \
        "language 'frx'; use one of: en, en_from, fr" in problems
    assert f"data/steps.yaml:{line_of(steps_broken, 'enn: Meaning')}: " \
        "steps[0].tenant.meaning.enn: unknown language 'enn'; use one of: en, en_from, fr" \
        in problems
    assert f"data/steps.yaml:{line_of(steps_broken, 'de: Bedeutung')}: " \
        "steps[0].tenant.meaning.de: unknown language 'de'; use one of: en, en_from, fr" \
        in problems


def test_a_role_that_names_no_record_is_refused_at_its_line(make_project: Callable) -> None:
    """The code finds the helpline, the FSL, the ADIL… through data/site.yaml's roles: a
    role that names no record (a rename in the data only) stops the build at its line."""
    text = original("site.yaml")
    broken = replace_once(text, "  housing_advice: adil-21", "  housing_advice: adil-22")
    broken = replace_once(broken, "  metropole: '242100410'", "  metropole: '242100411'")
    problems = problems_for(make_project, {"data/site.yaml": broken})
    advice = line_of(broken, "housing_advice:")
    metropole = line_of(broken, "  metropole:")
    assert any(p.startswith(f"data/site.yaml:{advice}: roles.housing_advice: unknown actor "
                            "'adil-22'") for p in problems), problems
    assert any(p.startswith(f"data/site.yaml:{metropole}: roles.metropole: ")
               and "242100411" in p for p in problems), problems


def test_the_winter_truce_role_needs_a_period(make_project: Callable) -> None:
    text = original("site.yaml")
    broken = replace_once(text, "  winter_truce: treve-hivernale",
                          "  winter_truce: quitter-les-lieux-2-mois")
    line = line_of(broken, "winter_truce:")
    assert problems_for(make_project, {"data/site.yaml": broken}) == [
        f"data/site.yaml:{line}: roles.winter_truce: deadline 'quitter-les-lieux-2-mois' has "
        "no 'period' — name the winter truce's deadline, the one with 'period: {start: …, "
        "end: …}' in steps.yaml"]


def test_an_actor_without_contact_needs_a_route_for_the_reader(make_project: Callable) -> None:
    """« Coordonnées à confirmer » is a status for editors: a reader gets a way to reach the
    body that works today, or the data is refused."""
    text = original("actors.yaml")
    start = text.index("    if_no_contact:", text.index("  - id: ddets"))
    end = text.index("\n    ", text.index("en_from:", start)) + 1
    broken = text[:start] + text[end:]
    line = line_of(broken, "  - id: ddets")
    assert problems_for(make_project, {"data/actors.yaml": broken}) == [
        f"data/actors.yaml:{line}: actors[1].id: 'ddets' has no contact and no "
        "'if_no_contact' — say how a reader reaches it today (the number on a letter, the "
        "mairie, a helpline): if_no_contact: {fr: …, en: …}"]


def test_an_action_contact_must_be_a_question_of_near_you(make_project: Callable) -> None:
    """« Mon plan » names, under an action, whom « Près de chez vous » finds for the commune:
    a misspelt topic is refused at its line, with the topics allowed."""
    text = original("steps.yaml")
    broken = replace_once(text, "- contact: social", "- contact: socail")
    line = line_of(broken, "- contact: socail")
    problems = problems_for(make_project, {"data/steps.yaml": broken})
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"data/steps.yaml:{line}: steps[0].tenant.actions[2].contact:")
    assert "'social'" in problems[0] and "'fund'" in problems[0]
