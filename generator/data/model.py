"""The data model: one schema class per data file, built from the value types of
:mod:`generator.data.fields` (re-exported here: ``m.Text``, ``m.ActorId``…).

Field docstrings (``description=``) are the documentation a data editor reads, in the JSON
Schema that VS Code shows while typing. Every model forbids unknown keys, so a typo is an
error, not a silently ignored field.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from .fields import (
    ActorId,
    CategoryId,
    Contact,
    DeadlineId,
    Delay,
    DispositifId,
    EmergencyId,
    EpciId,
    Id,
    InstanceId,
    Phone,
    SearchTerms,
    Source,
    SourceId,
    StepId,
    Strict,
    TermId,
    Text,
    Url,
)
from .letters import LettersFile
from .procedure import (
    AudienceGuide,
    CalculatorEvent,
    Deadline,
    Document,
    KeyFact,
    PartnerTable,
    Question,
    Step,
    StepsFile,
    UsefulContact,
    WhoDoesWhat,
)
from .territory import CommunesFile, InseeCode, Serves, Unknown

__all__ = ["AudienceGuide", "CalculatorEvent", "Deadline", "Document", "KeyFact", "PartnerTable",
           "Question", "Serves", "Step", "StepsFile", "Unknown", "UsefulContact", "WhoDoesWhat"]
"""Re-exported: the records of steps.yaml live in :mod:`generator.data.procedure`, the
territorial scope (``serves``) in :mod:`generator.data.territory`."""


class SourcesFile(Strict):
    sources: list[Source]


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
    serves: Serves | None = Field(
        None, description="The communes it serves, checked against data/communes.yaml; "
        "shown by « Près de chez vous ». Leave out when no source gives a territory.")
    signatory: bool = Field(False, description="Signed the charter.")
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
    commune: InseeCode = Field(description="INSEE code of the town where it is held "
                               "(data/communes.yaml).")
    serves: Serves | None = Field(
        None, description="The communes whose residents it receives, when a source limits "
        "it; leave out otherwise.")
    kind: Literal["socio-juridique", "juridique", "avocats", "audience", "acces-au-droit"]
    with_social_worker: bool = False
    for_whom: Text
    readers: list[Literal["tenant", "landlord"]] = Field(
        default_factory=lambda: ["tenant", "landlord"],
        description="Whose handouts list it: leave out when it receives both; "
        "[tenant] for a service to households only (lawyers on hearing day).")
    rhythm: Text | None = Field(None, description="How often, as the source says.")
    place: ActorId | None = Field(None, description="Id in actors.yaml of the place where it is "
                             "held (a justice house, a town hall); its contacts are shown too.")
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


class Delivery(Strict):
    """One actor that delivers a scheme, and where."""

    actor: ActorId
    serves: Serves


class LegalLimit(Strict):
    """A length the law sets, with the article that sets it."""

    delay: Delay
    reference: str | Text = Field(description="Legal reference, e.g. 'Loi n° 89-462, art. 24 V'.")
    source: SourceId = Field(description="Id in sources.yaml.")


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
    search_terms: SearchTerms | None = Field(
        None, description="Everyday words readers type for this scheme, per language; indexed "
        "by the search on the scheme's page.")
    for_landlord: Text | None = Field(
        None, description="What the scheme means for a landlord, spoken to the landlord. "
        "Required when a stage lists the scheme: the landlord's page of that stage shows it.")
    ask: list[ActorId] = Field(default_factory=list, description="Actors to ask (ids).")
    actors: list[ActorId] = Field(default_factory=list, description="Actors that run it (ids).")
    conditions: list[Text] = Field(default_factory=list)
    professional: list[KeyFact] = Field(
        default_factory=list, description="What the professional who acts for a household "
        "does (who makes it, by when, to whom it goes), each with its legal reference and "
        "source: shown on the scheme's page and on the partners' pages of its stages.")
    duration: Text | None = None
    longest: LegalLimit | None = Field(
        None, description="The longest the scheme may last by law, as a delay with its "
        "reference and source (the judge's time to pay: 3 years): the repayment tool compares "
        "a plan with it.")
    territory: Text | None = None
    serves: Serves | None = Field(
        None, description="The communes it serves, checked against data/communes.yaml; "
        "shown by « Près de chez vous ». Leave out when no source gives a territory.")
    territories: list[Delivery] = Field(
        default_factory=list, description="Who delivers it where, when that differs by "
        "territory (the FSL: a métropole on its territory, the Conseil départemental "
        "elsewhere).")
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
    serves: Serves | None = Field(
        None, description="The communes it serves, checked against data/communes.yaml; "
        "shown by « Près de chez vous ». Leave out when no source gives a territory.")
    households: Text | None = Field(None, description="Which households it examines.")
    rhythm: Text | None = None
    missions: list[Text] = Field(default_factory=list)
    household_present: Literal["yes", "no", "varies"] | None = None
    professional: list[KeyFact] = Field(
        default_factory=list, description="What a professional who acts for a household does "
        "with this body (who may refer a case to it, how, where to send it), each with its "
        "legal reference and source: shown on the instances page and on the partners' pages "
        "of its stages.")
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
    search_terms: SearchTerms | None = Field(
        None, description="Other words for the term that readers type (typos included), per "
        "language; shown as « Autres mots » under the definition, so the search finds it.")


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
    fiches: list[Fiche] = Field(min_length=1)
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


class Area(Strict):
    """How the pages name the territory the site covers (the département), in each language:
    the interface strings say « {area_in} », « {area_of} »… and the data fills them in."""

    code: str = Field(pattern=r"^(\d{2,3}|2A|2B)$", description="The département's code "
                      "('59'): `make communes` extracts its communes.")
    name: Text = Field(description="The name alone: 'Nord'.")
    in_name: Text = Field(description="'In' it: 'dans le Nord', 'in the Nord'.")
    of_name: Text = Field(description="'Of' it: 'du Nord', 'of the Nord'.")
    the_name: Text = Field(description="With its article: 'le Nord', 'the Nord'.")
    lookup_example: Text = Field(description="What a reader may type in the commune lookup, "
                                 "as an example: a commune and a postcode of the territory.")

    def slots(self, lang: str, default: str) -> dict[str, str]:
        """The values of the interface strings' territory slots, in one language."""
        def text(value: Text) -> str:
            return value.get(lang, default)
        return {"area": text(self.name), "area_in": text(self.in_name),
                "area_of": text(self.of_name), "area_the": text(self.the_name),
                "lookup_example": text(self.lookup_example)}


class Roles(Strict):
    """The records the generator looks for by what they do, not by their id: the code and
    the templates ask for « the helpline » or « the winter truce », and each département's
    data says which of its records plays that part. ``make check`` refuses a role that names
    no record. A role left empty leaves out what needs it (an answer of the commune lookup)."""

    helpline: EmergencyId = Field(description="The emergency number (under 'emergency' above) "
                                  "that puts a household through to housing advice: given by "
                                  "the calculator, the letter finder and the handouts.")
    winter_truce: DeadlineId = Field(description="The deadline (steps.yaml) whose 'period' is "
                                     "the winter truce: the calculator compares dates with it.")
    housing_fund: DispositifId | None = Field(
        None, description="The scheme that helps pay rent arrears (the FSL), with the bodies "
        "that run it by territory ('territories').")
    social_services: list[ActorId] = Field(
        default_factory=list, description="The social services a household turns to first, "
        "in the order the commune lookup lists them.")
    local_social_service: ActorId | None = Field(
        None, description="Of the social services, the one every commune has its own of (the "
        "CCAS): the lookup names it as « the commune's » and links to the directory.")
    housing_advice: ActorId | None = Field(
        None, description="The body whose permanences (permanences.yaml 'organiser') the "
        "lookup lists by arrondissement (the ADIL).")
    ccapex: InstanceId | None = Field(
        None, description="The plenary CCAPEX: its local formations (instances with this "
        "'parent') are listed for the communes they serve.")
    anticipation_visits: DispositifId | None = Field(
        None, description="The scheme of home visits before an eviction, with its operators "
        "by territory ('territories').")
    arrears_commission: InstanceId | None = Field(
        None, description="The local commission on unpaid rent, listed for the communes it "
        "serves.")
    metropole: EpciId | None = Field(
        None, description="The EPCI the lookup names on its own (a métropole with its own "
        "services), by its code in data/communes.yaml.")
    legal_help: ActorId | None = Field(
        None, description="The body whose number puts anyone through to free legal advice "
        "(the CDAD and its 30 39): given to every commune by the lookup, with the legal-advice "
        "permanences of other bodies held in the commune's arrondissement.")
    courts: list[ActorId] = Field(
        default_factory=list, description="The courts that hear lease cases, the main one first "
        "(the tribunal judiciaire, then its local chambers): the lookup lists them, and says "
        "that the summons names the reader's.")
    repayment_plan: DispositifId | None = Field(
        None, description="The amicable plan to pay off arrears (plan d'apurement): the "
        "repayment tool links it and writes its letter.")
    court_time_to_pay: DispositifId | None = Field(
        None, description="The time to pay a judge can grant: its 'longest' delay is the limit "
        "the repayment tool compares a plan with.")


class SiteFile(Strict):
    """Site-wide settings a publisher edits."""

    name: Text
    tagline: Text
    url: Url | None = Field(
        None, description="The site's public address (https://…), once it has one. Until "
        "then the site and the printed documents are a draft (see the README, 'Draft and "
        "publication'); a reserved test domain (example.org, .test, .invalid) does not count.")
    publisher: Text | None = Field(
        None, description="Who publishes the site (éditeur), as the legal notice names it.")
    publication_director: Text | None = Field(
        None, description="The director of publication (directeur ou directrice de la "
        "publication): a name, or a name and a role.")
    host: Text | None = Field(
        None, description="The host (hébergeur): name, address and telephone, as the legal "
        "notice gives them.")
    edition: dt.date = Field(description="Edition date of the content, shown on every page.")
    emergency: list[EmergencyNumber] = Field(min_length=1)
    review_note: Text = Field(description="Who should review the content before publication.")
    reviewed_translations: list[str] = Field(
        default_factory=list,
        description="Languages whose translation a person who reads both languages has "
        "reviewed. Pages in the other languages show a short note saying the French text is "
        "the reference.")
    area: Area = Field(description="How the pages name the territory the site covers.")
    roles: Roles = Field(description="Which record plays each part the generator needs.")


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
    "communes.yaml": CommunesFile,
    "letters.yaml": LettersFile,
}
"""Every data file and the schema class that validates it, in loading order: the one list of
data files (the loader, the translation check, the schema writer and SiteData follow it)."""


def data_attribute(file_name: str) -> str:
    """The SiteData attribute that holds a data file: 'steps.yaml' → 'steps'."""
    return file_name.removesuffix(".yaml")
