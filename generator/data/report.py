"""What is still to do in the data: contacts to fill in, contacts to confirm with the body
itself (secondary or over 2 years old), and verifications over a year old.
A report, not an error: the site builds, and says what to do instead of a missing contact."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..errors import Problem, format_path
from ..project import Project
from . import model as m
from .freshness import check_reason
from .site_data import SiteData

STALE_AFTER = dt.timedelta(days=365)


def completeness_report(data: SiteData, project: Project, markdown: bool = False,
                        today: dt.date | None = None) -> list[Problem] | str:
    """Notices for empty contacts and old ``verified_on`` dates (list), or a Markdown
    summary for a CI job (``markdown=True``)."""
    today = today or dt.date.today()
    notices: list[Problem] = []

    def notice(file: str, loc: tuple[str | int, ...], message: str) -> None:
        loaded = data.files[file]
        notices.append(Problem(loaded.display, loaded.line_of(loc), format_path(loc), message,
                               level="notice"))

    sources = data.by_id("sources")
    for file, loc, contact in _contacts(data):
        reason = check_reason(sources[contact.source], data.site.edition)
        if reason:
            why = ("a secondary source" if reason == "secondary"
                   else f"a page dated {sources[contact.source].date.isoformat()}, over 2 years "
                   "old")
            notice(file, loc, f"contact from {why} ('{contact.source}'): to confirm with the "
                   "body itself, then cite its own page")
    for index, actor in enumerate(data.actors.actors):
        if not actor.contacts:
            notice("actors.yaml", ("actors", index, "id"),
                   f"contact of '{actor.id}' to fill in (address, phone, hours) when a public "
                   "source gives it")
    for index, permanence in enumerate(data.permanences.permanences):
        if not permanence.contacts and not permanence.place:
            notice("permanences.yaml", ("permanences", index, "id"),
                   f"address and dates of '{permanence.id}' to fill in")
    for file, loc, date in _verified_dates(data):
        if date and today - date > STALE_AFTER:
            notice(file, loc, f"verified on {date.isoformat()}, more than 12 months ago — "
                   "check it again and update verified_on")
    if not markdown:
        return notices
    lines = ["## Data still to complete or re-check", ""]
    if not notices:
        lines.append("Nothing: every contact is filled in and every check is recent.")
    lines += [f"- `{n.file}:{n.line}` {n.path}: {n.message}" for n in notices]
    return "\n".join(lines)


def _contacts(data: SiteData) -> Iterator[tuple[str, tuple[str | int, ...], m.Contact]]:
    """Every filled-in contact, with its file and key path."""
    for file, kind, records in (("actors.yaml", "actors", data.actors.actors),
                                ("permanences.yaml", "permanences",
                                 data.permanences.permanences)):
        for i, record in enumerate(records):
            if not record.contact.is_empty:
                yield file, (kind, i, "contact"), record.contact
            for k, other in enumerate(record.other_contacts):
                yield file, (kind, i, "other_contacts", k), other


def _verified_dates(data: SiteData):  # type: ignore[no-untyped-def]
    for i, step in enumerate(data.steps.steps):
        yield "steps.yaml", ("steps", i, "verified_on"), step.verified_on
        for j, deadline in enumerate(step.deadlines):
            yield ("steps.yaml", ("steps", i, "deadlines", j, "verified_on"),
                   deadline.verified_on)
    for file, loc, contact in _contacts(data):
        yield file, (*loc, "verified_on"), contact.verified_on
    for i, permanence in enumerate(data.permanences.permanences):
        yield ("permanences.yaml", ("permanences", i, "verified_on"), permanence.verified_on)
    for i, number in enumerate(data.site.emergency):
        yield "site.yaml", ("emergency", i, "verified_on"), number.verified_on
