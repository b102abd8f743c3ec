"""« Près de chez vous »: who serves each commune, worked out from the ``serves`` of the data
(:class:`generator.data.territory.Serves`) and nothing else.

Communes that get the same answer to every question share one *profile*. The page shows each
profile once (readable without JavaScript, reached from a list of the communes by
arrondissement and EPCI), and a small JSON file maps each commune to its profile for the
search field (``overrides/assets/javascripts/near-you.js``).
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..data import model as m
from ..data.site_data import SiteData
from ..data.territory import Commune, Coverage
from ..lang import fold

"""The commune → profile file, next to the page, in each language's folder."""
SCRIPT_STRINGS = ("near_loading", "near_load_failed", "near_count_one", "near_count_many",
                  "near_count_more",
                  "near_postcode_many", "near_none", "near_empty", "near_choose", "near_shown",
                  "near_result_facts", "near_in_metropole", "near_not_metropole",
                  "near_no_epci", "near_plan_link")
"""The strings near-you.js writes (with {slots} it fills itself)."""


@dataclass(frozen=True)
class Line:
    """One body or scheme in an answer: certain (``yes``) or left open by its source."""

    kind: str
    """'actors', 'dispositifs', 'instances' or 'permanences': where the record lives."""
    record: Any
    serves: m.Serves | None
    coverage: Coverage

    @property
    def key(self) -> tuple[str, str, Coverage]:
        return self.kind, self.record.id, self.coverage


@dataclass(frozen=True)
class Answer:
    """The answer to one question (a topic) for a commune."""

    topic: str
    lines: tuple[Line, ...]

    @property
    def certain(self) -> tuple[Line, ...]:
        return tuple(line for line in self.lines if line.coverage == "yes")

    @property
    def open(self) -> tuple[Line, ...]:
        return tuple(line for line in self.lines if line.coverage == "maybe")


@dataclass(frozen=True)
class Profile:
    """The answers shared by a set of communes."""

    id: str
    answers: tuple[Answer, ...]
    communes: tuple[Commune, ...]
    arrondissements: tuple[str, ...]
    in_metropole: bool | None
    """True or False when every commune is in, or out of, the métropole (roles.metropole);
    None if mixed, or without a métropole."""
    area: tuple[str, str] | None = None
    """How to name a large profile: ('metropole', ''), ('outside', arrondissement code) or
    ('arrondissement', code); None for a few communes, named one by one."""
    except_names: tuple[str, ...] = ()
    """The communes of that area that have their own profile."""

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(commune.name for commune in sorted(self.communes,
                                                        key=lambda c: sort_key(c.name)))


@dataclass(frozen=True)
class Group:
    """The communes of one EPCI within one arrondissement, by profile."""

    epci: str | None
    communes: tuple[Commune, ...]
    by_profile: tuple[tuple[Profile, tuple[Commune, ...]], ...]


@dataclass(frozen=True)
class Lookup:
    """Everything the page and its JSON need."""

    profiles: tuple[Profile, ...]
    profile_of: dict[str, Profile]
    groups: dict[str, tuple[Group, ...]]
    """By arrondissement code, the EPCI groups in name order."""


def _line(kind: str, record: Any, serves: m.Serves | None, commune: Commune) -> Line | None:
    coverage = "yes" if serves is None else serves.covers(commune)
    return None if coverage == "no" else Line(kind, record, serves, coverage)


Topic = Callable[[SiteData, Commune], Iterable[Line | None]]


def _fund(data: SiteData, commune: Commune) -> Iterable[Line | None]:
    """The body that runs the housing fund (the FSL) where the commune is."""
    fund = data.dispositifs_by_id.get(data.site.roles.housing_fund or "")
    for delivery in fund.territories if fund else ():
        yield _line("actors", data.actors_by_id[delivery.actor], delivery.serves, commune)


def _social_services(data: SiteData, commune: Commune) -> Iterable[Line | None]:
    """The social services the data names (roles.social_services), in its order."""
    for actor_id in data.site.roles.social_services:
        actor = data.actors_by_id.get(actor_id)
        if actor is not None:
            yield _line("actors", actor, actor.serves, commune)


def _local_support(data: SiteData, commune: Commune) -> Iterable[Line | None]:
    """Schemes limited to part of the département."""
    for item in data.dispositifs.dispositifs:
        if item.serves is not None and not item.serves.departement:
            yield _line("dispositifs", item, item.serves, commune)


def _ccapex(data: SiteData, commune: Commune) -> Iterable[Line | None]:
    for item in data.instances.instances:
        if item.parent == data.site.roles.ccapex and item.serves is not None:
            yield _line("instances", item, item.serves, commune)


def _visits(data: SiteData, commune: Commune) -> Iterable[Line | None]:
    visits = data.dispositifs_by_id.get(data.site.roles.anticipation_visits or "")
    for delivery in visits.territories if visits else ():
        yield _line("actors", data.actors_by_id[delivery.actor], delivery.serves, commune)


def _adil(data: SiteData, commune: Commune) -> Iterable[Line | None]:
    """The housing advice body's permanences (the ADIL's) held in the commune's
    arrondissement (a place, not a limit: anyone may go to any of them)."""
    where = data.communes.arrondissement_of
    nearby = [item for item in data.permanences.permanences
              if item.organiser == data.site.roles.housing_advice
              and where.get(item.commune) == commune.arrondissement]
    # The commune's own permanence first, then the others of its arrondissement.
    for item in sorted(nearby, key=lambda item: item.commune != commune.insee):
        yield Line("permanences", item, None, "yes")


def _legal(data: SiteData, commune: Commune) -> Iterable[Line | None]:
    """Free legal advice: the body whose number reaches the nearest point-justice
    (roles.legal_help), then the legal-advice permanences of other bodies held in the
    commune's arrondissement (a place, not a limit), the commune's own first."""
    helper = data.actors_by_id.get(data.site.roles.legal_help or "")
    if helper is not None:
        yield Line("actors", helper, None, "yes")
    where = data.communes.arrondissement_of
    nearby = [item for item in data.permanences.permanences
              if item.organiser != data.site.roles.housing_advice
              and item.kind in LEGAL_KINDS
              and where.get(item.commune) == commune.arrondissement]
    for item in sorted(nearby, key=lambda item: item.commune != commune.insee):
        yield Line("permanences", item, None, "yes")


def _courts(data: SiteData, commune: Commune) -> Iterable[Line | None]:
    """The courts that hear lease cases (roles.courts): the summons names the reader's."""
    for actor_id in data.site.roles.courts:
        yield Line("actors", data.actors_by_id[actor_id], None, "yes")


def _commission(data: SiteData, commune: Commune) -> Iterable[Line | None]:
    item = data.instances_by_id.get(data.site.roles.arrears_commission or "")
    if item is not None and item.serves is not None:
        yield _line("instances", item, item.serves, commune)


LEGAL_KINDS = ("juridique", "avocats", "acces-au-droit")
"""Permanences that give legal advice (not the lawyers on hearing days)."""

TOPICS: dict[str, Topic] = {
    "social": _social_services,
    "fund": _fund,
    "adil": _adil,
    "legal": _legal,
    "court": _courts,
    "support": _local_support,
    "commission": _commission,
    "ccapex": _ccapex,
    "visits": _visits,
}
"""The questions the page answers, in the order a household needs them: whom to talk to
first, help to pay, housing advice, legal advice, the court, then the commissions and visits
of the later stages."""


def answers_for(data: SiteData, commune: Commune) -> tuple[Answer, ...]:
    return tuple(Answer(topic, tuple(line for line in find(data, commune) if line))
                 for topic, find in TOPICS.items())


def lookup(data: SiteData) -> Lookup:
    """Every commune's answers, grouped into profiles (numbered in order of first commune
    by INSEE code, so the same data gives the same page)."""
    communes = data.communes.communes
    metropole_code = data.site.roles.metropole
    keyed: dict[tuple[Any, ...], list[Commune]] = {}
    answers: dict[tuple[Any, ...], tuple[Answer, ...]] = {}
    key_of: dict[str, tuple[Any, ...]] = {}
    for commune in communes:
        found = answers_for(data, commune)
        key = tuple((answer.topic, tuple(line.key for line in answer.lines))
                    for answer in found)
        keyed.setdefault(key, []).append(commune)
        answers.setdefault(key, found)
        key_of[commune.insee] = key
    profiles = {}
    for number, (key, members) in enumerate(keyed.items(), start=1):
        metropole = {commune.epci == metropole_code for commune in members}
        profiles[key] = Profile(
            f"reponse-{number}", answers[key], tuple(members),
            tuple(sorted({commune.arrondissement for commune in members})),
            metropole.pop() if metropole_code and len(metropole) == 1 else None)
    profiles = _named(profiles, communes, metropole_code)
    profile_of = {insee: profiles[key] for insee, key in key_of.items()}
    groups: dict[str, tuple[Group, ...]] = {}
    epci_names = {item.code: item.name for item in data.communes.epci}
    for arrondissement in data.communes.arrondissements:
        by_epci: dict[str | None, list[Commune]] = {}
        for commune in communes:
            if commune.arrondissement == arrondissement.code:
                by_epci.setdefault(commune.epci, []).append(commune)
        ordered = sorted(by_epci.items(),
                         key=lambda item: sort_key(epci_names.get(item[0] or "", "")))
        groups[arrondissement.code] = tuple(
            Group(epci, tuple(sorted(members, key=lambda c: sort_key(c.name))),
                  _by_profile(members, profile_of))
            for epci, members in ordered)
    return Lookup(tuple(profiles.values()), profile_of, groups)


NAMED_ONE_BY_ONE = 4
"""A profile of at most this many communes is titled with their names."""


def _named(profiles: dict[Any, Profile], communes: list[Commune],
           metropole_code: str | None) -> dict[Any, Profile]:
    """Give each large profile its area and the communes of that area it leaves out."""
    metropole_arrondissements = {c.arrondissement for c in communes
                                 if metropole_code and c.epci == metropole_code}

    def area(profile: Profile) -> tuple[str, str] | None:
        if len(profile.communes) <= NAMED_ONE_BY_ONE or len(profile.arrondissements) != 1:
            return None
        if profile.in_metropole:
            return "metropole", ""
        code = profile.arrondissements[0]
        if profile.in_metropole is False and code in metropole_arrondissements:
            return "outside", code
        return "arrondissement", code

    @functools.cache
    def members(key: tuple[str, str]) -> frozenset[str]:
        kind, code = key
        return frozenset(c.insee for c in communes
                         if (kind == "metropole" and c.epci == metropole_code)
                         or (kind == "outside" and c.arrondissement == code
                             and c.epci != metropole_code)
                         or (kind == "arrondissement" and c.arrondissement == code))

    named = {}
    for key, profile in profiles.items():
        where = area(profile)
        if where is None:
            named[key] = profile
            continue
        own = {c.insee for c in profile.communes}
        left_out = sorted((c.name for c in communes if c.insee in members(where) - own),
                          key=sort_key)
        named[key] = dataclasses.replace(profile, area=where, except_names=tuple(left_out))
    return named


def _by_profile(members: list[Commune], profile_of: dict[str, Profile]
                ) -> tuple[tuple[Profile, tuple[Commune, ...]], ...]:
    """The group's communes by profile, the largest first (the « other communes »)."""
    split: dict[str, list[Commune]] = {}
    for commune in members:
        split.setdefault(profile_of[commune.insee].id, []).append(commune)
    first = {profile_of[group[0].insee].id: profile_of[group[0].insee]
             for group in split.values()}
    return tuple(sorted(((first[pid], tuple(sorted(group, key=lambda c: sort_key(c.name))))
                         for pid, group in split.items()),
                        key=lambda item: (-len(item[1]), item[0].id)))


def sort_key(name: str) -> str:
    """French alphabetical order, accents ignored (« Étang » among the E)."""
    return fold(name)


def data_json(data: SiteData, found: Lookup) -> str:
    """The file the search field loads: each commune as [name, INSEE code, postcodes,
    arrondissement code, EPCI code, profile number], and the names of the codes. Compact
    (a few KB gzipped) and byte-stable."""
    document = {
        "arrondissements": {item.code: item.name for item in data.communes.arrondissements},
        "epci": {item.code: item.name for item in data.communes.epci},
        "metropole": data.site.roles.metropole or "",
        "communes": [[commune.name, commune.insee, commune.postcodes, commune.arrondissement,
                      commune.epci or "", found.profile_of[commune.insee].id]
                     for commune in data.communes.communes],
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


NUMBERS_FLOOR = 3
"""Numbers to call that every commune's answer must give (tested; `make report` counts)."""


def numbers_of(data: SiteData, answers: Iterable[Answer]) -> tuple[str, ...]:
    """The phone numbers a commune's answer gives, each once: the first number of each body
    it lists (a permanence's, or that of the premises it is held in), and the helpline that
    routes to the housing advice body."""
    found: list[str] = []
    for answer in answers:
        for line in answer.certain:
            contacts = list(getattr(line.record, "contacts", []))
            place = getattr(line.record, "place", None)
            if place:
                contacts += data.actors_by_id[place].contacts
            found += [contact.phone for contact in contacts[:3] if contact.phone][:1]
        if answer.topic == "adil":
            found += [item.number for item in data.site.emergency
                      if item.id == data.site.roles.helpline]
    return tuple(dict.fromkeys(found))


def numbers_report(data: SiteData) -> str:
    """Markdown: how many numbers to call each commune's answer gives, and the communes under
    the floor, for `make report`."""
    found = lookup(data)
    counts = {commune.insee: len(numbers_of(data, found.profile_of[commune.insee].answers))
              for commune in data.communes.communes}
    names = {commune.insee: commune.name for commune in data.communes.communes}
    spread: dict[int, int] = {}
    for count in counts.values():
        spread[count] = spread.get(count, 0) + 1
    lines = ["## Numbers to call, per commune (« Près de chez vous »)", "",
             f"{len(counts)} communes; floor {NUMBERS_FLOOR}. "
             + ", ".join(f"{spread[count]} with {count}" for count in sorted(spread)) + "."]
    under = sorted(names[insee] for insee, count in counts.items() if count < NUMBERS_FLOOR)
    if under:
        lines += ["", "Under the floor: " + ", ".join(under) + "."]
    return "\n".join(lines) + "\n"
