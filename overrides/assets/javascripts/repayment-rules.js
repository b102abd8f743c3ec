/* Repayment plan (plan d'apurement) — the pure arithmetic: no page, no network, no storage.

   Loaded by the page "repayment" (generator/site/addresses.py) before repayment.js, as
   window.RepaymentRules, and by the Node tests (tests/js/) through module.exports. Amounts are
   whole cents (integers), never floating-point euros: 2 400,00 € is 240000. Dates are the
   calculator's records {y, m, d} (calculator-rules.js): an instalment falls each month on the
   day number of the first one, or on the month's last day when it has no such day.

   A plan is given by the instalment (the last one is what is left, to the cent) or by the
   number of months (the instalment is the debt divided by it, rounded up to the cent, and the
   last one is what is left). */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.RepaymentRules = api;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var MAX_INSTALMENTS = 120;
  /* A schedule of more than 10 years is not listed: the figures are checked first. */

  /** "2 400,50", "2400.5", "2 400 €" → 240050; null when it is not an amount. */
  function parseAmount(text) {
    var cleaned = String(text).replace(/[\s\u00a0\u202f€]/g, "").replace(",", ".");
    if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null;
    var parts = cleaned.split(".");
    var cents = parts[1] ? (parts[1] + "0").slice(0, 2) : "00";
    return Number(parts[0]) * 100 + Number(cents);
  }

  /** 240050 → {euros: "2 400", cents: "50"}, thousands apart by `group` (the language's:
      a narrow no-break space in French, a comma in English); the page joins them. */
  function splitAmount(cents, group) {
    var euros = String(Math.floor(cents / 100))
      .replace(/\B(?=(\d{3})+(?!\d))/g, group === undefined ? " " : group);
    var rest = String(cents % 100);
    return { euros: euros, cents: rest.length === 1 ? "0" + rest : rest };
  }

  function daysInMonth(y, m) {
    return new Date(Date.UTC(y, m, 0)).getUTCDate();
  }

  /** The instalment dates: the first date, then the same day each month. */
  function monthly(first, index) {
    var at = first.y * 12 + (first.m - 1) + index;
    var y = Math.floor(at / 12);
    var m = at - y * 12 + 1;
    return { y: y, m: m, d: Math.min(first.d, daysInMonth(y, m)) };
  }

  /** The plan for `input` = {debt, rent, benefit, instalment | months (one of them), first:
      {y, m, d}} (amounts in cents). Returns {error} ("debt", "rent", "benefit", "instalment",
      "months", "too_long") or {instalment, months, schedule: [{date, amount}], last, monthly,
      total, to_pay}: `monthly` is what the household pays each month (the rent left to pay,
      after the housing benefit, plus the instalment). */
  function plan(input) {
    var debt = input.debt;
    if (!Number.isInteger(debt) || debt <= 0) return { error: "debt" };
    var rent = input.rent || 0;
    var benefit = input.benefit || 0;
    if (!Number.isInteger(rent) || rent < 0) return { error: "rent" };
    if (!Number.isInteger(benefit) || benefit < 0 || benefit > rent) return { error: "benefit" };
    var instalment;
    var months;
    if (input.instalment !== undefined && input.instalment !== null) {
      instalment = input.instalment;
      if (!Number.isInteger(instalment) || instalment <= 0) return { error: "instalment" };
      instalment = Math.min(instalment, debt);
      months = Math.ceil(debt / instalment);
    } else {
      months = input.months;
      if (!Number.isInteger(months) || months <= 0) return { error: "months" };
      instalment = Math.ceil(debt / months);
      months = Math.ceil(debt / instalment);  // 2 cents over 3 months: 2 instalments of 1 cent
    }
    if (months > MAX_INSTALMENTS) return { error: "too_long", months: months };
    var schedule = [];
    for (var i = 0; i < months; i++) {
      var amount = i < months - 1 ? instalment : debt - instalment * (months - 1);
      schedule.push({ date: monthly(input.first, i), amount: amount });
    }
    var toPay = rent - benefit;
    return { instalment: instalment, months: months, schedule: schedule,
             last: schedule[schedule.length - 1], to_pay: toPay,
             monthly: toPay + instalment, total: debt };
  }

  return { parseAmount: parseAmount, splitAmount: splitAmount, plan: plan, monthly: monthly,
           MAX_INSTALMENTS: MAX_INSTALMENTS };
});
