"""The deadline calculator's rules, built from the data as typed records.

Which paper or event starts which delays is data (``calculator:`` on a document or a stage in
``data/steps.yaml``); this module gathers it, with each delay, lease condition, label and
reference, into :class:`Rules`. The page prints them as JSON (``#deadline-rules``) for
``overrides/assets/javascripts/calculator.js``, and as a table readable without JavaScript.
The tests read the same JSON from the built page, never a copy.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..data import model as m
from ..data.site_data import SiteData
from ..lang import date_pattern, first_day_word, month_names
from .addresses import DEADLINES_ANCHOR, READER, TENANT_PAGES, stage_path
from .addresses import page_path as page_key_path
from .sheets import written_for

if TYPE_CHECKING:
    from .render import Renderer

SLOTS = ("date", "delay", "start", "end", "resume", "name", "number", "cost", "title",
         "document")
"""``{slot}`` names the script fills in the strings."""
STRING_KEYS = {
    "date_legend_received": "calc_date_legend_received",
    "date_legend_hearing": "calc_date_legend_hearing",
    "date_legend_request": "calc_date_legend_request",
    "date_legend_eviction_from": "calc_date_legend_eviction_from",
    "date_hint_received": "calc_date_hint_received",
    "date_hint_hearing": "calc_date_hint_hearing",
    "date_hint_request": "calc_date_hint_request",
    "date_hint_eviction_from": "calc_date_hint_eviction_from",
    "error_event": "calc_error_event",
    "error_date": "calc_error_date",
    "summary": "calc_summary",
    "estimate": "calc_estimate",
    "past": "calc_past",
    "mine_title": "calc_mine_title",
    "actions_title": "calc_actions_title",
    "protects_title": "key_facts_tenant",
    "others_title": "calc_others_title",
    "others_intro": "calc_others_intro",
    "after": "calc_after",
    "before": "calc_before",
    "unit_days": "calc_unit_days",
    "unit_weeks": "calc_unit_weeks",
    "unit_months": "calc_unit_months",
    "unit_years": "calc_unit_years",
    "applies_lease_before": "applies_lease_before",
    "applies_lease_from": "applies_lease_from",
    "reference_colon": "reference",
    "see_step": "calc_see_step",
    "date_given": "calc_date_given",
    "truce_in": "calc_truce_in",
    "truce_next": "calc_truce_next",
    "check": "calc_check",
    "ics": "calc_ics",
    "ics_file": "calc_ics_file",
    "ics_check": "calc_ics_check",
    "print": "calc_print",
    "plan": "plan_from_calculator",
}
"""The script's name for each interface string → its key in strings.yaml."""


@dataclass(frozen=True)
class Event:
    """A paper received, or an event, that the reader can pick: it starts ``deadlines``."""

    id: str
    label: str
    step: str
    number: int
    date: str
    deadlines: list[str]
    actions: list[str]
    protects: list[str]
    eviction_from: str | None
    url: str
    page_url: str
    written: list[dict[str, str]]
    """The sheets and letters the tenant uses at this stage (« Préparer l'audience »…)."""
    given_label: str | None = None
    given_text: str | None = None

    def json(self) -> dict[str, Any]:
        out = dataclasses.asdict(self)
        if self.given_label is None:
            del out["given_label"], out["given_text"]
        return out


@dataclass(frozen=True)
class Rules:
    """Everything the script needs: the events, every stage's deadlines, the truce."""

    lang: str
    months: list[str]
    uid_domain: str
    help: dict[str, str]
    truce: dict[str, Any]
    events: list[Event]
    steps: list[dict[str, Any]]
    strings: dict[str, str]
    plan_url: str
    """« Mon plan », which the result leads into with the paper and the date filled in."""

    def json(self) -> dict[str, Any]:
        out = dataclasses.asdict(self)
        out["events"] = [event.json() for event in self.events]
        return out


def wired(data: SiteData) -> list[tuple[m.Step, m.Document | None, m.CalculatorEvent]]:
    """The calculator's events in the order it offers them: each stage's papers, then the
    stage itself when it starts without a paper."""
    out: list[tuple[m.Step, m.Document | None, m.CalculatorEvent]] = []
    for step in data.steps.steps:
        out += [(step, document, document.calculator) for document in step.documents
                if document.calculator is not None]
        if step.calculator is not None:
            out.append((step, None, step.calculator))
    return out


def placed(data: SiteData) -> dict[str, tuple[m.Step, m.Deadline]]:
    """Each deadline by id, with the stage it belongs to."""
    return {deadline.id: (step, deadline) for step in data.steps.steps
            for deadline in step.deadlines}


def rules(renderer: Renderer, page_path: str) -> Rules:
    """The calculator's rules for the page at ``page_path`` (links are relative to it)."""
    r = renderer
    data = r.data
    text = r.language.text

    def href(target: str) -> str:
        return str(r.href(target, page_path))

    def stage_page(step: m.Step, anchor: str = "") -> tuple[str, str]:
        """A stage's tenant page: its link from the calculator, and its public address."""
        target = stage_path(TENANT_PAGES, step.id, anchor)
        return href(target), r.public_url(target)

    events = []
    for step, document, wiring in wired(data):
        # The top of the stage page: where the reader stands, the delay, what to do now
        # (a link to the paper's description would land below the action box).
        url, page_url = stage_page(step)
        given = ({"given_label": str(r.string("calc_hearing_label")),
                  "given_text": str(r.string("calc_hearing_text"))}
                 if wiring.date == "hearing" else {})
        events.append(Event(
            id=document.id if document is not None else step.id,
            label=text(document.name if document is not None else step.title),
            step=step.id, number=step.number, date=wiring.date, deadlines=list(wiring.starts),
            # What the tenant does about it: the stage's first action, then the next two.
            actions=[text(step.tenant.first_action),
                     *(text(action.text) for action in step.tenant.actions[:2])],
            # What protects the tenant at this stage, with its reference.
            protects=[f"{text(fact.text)} ({text(fact.reference)})"
                      for fact in step.tenant.key_facts],
            eviction_from="date" if wiring.eviction_from_date else wiring.eviction_from,
            url=url, page_url=page_url,
            written=[{"title": item.title, "url": href(item.path)}
                     for item in written_for(r, READER[TENANT_PAGES], step.id)],
            **given))
    roles = data.site.roles  # the winter truce; the helpline that checks the dates
    truce_step = next(step for step in data.steps.steps
                      if any(item.id == roles.winter_truce for item in step.deadlines))
    truce = data.deadlines_by_id[roles.winter_truce]
    assert truce.period is not None, "the winter truce has a period (validated)"
    helpline = next(item for item in data.site.emergency if item.id == roles.helpline)
    truce_url, truce_page_url = stage_page(truce_step, DEADLINES_ANCHOR)
    edition = data.site.edition
    return Rules(
        lang=r.lang,
        months=month_names(r.lang),
        uid_domain=r.site_url.split("/")[2],
        help={"name": text(helpline.name), "number": helpline.number,
              "tel": helpline.number.replace(" ", ""), "cost": text(helpline.cost)},
        truce={"id": truce.id, "step": truce_step.id,
               "start": _month_day(truce.period.start), "end": _month_day(truce.period.end),
               "label": f"{text(truce.label)} ({text(truce.duration)})",
               "explanation": text(truce.explanation.tenant),
               "reference": text(truce.reference),
               "url": truce_url, "page_url": truce_page_url},
        events=events,
        steps=[_step(r, step, page_path) for step in data.steps.steps],
        strings=_strings(r, edition),
        plan_url=href(page_key_path("plan")),
    )


def _step(r: Renderer, step: m.Step, page_path: str) -> dict[str, Any]:
    text = r.language.text
    deadlines = []
    for deadline in step.deadlines:
        condition = None
        if deadline.applies_if is not None:
            condition = {}
            if deadline.applies_if.lease_signed_before:
                condition["lease_signed_before"] = \
                    deadline.applies_if.lease_signed_before.isoformat()
            if deadline.applies_if.lease_signed_from:
                condition["lease_signed_from"] = deadline.applies_if.lease_signed_from.isoformat()
        delay = deadline.delay
        deadlines.append({
            "id": deadline.id, "label": text(deadline.label), "party": deadline.party,
            "starts": text(deadline.starts), "explanation": text(deadline.explanation.tenant),
            "reference": text(deadline.reference),
            "delay": ({"amount": delay.amount, "unit": delay.unit, "direction": delay.direction}
                      if delay else None),
            "applies_if": condition})
    page = stage_path(TENANT_PAGES, step.id)
    deadlines_page = stage_path(TENANT_PAGES, step.id, DEADLINES_ANCHOR)
    return {"id": step.id, "number": step.number, "title": text(step.title),
            "url": str(r.href(page, page_path)),
            "deadlines_url": str(r.href(deadlines_page, page_path)),
            "deadlines_page_url": r.public_url(deadlines_page),
            "deadlines": deadlines}


def _strings(r: Renderer, edition: Any) -> dict[str, str]:
    """The interface strings, their ``{slots}`` left for the script to fill."""
    slots = {name: Markup("{" + name + "}") for name in SLOTS}
    out = {"first_day": first_day_word(r.lang), "date_pattern": date_pattern(r.lang)}
    for name, key in STRING_KEYS.items():
        value = r.string(key, **slots)
        out[name] = str(r.colon(value) if name == "reference_colon" else value)
    return out


def _month_day(value: str) -> dict[str, int]:
    """'11-01' → {'month': 11, 'day': 1}."""
    return {"month": int(value[:2]), "day": int(value[3:])}
