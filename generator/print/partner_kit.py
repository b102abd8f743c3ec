"""The partner kit (`make report`): one A4 page per body of the directory, for that body to
answer in one reply — what the site and the booklet show of it, what is missing (no phone,
an old or secondary source, a permanence without address or dates), and the fields to fill.

The statuses an editor needs (« à confirmer ») are printed here, and only here: the kit goes
to the body, never to a household.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..data import model as m
from ..data.site_data import SiteData
from ..errors import BuildError
from ..project import Project
from .booklet import PrintedDocument, _Engine
from .content import Printer

KIT_FILE = "kit-partenaires.pdf"
FIELDS = ("kit_field_address", "kit_field_phone", "kit_field_email", "kit_field_hours",
          "kit_field_page", "kit_field_signed")


@dataclass(frozen=True)
class ContactLine:
    text: str
    source: str
    status: str | None


@dataclass(frozen=True)
class Sheet:
    """One body's page of the kit."""

    id: str
    name: str
    role: str
    stages: list[str]
    contacts: list[ContactLine]
    route: str | None
    """What readers are told instead, when the body has no contact line."""
    permanences: list[str]
    missing: list[str]


def sheets(printer: Printer) -> list[Sheet]:
    """A page for every body of the directory, in the directory's order."""
    data = printer.data
    text, say = printer.plain_text, printer.string
    out = []
    for actor in data.actors.actors:
        contacts = [_line(printer, contact) for contact in actor.contacts]
        missing = [say(f"kit_missing_{name}") for name in ("address", "phone", "email", "hours")
                   if not any(getattr(contact, name) for contact in actor.contacts)]
        missing += [say("kit_missing_check", line=line.text) for line in contacts
                    if line.status]
        own = [item for item in data.permanences.permanences if item.organiser == actor.id]
        permanences = [say("kit_permanences", towns=", ".join(
            dict.fromkeys(item.town for item in own)))] if own else []
        unplaced = [item.town for item in own if item.contact.is_empty and not item.place]
        if unplaced:
            missing.append(say("kit_missing_permanences", towns=", ".join(
                dict.fromkeys(unplaced))))
        out.append(Sheet(
            actor.id, text(actor.name), text(actor.role),
            [f"{step.number}. {text(step.title)}" for step in data.steps.steps
             if step.id in actor.stages],
            contacts, text(actor.if_no_contact) if actor.if_no_contact else None,
            permanences, missing))
    return out


def _line(printer: Printer, contact: m.Contact) -> ContactLine:
    text, say = printer.plain_text, printer.string
    parts = [text(contact.label)] if contact.label else []
    parts += [value for value in (text(contact.address) if contact.address else None,
                                  contact.phone, contact.email, contact.website,
                                  text(contact.hours) if contact.hours else None) if value]
    source = printer.data.sources_by_id[contact.source] if contact.source else None
    cited = say("kit_source", title=text(source.title), url=source.url,
                date=printer.format_date(contact.verified_on)) if source and \
        contact.verified_on else ""
    reason = printer.check_reason(contact)
    status = say(f"kit_status_{reason}") if reason else None
    return ContactLine(" · ".join(parts), cited, status)


def build_partner_kit(data: SiteData, project: Project, out_dir: Path) -> PrintedDocument:
    """Write the kit, in the default language (it goes to French bodies), into ``out_dir``."""
    language = project.languages[0]
    printer = Printer(data, language.code, project.language_url(language))
    with _Engine(project) as engine:
        publisher = printer.plain_text(data.site.publisher) if data.site.publisher else \
            printer.string("kit_publisher_unknown")
        html = printer.render("partner_kit.html.j2", sheets=sheets(printer),
                              fields=[printer.string(key) for key in FIELDS], publisher=publisher)
        document = engine.render(html, KIT_FILE)
        overflowing = [page.anchors for page in document.pages
                       if not any(anchor.startswith("kit-") for anchor in page.anchors)]
        if overflowing:
            starts = [next((a.removeprefix("kit-") for a in page.anchors if a.startswith("kit-")),
                           None) for page in document.pages]
            names = [starts[index - 1] for index, start in enumerate(starts) if start is None]
            raise BuildError(f"{KIT_FILE}: the page of {', '.join(map(repr, names))} runs onto a "
                             "second page — shorten its role in data/actors.yaml")
        return engine.write(document, out_dir / KIT_FILE, "kit", language.code)
