// Unit tests of the deadline calculator's date logic (overrides/assets/javascripts/
// calculator-rules.js), on the shared table tests/calculator_cases.json.
// Run: node --test tests/js/
// The scenarios run on the JSON of the built pages (see builtRules below).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const R = require("../../overrides/assets/javascripts/calculator-rules.js");
const cases = JSON.parse(readFileSync(path.join(here, "..", "calculator_cases.json"), "utf8"));

const d = (iso) => R.parseISO(iso);
/** The rules the built pages carry (#deadline-rules), never a hand copy: DEADLINE_RULES lists
    the built calculator pages (tests/test_tools.py sets it); by default, those of site/ after
    `make site`. */
const RULES_SCRIPT = /<script type="application\/json" id="deadline-rules">([\s\S]*?)<\/script>/;
function builtRules() {
  const given = (process.env.DEADLINE_RULES || "").split(path.delimiter).filter(Boolean);
  const files = given.length ? given : [
    path.join(here, "..", "..", "site", "outils", "calculateur", "index.html"),
    path.join(here, "..", "..", "site", "en", "outils", "calculateur", "index.html")];
  return files.map((file) => {
    let html;
    try {
      html = readFileSync(file, "utf8");
    } catch {
      throw new Error(`${file}: no built calculator page; run \`make site\` first, or set ` +
                      "DEADLINE_RULES to the built pages (tests/test_tools.py does)");
    }
    const match = RULES_SCRIPT.exec(html);
    assert.ok(match, `${file}: no #deadline-rules JSON in the page`);
    return { name: path.relative(path.join(here, "..", ".."), file), rules: JSON.parse(match[1]) };
  });
}
const BUILT = builtRules();
const RULES = BUILT[0].rules;
/** The month names and the word for the 1st, as each built page gives them. */
const words = (lang) => {
  const { rules } = BUILT.find((item) => item.rules.lang === lang);
  return { months: rules.months, first_day: rules.strings.first_day,
           pattern: rules.strings.date_pattern };
};
const FR = words("fr");
const EN = words("en");

describe("dates", () => {
  test("leap years", () => {
    assert.equal(R.isLeap(2024), true);
    assert.equal(R.isLeap(2023), false);
    assert.equal(R.isLeap(2000), true);
    assert.equal(R.isLeap(2100), false);
    assert.equal(R.daysInMonth(2024, 2), 29);
    assert.equal(R.daysInMonth(2026, 2), 28);
  });

  test("only real dates are accepted", () => {
    assert.deepEqual(R.parseParts("10", "10", "2026"), { y: 2026, m: 10, d: 10 });
    assert.deepEqual(R.parseParts(" 1", "02", "2024"), { y: 2024, m: 2, d: 1 });
    assert.deepEqual(R.parseParts("29", "2", "2024"), { y: 2024, m: 2, d: 29 });
    for (const parts of [["29", "2", "2025"], ["31", "4", "2026"], ["0", "1", "2026"],
                         ["1", "13", "2026"], ["10", "10", "26"], ["", "10", "2026"],
                         ["1a", "10", "2026"], ["10", "10", "1899"]]) {
      assert.equal(R.parseParts(...parts), null, parts.join("/"));
    }
    assert.equal(R.parseISO("2025-02-29"), null);
    assert.equal(R.toISO(R.parseISO("2026-01-05")), "2026-01-05");
  });

  for (const c of cases.delays) {
    test(`delay: ${c.name}`, () => {
      assert.equal(R.toISO(R.applyDelay(d(c.start), c.delay)), c.expected);
    });
  }

  test("a day count does not depend on the time zone or daylight saving time", () => {
    // 29 March 2026 and 25 October 2026 are the days clocks change in France.
    assert.equal(R.toISO(R.addDays(d("2026-03-28"), 2)), "2026-03-30");
    assert.equal(R.toISO(R.addDays(d("2026-10-24"), 2)), "2026-10-26");
  });
});

describe("lease conditions", () => {
  for (const c of cases.lease) {
    test(c.name, () => assert.equal(R.applies(c.applies_if, c.lease), c.expected));
  }
});

describe("winter truce", () => {
  for (const c of cases.truce) {
    test(c.name, () => {
      const found = R.truceAround(d(c.date), RULES.truce);
      assert.deepEqual({ inside: found.inside, start: R.toISO(found.start),
                         end: R.toISO(found.end), resume: R.toISO(found.resume) }, c.expected);
    });
  }

  test("a truce inside one calendar year works too", () => {
    const summer = { start: { month: 7, day: 1 }, end: { month: 8, day: 31 } };
    const found = R.truceAround(d("2026-09-01"), summer);
    assert.equal(found.inside, false);
    assert.equal(R.toISO(found.start), "2027-07-01");
    assert.equal(R.truceAround(d("2026-08-31"), summer).inside, true);
  });
});

function summary(result) {
  return { items: result.items.map((item) => [item.id, item.date]), truce: result.truce &&
           { inside: result.truce.inside, start: result.truce.start, end: result.truce.end,
             resume: result.truce.resume } };
}

function scenarioTests(rules, label) {
  for (const c of cases.scenarios) {
    test(`${label}: ${c.name}`, () => {
      assert.deepEqual(summary(R.compute(rules, c.input)), c.expected);
    });
  }
}

for (const { name, rules } of BUILT) describe(`scenarios (${name})`, () => {
  scenarioTests(rules, name);

  test("without a lease answer, each lease-bound result says which leases it is for", () => {
    const result = R.compute(rules, { event: "commandement-de-payer", date: "2026-03-02",
                                        lease: null });
    const leaseBound = result.items.filter((item) => item.deadline.applies_if);
    assert.deepEqual(leaseBound.map((item) => item.scope),
                     [{ lease_signed_from: "2023-07-29" }, { lease_signed_before: "2023-07-29" }]);
    assert.ok(result.items.filter((item) => !item.deadline.applies_if)
                .every((item) => item.scope === null), "a delay for every lease has no scope");
    const answered = R.compute(rules, { event: "commandement-de-payer", date: "2026-03-02",
                                          lease: { from: "2023-07-29" } });
    assert.equal(answered.items.find((item) => item.id === "clause-resolutoire-6-semaines").scope,
                 null);
  });

  test("unknown event or date is an error, not a wrong date", () => {
    assert.throws(() => R.compute(rules, { event: "nope", date: "2026-01-01" }));
    assert.throws(() => R.compute(rules, { event: "assignation", date: "2026-02-30" }));
  });
});

for (const { name, rules } of BUILT) describe(`whose dates, and dates already past (${name})`, () => {
  test("the tenant's own dates come first; the other side's duties apart", () => {
    const hearing = R.compute(rules, { event: "assignation", date: "2027-03-15" });
    assert.deepEqual(hearing.mine, []);
    assert.deepEqual(hearing.others.map((item) => [item.id, item.party]),
                     [["assignation-prefet-6-semaines", "landlord"]]);
    const leave = R.compute(rules, { event: "commandement-quitter-les-lieux",
                                       date: "2026-10-10" });
    assert.deepEqual(leave.mine.map((item) => item.id), ["quitter-les-lieux-2-mois"]);
    assert.deepEqual(leave.others.map((item) => item.id), ["requisition-apres-2-mois"]);
  });

  test("a date before today is marked past; without today nothing is", () => {
    const input = { event: "commandement-de-payer", date: "2026-03-02",
                    lease: { from: "2023-07-29" } };
    const sixWeeks = (result) => result.items.find((item) => item.id === "clause-resolutoire-6-semaines");
    const later = R.compute(rules, { ...input, today: "2026-04-14" });
    assert.equal(sixWeeks(later).date, "2026-04-13");
    assert.equal(sixWeeks(later).past, true);
    assert.equal(later.past, true);
    const sameDay = R.compute(rules, { ...input, today: "2026-04-13" });
    assert.equal(sixWeeks(sameDay).past, false, "the last day itself is not past");
    assert.equal(sixWeeks(R.compute(rules, input)).past, false);
  });
});

describe("words", () => {
  test("dates in words, in the page's language", () => {
    assert.equal(R.formatDate(d("2026-12-10"), FR), "10 décembre 2026");
    assert.equal(R.formatDate(d("2026-11-01"), FR), "1er novembre 2026");
    assert.equal(R.formatDate(d("2026-12-10"), EN), "10 December 2026");
    assert.equal(R.formatDate(d("2027-04-01"), EN), "1 April 2027");
  });

  test("the order of a date's parts comes from the language, not from the script", () => {
    // A language that writes "{d} de {month} de {y}" (Spanish, per Babel) or month first.
    const months = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
                    "septiembre", "octubre", "noviembre", "diciembre"];
    const ES = { months, first_day: "1", pattern: "{d} de {month} de {y}" };
    assert.equal(R.formatDate(d("2026-12-10"), ES), "10 de diciembre de 2026");
    const US = { ...EN, pattern: "{month} {d}, {y}" };
    assert.equal(R.formatDate(d("2026-12-10"), US), "December 10, 2026");
  });

  test("delays in words, singular and plural", () => {
    assert.equal(R.formatDelay({ amount: 6, unit: "weeks" }, "semaine|semaines"), "6 semaines");
    assert.equal(R.formatDelay({ amount: 1, unit: "weeks" }, "semaine|semaines"), "1 semaine");
    assert.equal(R.formatDelay({ amount: 2, unit: "months" }, "mois|mois"), "2 mois");
    assert.equal(R.formatDelay({ amount: 1, unit: "months" }, "month|months"), "1 month");
  });
});

describe("iCalendar file", () => {
  const events = [
    { uid: "quitter-les-lieux-2-mois-20261010@example.org", date: "2026-12-10",
      summary: "2 mois pour quitter le logement", url: "https://example.org/locataire/x/#delais",
      description: "2 mois après le 10 octobre 2026\nRéférence : CPCE, art. L412-1; a, b\\c " +
                   "— et une très longue explication pour obliger à replier la ligne à 75 octets." },
    { uid: "treve-hivernale-20261101@example.org", date: "2026-11-01", end: "2027-03-31",
      summary: "Trêve hivernale", description: "Du 1er novembre au 31 mars." },
  ];
  const text = R.buildICS(events, { stamp: "2026-10-10", prodId: "-//example.org//calc//FR" });
  const unfolded = text.replace(/\r\n /g, "");
  const lines = unfolded.split("\r\n");

  test("CRLF line endings only, and a final CRLF", () => {
    assert.ok(text.endsWith("\r\n"));
    assert.equal(text.replace(/\r\n/g, "").includes("\n"), false);
    assert.equal(text.replace(/\r\n/g, "").includes("\r"), false);
  });

  test("lines are folded at 75 octets, never inside a character", () => {
    for (const line of text.split("\r\n")) {
      assert.ok(Buffer.byteLength(line, "utf8") <= 75, line);
      assert.equal(line.includes("\uFFFD"), false);
    }
    assert.ok(text.split("\r\n").some((line) => line.startsWith(" ")), "nothing was folded");
  });

  test("a calendar with one all-day VEVENT per date", () => {
    assert.equal(lines[0], "BEGIN:VCALENDAR");
    assert.ok(lines.includes("VERSION:2.0"));
    assert.ok(lines.includes("PRODID:-//example.org//calc//FR"));
    assert.equal(lines.filter((line) => line === "BEGIN:VEVENT").length, 2);
    assert.equal(lines.filter((line) => line === "END:VEVENT").length, 2);
    assert.ok(lines.includes("DTSTART;VALUE=DATE:20261210"));
    assert.ok(lines.includes("DTEND;VALUE=DATE:20261211"));
    assert.ok(lines.includes("DTSTART;VALUE=DATE:20261101"));
    assert.ok(lines.includes("DTEND;VALUE=DATE:20270401"), "multi-day: DTEND is exclusive");
    assert.ok(lines.includes("UID:quitter-les-lieux-2-mois-20261010@example.org"));
    assert.equal(lines.filter((line) => line === "DTSTAMP:20261010T000000Z").length, 2);
    assert.equal(lines.at(-2), "END:VCALENDAR");
  });

  test("text values are escaped", () => {
    const description = lines.find((line) => line.startsWith("DESCRIPTION:2 mois"));
    assert.ok(description.includes("octobre 2026\\nRéférence : CPCE\\, art. L412-1\\; a\\, b\\\\c"));
  });

  test("the same input gives the same file", () => {
    assert.equal(R.buildICS(events, { stamp: "2026-10-10", prodId: "-//example.org//calc//FR" }),
                 text);
  });
});
