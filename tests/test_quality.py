"""Quality gates of a public service, on the built site in headless Chromium: accessibility
(axe-core, keyboard), privacy (no third-party request, no cookie, CSP), console, valid HTML
(Nu checker), SEO basics and the page-weight budget of a first visit on a phone."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from generator.data.validate import load_site_data
from tests.browser import PAGE_TYPES, chromium_path, gzip_size, html_pages
from tests.conftest import ROOT, read

AXE = ROOT / "node_modules/axe-core/axe.min.js"
VNU = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BUDGET_BYTES = 150 * 1024
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True}

STEP_IDS = [step.id for step in load_site_data(ROOT / "data").steps.steps]

pytestmark = pytest.mark.skipif(chromium_path() is None, reason="Debian's chromium is needed")


WIDE = {"width": 1280, "height": 720}
NARROW = {"width": 320, "height": 640}
REFLOW_PROBLEMS = """() => {
  const out = [];
  const root = document.documentElement;
  if (root.scrollWidth > innerWidth) out.push(`page is ${root.scrollWidth} px wide`);
  for (const element of document.querySelectorAll("main *")) {
    const style = getComputedStyle(element);
    if (element.scrollWidth > element.clientWidth + 1 && element.clientWidth > 0
        && /auto|scroll/.test(style.overflowX)) {
      const named = element.getAttribute("aria-label") || element.getAttribute("aria-labelledby");
      if (element.tabIndex < 0 || element.getAttribute("role") !== "region" || !named)
        out.push(`${element.tagName.toLowerCase()}.${element.className} scrolls sideways`
                 + " without being a focusable, named region");
    }
  }
  return out;
}"""
CHUNKS = 4
"""The pages are visited in this many groups, which pytest-xdist spreads over the cores."""


def chunk_of(site: Path, index: int) -> list[str]:
    """Every ``CHUNKS``-th page of the site, from the ``index``-th."""
    return html_pages(site)[index::CHUNKS]


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_every_page_passes_axe_privacy_and_console(browser: object, base_url: str, site: Path,
                                                   chunk: int) -> None:
    """Each page of each language is opened once, JavaScript on, under the site's own CSP,
    for every per-page check:

    - axe-core, WCAG 2.1 A and AA rules, finds nothing;
    - only the site's own host is asked (any other request is aborted and reported);
    - nothing is logged as an error, and no cookie is set;
    - at 320 px wide the page does not scroll sideways (WCAG 1.4.10), and whatever scrolls
      sideways inside it (a wide table) is a region a keyboard can focus, with a name.

    The groups run in parallel under `make test` (pytest-xdist, one worker per core).

    axe is added to each page as an init script (it runs in the page, not as one of the
    page's scripts: the CSP, which forbids inline scripts, still applies to the page)."""
    assert AXE.exists(), "run `npm ci` (make test does)"
    own = urlsplit(base_url).netloc
    context = browser.new_context(viewport=WIDE)
    context.add_init_script(path=str(AXE))
    outside: list[str] = []
    errors: list[str] = []
    violations: list[str] = []
    too_wide: list[str] = []

    def route(handle: object, request: object) -> None:
        if urlsplit(request.url).netloc != own and not request.url.startswith("data:"):
            outside.append(f"{page.url}: {request.url}")
            handle.abort()
        else:
            handle.continue_()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda message: message.type == "error" and errors.append(
        f"{page.url}: {message.text}"))
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    for path in chunk_of(site, chunk):
        if path.endswith("404.html"):
            # Served at any address, the error page links its assets from the public site
            # address: only axe is run on it, from the site's own copy.
            outside_before, errors_before = len(outside), len(errors)
        page.goto(base_url + path)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
        for violation in result["violations"]:
            targets = [node["target"] for node in violation["nodes"][:3]]
            violations.append(f"/{path}: {violation['id']} ({violation['impact']}) {targets}")
        page.set_viewport_size(NARROW)
        too_wide += [f"/{path}: {problem}" for problem in page.evaluate(REFLOW_PROBLEMS)]
        page.set_viewport_size(WIDE)
        if path.endswith("404.html"):
            del outside[outside_before:], errors[errors_before:]
    # A request made after the load event is routed (and reported) as well, while axe runs
    # and until the next page; on the last page, wait until the network is idle.
    page.wait_for_load_state("networkidle")
    cookies = context.cookies()
    context.close()
    assert violations == []
    assert too_wide == []
    assert outside == []
    assert errors == []
    assert cookies == []


def test_the_page_groups_cover_every_page(site: Path) -> None:
    groups = [chunk_of(site, index) for index in range(CHUNKS)]
    assert sorted(path for group in groups for path in group) == sorted(html_pages(site))
    assert all(groups)


def test_csp_is_declared_and_no_inline_script(site: Path) -> None:
    for path in site.rglob("*.html"):
        html = BeautifulSoup(read(path), "html.parser")
        csp = html.select_one('meta[http-equiv="Content-Security-Policy"]')
        assert csp is not None, path
        assert "script-src 'self'" in csp["content"]
        inline = [s for s in html.find_all("script")
                  if not s.get("src") and s.get("type") != "application/json"]
        assert inline == [], path


def test_static_scan_finds_no_third_party_resource(site: Path) -> None:
    """HTML and CSS reference no resource on another host (fonts, scripts, images)."""
    offenders = []
    for path in site.rglob("*.css"):
        text = read(path)
        for marker in ("url(http", "url(//", "@import url(http", "fonts.googleapis",
                       "fonts.gstatic"):
            if marker in text:
                offenders.append(f"{path.relative_to(site)}: {marker}")
    for path in site.rglob("*.html"):
        html = BeautifulSoup(read(path), "html.parser")
        for tag in html.select("script[src], img[src], link[href], iframe, source[src]"):
            ref = tag.get("src") or tag.get("href") or ""
            if tag.name == "link" and set(tag.get("rel", [])) & {"canonical", "alternate"}:
                continue
            if urlsplit(ref).netloc:
                offenders.append(f"{path.relative_to(site)}: {ref}")
    assert offenders == []


def test_nu_html_checker_finds_no_error(site: Path) -> None:
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is needed for the Nu HTML checker (.ci/run installs it)")
    assert VNU.exists(), "run `npm ci` (make test does)"
    pages = [str(path) for path in sorted(site.rglob("*.html"))]
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json",
                             *pages], capture_output=True, text=True, check=False)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [f"{Path(m.get('url', '')).relative_to(site) if m.get('url') else ''}:"
              f"{m.get('lastLine')}: {m['message']}" for m in messages
              if m.get("type") == "error"]
    assert errors == []


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_titles_and_descriptions_are_unique(site: Path, prefix: str) -> None:
    titles: dict[str, str] = {}
    descriptions: dict[str, str] = {}
    duplicates = []
    root = site / prefix
    for path in sorted(root.rglob("index.html")):
        rel = path.relative_to(site).as_posix()
        if not prefix and rel.startswith("en/"):
            continue
        html = BeautifulSoup(read(path), "html.parser")
        title = html.title.get_text()
        meta = html.select_one('meta[name="description"]')
        assert meta is not None and meta["content"].strip(), rel
        description = meta["content"]
        if title in titles:
            duplicates.append(f"title of {rel} = {titles[title]}")
        if description in descriptions:
            duplicates.append(f"description of {rel} = {descriptions[description]}")
        titles[title] = rel
        descriptions[description] = rel
    assert duplicates == []


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_sitemap_lists_every_page_with_canonical_urls(site: Path, prefix: str) -> None:
    tree = ElementTree.parse(site / prefix / "sitemap.xml")
    listed = {loc.text for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    for path in (site / prefix).rglob("index.html"):
        rel = path.relative_to(site).as_posix()
        if not prefix and rel.startswith("en/"):
            continue
        canonical = BeautifulSoup(read(path), "html.parser").select_one('link[rel="canonical"]')
        assert canonical is not None, rel
        assert canonical["href"] in listed, rel


def first_visit(browser: object, url: str, **options: object) -> dict[str, object]:
    """Load ``url`` in a fresh phone-sized context; return what was transferred."""
    context = browser.new_context(**PHONE, **options)
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="networkidle")  # no request for 500 ms: the visit is over
    transferred = {r.url: gzip_size(r.body()) for r in responses if r.ok}
    result = {"requests": len(responses), "bytes": sum(transferred.values()),
              "urls": list(transferred), "page": page, "context": context}
    return result


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_first_visit_to_tenant_page_within_budget(browser: object, base_url: str,
                                                  prefix: str) -> None:
    visit = first_visit(browser, f"{base_url}{prefix}locataire/commandement-de-payer/")
    visit["context"].close()
    assert not [url for url in visit["urls"] if "search_index" in url]
    assert visit["bytes"] <= BUDGET_BYTES, (visit["bytes"], visit["urls"])


def test_search_index_is_fetched_once_search_is_used(browser: object, base_url: str) -> None:
    """Not on load; on the first search; and not again for the next searches."""
    visit = first_visit(browser, f"{base_url}locataire/")
    page = visit["page"]
    assert not [url for url in visit["urls"] if "search_index" in url]
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if "search_index" in r.url else None)
    with page.expect_response(lambda r: "search_index.json" in r.url, timeout=10_000):
        page.keyboard.press("/")
    page.keyboard.type("expuls")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    page.keyboard.press("Escape")
    page.keyboard.press("/")
    page.keyboard.type("bail")
    page.wait_for_timeout(500)
    visit["context"].close()
    assert len(fetched) == 1, fetched


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_tenant_page_readable_without_javascript(browser: object, base_url: str,
                                                 prefix: str) -> None:
    visit = first_visit(browser, f"{base_url}{prefix}locataire/commandement-de-payer/",
                        java_script_enabled=False)
    page = visit["page"]
    assert page.locator("h1").is_visible()
    assert page.locator(".key-delays").is_visible()
    assert page.locator(".admonition.tip").is_visible()
    # A fold-out opens without JavaScript: the full deadlines, with their references.
    assert not page.locator(".deadline").first.is_visible()
    page.locator("details.fold", has=page.locator("#delais")).locator("summary").click()
    assert page.locator(".deadline").first.is_visible()
    emergency = page.locator(".emergency")
    assert emergency.is_visible()
    box = emergency.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["viewport"]["height"]
    assert page.locator('.emergency a[href="tel:115"]').is_visible()
    assert page.locator('.emergency a[href="tel:0805160075"]').is_visible()
    # The navigation drawer opens without JavaScript (Material's checkbox toggle).
    page.locator('label.md-header__button[for="__drawer"]').click()
    directory = "Annuaire" if not prefix else "Who can help"
    assert page.locator(".md-nav--primary a", has_text=directory).first.is_visible()
    visit["context"].close()


def _focus_trail(page: object, presses: int) -> list[dict[str, str]]:
    trail = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        trail.append(page.evaluate("""() => {
            const e = document.activeElement;
            return {tag: e.tagName, cls: e.className || "", href: e.getAttribute("href") || "",
                    hreflang: e.getAttribute("hreflang") || "", text: (e.innerText || "").trim(),
                    label: e.getAttribute("aria-label") || ""};
        }"""))
    return trail


def test_keyboard_reaches_search_language_and_navigation(browser: object, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{base_url}locataire/commandement-de-payer/")
    trail = _focus_trail(page, 40)
    languages = [step for step in trail if step["hreflang"] == "en"]
    assert languages, "the language switcher is not reachable by keyboard"
    assert any("md-search__input" in step["cls"] for step in trail), "search not reachable"
    assert any("md-nav__link" in step["cls"] for step in trail), "navigation not reachable"
    # Search by keyboard: type a query, results appear, Enter follows the first one.
    page.goto(f"{base_url}locataire/commandement-de-payer/")
    page.keyboard.press("/")
    page.keyboard.type("assignation")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    # The language switcher by keyboard: focus the English link and press Enter.
    page.goto(f"{base_url}locataire/commandement-de-payer/")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('hreflang')") == "en":
            break
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/locataire/commandement-de-payer/")
    assert page.evaluate("document.documentElement.lang") == "en"
    context.close()


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_call_targets_and_home_cards_are_thumb_sized(browser: object, base_url: str,
                                                     prefix: str) -> None:
    """On a phone: each number of the emergency box is at least 44 × 44 CSS px (WCAG 2.5.5),
    and a home-page card opens its page wherever it is tapped, not only on its title."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(f"{base_url}{prefix}")
    targets = page.locator('.emergency a[href^="tel:"]').all()
    assert len(targets) == 2
    for target in targets:
        box = target.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, (target.inner_text(), box)
    card = page.locator(".door").first
    card.scroll_into_view_if_needed()
    box = card.bounding_box()
    title = card.locator("h3 a").bounding_box()
    assert box["y"] + box["height"] - 8 > title["y"] + title["height"]  # a point off the title
    page.mouse.click(box["x"] + box["width"] - 8, box["y"] + box["height"] - 8)
    page.wait_for_url(f"**/{prefix}locataire/")
    context.close()


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_first_action_and_delay_within_one_and_a_half_screens(browser: object, base_url: str,
                                                                prefix: str) -> None:
    """On a phone (390 × 844), on every tenant and landlord stage page: the first thing to do
    and the duration of the delay that runs end within 1.5 screen heights below the
    emergency box."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    limit = 1.5 * PHONE["viewport"]["height"]
    late = []
    for audience in ("locataire", "proprietaire"):
        for step in STEP_IDS:
            page.goto(f"{base_url}{prefix}{audience}/{step}/")
            box = page.locator(".emergency").bounding_box()
            start = box["y"] + box["height"]
            targets = [".admonition.tip li"]
            if page.locator(".key-delays .deadline-duration").count():
                targets.append(".key-delays .deadline-duration")
            for selector in targets:
                found = page.locator(selector).first.bounding_box()
                if found["y"] + found["height"] - start > limit:
                    late.append(f"{audience}/{step}: {selector} ends "
                                f"{found['y'] + found['height'] - start:.0f} px below the box")
    context.close()
    assert late == []


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_protections_shown_before_the_first_fold_out_on_a_phone(browser: object,
                                                                 base_url: str,
                                                                 prefix: str) -> None:
    """On a phone (390 px), on every tenant and landlord stage page, what protects the reader
    (the key facts) is displayed, open, and ends above the first fold-out."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    wrong = []
    for audience in ("locataire", "proprietaire"):
        for step in STEP_IDS:
            page.goto(f"{base_url}{prefix}{audience}/{step}/")
            facts = page.locator(".key-facts")
            fold = page.locator("details.fold").first.bounding_box()
            box = facts.bounding_box() if facts.count() == 1 else None
            if (box is None or not facts.is_visible() or box["height"] < 40
                    or box["y"] + box["height"] > fold["y"]):
                wrong.append(f"{audience}/{step}: {box}")
    context.close()
    assert wrong == []


LAYOUT_SHIFTS = """window.__shifts = [];
new PerformanceObserver(list => {
  for (const entry of list.getEntries())
    if (!entry.hadRecentInput) window.__shifts.push(entry.value);
}).observe({type: "layout-shift", buffered: true});"""
PAGE_TYPE_PATHS = list(PAGE_TYPES.values())


def layout_shift(browser: object, url: str, late_script: str = "") -> float:
    """Cumulative layout shift of a first visit at a phone's size on a slow device (1.5×
    slower CPU, slow 4G, nothing cached), until 0.4 s after the load event.
    (Chromium reports no layout shift under its mobile emulation: the size only.)"""
    context = browser.new_context(viewport=PHONE["viewport"])
    context.add_init_script(LAYOUT_SHIFTS + late_script)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1.5})
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": 150, "downloadThroughput": 1.6 * 1024 * 1024 / 8,
        "uploadThroughput": 750 * 1024 / 8})
    page.goto(url)
    page.wait_for_timeout(400)
    total = page.evaluate("window.__shifts.reduce((a, b) => a + b, 0)")
    context.close()
    return total


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_nothing_moves_after_it_is_drawn(browser: object, base_url: str, prefix: str) -> None:
    """CLS is 0 on every page type: fonts are not swapped in late (preloaded, font-display:
    optional), and what needs JavaScript is shown by CSS from the first paint (@media
    (scripting: enabled)), not inserted or unhidden later."""
    # The measure can fail: a block inserted at the top once the page is drawn moves it.
    late = ("addEventListener('load', () => setTimeout(() => document.querySelector('article')"
            ".prepend(Object.assign(document.createElement('p'), {textContent: 'late '.repeat("
            "80)})), 300));")
    if not prefix:
        assert layout_shift(browser, base_url, late) > 0.05
    # Each page type in French; in English, whose pages share the templates and styles, the
    # home page, a stage page and the calculator.
    types = PAGE_TYPE_PATHS if not prefix else [PAGE_TYPE_PATHS[i] for i in (0, 1, 3)]
    shifts = {path: layout_shift(browser, f"{base_url}{prefix}{path}") for path in types}
    assert {path: value for path, value in shifts.items() if value > 0} == {}
