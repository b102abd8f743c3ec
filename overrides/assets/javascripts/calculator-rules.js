/* Deadline calculator — the pure date logic: no page, no network, no storage.

   Loaded by the calculator page before calculator.js (as window.DeadlineRules) and by the Node
   tests (tests/js/, through module.exports). It knows what days, weeks, months and years are,
   and nothing of the law: every delay, lease condition, reference and the winter truce period
   come from the page's JSON (<script type="application/json" id="deadline-rules">), which the
   generator writes from data/steps.yaml.

   Dates are plain records {y, m, d} (m = 1..12), never Date objects in local time, so the
   reader's time zone can never shift a date by one day.

   Counting convention (the one of French civil procedure, code de procédure civile,
   art. 640-641; the calculator gives an estimate and does not apply art. 642, which moves a
   last day falling on a Saturday, Sunday or public holiday to the next working day):
   - the day the delay runs from is day 0: a delay in days or weeks adds 1 or 7 days per unit
     (10 October + 6 weeks = 21 November);
   - a delay in months ends on the day with the same number: 10 October + 2 months =
     10 December; when the target month is shorter, on its last day: 31 January + 1 month =
     28 February (29 February in a leap year, e.g. 2024);
   - a year is 12 months (29 February 2024 + 1 year = 28 February 2025);
   - "before" counts backwards the same way: 31 May - 3 months = 28 (or 29) February. */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.DeadlineRules = api;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  function isLeap(y) {
    return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  }

  function daysInMonth(y, m) {
    return [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  }

  /** A date record, or null when the day does not exist (31 April, 29 February 2025…). */
  function makeDate(y, m, d) {
    if (![y, m, d].every(Number.isInteger)) return null;
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
    return { y: y, m: m, d: d };
  }

  /** "2026-10-10" → {y: 2026, m: 10, d: 10}; null if it is not a real date. */
  function parseISO(text) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(text));
    return match ? makeDate(+match[1], +match[2], +match[3]) : null;
  }

  /** What a reader typed in the day, month and year boxes ("10", "10", "2026"). */
  function parseParts(day, month, year) {
    var parts = [day, month, year].map(function (part) { return String(part).trim(); });
    if (!/^\d{1,2}$/.test(parts[0]) || !/^\d{1,2}$/.test(parts[1]) || !/^\d{4}$/.test(parts[2])) {
      return null;
    }
    return makeDate(+parts[2], +parts[1], +parts[0]);
  }

  function pad(n, width) {
    var text = String(n);
    while (text.length < width) text = "0" + text;
    return text;
  }

  function toISO(date) {
    return pad(date.y, 4) + "-" + pad(date.m, 2) + "-" + pad(date.d, 2);
  }

  function compare(a, b) {
    return (a.y - b.y) || (a.m - b.m) || (a.d - b.d);
  }

  function addDays(date, n) {
    // Date.UTC only for the day count: no time zone, no daylight saving time.
    var t = new Date(Date.UTC(date.y, date.m - 1, date.d + n));
    return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
  }

  /** Same day number n months later (or earlier, n < 0); the month's last day when the
      target month has no such day. */
  function addMonths(date, n) {
    var index = date.y * 12 + (date.m - 1) + n;
    var y = Math.floor(index / 12);
    var m = index - y * 12 + 1;
    return { y: y, m: m, d: Math.min(date.d, daysInMonth(y, m)) };
  }

  var UNITS = {
    days: function (date, n) { return addDays(date, n); },
    weeks: function (date, n) { return addDays(date, 7 * n); },
    months: function (date, n) { return addMonths(date, n); },
    years: function (date, n) { return addMonths(date, 12 * n); }
  };

  /** The date a delay {amount, unit, direction} leads to from `date`. */
  function applyDelay(date, delay) {
    var add = UNITS[delay.unit];
    if (!add) throw new Error("unknown unit: " + delay.unit);
    var sign = delay.direction === "before" ? -1 : 1;
    return add(date, sign * delay.amount);
  }

  /** Does a deadline with `appliesIf` ({lease_signed_before, lease_signed_from}, ISO dates)
      apply to a lease the reader describes as {before: ISO} (signed before that day) or
      {from: ISO} (signed that day or later)? `lease` null means "I do not know": every
      deadline is kept, and the page says which lease each one is for. A deadline is dropped
      only when the answer rules it out for certain. */
  function applies(appliesIf, lease) {
    if (!appliesIf || !lease) return true;
    var before = appliesIf.lease_signed_before && parseISO(appliesIf.lease_signed_before);
    var from = appliesIf.lease_signed_from && parseISO(appliesIf.lease_signed_from);
    if (lease.before) {
      var signedBefore = parseISO(lease.before);  // lease date < signedBefore
      if (from && compare(signedBefore, from) <= 0) return false;
    }
    if (lease.from) {
      var signedFrom = parseISO(lease.from);  // lease date >= signedFrom
      if (before && compare(signedFrom, before) >= 0) return false;
    }
    return true;
  }

  function monthDay(period, y) {
    return makeDate(y, period.month, Math.min(period.day, daysInMonth(y, period.month)));
  }

  /** The winter truce around `date`: `truce` is {start: {month, day}, end: {month, day}}
      (from the data; it may run over New Year). Returns {inside, start, end, resume}: the
      truce that contains `date` (inside = true), otherwise the next one; `resume` is the
      day after it ends. */
  function truceAround(date, truce) {
    var spansNewYear = (truce.end.month * 100 + truce.end.day) <
      (truce.start.month * 100 + truce.start.day);
    for (var y = date.y - 1; y <= date.y + 1; y++) {
      var start = monthDay(truce.start, y);
      var end = monthDay(truce.end, spansNewYear ? y + 1 : y);
      if (compare(date, end) <= 0) {
        return { inside: compare(date, start) >= 0, start: start, end: end,
                 resume: addDays(end, 1) };
      }
    }
    throw new Error("no truce found");  // not reached: the loop covers two years ahead
  }

  /** "10 décembre 2026" / "10 December 2026": `words` = {months: [12 names],
      first_day: "1er" or "1", pattern: "{d} {month} {y}"}, all from the page's language
      (Babel, on the build side). */
  function formatDate(date, words) {
    var day = date.d === 1 ? words.first_day : String(date.d);
    var parts = { d: day, month: words.months[date.m - 1], y: String(date.y) };
    return words.pattern.replace(/\{(d|month|y)\}/g, function (_, name) { return parts[name]; });
  }

  /** "6 semaines", "1 mois": `forms` is "singular|plural" from the page's language. */
  function formatDelay(delay, forms) {
    var pair = forms.split("|");
    return delay.amount + " " + (delay.amount === 1 ? pair[0] : (pair[1] || pair[0]));
  }

  function deadlineIndex(rules) {
    var index = {};
    rules.steps.forEach(function (step) {
      step.deadlines.forEach(function (deadline) {
        index[deadline.id] = { step: step, deadline: deadline };
      });
    });
    return index;
  }

  /** Whose dates the reader sees first: the tenant's own (and rules for everyone); the
      landlord's and the authorities' duties come apart, under their own heading. */
  var READER_PARTIES = { tenant: true, everyone: true };

  /** The dates that follow an event. `input` = {event: id, date: ISO, lease: null |
      {before: ISO} | {from: ISO}, today: ISO (optional)}. Returns {event, date, past, items,
      mine, others, truce}: items sorted by date, each with `past` (before today) and
      `party`; mine = the tenant's own items, others = the other side's duties; truce is null
      when the event has nothing to do with an eviction. */
  function compute(rules, input) {
    var event = rules.events.filter(function (e) { return e.id === input.event; })[0];
    if (!event) throw new Error("unknown event: " + input.event);
    var date = parseISO(input.date);
    if (!date) throw new Error("not a date: " + input.date);
    var index = deadlineIndex(rules);
    var items = [];
    var ends = {};
    event.deadlines.forEach(function (id) {
      var found = index[id];
      if (!found) throw new Error("unknown deadline: " + id);
      var deadline = found.deadline;
      if (!deadline.delay || !applies(deadline.applies_if, input.lease || null)) return;
      var end = applyDelay(date, deadline.delay);
      ends[id] = end;
      items.push({ id: id, date: toISO(end), deadline: deadline, step: found.step,
                   party: deadline.party || "tenant",
                   past: isPast(end, input.today),
                   scope: input.lease ? null : (deadline.applies_if || null) });
    });
    items.sort(function (a, b) { return a.date < b.date ? -1 : a.date > b.date ? 1 : 0; });
    var mine = items.filter(function (item) { return READER_PARTIES[item.party]; });
    var others = items.filter(function (item) { return !READER_PARTIES[item.party]; });
    var truce = null;
    if (event.eviction_from && rules.truce) {
      var from = event.eviction_from === "date" ? date : ends[event.eviction_from];
      if (from) {
        var around = truceAround(from, rules.truce);
        truce = { from: toISO(from), inside: around.inside, start: toISO(around.start),
                  end: toISO(around.end), resume: toISO(around.resume) };
      }
    }
    return { event: event, date: toISO(date), past: isPast(date, input.today), items: items,
             mine: mine, others: others, truce: truce };
  }

  /** True when `date` is before `todayIso` (no today given: nothing is past). */
  function isPast(date, todayIso) {
    var today = todayIso ? parseISO(todayIso) : null;
    return !!today && compare(date, today) < 0;
  }

  // ---------------------------------------------------------------- iCalendar (RFC 5545)

  /** TEXT value: backslash, semicolon, comma and new lines escaped. */
  function icsText(value) {
    return String(value).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,")
      .replace(/\r\n|\r|\n/g, "\\n");
  }

  function utf8Length(ch) {
    var code = ch.codePointAt(0);
    return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }

  /** Lines longer than 75 octets are folded: CRLF then a space (never inside a character). */
  function icsFold(line) {
    var out = [];
    var current = "";
    var size = 0;
    Array.from(line).forEach(function (ch) {
      var n = utf8Length(ch);
      if (size + n > 75) {
        out.push(current);
        current = " ";
        size = 1;
      }
      current += ch;
      size += n;
    });
    out.push(current);
    return out.join("\r\n");
  }

  function icsDate(iso) {
    return iso.replace(/-/g, "");
  }

  /** A calendar file: one all-day VEVENT per entry of `events` ({uid, date: ISO,
      end: ISO (optional, inclusive), summary, description, url}). DTSTAMP is fixed from
      `stamp` (the date the reader typed), so the same input gives the same file. */
  function buildICS(events, options) {
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:" + options.prodId,
                 "CALSCALE:GREGORIAN", "METHOD:PUBLISH"];
    events.forEach(function (event) {
      var last = parseISO(event.end || event.date);
      lines.push("BEGIN:VEVENT",
                 "UID:" + event.uid,
                 "DTSTAMP:" + icsDate(options.stamp) + "T000000Z",
                 "DTSTART;VALUE=DATE:" + icsDate(event.date),
                 "DTEND;VALUE=DATE:" + icsDate(toISO(addDays(last, 1))),
                 "SUMMARY:" + icsText(event.summary),
                 "DESCRIPTION:" + icsText(event.description),
                 "TRANSP:TRANSPARENT");
      if (event.url) lines.push("URL:" + event.url);
      lines.push("END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return lines.map(icsFold).join("\r\n") + "\r\n";
  }

  return {
    isLeap: isLeap, daysInMonth: daysInMonth, makeDate: makeDate, parseISO: parseISO,
    parseParts: parseParts, toISO: toISO, compare: compare, addDays: addDays,
    addMonths: addMonths, applyDelay: applyDelay, applies: applies, truceAround: truceAround,
    formatDate: formatDate, formatDelay: formatDelay, compute: compute, isPast: isPast,
    icsText: icsText,
    icsFold: icsFold, buildICS: buildICS
  };
});
