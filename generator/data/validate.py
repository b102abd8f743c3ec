"""Validate the data: each file against its schema, then the references between files.

Every problem is collected (never only the first) and reported with its file and line. Nothing
is rendered while a problem remains.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, RootModel, ValidationError

from ..errors import DataError, Problem, format_path
from ..lang import fold
from ..project import Project
from . import model as m
from .audience import voice_problems
from .fields import KEY_PROBLEMS, LANGUAGES, RefersTo
from .kinds import KINDS, RecordKind
from .load import LoadedFile, Loc, load_file
from .procedure import Action
from .site_data import SiteData

# ----------------------------------------------------------------- schema errors → problems

_ALL_FIELDS = sorted({name for cls in m.Strict.__subclasses__() for name in cls.model_fields})


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete types inside Optional/Annotated/list annotations."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for arg in typing.get_args(annotation) for t in _unwrap(arg)]
    if origin is list:
        return _unwrap(typing.get_args(annotation)[0])
    return [annotation]


def _model_at(root: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The schema class that describes the mapping at ``loc``."""
    current: type[BaseModel] | None = root
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        info = current.model_fields.get(part)
        if info is None:
            return None
        candidates = [t for t in _unwrap(info.annotation)
                      if isinstance(t, type) and issubclass(t, BaseModel)]
        current = candidates[0] if candidates else None
    return current


def _describe(error: dict[str, Any], root: type[BaseModel]) -> tuple[Loc, str]:
    loc: Loc = tuple(part for part in error["loc"] if part != "root")
    kind = error["type"]
    value = error.get("input")
    if kind == "extra_forbidden":
        key = str(loc[-1])
        parent = _model_at(root, loc[:-1])
        allowed = sorted(parent.model_fields) if parent else _ALL_FIELDS
        close = difflib.get_close_matches(key, allowed, n=1)
        hint = f"did you mean '{close[0]}'?" if close else "remove it"
        return loc, (f"unknown key '{key}' — {hint} (allowed here: {', '.join(allowed)})")
    if kind == "missing":
        return loc, f"'{loc[-1]}' is required — add it"
    if kind == "string_pattern_mismatch":
        return loc, (f"'{value}' is not a valid id — use lower-case letters, digits and "
                     "hyphens, e.g. 'advice'")
    if kind.startswith("date"):
        return loc, f"'{value}' is not a date — write it as YYYY-MM-DD, e.g. 2026-11-27"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return loc, f"'{value}' is not allowed here — use one of {expected}"
    if kind == "too_short":
        return loc, "this list is empty — it needs at least one item"
    if kind == "too_long":
        return loc, f"this list has too many items ({error['msg']})"
    if kind in ("greater_than_equal", "less_than_equal"):
        return loc, f"{value} is out of range — {error['msg'].lower()}"
    if kind == "value_error":
        return loc, error["msg"].removeprefix("Value error, ")
    if kind == "model_type" or kind == "dict_type" or kind == "model_attributes_type":
        return loc, f"expected keys and values here (a mapping), got {_kind_of(value)}"
    if kind == "list_type":
        return loc, f"expected a list (lines starting with '- '), got {_kind_of(value)}"
    if kind in ("string_type", "int_parsing", "int_type", "bool_type", "bool_parsing"):
        wanted = {"string_type": "a text", "bool_type": "true or false",
                  "bool_parsing": "true or false"}.get(kind, "a whole number")
        return loc, f"expected {wanted}, got {_kind_of(value)}"
    return loc, error["msg"]


def _kind_of(value: Any) -> str:
    if value is None:
        return "nothing (empty value)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    return f"'{value}'"


def _schema_problems(loaded: LoadedFile, schema: type[BaseModel],
                     languages: tuple[str, ...]) -> tuple[BaseModel | None, list[Problem]]:
    try:
        return schema.model_validate(loaded.data, context={"languages": languages}), []
    except ValidationError as exc:
        problems = []
        seen: set[tuple[Loc, str]] = set()
        for error in exc.errors():
            for loc, message in _described(error, schema):
                if (loc, message) in seen:
                    continue
                seen.add((loc, message))
                problems.append(Problem(loaded.display, loaded.line_of(loc), format_path(loc),
                                        message))
        return None, problems


def _described(error: dict[str, Any], root: type[BaseModel]) -> list[tuple[Loc, str]]:
    """The error's problems: one for most errors; one per key, at the key, when a validator
    found several keys of one mapping wrong (an unknown language under a text)."""
    if error["type"] == KEY_PROBLEMS:
        loc: Loc = tuple(part for part in error["loc"] if part != "root")
        return [((*loc, *(key if isinstance(key, tuple) else (key,))), message)
                for key, message in error["ctx"]["problems"]]
    return [_describe(error, root)]


# ----------------------------------------------------------------- cross-file checks


def _enumerate(items: Iterable[Any], *loc: str | int) -> Iterator[tuple[Loc, Any]]:
    for index, item in enumerate(items):
        yield (*loc, index), item


class _Checker:
    def __init__(self, files: dict[str, LoadedFile]) -> None:
        self.files = files
        self.problems: list[Problem] = []
        self.ids: dict[str, dict[str, str]] = {}

    def problem(self, file: str, loc: Loc, message: str) -> None:
        loaded = self.files[file]
        self.problems.append(Problem(loaded.display, loaded.line_of(loc), format_path(loc),
                                     message))

    def collect_ids(self, kind: RecordKind, models: dict[str, Any]) -> None:
        """Register the ids of ``kind``; a duplicate is a problem at its second place."""
        seen: dict[str, str] = {}
        for loc, record in kind.records(models[kind.file]):
            value = getattr(record, kind.key)
            where = (*loc, kind.key)
            if value in seen:
                self.problem(kind.file, where, f"{kind.key} '{value}' is used twice (first at "
                             f"line {seen[value]}) — give each record its own {kind.key}")
            else:
                seen[value] = str(self.files[kind.file].line_of(where))
        self.ids[kind.name] = seen

    def refer(self, kind: str, file: str, loc: Loc, value: str | None) -> None:
        """Check that ``value`` is a known id of ``kind``; suggest the closest one."""
        if value is None or value in self.ids.get(kind, {}):
            return
        known = list(self.ids.get(kind, {}))
        close = difflib.get_close_matches(value, known, n=1)
        hint = f"did you mean '{close[0]}'?" if close else "check the spelling"
        self.problem(file, loc, f"unknown {KINDS[kind].singular} '{value}' — {hint} "
                     f"(known ids: {KINDS[kind].where})")

    def refer_all(self, kind: str, file: str, loc: Loc, values: Iterable[str]) -> None:
        for index, value in enumerate(values):
            self.refer(kind, file, (*loc, index), value)


def _cross_checks(files: dict[str, LoadedFile], models: dict[str, Any],
                  languages: tuple[str, ...]) -> list[Problem]:
    c = _Checker(files)
    steps: m.StepsFile = models["steps.yaml"]
    actors: m.ActorsFile = models["actors.yaml"]
    dispositifs: m.DispositifsFile = models["dispositifs.yaml"]
    permanences: m.PermanencesFile = models["permanences.yaml"]

    for kind in KINDS.values():
        c.collect_ids(kind, models)
    site: m.SiteFile = models["site.yaml"]

    actors_by_id = {actor.id: actor for actor in actors.actors}
    for loc, actor in _enumerate(actors.actors, "actors"):
        if not actor.contacts and actor.if_no_contact is None:
            c.problem("actors.yaml", (*loc, "id"), f"'{actor.id}' has no contact and no "
                      "'if_no_contact' — say how a reader reaches it today (the number on a "
                      "letter, the mairie, a helpline): if_no_contact: {fr: …, en: …}")
    permanences_by_id = {item.id: item for item in permanences.permanences}
    for loc, step in _enumerate(steps.steps, "steps"):
        for audience in ("tenant", "landlord"):
            for k, useful in enumerate(getattr(step, audience).contacts):
                here = (*loc, audience, "contacts", k)
                if useful.actor is not None:
                    target = actors_by_id.get(useful.actor)
                else:
                    target = permanences_by_id.get(useful.permanence or "")
                if target is not None and not _reachable(target, actors_by_id):
                    c.problem("steps.yaml", here, f"'{target.id}' has no contact yet — show it "
                              "once a public source gives one, or point to another actor")

    numbers: dict[int, Loc] = {}
    for loc, step in _enumerate(steps.steps, "steps"):
        if step.number in numbers:
            c.problem("steps.yaml", (*loc, "number"), f"step number {step.number} is used "
                      "twice — number the stages 1, 2, 3… in order")
        numbers[step.number] = loc
        for t, table in enumerate(step.partners):
            for r, row in enumerate(table.rows):
                row_loc = (*loc, "partners", t, "rows", r)
                if not (row.both or row.public or row.private):
                    c.problem("steps.yaml", row_loc, "this row has no action — add 'both', "
                              "'public' or 'private' actions")
                if (row.public or row.private) and not table.split:
                    c.problem("steps.yaml", row_loc, "'public'/'private' actions in a table "
                              "with split: false — set split: true or use 'both'")
    # Every reference the schema declares (RefersTo), in every file, with file and line.
    for file, model in models.items():
        for loc, kind, value in references(model):
            c.refer(kind, file, loc, value)
    truce = {deadline.id: deadline for step in steps.steps for deadline in step.deadlines
             }.get(site.roles.winter_truce)
    if truce is not None and truce.period is None:
        c.problem("site.yaml", ("roles", "winter_truce"), f"deadline '{truce.id}' has no "
                  "'period' — name the winter truce's deadline, the one with 'period: {start: "
                  "…, end: …}' in steps.yaml")
    _letter_checks(c, models["letters.yaml"], dispositifs)
    _audience_checks(c, steps, actors, dispositifs, languages)
    _territory_checks(c, models)
    return c.problems


def _letter_checks(c: _Checker, letters: m.LettersFile,
                   dispositifs: m.DispositifsFile) -> None:
    """A letter that asks for a scheme is offered only where the data says it applies."""
    schemes = {item.id: item for item in dispositifs.dispositifs}
    for loc, letter in _enumerate(letters.letters, "letters"):
        scheme = schemes.get(letter.scheme or "")
        if scheme is None:
            continue
        for index, stage in enumerate(letter.stages):
            if stage not in scheme.stages:
                c.problem("letters.yaml", (*loc, "stages", index),
                          f"'{stage}' is not a stage of the scheme '{scheme.id}' this letter "
                          f"asks for (its stages: {', '.join(scheme.stages)}) — offer the "
                          "letter at those stages, or add the stage to the scheme in "
                          "dispositifs.yaml")


def _territory_checks(c: _Checker, models: dict[str, Any]) -> None:
    """Every code under ``serves`` names a commune, arrondissement or EPCI of
    data/communes.yaml (a commune with its own name), and a permanence's commune is its
    town."""
    communes: m.CommunesFile = models["communes.yaml"]
    known = {"arrondissements": {item.code: item.name for item in communes.arrondissements},
             "epci": {item.code: item.name for item in communes.epci},
             "communes": {item.insee: item.name for item in communes.communes}}
    by_name = {_plain(item.name): item for item in communes.communes}
    by_postcode: dict[str, list[str]] = {}
    for item in communes.communes:
        for postcode in item.postcodes:
            by_postcode.setdefault(postcode, []).append(item.name)
    for file, model in models.items():
        if file == "communes.yaml":
            continue
        for loc, serves in _serves_in(model):
            for kind, key, index, written in serves.codes():
                code, _, name = written.partition(" ")
                here = (*loc, key, index)
                if code in known[kind]:
                    if name and _plain(name) != _plain(known[kind][code]):
                        c.problem(file, here, f"commune {code} is {known[kind][code]}, not "
                                  f"'{name}'" + _commune_hint(name, by_name, by_postcode, code))
                elif kind == "communes":
                    c.problem(file, here, f"unknown commune '{code}'"
                              + _commune_hint(name, by_name, by_postcode, code))
                else:
                    c.problem(file, here, f"unknown {_TERRITORY_NOUN[kind]} '{code}' — use a "
                              f"code listed under '{kind}' in data/communes.yaml")
    permanences: m.PermanencesFile = models["permanences.yaml"]
    for loc, item in _enumerate(permanences.permanences, "permanences"):
        named = known["communes"].get(item.commune)
        if named is None:
            c.problem("permanences.yaml", (*loc, "commune"), f"unknown commune "
                      f"'{item.commune}'" + _commune_hint(item.town, by_name, by_postcode,
                                                          item.commune))
        elif _plain(named) != _plain(item.town):
            c.problem("permanences.yaml", (*loc, "commune"),
                      f"commune {item.commune} is {named}, but the town is '{item.town}'"
                      + _commune_hint(item.town, by_name, by_postcode, item.commune))


_TERRITORY_NOUN = {"arrondissements": "arrondissement", "epci": "EPCI"}


def _commune_hint(name: str, by_name: dict[str, m.Commune], by_postcode: dict[str, list[str]],
                  code: str) -> str:
    """How to write the commune meant: its INSEE code found by its name; a postcode named as
    such."""
    match = by_name.get(_plain(name)) if name else None
    close = difflib.get_close_matches(_plain(name), list(by_name), n=1) if name else []
    if match:
        hint = f" — {match.name}'s INSEE code is {match.insee}"
    elif close:
        hint = f" — did you mean '{by_name[close[0]].insee} {by_name[close[0]].name}'?"
    else:
        hint = (" — write the INSEE code and the name listed in data/communes.yaml, as "
                "'<code> <name>'")
    if code in by_postcode:
        hint += f" ({code} is the postcode of {', '.join(by_postcode[code])})"
    return hint


def _plain(name: str) -> str:
    """A name compared without case, accents, hyphens or apostrophes."""
    return " ".join(fold(name).replace("-", " ").replace("'", " ").replace("’", " ").split())


def _serves_in(node: Any, loc: Loc = ()) -> Iterator[tuple[Loc, m.Serves]]:
    """Every ``serves`` in a validated file, with its key path."""
    if isinstance(node, m.Serves):
        yield loc, node
    elif isinstance(node, list | tuple):
        for index, item in enumerate(node):
            yield from _serves_in(item, (*loc, index))
    elif isinstance(node, BaseModel) and not isinstance(node, RootModel):
        for name in type(node).model_fields:
            yield from _serves_in(getattr(node, name), (*loc, name))


def references(node: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str, str]]:
    """Every value of a field declared with :class:`~generator.data.model.RefersTo`, as
    ``(key path, kind, id)``, walking nested records and lists."""
    if isinstance(node, RootModel) or not isinstance(node, BaseModel):
        if isinstance(node, list | tuple):
            for index, item in enumerate(node):
                yield from references(item, (*loc, index))
        return
    for name, info in type(node).model_fields.items():
        value = getattr(node, name)
        kind = declared_reference(info.annotation, info.metadata)
        if kind is None:
            yield from references(value, (*loc, name))
        elif isinstance(value, list):
            yield from (((*loc, name, index), kind, item) for index, item in enumerate(value))
        elif value is not None:
            yield (*loc, name), kind, value


def declared_reference(annotation: Any, metadata: Iterable[Any] = ()) -> str | None:
    """The kind a field refers to, from its type (``ActorId``, ``list[SourceId]``,
    ``StepId | None``…), or None for a field that is not a reference."""
    for item in metadata:
        if isinstance(item, RefersTo):
            return item.kind
    if typing.get_origin(annotation) is typing.Annotated:
        return declared_reference(typing.get_args(annotation)[0],
                                  typing.get_args(annotation)[1:])
    for arg in typing.get_args(annotation):
        kind = declared_reference(arg)
        if kind is not None:
            return kind
    return None


def _reachable(target: m.Actor | m.Permanence, actors: dict[str, m.Actor]) -> bool:
    """A record the page can give a way to reach: its own contacts, or for a permanence, its
    place's or its organiser's (what the permanences page shows)."""
    if target.contacts:
        return True
    if isinstance(target, m.Permanence):
        return any(actor_id in actors and actors[actor_id].contacts
                   for actor_id in (target.place, target.organiser) if actor_id)
    return False


def _audience_checks(c: _Checker, steps: m.StepsFile, actors: m.ActorsFile,
                     dispositifs: m.DispositifsFile, languages: tuple[str, ...]) -> None:
    """Each page shows texts written for its reader (see :mod:`generator.audience`)."""
    by_id = {item.id: item for item in dispositifs.dispositifs}
    for loc, step in _enumerate(steps.steps, "steps"):
        for index, item_id in enumerate(step.dispositifs):
            item = by_id.get(item_id)
            if item is not None and item.for_landlord is None:
                c.problem("steps.yaml", (*loc, "dispositifs", index),
                          f"the landlord's page of this stage shows scheme '{item_id}', which "
                          "has no text for landlords — add 'for_landlord: {fr: …, en: …}' to "
                          f"'{item_id}' in data/dispositifs.yaml")
    for file, loc, message in voice_problems(steps, actors, dispositifs, languages):
        c.problem(file, loc, message)


# ----------------------------------------------------------------- entry point


def load_site_data(data_dir: Path, languages: tuple[str, ...] = LANGUAGES,
                   display_root: Path | None = None) -> SiteData:
    """Load and validate every data file; raise :class:`DataError` listing all problems."""
    problems: list[Problem] = []
    files: dict[str, LoadedFile] = {}
    models: dict[str, Any] = {}
    root = display_root or data_dir.parent
    for name, schema in m.DATA_FILES.items():
        path = data_dir / name
        try:
            display = str(path.resolve().relative_to(root.resolve()))
        except ValueError:
            display = str(path)
        loaded, found = load_file(path, display)
        problems += found
        if loaded is None:
            continue
        files[name] = loaded
        validated, found = _schema_problems(loaded, schema, languages)
        problems += found
        if validated is not None:
            models[name] = validated
    if len(models) == len(m.DATA_FILES):
        problems += _cross_checks(files, models, languages)
    if problems:
        raise DataError(problems)
    return SiteData(**{m.data_attribute(name): models[name] for name in m.DATA_FILES},
                      languages=languages, files=files)


def iter_texts(node: Any, loc: Loc = ()) -> Iterator[tuple[Loc, m.Text]]:
    """Every translatable text in a validated record, with its key path."""
    if isinstance(node, m.Text):
        yield loc, node
    elif isinstance(node, Action):
        # Written as one mapping in the YAML ({fr, en, contact}): its text is at its own path.
        yield loc, node.text
    elif isinstance(node, RootModel):
        return
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from iter_texts(getattr(node, name), (*loc, name))
    elif isinstance(node, list | tuple):
        for index, item in enumerate(node):
            yield from iter_texts(item, (*loc, index))


def load_project_data(project: Project) -> SiteData:
    """The data of ``project``, validated (file paths in problems relative to its root)."""
    return load_site_data(project.data_dir, project.codes, display_root=project.root)
