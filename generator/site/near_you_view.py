"""What the « Près de chez vous » page shows, in one language: the answers of
:mod:`.near_you` turned into titles, lines, links and numbers, so that the template only lays
them out (no lookup, no dispatch on a topic, no record id in it).

Every text here is escaped for raw HTML (the page's answers are HTML blocks, where Markdown
does not run); every link is a page path of :mod:`.addresses`, made relative by the template.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from markupsafe import Markup

from ..data import model as m
from . import near_you
from .addresses import dispositif_path, page_path

if TYPE_CHECKING:
    from .render import Renderer


@dataclass(frozen=True)
class Entry:
    """A body, scheme, commission or permanence in an answer, with its link."""

    name: Markup
    target: str
    """Page path (with its anchor) of the record."""
    strong: bool = False
    phone: str | None = None
    check: bool = False
    """True when the number must be confirmed before going (an old or secondary source)."""
    note: Markup | None = None
    """Said after the name (who a scheme is for, whether the household attends)."""


@dataclass(frozen=True)
class Ask:
    """A question the data leaves open, and whom to ask."""

    label: Markup
    reason: Markup
    whom: tuple[Entry, ...]


@dataclass(frozen=True)
class Call:
    """A number to call, with its cost."""

    text: Markup
    number: str
    cost: Markup


@dataclass(frozen=True)
class Cited:
    source: str
    where: Markup | None
    where_lang: str | None
    """The language of ``where`` when it is not the page's (the charter's own words)."""


@dataclass(frozen=True)
class AnswerView:
    """One topic of a commune's answer, ready to lay out."""

    topic: str
    heading: Markup
    layout: Literal["sentence", "list", "paragraphs"]
    """'sentence': « lead A, B. »; 'list': one item per entry; 'paragraphs': one paragraph
    per entry."""
    entries: tuple[Entry, ...]
    lead: Markup | None = None
    intro: Markup | None = None
    """A paragraph before the entries."""
    empty: Markup | None = None
    """Said when no entry is certain."""
    empty_link: tuple[Markup, str] | None = None
    asks: tuple[Ask, ...] = ()
    more: tuple[Markup, str] | None = None
    """A link after the answer (text, page path)."""
    call: Call | None = None
    cited: tuple[Cited, ...] = ()


@dataclass(frozen=True)
class ProfileView:
    id: str
    title: Markup
    answers: tuple[AnswerView, ...]


@dataclass(frozen=True)
class MembersView:
    names: str
    link_text: Markup
    profile: str


@dataclass(frozen=True)
class GroupView:
    name: str
    count: Markup
    members: tuple[MembersView, ...]


@dataclass(frozen=True)
class ArrondissementView:
    code: str
    name: Markup
    count: Markup
    epci_names: str
    groups: tuple[GroupView, ...]


@dataclass(frozen=True)
class NearYouView:
    version: Markup
    arrondissements: tuple[ArrondissementView, ...]
    profiles: tuple[ProfileView, ...]
    notes: dict[str, Markup] = field(default_factory=dict)


def near_you_view(r: Renderer, found: near_you.Lookup) -> NearYouView:
    """The page's content for ``r``'s language."""
    data = r.data
    epci_names = {item.code: item.name for item in data.communes.epci}
    arrondissement_names = {item.code: item.name for item in data.communes.arrondissements}
    metropole = epci_names.get(data.site.roles.metropole or "", "")

    def names_list(names: Iterable[str]) -> str:
        names = list(names)
        if len(names) > 1:
            return ", ".join(names[:-1]) + str(r.string("near_and")) + names[-1]
        return names[0]

    def profile_title(profile: near_you.Profile) -> Markup:
        if profile.area is None:
            return Markup.escape(names_list(profile.names))
        kind, code = profile.area
        if kind == "metropole":
            area = r.string("near_profile_area_metropole", name=metropole)
        elif kind == "outside":
            area = r.string("near_profile_area_outside", name=arrondissement_names[code],
                            metropole=metropole)
        else:
            area = r.string("near_arrondissement", name=arrondissement_names[code])
        if profile.except_names:
            return r.string("near_profile_except", area=area,
                            names=names_list(profile.except_names))
        return area

    def epci_name(code: str | None) -> str:
        return epci_names[code] if code else str(r.string("near_no_epci"))

    arrondissements = []
    for arrondissement in data.communes.arrondissements:
        groups = found.groups[arrondissement.code]
        count = sum(len(group.communes) for group in groups)
        arrondissements.append(ArrondissementView(
            arrondissement.code, r.string("near_arrondissement", name=arrondissement.name),
            r.string("near_communes_count", count=count),
            ", ".join(epci_name(group.epci) for group in groups),
            tuple(GroupView(epci_name(group.epci),
                            r.string("near_communes_count", count=len(group.communes)),
                            tuple(_members(r, group, index, members, profile, names_list)
                                  for index, (profile, members) in enumerate(group.by_profile)))
                  for group in groups)))
    profiles = tuple(ProfileView(profile.id, profile_title(profile),
                                 tuple(view for answer in profile.answers
                                       for view in [_answer(r, answer)] if view is not None))
                     for profile in found.profiles)
    return NearYouView(r.html_text(data.communes.source.version), tuple(arrondissements),
                       profiles)


def _members(r: Renderer, group: near_you.Group, index: int,
             members: tuple[near_you.Commune, ...], profile: near_you.Profile,
             names_list: object) -> MembersView:
    names = [commune.name for commune in members]
    if len(group.by_profile) == 1:
        text = r.string("near_applies_all")
    elif index == 0 and len(members) > 4:
        text = r.string("near_applies_others")
    else:
        text = r.string("near_what_applies_to", names=names_list(names))  # type: ignore[operator]
    return MembersView(", ".join(names), text, profile.id)


def _entry(r: Renderer, line: near_you.Line, *, strong: bool = False, phone: bool = False,
           note: Markup | None = None) -> Entry:
    record = line.record
    if line.kind == "permanences":
        name, target = r.html_text(record.title), page_path("permanences", record.id)
    elif line.kind == "dispositifs":
        name, target = r.html_text(record.name), dispositif_path(record.id)
    elif line.kind == "instances":
        name, target = r.html_text(record.name), page_path("instances", record.id)
    else:
        name, target = r.html_text(record.name), page_path("actors", record.id)
    number, check = None, False
    if phone:
        contacts = list(record.contacts)
        place = getattr(record, "place", None)
        if place:  # a permanence held in another body's premises: that body's number
            contacts += r.data.actors_by_id[place].contacts
        contact = next((item for item in contacts if item.phone), None)
        if contact is not None:
            number, check = contact.phone, bool(r.check_reason(contact))
        elif note is None and contacts and contacts[0].address:
            note = r.html_text(contacts[0].address)
            if r.check_reason(contacts[0]):
                note = Markup("{} <span class=\"near-check\">({})</span>").format(
                    note, r.string("near_check"))
    return Entry(name, target, strong, number, check, note)


def _local_service(r: Renderer, actor_id: str) -> Entry:
    """The local social service (roles.local_social_service) is one per commune: named by
    what the reader asks for (« le CCAS de votre commune »), not by the directory entry."""
    return Entry(r.string("near_ccas_line"), page_path("actors", actor_id))


def _asks(r: Renderer, answer: near_you.Answer, named: bool) -> tuple[Ask, ...]:
    local = r.data.site.roles.local_social_service
    asks = []
    for line in answer.open:
        assert line.serves is not None and line.serves.unknown is not None
        title = line.record.title if line.kind == "permanences" else line.record.name
        label = (r.string("near_unknown_for", name=r.html_text(title)) if named
                 else r.string("near_unknown"))
        whom = tuple(_local_service(r, actor_id) if actor_id == local
                     else _entry(r, near_you.Line("actors", r.data.actors_by_id[actor_id],
                                                  None, "yes"))
                     for actor_id in line.serves.unknown.ask)
        asks.append(Ask(label, r.html_text(line.serves.unknown.reason), whom))
    return tuple(asks)


def _cited(r: Renderer, answer: near_you.Answer) -> tuple[Cited, ...]:
    """The sources of an answer's lines, each once, in order: the `serves` of each line,
    then the permanences' own sources."""
    seen: list[tuple[str, m.Text | None]] = []
    for line in answer.lines:
        if line.serves is not None and (line.serves.source, line.serves.where) not in seen:
            seen.append((line.serves.source, line.serves.where))
    for line in answer.lines:
        if line.kind == "permanences" and (line.record.source, None) not in seen:
            seen.append((line.record.source, None))
    default = r.data.default_language
    return tuple(Cited(source, r.html_text(where) if where else None,
                       default if where and r.lang != default else None)
                 for source, where in seen)


def _answer(r: Renderer, answer: near_you.Answer) -> AnswerView | None:
    """One topic's answer (None for a topic the data gives nothing for: legal advice or the
    courts, when no role names them). The topics are those of :data:`near_you.TOPICS`; each
    says what it shows in its own words, and the rest is laid out alike."""
    roles = r.data.site.roles
    certain, topic = answer.certain, answer.topic
    if topic in ("legal", "court") and not answer.lines:
        return None
    common = dict(topic=topic, heading=r.string(f"near_topic_{topic}"),
                  cited=_cited(r, answer))
    if topic == "fund":
        return AnswerView(
            layout="sentence", lead=r.colon(r.string("near_fsl_by")) if certain else None,
            entries=tuple(_entry(r, line, strong=True, phone=True) for line in certain),
            asks=_asks(r, answer, named=True),
            more=(r.string("near_fsl_more"), dispositif_path(roles.housing_fund or "")),
            **common)
    if topic == "social":
        return AnswerView(
            layout="list",
            entries=tuple(_local_service(r, line.record.id)
                          if line.record.id == roles.local_social_service
                          else _entry(r, line, phone=True) for line in certain),
            asks=_asks(r, answer, named=True), **common)
    if topic == "support":
        return AnswerView(
            layout="paragraphs",
            entries=tuple(_entry(r, line, strong=True, note=r.html_text(
                r.first_sentence(line.record.for_whom))) for line in certain),
            empty=r.string("near_support_none"),
            empty_link=(r.string("near_all_dispositifs"), page_path("dispositifs")),
            asks=_asks(r, answer, named=True), **common)
    if topic == "adil":
        helpline = next((item for item in r.data.site.emergency if item.id == roles.helpline),
                        None)
        return AnswerView(
            layout="list", entries=tuple(_entry(r, line) for line in certain),
            empty=r.string("near_adil_none"),
            call=Call(r.string("near_adil_phone"), helpline.number,
                      r.html_text(helpline.cost)) if helpline else None,
            **common)
    if topic == "legal":
        entries = tuple(_entry(r, line, phone=True) for line in certain)
        helper = r.data.actors_by_id.get(roles.legal_help or "")
        number = next((entry.phone for entry in entries[:1] if helper and entry.phone), None)
        return AnswerView(
            layout="list", entries=entries,
            intro=r.string("near_legal_intro", number=number) if number else None, **common)
    if topic == "court":
        return AnswerView(
            layout="list", entries=tuple(_entry(r, line, strong=index == 0, phone=True)
                                         for index, line in enumerate(certain)),
            intro=r.string("near_court_intro"), **common)
    if topic == "commission":
        return AnswerView(
            layout="sentence", lead=r.string("near_commission_yes") if certain else None,
            entries=tuple(_entry(r, line) for line in certain),
            asks=_asks(r, answer, named=False), **common)
    return AnswerView(
        layout="list",
        entries=tuple(_entry(r, line, strong=True, note=r.string(
            f"near_present_{line.record.household_present}")
            if line.kind == "instances" and line.record.household_present else None)
            for line in certain),
        asks=_asks(r, answer, named=bool(certain)),
        empty=None if answer.open else r.string("near_named_none"), **common)
