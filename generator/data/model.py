"""The data model: one schema class per data file.

Field docstrings (``description=``) are the documentation a data editor reads, in the JSON
Schema that VS Code shows while typing. Every model forbids unknown keys, so a typo is an
error, not a silently ignored field.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    ValidationInfo,
    model_validator,
)

LANGUAGES: tuple[str, ...] = ("fr", "en")
"""Default languages; a project sets its own in mkdocs.yml (``extra.alternate``) and passes
them as the validation context ``{"languages": (...)}``. The first is required everywhere."""

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


@dataclass(frozen=True)
class IsId:
    """Marks a field that holds an identifier (a record's own ``id`` or a reference)."""


@dataclass(frozen=True)
class RefersTo:
    """Marks an identifier that must name a record of ``kind`` (``"actors"``, ``"sources"``…):
    the validator checks every field so marked, with file and line, and suggests the closest
    known id. A new reference field is checked as soon as it is declared with one of the
    types below; ``tests/test_validation.py`` fails on an id field that declares none."""

    kind: str


Id = Annotated[
    str,
    Field(
        pattern=ID_PATTERN,
        description="Identifier: lower-case letters, digits and single hyphens (e.g. 'adil-21').",
    ),
    IsId(),
]
ActorId = Annotated[Id, RefersTo("actors")]
CategoryId = Annotated[Id, RefersTo("categories")]
DeadlineId = Annotated[Id, RefersTo("deadlines")]
DispositifId = Annotated[Id, RefersTo("dispositifs")]
InstanceId = Annotated[Id, RefersTo("instances")]
PermanenceId = Annotated[Id, RefersTo("permanences")]
SourceId = Annotated[Id, RefersTo("sources")]
StepId = Annotated[Id, RefersTo("steps")]
TermId = Annotated[Id, RefersTo("terms")]

PHONE_RE = re.compile(r"^(\d{2,4}|\d{2} \d{2}|0 ?\d{3} ?\d{2} ?\d{2} ?\d{2}|0\d( \d{2}){4})$")


def _check_phone(value: str) -> str:
    if not PHONE_RE.match(value):
        raise ValueError(
            f"'{value}' is not a French phone number; write it as '03 80 12 34 56', "
            "'0 805 16 00 75' or a short number such as '115' or '32 30'"
        )
    return value


def _check_url(value: str) -> str:
    if not re.match(r"^https://[^\s/$.?#][^\s]*$", value):
        raise ValueError(f"'{value}' is not a web address; it must start with https://")
    return value


def _check_email(value: str) -> str:
    if not re.match(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", value):
        raise ValueError(f"'{value}' is not an e-mail address (name@example.fr)")
    return value


Phone = Annotated[str, AfterValidator(_check_phone)]
Url = Annotated[str, AfterValidator(_check_url)]
Email = Annotated[str, AfterValidator(_check_email)]


class Strict(BaseModel):
    """Base for every record: unknown keys are errors; values are immutable once loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(RootModel[dict[str, str]]):
    """Text a reader sees, one entry per language: ``{fr: …, en: …}``.

    ``fr`` is required. A translation may record the French text it was made from as
    ``en_from: <hash>`` (``python -m generator stamp`` writes it); when the French text
    changes, ``make check`` reports the translation as outdated.
    """

    model_config = ConfigDict(frozen=True)

    @model_validator(mode="after")
    def _languages(self, info: ValidationInfo) -> Text:
        languages = (info.context or {}).get("languages", LANGUAGES)
        known = set(languages) | {f"{lang}_from" for lang in languages[1:]}
        for key, value in self.root.items():
            if key not in known:
                raise ValueError(
                    f"unknown language '{key}'; use one of: {', '.join(sorted(known))}"
                )
            if not isinstance(value, str) or not value.strip():
                raise ValueError(f"'{key}' text is empty")
        if languages[0] not in self.root:
            raise ValueError(f"missing '{languages[0]}' text; add a line '{languages[0]}: …'")
        return self

    def get(self, lang: str, fallback: str) -> str:
        """The text in ``lang``, or in ``fallback`` (the project's default language) when
        that translation is missing. Renderers go through :class:`generator.lang.Lang`."""
        return self.root.get(lang) or self.root[fallback]

    def has(self, lang: str) -> bool:
        return lang in self.root


class Contact(Strict):
    """How to reach an actor. Leave a field empty (null) until a public source gives it:
    never guess an address, phone number or e-mail. Every value of one contact comes from
    its one ``source``: values from another source go in another contact (never combine two
    sources into one value). The page's own date is the source's ``date``; ``verified_on`` is
    the day someone read the value there."""

    label: Text | None = Field(
        None, description="What this line is, when an actor has several: 'Standard', "
        "'Rendez-vous au point-justice'.")
    address: Text | None = Field(None, description="Postal address, as printed by the actor.")
    phone: Phone | None = Field(None, description="Phone number, e.g. '03 80 12 34 56'.")
    email: Email | None = None
    website: Url | None = None
    hours: Text | None = Field(None, description="Opening hours, as published by the actor.")
    source: SourceId | None = Field(
        None, description="Id in sources.yaml where these details come from.")
    verified_on: dt.date | None = Field(
        None, description="Date (YYYY-MM-DD) someone read these details in the source."
    )

    @property
    def is_empty(self) -> bool:
        return not any((self.address, self.phone, self.email, self.website, self.hours))

    @model_validator(mode="after")
    def _sourced(self) -> Contact:
        if not self.is_empty and (self.source is None or self.verified_on is None):
            raise ValueError(
                "a contact detail needs 'source' and 'verified_on': say where it comes from "
                "and when it was checked"
            )
        return self


# --------------------------------------------------------------------------- sources.yaml


class Source(Strict):
    """A document that a fact on the site comes from."""

    id: Id
    title: Text
    publisher: str | None = None
    url: Url | None = None
    date: dt.date | None = Field(None, description="The page's or document's own date (its "
                                 "publication or 'mis à jour le' date); empty when undated.")
    confidence: Literal["text", "official", "secondary", "charter"] = Field(
        description="'text': the legal text itself was read; 'official': the body's own site "
        "or an official publication; 'secondary': commentary, press or a directory says so; "
        "'charter': the 2020-2024 charter."
    )
    note: Text | None = None


class SourcesFile(Strict):
    sources: list[Source]


# --------------------------------------------------------------------------- steps.yaml


class Delay(Strict):
    """A duration in machine-readable form, used by the deadline calculator."""

    amount: int = Field(ge=1)
    unit: Literal["days", "weeks", "months", "years"]
    direction: Literal["after", "before"] = Field(
        "after", description="'before': the deadline falls before the event (e.g. a hearing)."
    )


class LeaseCondition(Strict):
    """Restricts a deadline to leases signed before, or from, a date."""

    lease_signed_before: dt.date | None = None
    lease_signed_from: dt.date | None = None


class YearlyPeriod(Strict):
    """A period that comes back every year, such as the winter truce."""

    start: str = Field(pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$",
                       description="First day, as MM-DD: '11-01' for 1 November.")
    end: str = Field(pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$",
                     description="Last day, as MM-DD: '03-31' for 31 March.")


class AudienceText(Strict):
    """The same fact written once for each reader, so that nobody reads a sentence meant for
    someone else: the tenant's page speaks to the tenant, the landlord's to the landlord."""

    tenant: Text = Field(description="For the tenant's page: speaks to the tenant ('vous avez "
                         "6 semaines pour régler la dette').")
    landlord: Text = Field(description="For the landlord's page: speaks to the landlord "
                           "('votre locataire a 6 semaines…').")
    partner: Text = Field(description="For the partners' page: neutral, third person ('le "
                          "locataire dispose de 6 semaines…').")


class Deadline(Strict):
    """A legal delay in force today. Each carries its legal reference and its source."""

    id: Id
    label: Text = Field(description="What the delay is, in a few words.")
    party: Literal["tenant", "landlord", "authorities", "everyone"] = Field(
        description="Whose time limit it is: 'tenant' (the tenant acts, or is protected), "
        "'landlord' (a duty of the landlord or their commissaire de justice), 'authorities' "
        "(the préfet, a judge), 'everyone' (a rule for all, such as the winter truce). The "
        "calculator leads with the tenant's own dates and shows the others apart.")
    duration: Text = Field(description="The delay itself in words, as a reader says it: "
                           "'6 semaines', '2 mois', 'de 1 mois à 1 an'. Printed beside the "
                           "label on the handouts and in the booklet.")
    delay: Delay | None = Field(None, description="The duration, if it is a fixed one.")
    starts: Text = Field(description="The event it runs from (or before).")
    explanation: AudienceText = Field(
        description="What it means, in plain words, for each reader.")
    applies_if: LeaseCondition | None = None
    period: YearlyPeriod | None = Field(
        None, description="For a yearly period (the winter truce): its first and last day.")
    reference: str | Text = Field(
        description="Legal reference, e.g. 'Loi n° 89-462, art. 24 I'; a {fr, en} mapping when "
        "it has words to translate ('Charte 2020-2024, étape 6').")
    source: SourceId = Field(description="Id in sources.yaml.")
    verified_on: dt.date
    changed: Text | None = Field(None, description="What changed since the 2020 charter.")
    needs_review: Text | None = Field(
        None, description="Set when a source is unconfirmed: what must be checked, by whom."
    )


class CalculatorEvent(Strict):
    """How the deadline calculator (outils/calculateur) offers a paper or an event: the date
    the reader types, and the delays that run from it."""

    date: Literal["received", "hearing", "request", "eviction_from"] = Field(
        description="The date the reader types: 'received' (the day the paper was delivered), "
        "'hearing' (the hearing date written on it), 'request' (the day the préfet was asked "
        "for police assistance), 'eviction_from' (the date written on the préfet's decision).")
    starts: list[DeadlineId] = Field(
        default_factory=list, description="Ids of the deadlines (in this file) that run from "
        "(or before) that date, in the order the calculator lists them.")
    eviction_from: DeadlineId | None = Field(
        None, description="The deadline whose end is the earliest day an eviction may happen; "
        "the calculator then says where that day stands against the winter truce.")
    eviction_from_date: bool = Field(
        False, description="true when the date typed is itself the earliest day an eviction "
        "may happen (the calculator compares it with the winter truce).")


class Document(Strict):
    """A paper the household receives at this stage."""

    id: Id
    name: Text
    sender: Text = Field(description="Who sends it, as the reader sees it.")
    sender_actors: list[ActorId] = Field(default_factory=list)
    identify: Text = Field(description="The words that identify it on the paper.")
    calculator: CalculatorEvent | None = Field(
        None, description="Offered by the deadline calculator: which date to type, which "
        "delays it starts.")


class UsefulContact(Strict):
    """An address or number the reader needs at this stage, and why."""

    actor: ActorId | None = Field(None, description="Id in actors.yaml.")
    permanence: PermanenceId | None = Field(None, description="Id in permanences.yaml.")
    why: Text = Field(description="Why the reader needs it here, and what to check first.")

    @model_validator(mode="after")
    def _one_target(self) -> UsefulContact:
        if (self.actor is None) == (self.permanence is None):
            raise ValueError("give either 'actor' or 'permanence' (one of them)")
        return self


class AudienceGuide(Strict):
    """What one audience (tenant or landlord) should know and do at this stage."""

    meaning: Text = Field(description="What this stage means, for this reader.")
    first_action: Text = Field(description="The one thing to do first.")
    actions: list[Text] = Field(min_length=1)
    parc_public: list[Text] = Field(
        default_factory=list, description="Only for social housing (HLM) tenants."
    )
    parc_prive: list[Text] = Field(
        default_factory=list, description="Only for private-landlord tenancies."
    )
    good_to_know: list[Text] = Field(default_factory=list)
    contacts: list[UsefulContact] = Field(
        default_factory=list, description="Addresses and numbers shown on this page, each "
        "with why the reader needs it (e.g. the court on the assignation stage).")


class WhoDoesWhat(Strict):
    """One row of the charter's « Qui / Actions » table."""

    who: Text = Field(description="The 'Qui' cell, as the charter names it (corrected).")
    actors: list[ActorId] = Field(default_factory=list, description="Ids in actors.yaml.")
    both: list[Text] = Field(
        default_factory=list, description="Actions for parc public and parc privé alike."
    )
    public: list[Text] = Field(default_factory=list, description="Parc public only.")
    private: list[Text] = Field(default_factory=list, description="Parc privé only.")
    condition: Text | None = Field(
        None, description="A heading the charter puts over these actions (e.g. 'À défaut…')."
    )


class PartnerTable(Strict):
    """One « Qui / Actions » table of the charter, with the text that introduces it."""

    title: Text | None = None
    intro: Text | None = None
    split: bool = Field(description="True when the charter splits parc public / parc privé.")
    rows: list[WhoDoesWhat] = Field(min_length=1)


class Step(Strict):
    """One of the six stages of the eviction procedure."""

    id: Id = Field(description="Also the page address, e.g. 'commandement-de-payer'.")
    number: int = Field(ge=1, le=6)
    title: Text
    summary: Text = Field(description="One sentence for the timeline.")
    trigger: Text = Field(description="What starts this stage.")
    documents: list[Document] = Field(default_factory=list)
    deadlines: list[Deadline] = Field(default_factory=list)
    tenant: AudienceGuide
    landlord: AudienceGuide
    partners: list[PartnerTable] = Field(min_length=1)
    background: list[Text] = Field(
        default_factory=list, description="The charter's explanation of the stage."
    )
    dispositifs: list[DispositifId] = Field(default_factory=list)
    actors: list[ActorId] = Field(default_factory=list)
    instances: list[InstanceId] = Field(default_factory=list)
    next: Text = Field(description="What happens next.")
    calculator: CalculatorEvent | None = Field(
        None, description="Offered by the deadline calculator as an event of its own, when the "
        "stage starts with no paper the household receives (the request to the préfet).")
    source: SourceId
    charter_section: str = Field(description="Where it is in the charter, e.g. 'II.B Étape 2'.")
    verified_on: dt.date


class StepsFile(Strict):
    steps: list[Step] = Field(min_length=1)


# --------------------------------------------------------------------------- actors.yaml


class Category(Strict):
    id: Id
    name: Text
    description: Text | None = None


class FormerName(Strict):
    name: str
    until: dt.date | None = None
    note: Text | None = None


class Actor(Strict):
    """A service, institution or association named in the charter."""

    id: Id
    name: Text
    acronym: str | None = None
    former_names: list[FormerName] = Field(default_factory=list)
    category: CategoryId = Field(
        description="Id of a category listed at the top of this file.")
    role: Text = Field(description="What it does for a household or a landlord.")
    stages: list[StepId] = Field(default_factory=list, description="Ids in steps.yaml.")
    territory: Text | None = None
    signatory: bool = Field(False, description="Signed the 2020-2024 charter.")
    contact: Contact = Field(default_factory=Contact)
    other_contacts: list[Contact] = Field(
        default_factory=list, description="More lines from other sources (another number, "
        "a place), each with its own source.")
    if_no_contact: Text | None = Field(
        None, description="What the reader should do while the contact is unknown."
    )
    source: SourceId

    @property
    def contacts(self) -> list[Contact]:
        """Every known contact line, the main one first."""
        return [c for c in (self.contact, *self.other_contacts) if not c.is_empty]


class ActorsFile(Strict):
    categories: list[Category] = Field(min_length=1)
    actors: list[Actor] = Field(min_length=1)


# --------------------------------------------------------------------------- permanences.yaml


class Permanence(Strict):
    """A place and time where a household can get advice in person."""

    id: Id
    title: Text
    organiser: ActorId = Field(description="Id in actors.yaml.")
    town: str
    kind: Literal["socio-juridique", "juridique", "avocats", "audience", "acces-au-droit"]
    with_social_worker: bool = False
    for_whom: Text
    rhythm: Text | None = Field(None, description="How often, as the source says.")
    place: ActorId | None = Field(None, description="Id in actors.yaml of the place where it is "
                             "held (e.g. 'mjd-chenove'); its contacts are shown too.")
    contact: Contact = Field(default_factory=Contact)
    other_contacts: list[Contact] = Field(
        default_factory=list, description="More lines from other sources, each with its own "
        "source.")
    source: SourceId
    verified_on: dt.date

    @property
    def contacts(self) -> list[Contact]:
        return [c for c in (self.contact, *self.other_contacts) if not c.is_empty]


class PermanencesFile(Strict):
    what_to_bring: list[Text] = Field(min_length=1)
    permanences: list[Permanence] = Field(min_length=1)


# --------------------------------------------------------------------------- dispositifs.yaml


class Dispositif(Strict):
    """A scheme that can help: payment plan, fund, support measure, rehousing route."""

    id: Id
    name: Text
    acronym: str | None = None
    category: Literal["dette", "aide-financiere", "accompagnement", "relogement", "hebergement",
                      "mediation", "juridique"]
    what: Text
    for_whom: Text
    stages: list[StepId] = Field(default_factory=list)
    how_to_ask: Text
    for_landlord: Text | None = Field(
        None, description="What the scheme means for a landlord, spoken to the landlord. "
        "Required when a stage lists the scheme: the landlord's page of that stage shows it.")
    ask: list[ActorId] = Field(default_factory=list, description="Actors to ask (ids).")
    actors: list[ActorId] = Field(default_factory=list, description="Actors that run it (ids).")
    conditions: list[Text] = Field(default_factory=list)
    duration: Text | None = None
    territory: Text | None = None
    source: SourceId
    charter_section: str


class DispositifsFile(Strict):
    dispositifs: list[Dispositif] = Field(min_length=1)


# --------------------------------------------------------------------------- instances.yaml


class Instance(Strict):
    """A CCAPEX formation or another commission."""

    id: Id
    name: Text
    parent: InstanceId | None = None
    summary: Text
    presidency: Text | None = None
    members: Text | None = None
    member_actors: list[ActorId] = Field(default_factory=list)
    secretariat: Text | None = None
    secretariat_tasks: list[Text] = Field(default_factory=list)
    territory: Text | None = None
    households: Text | None = Field(None, description="Which households it examines.")
    rhythm: Text | None = None
    missions: list[Text] = Field(default_factory=list)
    household_present: Literal["yes", "no", "varies"] | None = None
    stages: list[StepId] = Field(default_factory=list)
    source: SourceId
    charter_section: str


class KeyMoment(Strict):
    moment: Text
    pilots: Text


class Articulation(Strict):
    who: Text
    actions: list[Text] = Field(min_length=1)


class InstancesFile(Strict):
    intro: Text
    revision_note: Text = Field(description="What is known of the 2026 reorganisation.")
    instances: list[Instance] = Field(min_length=1)
    key_moments: list[KeyMoment] = Field(min_length=1)
    articulation: list[Articulation] = Field(min_length=1)


# --------------------------------------------------------------------------- glossary.yaml


class Term(Strict):
    id: Id
    term: Text
    abbr: str | None = Field(None, description="The acronym as it appears in text, e.g. 'FSL'.")
    definition: Text
    former: Text | None = Field(None, description="Old name a reader may meet on old letters.")
    see: list[TermId] = Field(default_factory=list, description="Related terms (ids).")


class GlossaryFile(Strict):
    terms: list[Term] = Field(min_length=1)


# --------------------------------------------------------------------------- charter.yaml


class CharterAction(Strict):
    label: str = Field(description="'Action 1', …")
    object: Text
    actors: Text | None = None
    referent: Text | None = None


class FicheSection(Strict):
    title: Text
    text: list[Text] = Field(default_factory=list)
    pilot: Text | None = None
    calendar: Text | None = None
    actions: list[CharterAction] = Field(default_factory=list)


class Fiche(Strict):
    number: int = Field(ge=1, le=5)
    title: Text
    summary: Text
    sections: list[FicheSection] = Field(default_factory=list)


class Indicator(Strict):
    label: Text
    referents: Text


class CharterFile(Strict):
    title: Text
    period: str
    objective: Text
    orientations: list[Text] = Field(min_length=1)
    preamble: list[Text] = Field(default_factory=list)
    legal_framework: list[str] = Field(default_factory=list)
    fiches: list[Fiche] = Field(min_length=5, max_length=5)
    indicators: list[Indicator] = Field(min_length=1)
    duration: Text
    publication: Text
    signatories: list[Text] = Field(min_length=1)
    source: SourceId


# --------------------------------------------------------------------------- site.yaml


class EmergencyNumber(Strict):
    id: Id
    name: Text
    number: Phone
    when: Text
    cost: Text
    what: Text
    source: SourceId
    verified_on: dt.date


class SiteFile(Strict):
    """Site-wide settings a publisher edits."""

    name: Text
    tagline: Text
    publisher: Text
    edition: dt.date = Field(description="Edition date of the content, shown on every page.")
    emergency: list[EmergencyNumber] = Field(min_length=1)
    review_note: Text = Field(description="Who should review the content before publication.")
    reviewed_translations: list[str] = Field(
        default_factory=list,
        description="Languages whose translation a person who reads both languages has "
        "reviewed. Pages in the other languages show a short note saying the French text is "
        "the reference.")


DATA_FILES: dict[str, type[Strict]] = {
    "site.yaml": SiteFile,
    "sources.yaml": SourcesFile,
    "steps.yaml": StepsFile,
    "actors.yaml": ActorsFile,
    "permanences.yaml": PermanencesFile,
    "dispositifs.yaml": DispositifsFile,
    "instances.yaml": InstancesFile,
    "glossary.yaml": GlossaryFile,
    "charter.yaml": CharterFile,
}
"""Every data file and the schema class that validates it, in loading order: the one list of
data files (the loader, the translation check, the schema writer and SiteData follow it)."""


def data_attribute(file_name: str) -> str:
    """The SiteData attribute that holds a data file: 'steps.yaml' → 'steps'."""
    return file_name.removesuffix(".yaml")


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
