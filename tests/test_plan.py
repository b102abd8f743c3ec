"""« Mon plan » (page "plan"): five questions, then the reader's plan, checked in headless
Chromium on the built site, against what the data says for each situation (never against a
copy of the page): where the reader stands, the dates (computed here independently, with the
public holidays of the ``holidays`` library), what protects them, the things to do with the
contacts « Près de chez vous » finds for their commune, and what the plan could not decide.
The answers live in the address only: nothing is sent, stored or kept in a cookie."""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import holidays
import pytest
from bs4 import BeautifulSoup

from generator.data.procedure import ContactTopic
from generator.data.validate import load_site_data
from generator.lang import Lang, collapse_spaces, first_sentence
from generator.site import near_you
from generator.site.addresses import DATA_FILES, READER, page_path
from generator.site.plan import CASE_ACTIONS, PLAN_ACTIONS
from generator.site.render import load_strings
from tests.browser import chromium_path
from tests.conftest import ROOT, read

DATA = load_site_data(ROOT / "data", ("fr", "en"), display_root=ROOT)
LOOKUP = near_you.lookup(DATA)
LANG_ROOTS = {"fr": "", "en": "en/"}
PLAN = "outils/mon-plan/"
TODAY = "2026-12-04"
AXE = ROOT / "node_modules/axe-core/axe.min.js"
WCAG = "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']"
STEPS = DATA.steps.steps
COMMUNES = {commune.insee: commune for commune in DATA.communes.communes}
METROPOLE = DATA.site.roles.metropole

needs_chromium = pytest.mark.skipif(chromium_path() is None, reason="Debian's chromium is needed")


def language(lang: str) -> Lang:
    return Lang(lang, "fr", load_strings(), slots=DATA.slots(lang))


def one_commune(arrondissement: str, in_metropole: bool) -> str:
    """The first commune (by INSEE code) of an arrondissement, inside or outside the
    métropole."""
    return next(code for code, commune in COMMUNES.items()
                if commune.arrondissement == arrondissement
                and (commune.epci == METROPOLE) == in_metropole)


# One commune in each arrondissement, and inside and outside the métropole.
PLACES = sorted({one_commune(item.code, False) for item in DATA.communes.arrondissements}
                | {one_commune(item.code, True) for item in DATA.communes.arrondissements
                   if any(c.arrondissement == item.code and c.epci == METROPOLE
                          for c in COMMUNES.values())})


def first_paper(step: object) -> str:
    """The answer to « what happened » that names a stage: its first paper that the
    calculator dates, or the stage itself."""
    for document in step.documents:
        if document.calculator is not None:
            return document.id
    return step.id


# Each stage × tenant/landlord, social and private, across the communes; a professional.
SITUATIONS = [
    {"who": who, "what": first_paper(step), "landlord": landlord,
     "commune": PLACES[(index * 2 + offset) % len(PLACES)]}
    for index, step in enumerate(STEPS)
    for offset, (who, landlord) in enumerate((("tenant", "social"), ("landlord", "private")))
] + [{"who": "tenant", "what": first_paper(step), "landlord": "private",
      "commune": PLACES[index % len(PLACES)]} for index, step in enumerate(STEPS)] + [
    {"who": "partner", "what": first_paper(STEPS[2]), "landlord": "social",
     "commune": PLACES[-1]},
    {"who": "landlord", "what": first_paper(STEPS[1]), "landlord": "company",
     "commune": PLACES[0]},
]


def fragment(answers: dict[str, str]) -> str:
    return "&".join(f"{key}={value}" for key, value in answers.items())


def expected_actions(answers: dict[str, str], lang: str) -> list[str]:
    """The things to do the data gives this reader: the stage page's « À faire maintenant »
    (PLAN_ACTIONS), then what holds for their kind of landlord (CASE_ACTIONS)."""
    words = language(lang)
    step = step_of(answers["what"])
    guide = getattr(step, "landlord" if answers["who"] == "landlord" else "tenant")
    kind = {"social": guide.parc_public, "private": guide.parc_prive,
            "company": guide.parc_prive}.get(answers.get("landlord", "-"), [])
    texts = ([guide.first_action] + [item.text for item in guide.actions])[:PLAN_ACTIONS] + \
        [item.text for item in kind[:CASE_ACTIONS]]
    return [collapse_spaces(words.text(text)) for text in texts]


def step_of(what: str) -> object:
    for step in STEPS:
        if step.id == what or any(document.id == what for document in step.documents):
            return step
    raise KeyError(what)


def add_delay(day: dt.date, amount: int, unit: str) -> dt.date:
    """The calculator's counting (calculator-rules.js), written again here to check it."""
    if unit in ("days", "weeks"):
        return day + dt.timedelta(days=amount * (7 if unit == "weeks" else 1))
    months = amount * (12 if unit == "years" else 1)
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def new_page(browser: object, **options: object) -> tuple[object, object]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, **options)
    page = context.new_page()
    page.clock.set_fixed_time(f"{TODAY}T10:00:00")
    return context, page


def open_plan(page: object, base_url: str, lang: str, answers: dict[str, str]) -> str:
    """Open the plan for ``answers`` (from its address) and return its text."""
    page.goto("about:blank")  # a new document: not a jump within the last plan
    page.goto(f"{base_url}{LANG_ROOTS[lang]}{PLAN}#{fragment(answers)}", wait_until="networkidle")
    page.wait_for_selector("#plan-result:not([hidden])")
    if answers.get("commune", "-") != "-":
        page.wait_for_selector(".plan-note")
    return collapse_spaces(page.inner_text("#plan-result"))


def test_every_action_contact_is_a_question_of_near_you() -> None:
    """An action's ``contact`` names a topic « Près de chez vous » answers for each commune."""
    assert set(ContactTopic.__args__) == set(near_you.TOPICS)
    used = {item.contact for step in STEPS for guide in (step.tenant, step.landlord)
            for item in (*guide.actions, *guide.parc_public, *guide.parc_prive) if item.contact}
    assert {"social", "fund", "adil", "legal"} <= used


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_without_javascript_the_page_offers_every_path(site: Path, lang: str) -> None:
    """The wizard is hidden until the script shows it; the page links each reader's page of
    each stage, and the home page, the stage pages and the letter finder lead into the plan
    with what they know."""
    root = site / LANG_ROOTS[lang]
    page = BeautifulSoup(read(root / PLAN / "index.html"), "html.parser")
    assert page.select_one("#plan")["hidden"] is not None
    links = {a["href"] for a in page.select("#etapes ~ ul a")}
    for audience in READER:
        for step in STEPS:
            assert f"../../{audience}/{step.id}/" in links
    for step in STEPS:
        assert f"../../{step.id}/" not in links
        assert f"../../partenaires/{step.id}/" in links
    home = read(root / "index.html")
    assert 'outils/mon-plan/#who=tenant"' in home and 'outils/mon-plan/#who=landlord"' in home
    stage = read(root / f"partenaires/{STEPS[1].id}/index.html")
    assert f"mon-plan/#who=partner&amp;what={STEPS[1].id}" in stage
    # On a reader's stage page, shown by the page's script only (the plan needs it).
    stage = BeautifulSoup(read(root / f"proprietaire/{STEPS[1].id}/index.html"), "html.parser")
    link = stage.select_one(f'p.plan-link[hidden] a[href$="#who=landlord&what={STEPS[1].id}"]')
    assert link is not None
    letters = read(root / "outils/courrier/index.html")
    assert f"mon-plan/#who=tenant&amp;what={first_paper(STEPS[1])}" in letters


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_holidays_in_the_page_are_the_library_s(site: Path, lang: str) -> None:
    page = BeautifulSoup(read(site / LANG_ROOTS[lang] / PLAN / "index.html"), "html.parser")
    rules = json.loads(page.select_one("#plan-rules").string)
    year = DATA.site.edition.year
    christmas = f"{year}-12-25"
    assert rules["holidays"][christmas] == holidays.France(
        years=year, language="fr" if lang == "fr" else "en_US")[dt.date(year, 12, 25)]
    assert len([day for day in rules["holidays"] if day.startswith(str(year))]) == 11


@needs_chromium
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_keyboard_only_from_the_first_question_to_the_printed_plan(
        browser: object, base_url: str, lang: str) -> None:
    """Tab, Space and Enter only: each answer moves the focus to the next question's title;
    the last one to the plan's title; the address holds the answers and gives back the same
    plan; the plan prints on one A4 page; axe finds nothing on a question or on the plan;
    nothing is requested after the load, nothing is stored."""
    context, page = new_page(browser)
    context.add_init_script(path=str(AXE))
    requests: list[str] = []
    url = f"{base_url}{LANG_ROOTS[lang]}{PLAN}"
    page.goto(url, wait_until="networkidle")
    page.on("request", lambda request: requests.append(request.url)
            if not request.url.endswith("/favicon.png") else None)
    commune = one_commune("211", False)

    def press_until(selector: str) -> None:
        for _ in range(120):
            page.keyboard.press("Tab")
            if page.evaluate("s => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"Tab never reached {selector}")

    def continue_to(title: str) -> None:
        press_until("#plan-next")
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == title

    page.keyboard.press("Tab")  # the skip link, to the page's content
    assert page.evaluate("document.activeElement.matches('a.md-skip')")
    page.keyboard.press("Enter")
    press_until("#plan-who-tenant")
    page.keyboard.press("Space")
    continue_to("plan-title-what")
    violations = page.evaluate(f"() => axe.run(document, {{runOnly: {{type: 'tag', values: "
                               f"{WCAG}}}}})")["violations"]
    assert [v["id"] for v in violations] == []
    press_until(f"#plan-what-{STEPS[0].id}")
    target = first_paper(STEPS[1])
    while page.evaluate("document.activeElement.value") != target:
        page.keyboard.press("ArrowDown")
    continue_to("plan-title-date")
    for selector, value in (("#plan-day", "13"), ("#plan-month", "11"), ("#plan-year", "2026")):
        press_until(selector)
        page.keyboard.type(value)
    continue_to("plan-title-landlord")
    press_until("#plan-landlord-social")
    page.keyboard.press("Space")
    continue_to("plan-title-commune")
    press_until("#plan-commune")
    page.keyboard.type(COMMUNES[commune].name)
    page.wait_for_selector(f"#plan-commune-{commune}")
    press_until(f"#plan-commune-{commune}")
    page.keyboard.press("Space")
    continue_to("plan-result-title")
    answers = {"who": "tenant", "what": target, "date": "2026-11-13", "landlord": "social",
               "commune": commune}
    assert urlsplit(page.url).fragment == fragment(answers)
    text = collapse_spaces(page.inner_text("#plan-result"))
    # 13 November + 6 weeks = 25 December: Christmas Day, flagged from the library's list
    christmas = holidays.France(years=2026, language="fr" if lang == "fr" else "en_US")
    assert christmas[dt.date(2026, 12, 25)] in text
    assert page.locator('#plan-result time[datetime="2026-12-25"]').count() == 1
    violations = page.evaluate(f"() => axe.run(document, {{runOnly: {{type: 'tag', values: "
                               f"{WCAG}}}}})")["violations"]
    assert [v["id"] for v in violations] == []
    headings = page.locator("#plan-result h3").all_inner_texts()
    assert len(headings) >= 4
    pdf = page.pdf(format="A4", margin={side: "12mm" for side in
                                        ("top", "bottom", "left", "right")})
    assert pdf_pages(pdf) == 1
    assert requests == []
    assert context.cookies() == []
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    # The address gives the same plan back, in a new page.
    again = context.new_page()
    again.clock.set_fixed_time(f"{TODAY}T10:00:00")
    again.goto(page.url, wait_until="networkidle")
    again.wait_for_selector(".plan-note")
    assert collapse_spaces(again.inner_text("#plan-result")) == text
    context.close()


def pdf_pages(pdf: bytes) -> int:
    result = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True)
    return int(re.search(rb"Pages:\s+(\d+)", result.stdout).group(1))


@needs_chromium
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_situation_gets_its_stage_actions_contacts_and_one_page(
        browser: object, base_url: str, lang: str) -> None:
    """For each stage × tenant/landlord, social and private housing, a commune in each
    arrondissement, inside and outside the métropole, and a professional: the stage, the
    things to do from the data in their order, under each action with a contact the names
    « Près de chez vous » gives for that commune, the date typed, and one printed page."""
    words = language(lang)
    context, page = new_page(browser)
    for answers in SITUATIONS:
        answers = {**answers, "date": "2026-12-10"}
        text = open_plan(page, base_url, lang, answers)
        step = step_of(answers["what"])
        reader = "landlord" if answers["who"] == "landlord" else "tenant"
        guide = getattr(step, reader)
        assert collapse_spaces(first_sentence(words.text(guide.meaning))) in text, answers
        assert collapse_spaces(words.text(step.title)) in text
        shown = [collapse_spaces(item) for item in page.locator(
            ".plan-actions > li > p:first-child").all_inner_texts()]
        assert shown == expected_actions(answers, lang), answers
        profile = LOOKUP.profile_of[answers["commune"]]
        actions = ([guide.first_contact] + [item.contact for item in guide.actions])[
            :PLAN_ACTIONS]
        for topic in {topic for topic in actions if topic}:
            answer = next(item for item in profile.answers if item.topic == topic)
            for line in answer.certain[:1]:
                name = getattr(line.record, "title", None) or line.record.name
                if line.record.id != DATA.site.roles.local_social_service:
                    assert collapse_spaces(words.text(name)) in text, (answers, topic)
        assert COMMUNES[answers["commune"]].name in text
        for fact in guide.key_facts:
            assert collapse_spaces(words.text(fact.text)) in text
        if answers["who"] == "partner":
            assert words.string("plan_for_partner") in text
        pdf = page.pdf(format="A4", margin={side: "12mm" for side in
                                            ("top", "bottom", "left", "right")})
        assert pdf_pages(pdf) == 1, answers
    context.close()


@needs_chromium
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_dates_past_truce_weekend_and_holiday_are_flagged(
        browser: object, base_url: str, lang: str) -> None:
    """Each date is the calculator's rule applied to the date typed (counted again here);
    a date before today says so; a date in the truce, on a weekend or on a public holiday
    says so too."""
    words = language(lang)
    context, page = new_page(browser)
    for what, typed in ((first_paper(STEPS[1]), "2026-11-13"),
                        (first_paper(STEPS[1]), "2026-09-01"),
                        ("jugement", "2026-10-01")):
        answers = {"who": "tenant", "what": what, "date": typed, "landlord": "private",
                   "commune": "-"}
        text = open_plan(page, base_url, lang, answers)
        wiring = next(document.calculator for step in STEPS for document in step.documents
                      if document.id == what)
        found = {deadline.id: deadline for step in STEPS for deadline in step.deadlines}
        for deadline_id in wiring.starts:
            deadline = found[deadline_id]
            if deadline.party not in ("tenant", "everyone") or deadline.delay is None:
                continue
            day = add_delay(dt.date.fromisoformat(typed), deadline.delay.amount,
                            deadline.delay.unit)
            item = page.locator(f'.plan-date:has(time[datetime="{day.isoformat()}"])')
            assert item.count() == 1, (what, typed, day)
            flags = item.inner_text()
            assert (words.string("plan_tag_past") in flags) == (day.isoformat() < TODAY)
            assert (words.string("plan_tag_sunday") in flags) == (day.weekday() == 6)
            in_truce = day.month in (11, 12, 1, 2, 3)
            assert (words.string("plan_tag_truce") in flags) == in_truce, (day, flags)
            holiday = holidays.France(years=day.year, language="fr" if lang == "fr"
                                      else "en_US").get(day)
            if holiday:
                assert holiday in flags
        assert words.string("plan_unknown_commune") in text
    context.close()


@needs_chromium
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_i_do_not_know_for_every_question(browser: object, base_url: str, lang: str) -> None:
    """Skipping every question still gives a plan: it says what it could not decide, gives
    the helpline and the stage pages; and a paper without its date gives the delays in words."""
    words = language(lang)
    context, page = new_page(browser)
    page.goto(f"{base_url}{LANG_ROOTS[lang]}{PLAN}", wait_until="networkidle")
    # Without « what happened », there is no date to ask: four questions, then the plan.
    for then in ("plan-title-what", "plan-title-landlord", "plan-title-commune",
                 "plan-result-title"):
        page.click("#plan-skip")
        assert page.evaluate("document.activeElement.id") == then
    text = collapse_spaces(page.inner_text("#plan-result"))
    for key in ("plan_unknown_who", "plan_unknown_what", "plan_unknown_landlord",
                "plan_unknown_commune"):
        assert collapse_spaces(words.string(key)) in text, key
    helpline = next(item for item in DATA.site.emergency if item.id == DATA.site.roles.helpline)
    assert helpline.number in text
    assert page.locator("#plan-result a[href$='/']").count() >= len(STEPS)
    answers = {"who": "tenant", "what": first_paper(STEPS[1]), "date": "-", "landlord": "-",
               "commune": "-"}
    text = open_plan(page, base_url, lang, answers)
    assert collapse_spaces(words.string("plan_unknown_date")) in text
    assert page.locator("#plan-result time").count() == 0
    context.close()


@needs_chromium
def test_tools_lead_into_the_plan_with_what_they_know(browser: object, base_url: str) -> None:
    """The letter finder's answer opens the plan at the date; the calculator's result opens
    the plan with the paper and the date; « Près de chez vous » with the commune."""
    context, page = new_page(browser)
    paper = first_paper(STEPS[1])
    page.goto(f"{base_url}locataire/{STEPS[1].id}/", wait_until="networkidle")
    page.click(".plan-link a")  # visible once the page's script runs
    page.wait_for_selector("#plan-q-date:not([hidden])")
    page.goto(f"{base_url}outils/courrier/", wait_until="networkidle")
    page.click(f"a[href$='#who=tenant&what={paper}']")
    page.wait_for_selector("#plan-q-date:not([hidden])")
    page.goto(f"{base_url}outils/calculateur/", wait_until="networkidle")
    page.check(f"#calc-event-{paper}")
    page.fill("#calc-day", "10")
    page.fill("#calc-month", "11")
    page.fill("#calc-year", "2026")
    page.click("#calc-form button[type=submit]")
    page.click(".calc-plan a")
    page.wait_for_selector("#plan-q-landlord:not([hidden])")
    assert page.url.endswith(f"#who=tenant&what={paper}&date=2026-11-10")
    page.goto(f"{base_url}outils/pres-de-chez-vous/", wait_until="networkidle")
    page.fill("#near-input", "Longvic")
    page.keyboard.press("Enter")
    page.wait_for_selector("#near-result:not([hidden])")
    link = page.locator("#near-plan")
    assert link.get_attribute("href").endswith("#commune=21355")
    link.click()
    page.wait_for_selector("#plan-q-who:not([hidden])")
    assert "commune=21355" in page.url
    assert page.url.startswith(f"{base_url}{page_path('plan').removesuffix('.md')}/")
    assert DATA_FILES["communes"]
    context.close()
