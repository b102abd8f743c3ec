"""« Proposer un plan d'apurement »: the repayment tool's rules, from the data. The scheme
(``roles.repayment_plan``) gives what a plan is and its conditions; the judge's time to pay
(``roles.court_time_to_pay``) gives the longest delay the law allows (``longest``, with its
reference and source), which the tool compares a plan with. The page carries them as JSON
(``#repayment-rules``) for ``overrides/assets/javascripts/repayment.js``; the arithmetic is
``repayment-rules.js``, in cents.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from babel import numbers

from ..lang import date_pattern, first_day_word, month_names
from .addresses import dispositif_path
from .letters import filled_by_tool, letter_json

if TYPE_CHECKING:
    from .render import Renderer

TOOL = {"page": "repayment", "text": "pay_from_scheme"}
"""The link the scheme's page (roles.repayment_plan) gives to the tool: page key, string key."""

MONTHS_IN = {"months": 1, "years": 12}
"""A legal limit in whole months (the tool counts monthly instalments)."""

STRING_KEYS = (
    "pay_error_debt", "pay_error_rent", "pay_error_benefit", "pay_error_instalment",
    "pay_error_months", "pay_error_too_long", "pay_error_choice", "calc_error_date",
    "pay_summary", "pay_monthly", "pay_end", "pay_total", "pay_schedule_title",
    "pay_col_number", "pay_col_date", "pay_col_amount", "pay_over_limit", "pay_within_limit",
    "pay_past", "pay_amount", "pay_print",
)
"""The interface strings repayment.js writes, their ``{slots}`` left for it to fill."""


def rules(r: Renderer, here: str) -> dict[str, Any]:
    """The tool's rules for the page at ``here`` (links relative to it)."""
    data = r.data
    text = r.language.text
    roles = data.site.roles
    court = data.dispositifs_by_id.get(roles.court_time_to_pay or "")
    longest = court.longest if court is not None else None
    limit = None
    if longest is not None and longest.delay.unit in MONTHS_IN:
        limit = {"months": longest.delay.amount * MONTHS_IN[longest.delay.unit],
                 "reference": text(longest.reference),
                 "url": str(r.href(dispositif_path(court.id), here))}
    return {
        "lang": r.lang,
        "months": month_names(r.lang),
        "first_day": first_day_word(r.lang),
        "date_pattern": date_pattern(r.lang),
        "group": numbers.get_group_symbol(r.lang),
        "limit": limit,
        "strings": {key: r.language.template(key) for key in STRING_KEYS},
        "letter": letter_json(r, letter_of(r.data)),
    }


def letter_of(data: Any) -> Any:
    """The model letter the tool fills in: the first one with the plan's figures in it."""
    return next((letter for letter in data.letters.letters if filled_by_tool(letter)), None)
