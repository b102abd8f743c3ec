"""« Mon plan »: five questions (who, what, the date, the landlord, the commune) and a one-page
plan that is the reader's own. Everything the plan says comes from the data, gathered here
into one JSON (``#plan-rules``) for ``overrides/assets/javascripts/plan.js``:

- each stage's reading for the tenant and the landlord: where they stand (the first sentence
  of ``meaning``), the first action and the next ones of « À faire maintenant » with whom each
  sends the reader to (``contact``: a topic of :mod:`.near_you`), what holds only in social or
  private housing, what protects them (``key_facts``), what comes next, and the stage pages;
- the answers to « what did you receive »: the first stage (nothing yet) and every paper of
  the procedure, with the calculator's event that dates it;
- the public holidays of the years around the edition (the ``holidays`` library), so that a
  deadline falling on one is flagged.

The dates are the calculator's (:mod:`.calculator`: the page carries its rules too); the
contacts of each commune are the blocks « Près de chez vous » renders, carried hidden in the
page and copied by the script. Nothing about the reader is computed here.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import holidays

from ..data import model as m
from ..data.procedure import DO_NOW_AFTER_FIRST
from .addresses import (
    AUDIENCES,
    DATA_FILES,
    READER,
    TENANT_PAGES,
    audience_index,
    page_path,
    stage_path,
)
from .calculator import wired
from .sheets import written_for

if TYPE_CHECKING:
    from .render import Renderer

PLAN_ACTIONS = 1 + DO_NOW_AFTER_FIRST
"""Things to do on a plan: those of the stage page's « À faire maintenant » box."""

CASE_ACTIONS = 2
"""What holds only in social or in private housing, shown after them: at most this many."""

HOLIDAY_YEARS = (-1, 4)
"""Public holidays are listed from the year before the edition to 3 years after it."""

HOLIDAY_LANGUAGE = {"fr": "fr", "en": "en_US"}
"""The ``holidays`` library's name of each site language (French names otherwise)."""

STRING_KEYS = (
    "plan_count", "plan_next", "plan_skip", "plan_back", "plan_error_choose",
    "plan_what_legend_tenant", "plan_what_legend_landlord", "plan_what_hint_tenant",
    "plan_what_hint_landlord", "plan_what_start_tenant", "plan_what_start_landlord",
    "plan_date_legend_received", "plan_date_legend_received_landlord",
    "plan_date_legend_hearing", "plan_date_legend_request", "plan_date_legend_eviction_from",
    "calc_date_hint_received", "calc_date_hint_hearing", "calc_date_hint_request",
    "calc_date_hint_eviction_from", "calc_error_date",
    "plan_commune_choose", "plan_commune_pick", "plan_commune_pick_one", "plan_commune_none",
    "near_empty",
    "near_loading", "near_load_failed",
    "plan_for_partner", "plan_written", "plan_stand_title", "plan_stand", "plan_stand_unknown",
    "plan_dates_title", "plan_dates_none", "plan_dates_unknown", "plan_given",
    "plan_tag_past", "plan_tag_saturday", "plan_tag_sunday", "plan_tag_holiday",
    "plan_tag_truce", "plan_day_note", "plan_truce_in", "plan_truce_next",
    "plan_protects_title", "plan_do_title", "plan_whom", "plan_whom_no_commune",
    "plan_case_social", "plan_case_private", "plan_case_landlord_social",
    "plan_case_landlord_private", "plan_next_title", "plan_watch", "plan_watch_separator",
    "plan_unknown_title", "plan_unknown_who", "plan_unknown_what", "plan_unknown_date",
    "plan_unknown_landlord", "plan_unknown_commune", "plan_full_page", "plan_partner_page",
    "plan_print", "plan_change", "plan_address", "plan_help", "plan_commune_line",
    "plan_reference", "plan_landlord_company_note", "plan_all_stages",
    "plan_landlord_legend_tenant", "plan_landlord_legend_landlord", "plan_result_title",
)
"""The interface strings plan.js writes, their ``{slots}`` left for it to fill."""


def rules(r: Renderer, here: str) -> dict[str, Any]:
    """The plan's rules for the page at ``here`` (links relative to it)."""
    data = r.data
    text = r.language.text

    def href(target: str) -> str:
        return str(r.href(target, here))

    events = {step.id: [] for step in data.steps.steps}
    for step, document, _wiring in wired(data):
        events[step.id].append(document.id if document is not None else step.id)
    steps = []
    for index, step in enumerate(data.steps.steps):
        following = data.steps.steps[index + 1] if index + 1 < len(data.steps.steps) else None
        steps.append({
            "id": step.id, "number": step.number, "title": text(step.title),
            "next": text(step.next),
            "watch": [text(item.name) for item in following.documents] if following else [],
            # The date a stage is counted from, when the reader names the stage, not a paper.
            "event": events[step.id][0] if events[step.id] else None,
            "partner_url": href(stage_path(AUDIENCES[2], step.id)),
            "readers": {reader: _reading(r, step, audience, here)
                        for audience, reader in READER.items()},
        })
    first = data.steps.steps[0]
    options = [{"id": first.id, "step": first.id, "start": True, "event": None}]
    for step in data.steps.steps:
        options += [{"id": item.id, "step": step.id, "number": step.number,
                     "step_title": text(step.title), "label": text(item.name),
                     "identify": text(item.identify),
                     "event": item.id if item.calculator is not None else None}
                    for item in step.documents]
    helpline = next(item for item in data.site.emergency if item.id == data.site.roles.helpline)
    return {
        "lang": r.lang,
        "steps": steps,
        "options": options,
        "shown_actions": PLAN_ACTIONS,
        "case_actions": CASE_ACTIONS,
        "holidays": holiday_names(data.site.edition, r.lang),
        "help": {"name": text(helpline.name), "number": helpline.number,
                 "tel": helpline.number.replace(" ", ""), "cost": text(helpline.cost)},
        "communes": "../" * r.page_url(here).count("/") + DATA_FILES["communes"],
        "near_url": href(page_path("near_you")),
        "letters_url": href(page_path("letter_finder")),
        "letters_title": r.language.string("letter_finder_title"),
        "tenant_index": href(audience_index(TENANT_PAGES)),
        "strings": {key: r.language.template(key) for key in STRING_KEYS},
    }


def _reading(r: Renderer, step: m.Step, audience: str, here: str) -> dict[str, Any]:
    """One reader's plan for one stage."""
    text = r.language.text
    guide: m.AudienceGuide = getattr(step, READER[audience])

    def action(value: m.Text, contact: str | None) -> dict[str, Any]:
        return {"text": text(value), "contact": contact}

    return {
        "stand": r.first_sentence(guide.meaning),
        "actions": [action(guide.first_action, guide.first_contact),
                    *(action(item.text, item.contact)
                      for item in guide.do_now())],
        "social": [action(item.text, item.contact) for item in guide.parc_public],
        "private": [action(item.text, item.contact) for item in guide.parc_prive],
        "protects": [{"text": text(fact.text), "reference": text(fact.reference)}
                     for fact in guide.key_facts],
        "url": str(r.href(stage_path(audience, step.id), here)),
        "written": [{"title": item.title, "url": str(r.href(item.path, here))}
                    for item in written_for(r, READER[audience], step.id)],
    }


def holiday_names(edition: dt.date, lang: str) -> dict[str, str]:
    """The public holidays of France around the edition, ISO date → name in ``lang``."""
    years = range(edition.year + HOLIDAY_YEARS[0], edition.year + HOLIDAY_YEARS[1])
    found = holidays.country_holidays("FR", years=years,
                                      language=HOLIDAY_LANGUAGE.get(lang, "fr"))
    return {day.isoformat(): name for day, name in sorted(found.items())}


def contact_topics(data: m.StepsFile) -> tuple[str, ...]:
    """The topics some action sends a reader to: the blocks the page carries per profile."""
    found: list[str] = []
    for step in data.steps:
        for guide in (step.tenant, step.landlord):
            found += [guide.first_contact] if guide.first_contact else []
            found += [item.contact for items in (guide.actions, guide.parc_public,
                                                  guide.parc_prive)
                      for item in items if item.contact]
    return tuple(dict.fromkeys(found))
