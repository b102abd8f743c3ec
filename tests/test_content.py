"""What the site and the printed documents say, read as their readers read them.

Each test reads the visible text of built pages (BeautifulSoup) or of the PDFs (pypdf) and
fails when a wrong statement comes back or a right one disappears: the law as the articles
say it, each page addressed to its own reader, durations on the handouts, nothing
half-rendered, plain English, an honest review status.
"""

from __future__ import annotations

import functools
import json
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.data import model as m
from generator.data.site_data import SiteData
from generator.data.validate import load_site_data

from .conftest import ROOT, read, shown

LANGS = ("fr", "en")
STEP_IDS = ("prevention-impayes", "commandement-de-payer", "assignation-et-jugement",
            "commandement-de-quitter-les-lieux", "requisition-force-publique",
            "concours-force-publique")


def normalize(text: str) -> str:
    """One space between words, ligatures and no-break spaces made plain."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


BLOCK_TAGS = ("p", "li", "div", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "dt",
              "dd", "section", "details", "summary", "table", "ul", "ol", "aside", "nav",
              "header", "footer", "br", "small", "label")


@functools.cache
def _soup(path: Path) -> BeautifulSoup:
    """The page as a reader sees it: no scripts; a space after each block, none inside a
    sentence (glossary tooltips and links do not split words from their punctuation)."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    for tag in soup.find_all(BLOCK_TAGS):
        tag.append(" ")
    return soup


def visible(tag: object) -> str:
    return normalize(tag.get_text(""))


def article(path: Path) -> BeautifulSoup:
    """The page's own content (Material's article), without header, menu and footer."""
    found = _soup(path).select_one("article.md-content__inner")
    assert found is not None, f"{path}: no article"
    return found


def article_text(path: Path) -> str:
    return visible(article(path))


def blocks(path: Path) -> list[str]:
    """The text of each paragraph, list item and deadline box of the page's content."""
    return [visible(tag) for tag in article(path).select("p, li, td, .deadline")]


def page(site: Path, lang: str, rel: str) -> Path:
    prefix = "" if lang == "fr" else "en/"
    return site / f"{prefix}{rel}/index.html"


@functools.cache
def pdf_lines(path: Path) -> str:
    """The PDF's text in reading order, line by line (poppler's pdftotext)."""
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def pdf_text(path: Path) -> str:
    return normalize(pdf_lines(path))


def pdfs(site: Path) -> list[Path]:
    return sorted((site / "livret").rglob("*.pdf"))


@pytest.fixture(scope="module")
def data() -> SiteData:
    return load_site_data(ROOT / "data")


def all_pages(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("index.html"))


def language_pages(site: Path, lang: str) -> list[Path]:
    """The pages of one language: French at the root, the others under their folder."""
    pages = all_pages(site)
    if lang == "fr":
        return [path for path in pages if path.relative_to(site).parts[0] not in ("en",)]
    return [path for path in pages if path.relative_to(site).parts[0] == lang]


# ------------------------------------------------------------------ 1. the law, as written


@pytest.mark.parametrize("lang", LANGS)
def test_fine_for_staying_on_never_said_to_apply_in_social_housing(site: Path,
                                                                   lang: str) -> None:
    """Code pénal 315-2: wherever the €7,500 fine appears, the same paragraph says it does not
    apply to homes of social landlords; the HLM tenant's own list says it plainly."""
    fine = "7 500" if lang == "fr" else "7,500"
    exclusion = "bailleur social" if lang == "fr" else "social landlord"
    seen = 0
    for path in language_pages(site, lang):
        for text in blocks(path):
            if fine in text:
                seen += 1
                assert exclusion in text, f"{path}: the fine without its exclusion: {text[:200]}"
    assert seen >= 3
    tenant = article(page(site, lang, "locataire/requisition-force-publique"))
    hlm = visible(tenant)
    phrase = (r"bailleur social \(HLM\) : l'amende .{0,80}315-2\) ne s'applique pas à vous"
              if lang == "fr" else
              r"social landlord \(HLM\): the fine .{0,80}315-2\) does not apply to you")
    assert re.search(phrase, hlm), hlm


@pytest.mark.parametrize("lang", LANGS)
def test_fine_exclusions_in_the_booklet(site: Path, lang: str) -> None:
    text = pdf_text(site / "livret" / f"livret-{lang}.pdf")
    fine = "7 500" if lang == "fr" else "7,500"
    exclusion = "bailleur social" if lang == "fr" else "social landlord"
    positions = [match.start() for match in re.finditer(re.escape(fine), text)]
    assert positions
    for position in positions:
        assert exclusion in text[position - 400:position + 600], text[position - 200:position + 300]


def test_eviction_hours_have_no_judge_exception(site: Path) -> None:
    """CPCE L141-1: in a home, no start before 6 h or after 21 h, with no exception; only
    Sundays and public holidays allow a judge's special leave."""
    wrong = re.compile(r"(6 heures|6 h|21 heures|21 h|6 a\.m\.|9 p\.m\.)[^.]{0,80}"
                       r"(sauf autorisation d'un juge|unless a judge allows)", re.IGNORECASE)
    for path in all_pages(site):
        assert not wrong.search(article_text(path)), path
    for lang, words in (("fr", "sans exception"), ("en", "no exception")):
        text = article_text(page(site, lang, "locataire/concours-force-publique"))
        assert words in text
    for path in pdfs(site):
        assert not wrong.search(pdf_text(path)), path


@pytest.mark.parametrize("lang", LANGS)
def test_payment_time_is_up_to_three_years_without_a_minimum(site: Path, lang: str) -> None:
    """Loi 89-462 art. 24 V: up to 3 years; the charter's 3 months appears only as history."""
    text = article_text(page(site, lang, "locataire/assignation-et-jugement"))
    assert ("jusqu'à 3 ans" if lang == "fr" else "up to 3 years") in text
    for path in all_pages(site):
        for block in blocks(path):
            assert "Durée maximale" not in block and "Maximum length" not in block, path
            if "3 mois à 3 ans" in block or "3 months to 3 years" in block:
                assert re.search(r"charte de 2020|2020 charter|auparavant|before\)", block), \
                    (path, block)


@pytest.mark.parametrize("lang", LANGS)
def test_suspension_ends_at_first_missed_instalment_and_clause_deemed_not_applied(
        site: Path, lang: str) -> None:
    """Art. 24 VII: both ends of the suspension, and the clause deemed never to have applied."""
    boxes = [visible(box) for box in
             article(page(site, lang, "locataire/assignation-et-jugement")).select(".deadline")]
    box = next(text for text in boxes if ("suspension" in text.lower()))
    if lang == "fr":
        assert "première échéance du plan" in box and "n'ayant jamais joué" in box
    else:
        assert "first instalment" in box and "never having applied" in box


@pytest.mark.parametrize("lang", LANGS)
def test_tenant_assignation_page_says_what_to_ask_at_the_hearing(site: Path, lang: str) -> None:
    """CPCE L412-3/L412-4 at the hearing; legal aid; the hearing first."""
    soup = article(page(site, lang, "locataire/assignation-et-jugement"))
    text = visible(soup)
    first = visible(soup.select_one(".admonition"))
    if lang == "fr":
        assert "Allez à l'audience" in first
        assert "délai pour quitter le logement (de 1 mois à 1 an)" in text
        assert "aide juridictionnelle" in text
    else:
        assert "Go to the hearing" in first
        assert "time to leave the home (1 month to 1 year)" in text
        assert "legal aid" in text


@pytest.mark.parametrize("lang", LANGS)
def test_keys_end_the_occupation_not_the_debt(site: Path, lang: str) -> None:
    for step in ("commandement-de-quitter-les-lieux", "requisition-force-publique"):
        text = article_text(page(site, lang, f"locataire/{step}"))
        if lang == "fr":
            assert "reçu écrit" in text and "état des lieux de sortie" in text
            assert "mais pas à la dette" in text
        else:
            assert "written receipt" in text and "but not the debt" in text


@pytest.mark.parametrize("lang", LANGS)
def test_dalo_deadlines_and_what_to_do_without_an_offer(site: Path, lang: str) -> None:
    soup = article(page(site, lang, "locataire/commandement-de-quitter-les-lieux"))
    boxes = " ".join(visible(box) for box in soup.select(".deadline"))
    if lang == "fr":
        assert "DALO — 3 mois" in boxes and "tribunal administratif — 4 mois" in boxes
        assert "R778-2" in boxes
    else:
        assert "DALO claim — 3 months" in boxes and "administrative court — 4 months" in boxes


@pytest.mark.parametrize("lang", LANGS)
def test_landlord_learns_guarantor_and_ccapex_duties(site: Path, lang: str) -> None:
    text = article_text(page(site, lang, "proprietaire/commandement-de-payer"))
    if lang == "fr":
        assert "caution" in text and "dans les 15 jours" in text and "intérêts de retard" in text
        assert "SCI familiale" in text and "2 mois après cette saisine" in text
    else:
        assert "guarantor within 15 days" in text and "late-payment interest" in text
        assert "family SCI" in text and "2 months after that referral" in text


def test_state_liability_rests_on_l153_1(site: Path) -> None:
    for lang in LANGS:
        boxes = article(page(site, lang, "proprietaire/requisition-force-publique")).select(
            ".deadline")
        box = next(visible(b) for b in boxes if "R153-1" in b.get_text())
        assert "L153-1" in box


def test_every_lease_has_a_clause_only_since_29_july_2023(site: Path) -> None:
    sentence = re.compile(r"[^.]*\b(tout bail|every (residential )?lease)\b[^.]*\.", re.I)
    for path in all_pages(site):
        for found in sentence.finditer(article_text(path)):
            text = found.group(0)
            if "clause" in text.lower() or "contient une" in text or "contains one" in text:
                assert re.search(r"29 juillet 2023|29 July 2023", text), (path, text)


def test_charter_period_has_ended_and_was_drawn_up_by_the_ddcs(site: Path) -> None:
    fr = article_text(page(site, "fr", "charte"))
    assert "2020-2024" in fr and re.search(r"terminée|achevée", fr)
    assert "DDCS" in fr
    assert not re.search(r"élaborée?[^.]{0,80}DDETS \(anciennement", fr)
    about = article_text(page(site, "fr", "a-propos"))
    assert "la plus récente" in about


# ------------------------------------------------------------------ 2. each page, its reader

TENANT_VOICE = {
    "fr": [r"\bvotre bailleur\b", r"\bvotre propriétaire\b", r"\bvous assigner\b",
           r"versée (directement )?à votre bailleur", r"\bvotre aide au logement\b",
           r"\bvous avez [^.]{0,60}pour (régler|payer) la dette"],
    "en": [r"\byour landlord\b", r"\btake you to court\b", r"\byour housing benefit\b",
           r"\byou have [^.]{0,60}to pay the debt", r"paid (directly )?to your landlord"],
}
LANDLORD_VOICE = {"fr": [r"\bvotre locataire\b", r"\bvos locataires\b"],
                  "en": [r"\byour tenant\b"]}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("step", STEP_IDS)
def test_landlord_and_partner_pages_never_address_the_tenant(site: Path, lang: str,
                                                             step: str) -> None:
    for audience in ("proprietaire", "partenaires"):
        text = article_text(page(site, lang, f"{audience}/{step}"))
        for marker in TENANT_VOICE[lang]:
            found = re.search(marker, text, re.IGNORECASE)
            assert not found, f"{audience}/{step} ({lang}) speaks to the tenant: {found}"
    partner = article_text(page(site, lang, f"partenaires/{step}"))
    tenant = article_text(page(site, lang, f"locataire/{step}"))
    for marker in LANDLORD_VOICE[lang]:
        assert not re.search(marker, partner, re.IGNORECASE), f"partenaires/{step}"
        assert not re.search(marker, tenant, re.IGNORECASE), f"locataire/{step}"


@pytest.mark.parametrize("lang", LANGS)
def test_landlord_page_shows_the_landlord_texts_of_deadlines_and_schemes(
        site: Path, data: SiteData, lang: str) -> None:
    step = data.by_id("steps")["commandement-de-payer"]
    text = article_text(page(site, lang, f"proprietaire/{step.id}"))
    for deadline in step.deadlines:
        assert normalize(shown(deadline.explanation.landlord, lang)) in text
        assert normalize(shown(deadline.explanation.tenant, lang)) not in text
    schemes = data.by_id("dispositifs")
    for item_id in step.dispositifs:
        assert normalize(shown(schemes[item_id].for_landlord, lang)) in text


# ------------------------------------------------------------------ 3. printed facts


def _handout(site: Path, lang: str, audience: str, step_id: str) -> str:
    return pdf_text(site / "livret" / "fiches" / lang / f"{audience}-{step_id}.pdf")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("audience", ("locataire", "proprietaire"))
def test_every_handout_states_each_duration_and_the_first_action(
        site: Path, data: SiteData, lang: str, audience: str) -> None:
    for step in data.steps.steps:
        text = _handout(site, lang, audience, step.id)
        for deadline in step.deadlines_for("tenant" if audience == "locataire" else "landlord"):
            line = shown(deadline.label, lang)
            if not deadline.label_says_duration(lang, data.default_language):
                line += f" — {shown(deadline.duration, lang)}"
            line = normalize(line)
            assert line in text, f"{audience}-{step.id} ({lang}): no '{line}'"
        guide = step.tenant if audience == "locataire" else step.landlord
        assert normalize(shown(guide.first_action, lang)) in text, f"{audience}-{step.id}"


@pytest.mark.parametrize("lang", LANGS)
def test_assignation_handout_says_go_to_the_hearing_and_the_durations(site: Path,
                                                                      lang: str) -> None:
    text = _handout(site, lang, "locataire", "assignation-et-jugement")
    landlord = _handout(site, lang, "proprietaire", "assignation-et-jugement")
    if lang == "fr":
        assert "Allez à l'audience" in text and "jusqu'à 3 ans" in text
        assert "au moins 6 semaines avant l'audience" in landlord
    else:
        assert "Go to the hearing" in text and "up to 3 years" in text
        assert "at least 6 weeks before the hearing" in landlord


@pytest.mark.parametrize("lang", LANGS)
def test_booklet_gives_every_duration(site: Path, data: SiteData, lang: str) -> None:
    text = pdf_text(site / "livret" / f"livret-{lang}.pdf")
    for step in data.steps.steps:
        for deadline in step.deadlines:
            assert normalize(shown(deadline.duration, lang)) in text, deadline.id


# ------------------------------------------------------------------ 5. nothing half-rendered

RAW = re.compile(r"\]\(|\[[^\]\n]{1,80}\]\(|\*\*|(?<!\w)__|^#|\{\{|\{%|\bNone\b|\bundefined\b",
                 re.MULTILINE)


def test_no_raw_markdown_or_template_leftover_on_any_page(site: Path) -> None:
    problems = []
    for path in all_pages(site):
        for tag in _soup(path).select("body"):
            for line in tag.get_text("\n").split("\n"):
                if RAW.search(line.strip()):
                    problems.append(f"{path.relative_to(site)}: {line.strip()[:120]}")
    assert not problems, "\n".join(problems[:20])


def test_no_raw_markdown_or_template_leftover_in_any_pdf(site: Path) -> None:
    for path in pdfs(site):
        for line in pdf_lines(path).split("\n"):
            assert not RAW.search(line.strip()), f"{path.name}: {line.strip()[:120]}"


def test_source_lines_are_links(site: Path) -> None:
    """The « Source : » line of scheme pages and of the charter is a real link."""
    for rel in ("dispositifs/fsl", "charte"):
        for lang in LANGS:
            line = next(p for p in article(page(site, lang, rel)).select("p.verified")
                        if re.match(r"Source ?:", visible(p)))
            link = line.select_one('a[href*="sources/#"]')
            assert link is not None and link.get_text(strip=True), (rel, lang)


# ------------------------------------------------------------------ 6. plain English

BAD_ENGLISH = re.compile(r"\b(a delay to|delay to pay|delay to leave|payment delays|"
                         r"DALO appeal|let them in)\b", re.IGNORECASE)
FRENCH_LEFT = re.compile(r"\b(au motif d|Étape \d et annexe|et annexe \d|sauf autorisation|"
                         r"menacé d'expulsion|vous pouvez|votre bail)\b", re.IGNORECASE)


def test_english_pages_and_pdfs_read_as_english(site: Path) -> None:
    problems = []
    for path in language_pages(site, "en"):
        content = BeautifulSoup(str(article(path)), "html.parser")  # a copy: pages are cached
        # Text declared in another language (lang="fr": a model letter, which goes to French
        # bodies) is French on purpose; the page's own text is checked.
        for tag in content.select("[lang]"):
            if not tag.decomposed and not tag["lang"].startswith("en"):
                tag.decompose()
        text = visible(content)
        for pattern in (BAD_ENGLISH, FRENCH_LEFT):
            for found in pattern.finditer(text):
                problems.append(f"{path.relative_to(site)}: {found.group(0)!r}")
    for path in pdfs(site):
        if "/en/" in path.as_posix() or path.name.endswith("-en.pdf"):
            # A blank model letter or sheet is French on purpose (it goes to French bodies);
            # its English parts are read back by tests/test_letters.py.
            french_on_purpose = "/formulaires/" in path.as_posix()
            for pattern in (BAD_ENGLISH,) if french_on_purpose else (BAD_ENGLISH, FRENCH_LEFT):
                for found in pattern.finditer(pdf_text(path)):
                    problems.append(f"{path.name}: {found.group(0)!r}")
    assert not problems, "\n".join(problems[:30])


# ------------------------------------------------------------------ 7. honest status

MONTHS_FR = ("janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|"
             "décembre")


def test_french_dates_write_the_first_of_the_month_1er(site: Path) -> None:
    wrong = re.compile(rf"(?<![\d,]) ?\b1 ({MONTHS_FR}) \d{{4}}")
    for path in language_pages(site, "fr"):
        assert not wrong.search(visible(_soup(path))), path
    for path in pdfs(site):
        if path.name.endswith("-fr.pdf") or "/fr/" in path.as_posix():
            assert not wrong.search(pdf_text(path)), path


def test_pages_say_when_sources_were_consulted_not_that_they_were_verified(site: Path) -> None:
    for path in all_pages(site):
        text = visible(_soup(path))
        assert "Vérifié le" not in text and "Checked on" not in text, path
    text = article_text(page(site, "fr", "locataire/commandement-de-payer"))
    assert "Source consultée le" in text


def test_review_status_on_the_about_page_and_the_booklet_imprint(site: Path,
                                                                  data: SiteData) -> None:
    about = article_text(page(site, "fr", "a-propos"))
    assert "État de la relecture" in about and "ne l'a encore relu" in about
    for lang in LANGS:
        # pdftotext joins a word broken after its hyphen (« Côte-/d'Or »): compare without
        booklet = pdf_text(site / "livret" / f"livret-{lang}.pdf").replace("-", "")
        assert normalize(shown(data.site.review_note, lang)).replace("-", "") in booklet


def test_no_legal_rule_left_to_confirm(data: SiteData) -> None:
    """A rule that is now known is stated: no deadline carries a 'to be confirmed' note."""
    for step in data.steps.steps:
        for deadline in step.deadlines:
            assert deadline.needs_review is None, deadline.id
            assert isinstance(deadline.duration, m.Text)


# ------------------------------------------------------------------ contacts (issue 10)

PHONE = re.compile(r"(?<![\d,.])0 ?\d(?:[ .-]?\d{2}){4}(?!\d)|(?<![\d,.])0 \d{3} \d{2} \d{2} \d{2}")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def _data_contacts(data: SiteData) -> list[m.Contact]:
    return [contact for record in (*data.actors.actors, *data.permanences.permanences)
            for contact in record.contacts]


def test_every_contact_value_has_a_source_with_its_date_and_a_reading_date(
        data: SiteData) -> None:
    sources = data.by_id("sources")
    contacts = _data_contacts(data)
    assert len(contacts) >= 10
    for contact in contacts:
        assert contact.source in sources and contact.verified_on is not None
        source = sources[contact.source]
        assert source.url or source.publisher, f"{contact.source}: say where to find it"
        assert source.confidence in ("official", "secondary")


def test_no_phone_or_email_on_the_site_that_is_not_in_the_data(site: Path,
                                                               data: SiteData) -> None:
    """Every number and address a reader sees comes from a sourced data record."""
    known_phones = {_digits(c.phone) for c in _data_contacts(data) if c.phone}
    known_phones |= {_digits(n.number) for n in data.site.emergency}
    known_emails = {c.email for c in _data_contacts(data) if c.email}
    for path in all_pages(site):
        text = visible(_soup(path))
        for found in PHONE.finditer(text):
            assert _digits(found.group(0)) in known_phones, (path, found.group(0))
        for found in EMAIL.finditer(text):
            assert found.group(0) in known_emails, (path, found.group(0))


def test_contacts_are_links_and_directory_says_unknown_only_where_nothing_was_found(
        site: Path, data: SiteData) -> None:
    for lang in LANGS:
        directory = article(page(site, lang, "annuaire"))
        unknown = "Pour les joindre :" if lang == "fr" else "How to reach them:"
        for actor in data.actors.actors:
            heading = directory.find(id=actor.id)
            assert heading is not None, actor.id
            section = []
            for sibling in heading.find_next_siblings():
                if sibling.name in ("h2", "h3"):
                    break
                section.append(sibling)
            text = " ".join(visible(tag) for tag in section)
            assert (unknown in text) == (not actor.contacts), (lang, actor.id)
            if not actor.contacts:  # a route that works today, from the data
                assert normalize(shown(actor.if_no_contact, lang)) in text, (lang, actor.id)
            for contact in actor.contacts:
                links = [a["href"] for tag in section for a in tag.select("a[href]")]
                if contact.phone:
                    assert "tel:" + contact.phone.replace(" ", "") in links, actor.id
                if contact.email:
                    assert "mailto:" + contact.email in links, actor.id


@pytest.mark.parametrize("lang", LANGS)
def test_assignation_page_says_where_the_hearing_is_and_to_check_it(site: Path,
                                                                   lang: str) -> None:
    soup = article(page(site, lang, "locataire/assignation-et-jugement"))
    section = visible(soup)
    assert "13 boulevard Clémenceau, 21000 Dijon" in section
    assert soup.select_one('a[href="tel:0380704500"]') is not None
    assert soup.select_one('a[href="tel:3039"]') is not None
    # The summons names the court: Dijon, or one of its local chambers, Beaune or Montbard.
    assert ("écrit sur votre assignation" if lang == "fr" else "written on your assignation") \
        in section
    assert "Tribunal de proximité de Beaune" in section and "Montbard" in section
    assert "2 rue du Tribunal, 21200 Beaune" in section
    assert ("3e mercredi" if lang == "fr" else "3rd Wednesday") in section
    assert ("aide juridictionnelle") in section


@pytest.mark.parametrize("lang", LANGS)
def test_secondary_or_old_contacts_say_check_before_you_go(site: Path, lang: str) -> None:
    check = "vérifiez avant de vous déplacer" if lang == "fr" else "check before you go"
    directory = article(page(site, lang, "annuaire"))
    for actor_id in ("mjd-chenove", "dijon-metropole"):
        heading = directory.find(id=actor_id)
        block = heading.find_next("ul")
        text = visible(block)
        assert check in text, actor_id
        assert re.search(r"page non datée|page du \d|undated page|page of \d", text), actor_id
    permanences = visible(article(page(site, lang, "permanences")))
    assert "Fontaine d'Ouche" in permanences and check in permanences


def test_sources_page_and_booklet_give_each_contact_source_with_its_date(
        site: Path, data: SiteData) -> None:
    sources = data.by_id("sources")
    used = {contact.source for contact in _data_contacts(data)}
    booklet = pdf_text(site / "livret" / "livret-fr.pdf")
    for source_id in used:
        source = sources[source_id]
        heading = article(page(site, "fr", "sources")).find(id=source_id)
        entry = visible(heading.find_next("ul"))
        assert source.url is None or source.url in entry
        assert ("Daté du" in entry) == (source.date is not None), source_id
        assert ("Page non datée" in entry) == (source.date is None), source_id
        assert normalize(shown(source.title, "fr")) in booklet, source_id


@pytest.mark.parametrize("lang", LANGS)
def test_handouts_never_state_the_fine_without_its_exceptions(site: Path, lang: str) -> None:
    fine = re.compile(r"maintien dans les lieux|amende possible|fine for staying|a possible fine",
                      re.IGNORECASE)  # the 315-2 fine, not the 226-4-2 penalty
    social = "bailleur social" if lang == "fr" else "social landlord"
    truce = "trêve" if lang == "fr" else "truce"
    seen = 0
    for path in sorted((site / "livret" / "fiches" / lang).glob("*.pdf")):
        text = pdf_text(path)
        for found in fine.finditer(text):
            seen += 1
            window = text[found.start():found.start() + 250]
            assert social in window and truce in window, (path.name, window)
    assert seen >= 2


@pytest.mark.parametrize("lang", LANGS)
def test_stage_summaries_on_the_hubs_speak_of_the_household(site: Path, lang: str) -> None:
    """The stage lists of the landlord and partner hubs reuse each stage's summary: it must
    not address the tenant."""
    you = r"\b(vous|votre|vos)\b" if lang == "fr" else r"\b(you|your)\b"
    for hub in ("proprietaire", "partenaires"):
        summaries = article(page(site, lang, hub)).select("li.timeline-step p")
        assert len(summaries) == 6, hub
        for item in summaries:
            assert not re.search(you, visible(item), re.IGNORECASE), (hub, visible(item))


# ------------------------------------------------------------------ 4. the law, second pass

MISLEADING = {
    "fr": [r"l'État doit (vous )?indemniser", r"oblige l'État à indemniser",
           r"responsabilité de l'État, qui doit", r"pour trois motifs",
           r"personne ne peut être expulsé", r"Tout bail (d'habitation )?signé[^.]{0,40}contient",
           r"qui suspend(ent)? la clause résolutoire", r"jamais en logement social",
           r"Tant que vous respectez ces délais et payez votre loyer, la procédure",
           r"doit prévenir le SIAO"],
    "en": [r"the State must compensate", r"obliges the State to compensate",
           r"liable to compensate", r"on three grounds", r"(nobody|no one) can be evicted",
           r"Every (residential )?lease signed[^.]{0,40}contains",
           r"which suspends the clause résolutoire", r"never in social housing",
           r"is suspended\. As long as you keep to the schedule",
           r"must (notify|tell) the SIAO"],
}
"""Wordings the second legal review found misleading: the suspension shown as automatic, the
State's compensation as automatic, the clause's « three grounds », the truce protecting
« anyone », what every lease « contains », the 315-2 exclusion narrowed to « social
housing », the charter's SIAO commitment stated as a legal duty."""


@pytest.mark.parametrize("lang", LANGS)
def test_misleading_wordings_are_gone_from_pages_booklet_and_handouts(site: Path,
                                                                      lang: str) -> None:
    wrong = re.compile("|".join(MISLEADING[lang]), re.IGNORECASE)
    found = [(path, match.group(0)) for path in language_pages(site, lang)
             for match in [wrong.search(article_text(path))] if match]
    found += [(path, match.group(0)) for path in pdfs(site)
              if path.parent.name == lang or path.name.startswith(f"livret-{lang}")
              for match in [wrong.search(pdf_text(path))] if match]
    assert found == []


NEW_DEADLINES = ("signalement-caf-2-mois", "caution-15-jours", "saisine-ccapex-2-mois",
                 "appel-1-mois", "prolongation-3-mois")
"""The deadlines the second review asked for: CAF/MSA report, guarantor, art. 24 II, appeal,
CPCE L412-2."""


@pytest.mark.parametrize("lang", LANGS)
def test_new_deadlines_on_their_readers_pages_and_handouts(site: Path, data: SiteData,
                                                           lang: str) -> None:
    placed = {deadline.id: (step, deadline) for step in data.steps.steps
              for deadline in step.deadlines}
    for deadline_id in NEW_DEADLINES:
        step, deadline = placed[deadline_id]
        readers = {"landlord": ["proprietaire"], "tenant": ["locataire", "proprietaire"]}.get(
            deadline.party, ["locataire", "proprietaire"])
        for audience in readers:
            boxes = [visible(box) for box in
                     article(page(site, lang, f"{audience}/{step.id}")).select(".deadline")]
            box = next((text for text in boxes if shown(deadline.label, lang) in text), None)
            assert box is not None, (audience, deadline_id)
            assert shown(deadline.duration, lang) in box and deadline.reference in box
            handout = _handout(site, lang, audience, step.id)
            line = normalize(f"{shown(deadline.label, lang)} — {shown(deadline.duration, lang)}")
            assert line in handout and normalize(deadline.reference) in handout, \
                (audience, deadline_id)


def test_calculator_offers_the_guarantor_and_the_appeal(site: Path) -> None:
    rules = json.loads(BeautifulSoup(read(page(site, "fr", "outils/calculateur")), "html.parser")
                       .select_one("#deadline-rules").string)
    events = {event["id"]: event for event in rules["events"]}
    assert "caution-15-jours" in events["commandement-de-payer"]["deadlines"]
    assert events["jugement"]["deadlines"] == ["appel-1-mois"]
    assert any("226-4-2" in fact or "L412-6" in fact
               for event in events.values() for fact in event["protects"])


HEARING_AND_AFTER = {
    ("fr", "assignation-et-jugement"): ["régulière, recevable et bien fondée", "pouvoir écrit",
                                        "n'est pas obligatoire", "signifié par un commissaire",
                                        "1 mois pour faire appel", "premier président"],
    ("en", "assignation-et-jugement"): ["regular, admissible and well founded",
                                        "written power of attorney", "not compulsory",
                                        "serves the judgment", "1 month to appeal",
                                        "premier président", "all work in French"],
    ("fr", "commandement-de-quitter-les-lieux"): ["1 mois pour faire appel",
                                                  "2 mois, sans prolongation", "gardés 2 ans",
                                                  "3 mois au plus"],
    ("en", "commandement-de-quitter-les-lieux"): ["1 month to appeal",
                                                  "2 months, with no extension",
                                                  "kept for 2 years", "up to 3 months"],
}
"""What the tenant asks at the hearing and after: not going, who may come, a lawyer, the
judgment, the appeal and what it does not stop, the belongings and papers, more time."""


@pytest.mark.parametrize("lang,step_id", list(HEARING_AND_AFTER))
def test_tenant_pages_answer_the_hearing_and_after(site: Path, data: SiteData, lang: str,
                                                   step_id: str) -> None:
    text = article_text(page(site, lang, f"locataire/{step_id}"))
    missing = [words for words in HEARING_AND_AFTER[lang, step_id] if words not in text]
    assert missing == []
    step = next(step for step in data.steps.steps if step.id == step_id)
    for item in step.tenant.questions:
        assert normalize(shown(item.question, lang)) in text
        assert normalize(shown(item.answer, lang)) in text


def test_landlord_learns_the_cost_and_who_pays(site: Path) -> None:
    for lang, words in (("fr", ["tarif réglementé", "partie qui perd aux dépens", "L444-1"]),
                        ("en", ["regulated tariff", "losing party", "L444-1"])):
        text = article_text(page(site, lang, "proprietaire/assignation-et-jugement"))
        assert all(word in text for word in words), lang
        booklet = pdf_text(site / "livret" / f"livret-{lang}.pdf")
        assert words[0] in booklet


PROTECTIONS = {
    ("locataire", "commandement-de-payer"): {"fr": ["FSL", "demander au juge des délais"],
                                             "en": ["FSL", "ask the judge for time"]},
    ("locataire", "assignation-et-jugement"): {
        "fr": ["Allez à l'audience", "aide juridictionnelle", "loyer courant", "suspension"],
        "en": ["Go to the hearing", "legal aid", "current rent", "suspended"]},
    ("locataire", "commandement-de-quitter-les-lieux"): {
        "fr": ["1er novembre au 31 mars",
               "bailleur social ou à une personne morale de droit public"],
        "en": ["1 November to 31 March", "social landlord or a public-law body"]},
}
"""Facts that change what the reader does next, above the first fold-out (issue 22, part 4)."""


@pytest.mark.parametrize("lang", LANGS)
def test_protections_stand_above_the_first_fold_out(site: Path, data: SiteData,
                                                    lang: str) -> None:
    for step in data.steps.steps:
        for audience, guide in (("locataire", step.tenant), ("proprietaire", step.landlord)):
            soup = article(page(site, lang, f"{audience}/{step.id}"))
            box = soup.select_one(".key-facts")
            assert box is not None, (audience, step.id)
            fold = soup.select_one("details.fold")
            assert box in fold.find_all_previous("section"), (audience, step.id)
            text = visible(box)
            for fact in guide.key_facts:
                assert normalize(shown(fact.text, lang)) in text
            for words in PROTECTIONS.get((audience, step.id), {}).get(lang, []):
                assert words in text, (audience, step.id, words)
            if audience == "proprietaire" and step.number > 1:
                assert "226-4-2" in text, step.id


@pytest.mark.parametrize("lang", LANGS)
def test_key_facts_on_handouts_and_the_landlord_part_says_never_change_the_locks(
        site: Path, data: SiteData, lang: str) -> None:
    for step in data.steps.steps:
        for audience, guide in (("locataire", step.tenant), ("proprietaire", step.landlord)):
            # pdftotext joins a word cut at its hyphen ("public-" / "law" → "publiclaw")
            handout = _handout(site, lang, audience, step.id).replace("-", "")
            for fact in guide.key_facts:
                assert normalize(shown(fact.text, lang)).replace("-", "") in handout, \
                    (audience, step.id)
    booklet = pdf_lines(site / "livret" / f"livret-{lang}.pdf")
    title = "Vous êtes propriétaire" if lang == "fr" else "You are a landlord"
    after_contents = booklet.index(title) + 1
    landlord_part = normalize(booklet[booklet.index(title, after_contents):])
    assert ("Ne changez jamais les serrures" if lang == "fr" else "Never change the locks") \
        in landlord_part



@pytest.mark.parametrize("lang", LANGS)
def test_no_editor_status_reaches_a_reader(site: Path, lang: str) -> None:
    """« à confirmer » is a status for editors (make report, the partner kit), never text for
    readers: not on any page, handout or booklet."""
    status = re.compile(r"à confirmer|to be confirmed", re.IGNORECASE)
    found = [path for path in language_pages(site, lang) if status.search(article_text(path))]
    found += [path for path in pdfs(site)
              if (path.parent.name == lang or path.name.startswith(f"livret-{lang}"))
              and status.search(pdf_text(path))]
    assert found == []


# ------------------------------------------------------------------ the professional's view


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_professional_who_makes_the_dsf_reads_what_to_do_by_when_and_to_whom(
        site: Path, lang: str) -> None:
    """Issue 25, 4: the stage-3 partners' page and the DSF's own page tell the professional
    who makes the diagnostic social et financier, within what time, and where it goes — the
    judge and the CCAPEX before the hearing — each with its reference and a link to its
    source; and the partners' page of each stage links both handouts of that stage."""
    words = {"fr": ("15 jours ouvrés", "5 jours ouvrés avant l'audience", "au juge et à la "
                    "CCAPEX", "Décret du 7 janvier 2021"),
             "en": ("15 working days", "5 working days before the hearing", "to the judge and "
                    "to the CCAPEX", "Decree of 7 January 2021")}[lang]
    for rel in ("partenaires/assignation-et-jugement",
                "dispositifs/diagnostic-social-financier"):
        path = page(site, lang, rel)
        text = normalize(article_text(path))
        for expected in words:
            assert normalize(expected) in text, (rel, expected)
        links = {a["href"].split("#")[-1] for a in article(path).select("small a[href]")}
        assert {"decret-dsf-2021", "banque-territoires-dsf-2021"} <= links, rel


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_professional_reads_who_may_refer_to_the_ccapex_and_where_the_fsl_rules_are(
        site: Path, lang: str) -> None:
    """Issue 25, 4: the partners' page of the commandement de payer says who may refer a
    household to the CCAPEX (art. 7-2 of the loi Besson: any institution or person with an
    interest), where to send it (its secretariat, the DDETS, with the 2026 reorganisation),
    and where the FSL's conditions are written (its rules; the only public version is old,
    so whom to ask) — each with its reference and source."""
    words = {"fr": ("peut saisir la CCAPEX", "secret professionnel", "secrétariat, tenu par la "
                    "DDETS", "décret n° 2026-83", "règlement intérieur", "2010-2015",
                    "Loi n° 90-449, art. 7-2"),
             "en": ("can refer the case to the CCAPEX", "professional secrecy", "secretariat, run "
                    "by the DDETS", "Décret n° 2026-83", "rules (règlement intérieur)",
                    "2010-2015", "Loi n° 90-449, art. 7-2")}[lang]
    path = page(site, lang, "partenaires/commandement-de-payer")
    text = normalize(article_text(path))
    for expected in words:
        assert normalize(expected) in text, expected
    links = {a["href"].split("#")[-1] for a in article(path).select("small a[href]")}
    assert {"loi-90-449-art-7-2", "adil87-decret-2026-83", "docplayer-reglement-fsl-2010"} <= links


def test_a_deadline_title_never_repeats_its_duration(site: Path, data: SiteData) -> None:
    """« 2 mois pour quitter le logement » already says « 2 mois »: no page, booklet or
    handout writes « 2 mois pour quitter le logement — 2 mois »."""
    said = [(lang, f"{shown(deadline.label, lang)} — {shown(deadline.duration, lang)}")
            for step in data.steps.steps for deadline in step.deadlines
            for lang in ("fr", "en")
            if deadline.label_says_duration(lang, data.default_language)]
    assert said, "no deadline whose label says its duration: the test checks nothing"
    texts = {path.relative_to(site).as_posix(): article_text(path)
             for lang in ("fr", "en") for path in language_pages(site, lang)}
    texts |= {path.name: pdf_text(path) for path in pdfs(site)}

    def plain(text: str) -> str:
        return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())

    found = [f"{name}: {repeated}" for name, text in texts.items()
             for _lang, repeated in said if plain(repeated) in plain(text)]
    assert not found, "\n".join(found[:20])


def test_each_handout_lists_only_the_permanences_that_receive_its_reader(
        site: Path, data: SiteData) -> None:
    """The lawyers on hearing day help households: a landlord's handout does not send the
    landlord to them; the tenant's handout does."""
    from generator.print.content import Printer

    kinds = {item.kind for item in data.permanences.permanences}
    for lang in ("fr", "en"):
        printer = Printer(data, lang, "")
        for reader, audience in (("tenant", "locataire"), ("landlord", "proprietaire")):
            offered = {item.kind for item in data.permanences.permanences
                       if reader in item.readers}
            for step in data.steps.steps:
                text = pdf_text(site / f"livret/fiches/{lang}/{audience}-{step.id}.pdf")
                flat = " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())
                for kind in kinds:
                    label = " ".join(printer.string(f"kind_{kind}").split())
                    assert (label in flat) == (kind in offered), (lang, audience, step.id, kind)
    assert any(item.readers == ["tenant"] for item in data.permanences.permanences)


def test_each_handout_holds_its_pages_things_to_do_in_order(site: Path,
                                                            data: SiteData) -> None:
    """The handout of a stage carries the stage page's « À faire maintenant », every item in
    the same order, not only the first one."""
    def plain(text: str) -> str:
        return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())

    for lang, prefix in (("fr", ""), ("en", "en/")):
        for audience in ("locataire", "proprietaire"):
            for step in data.steps.steps:
                page = _soup(site / f"{prefix}{audience}/{step.id}/index.html")
                items = [plain(item.get_text()) for item in
                         page.select("article .admonition.tip ol > li")]
                assert len(items) >= 3, (lang, audience, step.id)
                handout = plain(pdf_text(site / f"livret/fiches/{lang}/{audience}-{step.id}.pdf"))
                at = -1
                for item in items:
                    start = " ".join(item.split()[:6])
                    found = handout.find(start, at + 1)
                    assert found > at, (lang, audience, step.id, item)
                    at = found
