"""The records of ``steps.yaml``: the six stages of the procedure, their papers, their legal
delays and what each reader does."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field, model_validator

from .fields import (
    ActorId,
    AudienceText,
    DeadlineId,
    Delay,
    DispositifId,
    Id,
    InstanceId,
    LeaseCondition,
    PermanenceId,
    SearchTerms,
    SourceId,
    Strict,
    Text,
    YearlyPeriod,
)


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
        "it has words to translate ('Charte, étape 6').")
    source: SourceId = Field(description="Id in sources.yaml.")
    verified_on: dt.date
    changed: Text | None = Field(None, description="What changed since the 2020 charter.")
    needs_review: Text | None = Field(
        None, description="Set when a source is unconfirmed: what must be checked, by whom."
    )

    def label_says_duration(self, lang: str, default: str) -> bool:
        """True when the label already says the duration ('2 mois pour quitter le
        logement' for '2 mois'): a title then does not repeat it."""
        label = " ".join(self.label.get(lang, default).lower().split())
        return " ".join(self.duration.get(lang, default).lower().split()) in label

class CalculatorEvent(Strict):
    """How the deadline calculator offers a paper or an event: the date
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


class KeyFact(Strict):
    """A fact that changes what the reader does next (a protection, a duty, a condition),
    shown before the first fold-out of the stage page, on the handout, in the booklet and in
    the calculator's result. Each carries its legal reference and its source."""

    text: Text = Field(description="One or two short sentences, in this reader's words.")
    reference: str | Text = Field(description="Legal reference, e.g. 'Code pénal, art. "
                                  "226-4-2'; a {fr, en} mapping when it has words to translate.")
    source: SourceId = Field(description="Id in sources.yaml.")


class Question(Strict):
    """A question this reader asks at this stage ('Et si je ne vais pas à l'audience ?'),
    answered from the texts, with its reference and source."""

    question: Text
    answer: Text = Field(description="The answer, in this reader's words.")
    reference: str | Text = Field(description="Legal reference of the answer.")
    source: SourceId = Field(description="Id in sources.yaml.")


ContactTopic = Literal["social", "fund", "adil", "legal", "court", "support", "commission",
                       "ccapex", "visits"]
"""The questions « Près de chez vous » answers for a commune (``near_you.TOPICS``): whom an
action sends the reader to, so that « Mon plan » can name them for the reader's commune."""


class Action(Strict):
    """One thing to do, written as a text (``{fr, en}``) with, beside its languages, an
    optional ``contact:`` when the action sends the reader to a body that « Près de chez
    vous » finds for each commune (« Mon plan » names it for the reader's commune)."""

    text: Text
    contact: ContactTopic | None = None

    @model_validator(mode="before")
    @classmethod
    def _split_contact(cls, value: Any) -> Any:
        if isinstance(value, dict):
            rest = dict(value)
            contact = rest.pop("contact", None)
            return {"text": rest, "contact": contact}
        return value

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> Any:
        topics = list(ContactTopic.__args__)
        return {"type": "object", "title": "Action", "additionalProperties": {"type": "string"},
                "properties": {"contact": {"enum": topics, "description": (
                    "Whom the action sends the reader to, found for the reader's commune in "
                    "« Mon plan »: " + ", ".join(topics) + " (the questions of « Près de "
                    "chez vous »).")}},
                "description": "One thing to do: {fr, en}, and optionally contact: <topic>."}


class AudienceGuide(Strict):
    """What one audience (tenant or landlord) should know and do at this stage."""

    meaning: Text = Field(description="What this stage means, for this reader.")
    first_action: Text = Field(description="The one thing to do first.")
    first_contact: ContactTopic | None = Field(
        None, description="Whom the first action sends the reader to (see an action's "
        "`contact`).")
    actions: list[Action] = Field(min_length=1)
    parc_public: list[Action] = Field(
        default_factory=list, description="Only for social housing (HLM) tenants."
    )
    parc_prive: list[Action] = Field(
        default_factory=list, description="Only for private-landlord tenancies."
    )
    key_facts: list[KeyFact] = Field(
        default_factory=list, max_length=4, description="What protects this reader, or what "
        "the law requires of them, at this stage: shown above the first fold-out, on the "
        "handout, in the booklet and in the calculator's result. At most four.")
    questions: list[Question] = Field(
        default_factory=list, description="The questions this reader asks at this stage, "
        "with the answer the texts give.")
    good_to_know: list[Text] = Field(default_factory=list)
    search_terms: SearchTerms | None = Field(
        None, description="Words only this reader types ('mon locataire ne paie plus', 'my "
        "tenant'), per language: indexed on this reader's page of the stage only, so that a "
        "landlord's query finds the landlord's page, and the stage's own words its household's.")
    contacts: list[UsefulContact] = Field(
        default_factory=list, description="Addresses and numbers shown on this page, each "
        "with why the reader needs it (e.g. the court on the assignation stage).")

    def do_now(self) -> list[Action]:
        """The actions of « À faire maintenant » after the first one: the same on the stage
        page, the plan and the handout."""
        return self.actions[:DO_NOW_AFTER_FIRST]


DO_NOW_AFTER_FIRST = 4
"""How many actions follow the first one in « À faire maintenant »."""


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

    id: Id = Field(description="Also the page address, e.g. 'formal-demand'.")
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
    search_terms: SearchTerms | None = Field(
        None, description="Everyday words readers type for this stage ('huissier', 'bailiff', "
        "'ne paie plus'), per language; indexed by the search on the stage's pages.")
    calculator: CalculatorEvent | None = Field(
        None, description="Offered by the deadline calculator as an event of its own, when the "
        "stage starts with no paper the household receives (the request to the préfet).")
    source: SourceId
    charter_section: str = Field(description="Where it is in the charter, e.g. 'II.B Étape 2'.")
    verified_on: dt.date

    def deadlines_for(self, reader: Literal["tenant", "landlord"]) -> list[Deadline]:
        """The deadlines a reader's one-page handout lists: the landlord's own duties (the
        guarantor's 15 days, the notice to the préfet…) are left off the tenant's handout;
        they stay on the tenant's stage page and in the booklet."""
        if reader == "landlord":
            return list(self.deadlines)
        return [deadline for deadline in self.deadlines if deadline.party != "landlord"]

    def key_deadlines(self, reader: Literal["tenant", "landlord"]) -> list[Deadline]:
        """The delays a stage page leads with, above its fold-outs: the first that concerns
        this reader (the tenant's own or everyone's; the landlord's own or the tenant's), and,
        when that one depends on the lease, the others that depend on it too (the two delays
        of a commandement de payer, before and after the 2023 law)."""
        parties = ("tenant", "everyone") if reader == "tenant" else ("landlord", "tenant")
        mine = [deadline for deadline in self.deadlines if deadline.party in parties]
        if not mine:
            return []
        if mine[0].applies_if is None:
            return mine[:1]
        return [mine[0], *(deadline for deadline in mine[1:] if deadline.applies_if)]


class StepsFile(Strict):
    steps: list[Step] = Field(min_length=1)
