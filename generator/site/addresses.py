"""Where each page lives: the one owner of the site's page paths. Pages have keys; templates,
the PDFs' QR codes, the calculator's JSON, the hooks and the theme ask for a key and get the
page's source path (``'outils/calculateur.md'``), which the engine's URL scheme turns into an
address (``'outils/calculateur/'``).

Renaming a page is a change here and nowhere else (``tests/test_build.py`` checks that no other
module or template writes a page path).
"""

from __future__ import annotations

from typing import Literal

Audience = Literal["locataire", "proprietaire", "partenaires"]
"""The three readers with a page per stage, named as their folder of the site."""

AUDIENCES: tuple[Audience, ...] = ("locataire", "proprietaire", "partenaires")
"""Tenants, landlords, partners: in menu order."""

TENANT_PAGES: Audience = "locataire"
"""The tenant's stage pages: where the calculator and the letter finder send a household."""

DEADLINES_ANCHOR = "delais"
"""The id of a stage page's deadlines section (the calculator links to it)."""

READER: dict[str, Literal["tenant", "landlord"]] = {"locataire": "tenant",
                                                  "proprietaire": "landlord"}
"""The data's name of a stage page's reader (``step.tenant``, a deadline's ``party``)."""

PAGES: dict[str, str] = {
    "home": "index.md",
    "plan": "outils/mon-plan.md",
    "letter_finder": "outils/courrier.md",
    "calculator": "outils/calculateur.md",
    "repayment": "outils/proposer-un-plan.md",
    "near_you": "outils/pres-de-chez-vous.md",
    "instances": "instances/index.md",
    "charter": "charte/index.md",
    "actors": "annuaire/index.md",
    "permanences": "permanences/index.md",
    "dispositifs": "dispositifs/index.md",
    "glossary": "glossaire/index.md",
    "sources": "sources/index.md",
    "tenant": "locataire/index.md",
    "landlord": "proprietaire/index.md",
    "partner": "partenaires/index.md",
    "about": "a-propos.md",
    "accessibility": "accessibilite.md",
    "privacy": "confidentialite.md",
    "legal": "mentions-legales.md",
}
"""The site's single pages, by key."""

ABOUT_PAGES = ("about", "accessibility", "privacy", "legal")
"""The hand-written pages of the « À propos » section (``content/<lang>/``), in menu order;
the footer links them too."""

FRAME_LINKS = ("sources", *ABOUT_PAGES)
"""The pages the frame of every page (header, footer) links."""

DATA_FILES: dict[str, str] = {"communes": "outils/communes.json"}
"""Files the pages' scripts read, by key (relative to the site root)."""


def page_path(key: str, anchor: str = "") -> str:
    """The source path of the page called ``key``, with ``#anchor`` when given (KeyError
    names the known keys)."""
    try:
        path = PAGES[key]
    except KeyError:
        raise KeyError(f"no page called '{key}' (known: {', '.join(PAGES)})") from None
    return path + (f"#{anchor}" if anchor else "")


def stage_path(audience: str, step_id: str, anchor: str = "") -> str:
    """The stage page of ``step_id`` for ``audience`` ('locataire', 'proprietaire',
    'partenaires'), with ``#anchor`` when given."""
    if audience not in AUDIENCES:
        raise KeyError(f"no audience '{audience}' (known: {', '.join(AUDIENCES)})")
    return f"{audience}/{step_id}.md" + (f"#{anchor}" if anchor else "")


def audience_index(audience: str) -> str:
    """The index page of ``audience``'s stage pages."""
    if audience not in AUDIENCES:
        raise KeyError(f"no audience '{audience}' (known: {', '.join(AUDIENCES)})")
    return f"{audience}/index.md"


def dispositif_path(dispositif_id: str) -> str:
    """The page of one scheme."""
    return f"dispositifs/{dispositif_id}.md"


def letter_path(letter_id: str) -> str:
    """The page of one model letter (data/letters.yaml)."""
    return f"outils/lettres/{letter_id}.md"


def sheet_path(sheet_id: str) -> str:
    """The page of one sheet to fill in and bring (data/letters.yaml, ``sheets``)."""
    return f"outils/fiches/{sheet_id}.md"
