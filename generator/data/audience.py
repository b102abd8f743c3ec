"""Who each text speaks to.

Every text the data gives is read on one audience's page: a tenant's stage page speaks to the
tenant ("vous avez 6 semaines"), a landlord's to the landlord ("votre locataire a 6
semaines"), and the partners' pages and the shared texts (triggers, roles, the charter's
tables) speak of both in the third person. :func:`voice_problems` finds a text that speaks to
the wrong reader, by the phrases only one audience's text would use.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from . import model as m
from .load import Loc

Audience = Literal["tenant", "landlord", "neutral"]

TENANT_VOICE: tuple[str, ...] = (
    "votre bailleur", "votre propriétaire", "vous assigner", "votre aide au logement",
    "votre loyer", "vous expulser", "votre dette", "versée à votre", "versée directement à votre",
    "your landlord", "take you to court", "summon you", "your housing benefit", "your rent",
    "evict you", "your debt",
)
"""Phrases that address the tenant: never on a landlord's or partner's page."""

LANDLORD_VOICE: tuple[str, ...] = ("votre locataire", "vos locataires", "your tenant")
"""Phrases that address the landlord: never on a tenant's or partner's page."""

ANY_READER: tuple[str, ...] = ("vous", "votre", "vos", "you", "your")
"""Words that speak to someone: a text every reader sees (a trigger, a role, the charter's
tables) speaks of the tenant and the landlord, not to them."""

_FORBIDDEN: dict[Audience, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "tenant": (("the landlord", LANDLORD_VOICE),),
    "landlord": (("the tenant", TENANT_VOICE),),
    "neutral": (("the tenant", TENANT_VOICE), ("the landlord", LANDLORD_VOICE),
                ("the reader", ANY_READER)),
}
_HINT = {"tenant": "speak to the tenant ('vous', 'votre bailleur')",
         "landlord": "speak to the landlord ('vous', 'votre locataire')",
         "neutral": "write it in the third person ('le locataire', 'le bailleur')"}


def _pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    # "rendez-vous" is a noun, not an address to the reader.
    return re.compile(r"(?<!rendez-)\b(" + "|".join(re.escape(p) for p in phrases) + r")\b",
                      re.IGNORECASE)


_PATTERNS = {audience: tuple((whom, _pattern(phrases)) for whom, phrases in rules)
             for audience, rules in _FORBIDDEN.items()}


def wrong_voice(text: str, audience: Audience) -> tuple[str, str] | None:
    """``(whom it addresses, the phrase)`` when ``text`` speaks to someone other than
    ``audience``; None when it is right for its page."""
    for whom, pattern in _PATTERNS[audience]:
        found = pattern.search(text)
        if found:
            return whom, found.group(0)
    return None


def texts_by_audience(steps: m.StepsFile, actors: m.ActorsFile,
                      dispositifs: m.DispositifsFile) -> Iterator[tuple[str, Loc, Audience,
                                                                         m.Text]]:
    """Every text that a stage page shows, with its file, key path and audience."""
    from .validate import iter_texts  # the validator imports this module

    for i, step in enumerate(steps.steps):
        loc: Loc = ("steps", i)
        for name, audience in (("tenant", "tenant"), ("landlord", "landlord")):
            for path, text in iter_texts(getattr(step, name), (*loc, name)):
                yield "steps.yaml", path, audience, text
        for j, deadline in enumerate(step.deadlines):
            for name, audience in (("tenant", "tenant"), ("landlord", "landlord"),
                                   ("partner", "neutral")):
                yield ("steps.yaml", (*loc, "deadlines", j, "explanation", name), audience,
                       getattr(deadline.explanation, name))
        for name in ("summary", "trigger", "next"):
            yield "steps.yaml", (*loc, name), "neutral", getattr(step, name)
        for path, text in iter_texts(step.background, (*loc, "background")):
            yield "steps.yaml", path, "neutral", text
        for path, text in iter_texts(step.partners, (*loc, "partners")):
            yield "steps.yaml", path, "neutral", text
    for i, actor in enumerate(actors.actors):
        yield "actors.yaml", ("actors", i, "role"), "neutral", actor.role
    for i, item in enumerate(dispositifs.dispositifs):
        if item.for_landlord is not None:
            yield "dispositifs.yaml", ("dispositifs", i, "for_landlord"), "landlord", \
                item.for_landlord


def voice_problems(steps: m.StepsFile, actors: m.ActorsFile, dispositifs: m.DispositifsFile,
                   languages: tuple[str, ...]) -> Iterator[tuple[str, Loc, str]]:
    """``(file, key path, message)`` for each text written for another reader."""
    for file, loc, audience, text in texts_by_audience(steps, actors, dispositifs):
        for lang in languages:
            if not text.has(lang):
                continue
            found = wrong_voice(text.root[lang], audience)
            if found:
                whom, phrase = found
                page = {"tenant": "the tenant's page", "landlord": "the landlord's page",
                        "neutral": "every reader's page"}[audience]
                yield (file, (*loc, lang), f"this text is shown on {page} but speaks to "
                       f"{whom} ('{phrase}') — {_HINT[audience]}")
