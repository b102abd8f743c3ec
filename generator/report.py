"""What is still to do in the data: contacts to fill in and verifications over a year old.
A report, not an error: the site builds, and says what to do instead of a missing contact."""

from __future__ import annotations

import datetime as dt

from .errors import Problem, format_path
from .project import Project
from .validate import SiteData

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

    for index, actor in enumerate(data.actors.actors):
        if actor.contact.is_empty:
            notice("actors.yaml", ("actors", index, "id"),
                   f"contact of '{actor.id}' to fill in (address, phone, hours) when a public "
                   "source gives it")
    for index, permanence in enumerate(data.permanences.permanences):
        if permanence.contact.is_empty:
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


def _verified_dates(data: SiteData):  # type: ignore[no-untyped-def]
    for i, step in enumerate(data.steps.steps):
        yield "steps.yaml", ("steps", i, "verified_on"), step.verified_on
        for j, deadline in enumerate(step.deadlines):
            yield ("steps.yaml", ("steps", i, "deadlines", j, "verified_on"),
                   deadline.verified_on)
    for i, actor in enumerate(data.actors.actors):
        yield "actors.yaml", ("actors", i, "contact", "verified_on"), actor.contact.verified_on
    for i, permanence in enumerate(data.permanences.permanences):
        yield ("permanences.yaml", ("permanences", i, "verified_on"), permanence.verified_on)
    for i, number in enumerate(data.site.emergency):
        yield "site.yaml", ("emergency", i, "verified_on"), number.verified_on
