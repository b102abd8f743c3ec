"""« Proposer un plan d'apurement » (page "repayment"): the schedule's arithmetic, checked the
same way in Python and in the page's script (repayment-rules.js, run by node), the page in
Chromium (the plan, the limit a judge can grant from the data, the letter filled in and printed
on one page, nothing sent or stored), and letters.yaml's checks."""

from __future__ import annotations

import calendar
import json
import shutil
import subprocess
from collections.abc import Callable

import pytest

from generator.data.validate import load_site_data
from generator.lang import collapse_spaces
from tests.browser import axe_problems, chromium_path, printed
from tests.conftest import ROOT
from tests.test_validation import line_of, original, problems_for, replace_once

RULES = ROOT / "overrides/assets/javascripts/repayment-rules.js"
DATA = load_site_data(ROOT / "data", ("fr", "en"), display_root=ROOT)
LANG_ROOTS = {"fr": "", "en": "en/"}
PAGE = "outils/proposer-un-plan/"
AXE = ROOT / "node_modules/axe-core/axe.min.js"

needs_chromium = pytest.mark.skipif(chromium_path() is None, reason="Debian's chromium is needed")


def python_plan(case: dict) -> dict:
    """The schedule worked out again here, in cents: the instalment (or the debt over the
    months, rounded up to the cent), the last one what is left; monthly on the first day's
    number, or the month's last day."""
    debt, first = case["debt"], case["first"]
    if case.get("instalment") is not None:
        if case["instalment"] <= 0:
            return {"error": "instalment"}
        instalment = min(case["instalment"], debt)
    else:
        if case["months"] <= 0:
            return {"error": "months"}
        instalment = -(-debt // case["months"])
    months = -(-debt // instalment)
    if months > 120:
        return {"error": "too_long"}
    out = []
    for index in range(months):
        at = first["y"] * 12 + first["m"] - 1 + index
        year, month = divmod(at, 12)
        day = min(first["d"], calendar.monthrange(year, month + 1)[1])
        amount = instalment if index < months - 1 else debt - instalment * (months - 1)
        out.append([f"{year:04d}-{month + 1:02d}-{day:02d}", amount])
    return {"months": months, "instalment": instalment, "schedule": out}


CASES = [
    {"debt": 240000, "rent": 55000, "benefit": 0, "instalment": 10000,
     "first": {"y": 2027, "m": 1, "d": 5}},               # 24 × 100 €
    {"debt": 100000, "instalment": 30000, "first": {"y": 2027, "m": 1, "d": 31}},  # 31 → 28 Feb
    {"debt": 10000, "months": 3, "first": {"y": 2028, "m": 11, "d": 30}},  # 33,34 ×2 + 33,32
    {"debt": 2, "months": 3, "first": {"y": 2026, "m": 1, "d": 1}},      # 2 cents: 2 × 1 cent
    {"debt": 250001, "months": 36, "first": {"y": 2024, "m": 2, "d": 29}},  # past, leap day
    {"debt": 123456, "instalment": 999999, "first": {"y": 2199, "m": 12, "d": 31}},  # far
    {"debt": 5000000, "instalment": 100, "first": {"y": 2027, "m": 1, "d": 1}},  # 50 000 months
    {"debt": 1000, "instalment": 0, "first": {"y": 2027, "m": 1, "d": 1}},
    {"debt": 1000, "months": -2, "first": {"y": 2027, "m": 1, "d": 1}},
]


def test_schedule_is_the_same_in_python_and_in_the_script() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed (.ci/run installs it)")
    script = (f"const R = require({json.dumps(str(RULES))});"
              "const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "console.log(JSON.stringify(cases.map(c => { const p = R.plan(c);"
              " if (p.error) return {error: p.error};"
              " return {months: p.months, instalment: p.instalment, schedule: p.schedule.map("
              " s => [String(s.date.y).padStart(4, '0') + '-' + String(s.date.m).padStart(2, '0')"
              " + '-' + String(s.date.d).padStart(2, '0'), s.amount])}; })));")
    result = subprocess.run([node, "-e", script], input=json.dumps(CASES), text=True,
                            capture_output=True, check=True)
    in_script = json.loads(result.stdout)
    assert in_script == [python_plan(case) for case in CASES]
    first = in_script[0]
    assert (first["months"], first["schedule"][-1]) == (24, ["2028-12-05", 10000])
    assert in_script[1]["schedule"][1][0] == "2027-02-28"
    assert [amount for _, amount in in_script[2]["schedule"]] == [3334, 3334, 3332]
    assert sum(amount for _, amount in in_script[4]["schedule"]) == 250001
    assert [item.get("error") for item in in_script[-3:]] == ["too_long", "instalment", "months"]


def test_the_judges_limit_comes_from_the_data() -> None:
    court = DATA.dispositifs_by_id[DATA.site.roles.court_time_to_pay]
    assert court.longest is not None
    assert (court.longest.delay.amount, court.longest.delay.unit) == (3, "years")
    assert court.longest.source in DATA.by_id("sources")


def test_a_letter_slot_must_be_a_field(make_project: Callable) -> None:
    text = original("letters.yaml")
    broken = replace_once(text, "à {debt}.", "à {dette}.")
    line = line_of(broken, "aujourd'hui à {dette}.")
    problems = problems_for(make_project, {"data/letters.yaml": broken})
    assert len(problems) == 1, problems
    assert problems[0].startswith("data/letters.yaml:")
    assert "'{dette}' is not a field of this letter" in problems[0]
    assert int(problems[0].split(":")[1]) <= line


def test_a_tenants_letter_never_speaks_as_the_landlord(make_project: Callable) -> None:
    text = original("letters.yaml")
    broken = replace_once(text, "Je suis locataire du logement",
                          "Je suis votre locataire, du logement")
    problems = problems_for(make_project, {"data/letters.yaml": broken})
    assert len(problems) == 1 and "would not write 'votre locataire'" in problems[0], problems


def fill_plan(page: object, values: dict[str, str]) -> None:
    for key, value in values.items():
        page.fill(f"#pay-{key}", value)
    page.click("#pay-form button[type=submit]")


@needs_chromium
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_2400_euros_at_100_a_month_gives_the_plan_and_its_letter(
        browser: object, base_url: str, lang: str) -> None:
    """2 400 € of arrears, 550 € of rent, 100 € a month from 5 January 2027: 650 € a month for
    24 months, the last on 5 December 2028, within the 36 months a judge can grant; the letter,
    in French in both languages, says so with the names typed, prints on one page; nothing is
    sent or stored; axe finds nothing."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.clock.set_fixed_time("2026-12-04T10:00:00")
    page.goto(f"{base_url}{LANG_ROOTS[lang]}{PAGE}", wait_until="networkidle")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url)
            if not request.url.endswith("/favicon.png") else None)
    fill_plan(page, {"debt": "2400", "rent": "550", "instalment": "100", "day": "5",
                     "month": "1", "year": "2027"})
    output = collapse_spaces(page.inner_text("#pay-output"))
    assert ("650,00" if lang == "fr" else "650.00") in output
    assert page.locator("#pay-output tbody tr").count() == 24
    assert page.locator('#pay-output time[datetime="2028-12-05"]').count() == 1
    assert "36" in output
    for key, value in (("tenant-name", "Camille Martin"), ("landlord-name", "M. Bernard Petit"),
                       ("place", "Chenôve")):
        page.fill(f"#letter-{key}", value)
    letter = collapse_spaces(page.inner_text(".letter-text"))
    assert "Camille Martin" in letter and "M. Bernard Petit" in letter
    assert "24 versements mensuels de 100,00" in letter
    assert "5 décembre 2028" in letter and "5 janvier 2027" in letter
    assert "2 400,00" in letter.replace("\u202f", " ")
    assert ("What this says" in letter) == (lang == "en")
    assert axe_problems(page) == []
    page.evaluate("document.body.classList.add('printing-letter')")
    pages, text = printed(page)
    assert pages == 1
    assert "Objet" in text and "Camille Martin" in text and "What this says" not in text
    assert requests == []
    assert context.cookies() == []
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    context.close()


@needs_chromium
def test_over_the_limit_and_wrong_amounts_are_said(browser: object, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{base_url}{PAGE}", wait_until="networkidle")
    fill_plan(page, {"debt": "2400", "rent": "550", "instalment": "50", "day": "5",
                     "month": "1", "year": "2027"})
    assert page.locator(".pay-warning").count() == 1
    assert "48" in page.inner_text(".pay-warning")
    fill_plan(page, {"instalment": "0"})
    assert page.locator("#pay-error").is_visible()
    assert page.evaluate("document.activeElement.id") == "pay-instalment"
    fill_plan(page, {"instalment": "", "months": "", "benefit": ""})
    assert page.locator("#pay-error").is_visible()
    fill_plan(page, {"benefit": "600", "months": "12"})
    assert page.evaluate("document.activeElement.id") == "pay-benefit"
    context.close()


LETTER_PAGE = "outils/lettres/relance-amiable-locataire/"


def test_a_landlords_letter_never_speaks_as_the_tenant(make_project: Callable) -> None:
    text = original("letters.yaml")
    broken = replace_once(text, "Sauf erreur de ma part, le loyer",
                          "Sauf erreur de votre bailleur, le loyer")
    problems = problems_for(make_project, {"data/letters.yaml": broken})
    assert len(problems) == 1 and "would not write 'votre bailleur'" in problems[0], problems


@needs_chromium
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_letter_page_fills_prints_and_keeps_nothing(browser: object, base_url: str,
                                                      lang: str) -> None:
    """The landlord's reminder: typed names and figures go into the French letter, with the
    helpline from the data; it prints alone on one page, without the English explanations;
    without JavaScript the letter shows with dotted blanks; nothing is sent or stored."""
    helpline = next(item for item in DATA.site.emergency
                    if item.id == DATA.site.roles.helpline)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.clock.set_fixed_time("2026-12-04T10:00:00")
    page.goto(f"{base_url}{LANG_ROOTS[lang]}{LETTER_PAGE}", wait_until="networkidle")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url)
            if not request.url.endswith("/favicon.png") else None)
    for key, value in (("landlord-name", "Bernard Petit"), ("tenant-name", "Camille Martin"),
                       ("period", "novembre 2026"), ("amount", "550 €")):
        page.fill(f"#letter-{key}", value)
    letter = collapse_spaces(page.inner_text(".letter-text"))
    assert "Bernard Petit" in letter and "novembre 2026, soit 550 €" in letter
    assert helpline.number in letter and "4 décembre 2026" in letter
    assert ("What this says" in letter) == (lang == "en")
    assert axe_problems(page) == []
    page.evaluate("document.body.classList.add('printing-letter')")
    pages, text = printed(page)
    assert pages == 1
    assert "Bernard Petit" in text and "What this says" not in text
    assert "Imprimer" not in text and "Print" not in text
    assert requests == [] and context.cookies() == []
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    context.close()
    bare = browser.new_context(java_script_enabled=False)
    page = bare.new_page()
    page.goto(f"{base_url}{LANG_ROOTS[lang]}{LETTER_PAGE}")
    letter = page.inner_text(".letter-text")
    assert "……" in letter and helpline.number in letter
    bare.close()
