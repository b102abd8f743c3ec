"""The two tools of the tenant section: the letter finder (outils/courrier/) and the deadline
calculator (outils/calculateur/). The calculator's date logic has its own Node tests
(tests/js/), run from here on the JSON of the built pages; the page itself is driven by
keyboard in headless Chromium, in both languages."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from generator.data.validate import load_site_data
from generator.lang import collapse_spaces
from generator.site.linkcheck import check_links
from tests.browser import chromium_path
from tests.conftest import ROOT, read, shown

DATA = load_site_data(ROOT / "data", ("fr", "en"), display_root=ROOT)
LANG_ROOTS = {"fr": "", "en": "en/"}
CASES = json.loads(read(ROOT / "tests/calculator_cases.json"))
NOT_OFFERED = {"siao-10-jours": "a duty of the partners, counted back from the eviction day",
               "signalement-caf-2-mois": "the landlord's duty, from a day no paper shows",
               "saisine-ccapex-2-mois": "counted back from a summons not yet served"}
"""Deadlines with a delay that the calculator does not offer, and why."""
LETTERS = "outils/courrier/index.html"
CALCULATOR = "outils/calculateur/index.html"

needs_chromium = pytest.mark.skipif(chromium_path() is None, reason="Debian's chromium is needed")


def soup(site: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup(read(site / rel), "html.parser")


def text_of(tag: object) -> str:
    """The text a reader sees, whitespace normalised (glossary markup does not split words)."""
    return collapse_spaces(tag.get_text(""))


def reference(deadline: object, lang: str) -> str:
    """A deadline's legal reference in ``lang`` (a plain string, or a {fr, en} text)."""
    value = deadline.reference
    return shown(value, lang)


def rules_json(site: Path, lang: str) -> tuple[str, dict]:
    """The raw text and the value of the calculator page's #deadline-rules JSON."""
    page = soup(site, LANG_ROOTS[lang] + CALCULATOR)
    script = page.select_one('script#deadline-rules[type="application/json"]')
    assert script is not None
    return script.string, json.loads(script.string)


def resolve(site: Path, page: str, href: str) -> tuple[Path, str]:
    """The file and fragment a relative link of ``page`` leads to."""
    parts = urlsplit(urljoin("http://site/" + page, href))
    target = site / parts.path.lstrip("/")
    if parts.path.endswith("/"):
        target = target / "index.html"
    return target, parts.fragment


# --------------------------------------------------------------------------- letter finder


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_letter_finder_lists_every_document_with_a_working_link(site: Path, lang: str) -> None:
    page_path = LANG_ROOTS[lang] + LETTERS
    page = soup(site, page_path)
    content = page.select_one("article")
    expected_order = [doc.id for step in DATA.steps.steps for doc in step.documents]
    listed = [section.select_one("h3")["id"] for section in content.select(".letter")]
    assert listed == expected_order
    for step in DATA.steps.steps:
        for document in step.documents:
            card = content.select_one(f"h3#{document.id}").find_parent(class_="letter")
            text = text_of(card)
            for value in (document.name, document.sender, document.identify):
                assert shown(value, lang) in text, (document.id, shown(value, lang))
            # The link opens the stage page at its top, where the action box is (not at the
            # paper's description, inside a fold-out below it).
            links = [a["href"] for a in card.select("a[href]")
                     if a["href"].endswith(f"locataire/{step.id}/")]
            assert len(links) == 1, document.id
            target, fragment = resolve(site, page_path, links[0])
            assert target == site / LANG_ROOTS[lang] / "locataire" / step.id / "index.html"
            assert not fragment
            stage = soup(site, target.relative_to(site).as_posix()).select_one("article")
            assert stage.select_one(".admonition.tip") is not None, step.id


def test_tool_pages_have_no_broken_link(site: Path) -> None:
    broken = [line for line in check_links(site).broken if "outils/" in line.split(":")[0]]
    assert broken == []


# --------------------------------------------------------------------------- calculator data


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_calculator_json_is_html_safe_and_equals_the_data(site: Path, lang: str) -> None:
    raw, rules = rules_json(site, lang)
    assert not set("<>&") & set(raw), "the JSON must escape <, > and & (\\u003c…)"
    assert rules["lang"] == lang
    assert [step["id"] for step in rules["steps"]] == [step.id for step in DATA.steps.steps]
    for step, data_step in zip(rules["steps"], DATA.steps.steps, strict=True):
        assert step["title"] == shown(data_step.title, lang)
        assert [d["id"] for d in step["deadlines"]] == [d.id for d in data_step.deadlines]
        for deadline, data in zip(step["deadlines"], data_step.deadlines, strict=True):
            assert deadline["label"] == shown(data.label, lang)
            assert deadline["reference"] == reference(data, lang)
            assert deadline["party"] == data.party
            assert deadline["explanation"] == shown(data.explanation.tenant, lang)
            if data.delay is None:
                assert deadline["delay"] is None
            else:
                assert deadline["delay"] == {"amount": data.delay.amount,
                                             "unit": data.delay.unit,
                                             "direction": data.delay.direction}
            condition = data.applies_if
            expected = None if condition is None else {
                key: value.isoformat() for key, value in
                (("lease_signed_before", condition.lease_signed_before),
                 ("lease_signed_from", condition.lease_signed_from)) if value is not None}
            assert deadline["applies_if"] == expected, data.id
    documents = {doc.id: doc for step in DATA.steps.steps for doc in step.documents}
    deadlines = {d.id: d for step in DATA.steps.steps for d in step.deadlines}
    for event in rules["events"]:
        assert event["label"] in ([shown(documents[event["id"]].name, lang)]
                                  if event["id"] in documents
                                  else [shown(s.title, lang) for s in DATA.steps.steps])
        assert all(d in deadlines and deadlines[d].delay for d in event["deadlines"])
    wired = {d for event in rules["events"] for d in event["deadlines"]}
    counted = {d.id for d in deadlines.values() if d.delay}
    assert wired == counted - set(NOT_OFFERED), (
        "a delay added to the data: list it under `calculator: starts:` of the paper or stage "
        "it runs from (data/steps.yaml), or in NOT_OFFERED")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_truce_period_matches_the_data(site: Path, lang: str) -> None:
    """The truce period the calculator counts with (the data's `period`) is the one its
    duration in words says, in every language."""
    _, rules = rules_json(site, lang)
    truce = rules["truce"]
    data = next(d for step in DATA.steps.steps for d in step.deadlines if d.id == truce["id"])
    label = shown(data.duration, lang)
    assert label in truce["label"]
    months = rules["months"]
    start, end = truce["start"], truce["end"]
    assert re.search(rf"\b{start['day']}(er)? {months[start['month'] - 1]}\b", label), label
    assert re.search(rf"\b{end['day']} {months[end['month'] - 1]}\b", label), label
    assert truce["reference"] == data.reference


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_rules_table_without_javascript(site: Path, lang: str) -> None:
    page = soup(site, LANG_ROOTS[lang] + CALCULATOR)
    assert page.select_one("#calculator").has_attr("hidden"), "the form waits for JavaScript"
    assert page.select_one("noscript") is not None
    rows = page.select(".calc-rules table tbody tr")
    _, rules = rules_json(site, lang)
    deadlines = {d.id: d for step in DATA.steps.steps for d in step.deadlines}
    expected = [deadlines[d] for event in rules["events"] for d in event["deadlines"]]
    assert len(rows) == len(expected)
    for row, deadline in zip(rows, expected, strict=True):
        text = text_of(row)
        assert reference(deadline, lang) in text
        assert shown(deadline.label, lang) in text
        assert str(deadline.delay.amount) in text
    truce = text_of(page.select_one(".calc-rules-truce"))
    assert "L412-6" in truce


def test_node_unit_tests_pass_on_the_built_rules(site: Path) -> None:
    """`node --test tests/js/`: the date logic on the shared cases, and the scenarios on the
    JSON of both built calculator pages (the tests read no hand copy of the rules)."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed for the calculator's unit tests (.ci/run installs it)")
    pages = [site / root / "outils/calculateur/index.html" for root in LANG_ROOTS.values()]
    env = {**os.environ, "DEADLINE_RULES": os.pathsep.join(str(page) for page in pages)}
    result = subprocess.run([node, "--test", "tests/js/"], cwd=ROOT, env=env,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    for page in pages:  # the scenarios ran on each built page
        assert f"# Subtest: {os.path.relpath(page, ROOT)}: " in result.stdout
    assert "# skipped 0" in result.stdout


# --------------------------------------------------------------------------- in the browser

WORDS = {
    "fr": {"cql_end": "10 décembre 2026", "truce": r"1(er)? novembre 2026",
           "resume": r"1(er)? avril 2027", "six_weeks": "6 semaines", "check": "0 805 16 00 75"},
    "en": {"cql_end": "10 December 2026", "truce": r"1 November 2026",
           "resume": r"1 April 2027", "six_weeks": "6 weeks", "check": "0 805 16 00 75"},
}


def focused(page: object, selector: str) -> bool:
    return page.evaluate("s => document.activeElement && document.activeElement.matches(s)",
                         selector)


def tab_to(page: object, selector: str, limit: int = 60) -> None:
    """Press Tab until the focused element matches ``selector``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused(page, selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def new_page(browser: object, today: str = "2026-10-01", **options: object) -> tuple[object,
                                                                                     object]:
    """A fresh context and page whose clock says ``today``: the calculator marks dates
    before today as past, so the tests do not depend on the day they run."""
    context = browser.new_context(**options)
    page = context.new_page()
    page.clock.set_fixed_time(f"{today}T10:00:00")
    return context, page


def open_calculator(page: object, url: str) -> None:
    """Load the page, then by keyboard: the skip link, then into the form."""
    page.goto(url, wait_until="networkidle")
    page.keyboard.press("Tab")
    assert focused(page, "a.md-skip")
    page.keyboard.press("Enter")
    tab_to(page, 'input[name="calc-event"]')


def type_date(page: object, day: str, month: str, year: str) -> None:
    for selector, value in (("#calc-day", day), ("#calc-month", month), ("#calc-year", year)):
        tab_to(page, selector)
        page.keyboard.type(value)


def fill_quitter_les_lieux(page: object) -> None:
    """The fourth paper (commandement de quitter les lieux), delivered on 10 October 2026."""
    for _ in range(3):  # after the commandement de payer, the summons and the judgment
        page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.value") == "commandement-quitter-les-lieux"
    assert page.evaluate("document.activeElement.checked")
    type_date(page, "10", "10", "2026")
    tab_to(page, 'button[type="submit"]')
    page.keyboard.press("Enter")
    page.wait_for_selector("#calc-output .calc-list")


@needs_chromium
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_keyboard_commandement_de_quitter_les_lieux_in_the_truce(browser: object, base_url: str,
                                                                 lang: str) -> None:
    context, page = new_page(browser)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_calculator(page, f"{base_url}{LANG_ROOTS[lang]}outils/calculateur/")
    fill_quitter_les_lieux(page)
    words = WORDS[lang]
    output = page.locator("#calc-output")
    assert output.get_attribute("aria-live") == "polite"
    items = page.locator("#calc-output .calc-list > li")
    assert items.count() == 2
    first = items.nth(0).inner_text()
    assert words["cql_end"] in first
    assert "L412-1" in first
    assert items.nth(0).locator('a[href$="locataire/commandement-de-quitter-les-lieux/#delais"]'
                                ).count() == 1
    truce = page.locator("#calc-output .calc-truce").inner_text()
    assert re.search(words["truce"], truce), truce
    assert re.search(words["resume"], truce), truce
    assert "L412-6" in truce
    assert page.locator('#calc-output .calc-truce time[datetime="2026-11-01"]').count() == 1
    check = page.locator("#calc-output .calc-check")
    assert words["check"] in check.inner_text()
    assert check.locator('a[href="tel:0805160075"]').count() == 1
    assert errors == []
    context.close()


@needs_chromium
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_keyboard_commandement_de_payer_recent_lease(browser: object, base_url: str,
                                                     lang: str) -> None:
    context, page = new_page(browser, "2026-03-03")
    open_calculator(page, f"{base_url}{LANG_ROOTS[lang]}outils/calculateur/")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.value") == "commandement-de-payer"
    assert page.evaluate("document.activeElement.checked")
    type_date(page, "2", "3", "2026")
    tab_to(page, 'input[name="calc-lease-commandement-de-payer"]')
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.value") == "from:2023-07-29"
    tab_to(page, 'button[type="submit"]')
    page.keyboard.press("Enter")
    page.wait_for_selector("#calc-output .calc-list")
    items = page.locator("#calc-output .calc-list:not(.calc-list--others) > li")
    assert items.count() == 1
    text = items.nth(0).inner_text()
    assert WORDS[lang]["six_weeks"] in text
    assert page.locator('#calc-output time[datetime="2026-04-13"]').count() == 1
    # the guarantor's 15 days, the landlord's duty, apart from the tenant's own dates
    assert page.locator('#calc-output .calc-list--others time[datetime="2026-03-17"]').count() == 1
    assert page.locator("#calc-output .calc-truce").count() == 0
    context.close()


@needs_chromium
def test_keyboard_errors_are_said_and_focused(browser: object, base_url: str) -> None:
    context, page = new_page(browser)
    open_calculator(page, f"{base_url}outils/calculateur/")
    tab_to(page, 'button[type="submit"]')
    page.keyboard.press("Enter")
    assert page.locator("#calc-event-error").is_visible()
    assert focused(page, 'input[name="calc-event"]')
    page.keyboard.press("Space")
    type_date(page, "31", "2", "2026")
    tab_to(page, 'button[type="submit"]')
    page.keyboard.press("Enter")
    assert page.locator("#calc-date-error").is_visible()
    assert focused(page, "#calc-day")
    assert page.get_attribute("#calc-day", "aria-invalid") == "true"
    context.close()


@needs_chromium
def test_nothing_typed_leaves_the_browser(browser: object, base_url: str) -> None:
    context, page = new_page(browser)
    url = f"{base_url}outils/calculateur/"
    page.goto(url, wait_until="networkidle")
    requests: list[str] = []
    # The browser asks for the site's icon on its own, some time after the load.
    page.on("request", lambda request: requests.append(request.url)
            if not request.url.endswith("/favicon.png") else None)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    tab_to(page, 'input[name="calc-event"]')
    fill_quitter_les_lieux(page)
    page.evaluate("window.print = () => { window.__printed = true; }")
    tab_to(page, "#calc-output button")
    page.keyboard.press("Enter")
    assert page.evaluate("window.__printed === true")
    page.wait_for_timeout(300)
    assert requests == []
    assert urlsplit(page.url)._replace(fragment="").geturl() == url  # nothing in the address
    assert context.cookies() == []
    assert page.evaluate("localStorage.length") == 0
    assert page.evaluate("sessionStorage.length") == 0
    context.close()


@needs_chromium
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_calendar_file_has_the_dates(browser: object, base_url: str, lang: str) -> None:
    context, page = new_page(browser, accept_downloads=True)
    open_calculator(page, f"{base_url}{LANG_ROOTS[lang]}outils/calculateur/")
    fill_quitter_les_lieux(page)
    tab_to(page, "#calc-output a[download]")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    download = info.value
    assert download.suggested_filename.endswith(".ics")
    body = Path(download.path()).read_bytes()
    text = body.decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    lines = text.replace("\r\n ", "").split("\r\n")
    # The tenant's own date and the winter truce; not the landlord's request for the police.
    assert lines.count("BEGIN:VEVENT") == 2
    assert lines.count("DTSTART;VALUE=DATE:20261210") == 1
    assert not any(line.startswith("UID:requisition") for line in lines)
    assert "DTSTART;VALUE=DATE:20261101" in lines and "DTEND;VALUE=DATE:20270401" in lines
    assert lines.count("DTSTAMP:20261010T000000Z") == 2
    uids = [line for line in lines if line.startswith("UID:")]
    assert len(set(uids)) == 2
    assert any(line.startswith("SUMMARY:") and "L412-1" not in line for line in lines)
    assert "0 805 16 00 75" in text.replace("\r\n ", "")
    context.close()


HEARING = {
    "fr": {"date": "15 mars 2027", "go": "Allez à l'audience", "mine": "Vos dates",
           "others": "Ce que l'autre partie doit faire", "past": "Date passée",
           "first": "1er avril 2027"},
    "en": {"date": "15 March 2027", "go": "Go to the hearing", "mine": "Your dates",
           "others": "What the other side must do", "past": "Date already past",
           "first": "1 April 2027"},
}


@needs_chromium
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_keyboard_assignation_leads_with_the_hearing(browser: object, base_url: str,
                                                    lang: str) -> None:
    """For a summons, the tenant reads the hearing and what to do first; the préfet's
    notification, a duty of the landlord's commissaire de justice, comes apart, after."""
    words = HEARING[lang]
    context, page = new_page(browser, "2027-01-10", accept_downloads=True)
    open_calculator(page, f"{base_url}{LANG_ROOTS[lang]}outils/calculateur/")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.value") == "assignation"
    type_date(page, "15", "3", "2027")
    tab_to(page, 'button[type="submit"]')
    page.keyboard.press("Enter")
    page.wait_for_selector("#calc-output .calc-list")
    text = page.locator("#calc-output").inner_text()
    headings = page.locator("#calc-output h3").all_inner_texts()
    assert headings[0] == words["mine"] and headings[-1] == words["others"], headings
    first = page.locator("#calc-output .calc-list > li").first.inner_text()
    assert words["date"] in first and words["go"] in first
    step = DATA.by_id("steps")["assignation-et-jugement"]
    assert shown(step.tenant.first_action, lang) in collapse_spaces(text)
    assert text.index(words["go"]) < text.index(words["others"])
    notice = DATA.by_id("steps")["assignation-et-jugement"].deadlines[0]
    assert text.index(shown(notice.label, lang)) > text.index(words["others"])
    assert words["past"].lower() not in text.lower()
    tab_to(page, "#calc-output a[download]")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    ics = Path(info.value.path()).read_text(encoding="utf-8").replace("\r\n ", "")
    assert "DTSTART;VALUE=DATE:20270315" in ics and "UID:assignation-prefet" not in ics
    context.close()


@needs_chromium
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_dates_already_past_are_said_and_not_offered_as_events(browser: object, base_url: str,
                                                               lang: str) -> None:
    words = HEARING[lang]
    context, page = new_page(browser, "2027-06-01")
    open_calculator(page, f"{base_url}{LANG_ROOTS[lang]}outils/calculateur/")
    fill_quitter_les_lieux(page)
    mine = page.locator("#calc-output .calc-list > li").first
    assert words["past"].lower() in mine.inner_text().lower()
    assert "calc-item--past" in (mine.get_attribute("class") or "")
    assert words["first"] in page.locator("#calc-output .calc-truce").inner_text()
    # Every date is past (the truce ended on 31 March 2027): no calendar file is offered.
    assert page.locator("#calc-output a[download]").count() == 0
    assert page.locator("#calc-output button").count() == 1  # print is still there
    context.close()


@needs_chromium
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_calculator_hidden_and_rules_shown_without_javascript(browser: object, base_url: str,
                                                              lang: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}{LANG_ROOTS[lang]}outils/calculateur/")
    assert not page.locator("#calculator").is_visible()
    assert page.locator(".calc-rules table").is_visible()
    assert page.locator(".calc-noscript").is_visible()
    context.close()
