"""The value types the data files share: ids and the references between records, texts in
each language, contacts, sources, delays. :mod:`generator.data.model` builds the files'
records from them."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Literal

import phonenumbers
from phonenumbers import shortnumberinfo
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    ValidationInfo,
    model_validator,
)
from pydantic_core import PydanticCustomError

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
        description="Identifier: lower-case letters, digits and single hyphens (e.g. 'advice').",
    ),
    IsId(),
]
ActorId = Annotated[Id, RefersTo("actors")]
CategoryId = Annotated[Id, RefersTo("categories")]
DeadlineId = Annotated[Id, RefersTo("deadlines")]
EmergencyId = Annotated[Id, RefersTo("emergency")]
EpciId = Annotated[str, Field(pattern=r"^\d{9}$", description="An EPCI's SIREN code, as "
                                "listed under 'epci' in data/communes.yaml."), RefersTo("epci")]
DispositifId = Annotated[Id, RefersTo("dispositifs")]
InstanceId = Annotated[Id, RefersTo("instances")]
PermanenceId = Annotated[Id, RefersTo("permanences")]
SourceId = Annotated[Id, RefersTo("sources")]
StepId = Annotated[Id, RefersTo("steps")]
TermId = Annotated[Id, RefersTo("terms")]

PHONE_RE = re.compile(r"^(\d{2,4}|\d{2} \d{2}|0 ?\d{3} ?\d{2} ?\d{2} ?\d{2}|0\d( \d{2}){4})$")


def _check_phone(value: str) -> str:
    """A French number libphonenumber knows (a ten-digit one, or a short service number),
    written with digits and single spaces."""
    try:
        number = phonenumbers.parse(value, "FR")
        known = (phonenumbers.is_valid_number(number)
                 or shortnumberinfo.is_valid_short_number(number))
    except phonenumbers.NumberParseException:
        known = False
    if not known or not PHONE_RE.match(value):
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


KEY_PROBLEMS = "key_problems"
"""Error type of :func:`key_problems`: the validation report puts each problem on its key."""


def key_problems(problems: list[tuple[str | tuple[str | int, ...], str]]
                 ) -> PydanticCustomError:
    """One validation error that carries a problem per key of the mapping (key, message), so
    that each is reported on the key's own line, not on the line of the mapping's parent. A
    key may be a path below the mapping: ``("communes", 12, "arrondissement")``."""
    return PydanticCustomError(KEY_PROBLEMS, "; ".join(message for _, message in problems),
                               {"problems": problems})


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
        problems = []
        for key, value in self.root.items():
            if key not in known:
                problems.append((key, f"unknown language '{key}'; use one of: "
                                      f"{', '.join(sorted(known))}"))
            elif not isinstance(value, str) or not value.strip():
                problems.append((key, f"'{key}' text is empty"))
        if problems:
            raise key_problems(problems)
        if languages[0] not in self.root:
            raise ValueError(f"missing '{languages[0]}' text; add a line '{languages[0]}: …'")
        return self

    def get(self, lang: str, fallback: str) -> str:
        """The text in ``lang``, or in ``fallback`` (the project's default language) when
        that translation is missing. Renderers go through :class:`generator.lang.Lang`."""
        return self.root.get(lang) or self.root[fallback]

    def has(self, lang: str) -> bool:
        return lang in self.root


class SearchTerms(RootModel[dict[str, list[str]]]):
    """Words readers type that the page may not contain, per language: ``{fr: [huissier, …],
    en: [bailiff, …]}``. Indexed by the site's search, not printed in the text. Each language
    lists its own readers' words (they are not translations of each other)."""

    model_config = ConfigDict(frozen=True)

    @model_validator(mode="after")
    def _languages(self, info: ValidationInfo) -> SearchTerms:
        languages = (info.context or {}).get("languages", LANGUAGES)
        problems = []
        for key, words in self.root.items():
            if key not in languages:
                problems.append((key, f"unknown language '{key}'; use one of: "
                                      f"{', '.join(languages)}"))
            elif not words or any(not isinstance(word, str) or not word.strip()
                                  for word in words):
                problems.append((key, f"'{key}': give a list of words, none empty"))
        if problems:
            raise key_problems(problems)
        return self

    def get(self, lang: str) -> list[str]:
        return self.root.get(lang, [])


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
        "'charter': the département's charter."
    )
    note: Text | None = None


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
