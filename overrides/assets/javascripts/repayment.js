/* « Proposer un plan d'apurement » — the page "repayment" (generator/site/addresses.py). The
   arithmetic is repayment-rules.js (cents); dates and words come from calculator-rules.js and
   the page's JSON (#repayment-rules, from the data: the longest time a judge can grant).

   Privacy: nothing the reader types leaves the page. No request, no cookie, no storage, no
   change to the address bar; the form is never submitted. */
(function () {
  "use strict";

  var D = window.DeadlineRules;
  var P = window.RepaymentRules;
  var T = window.PageText;
  var source = document.getElementById("repayment-rules");
  var root = document.getElementById("repayment");
  if (!D || !P || !T || !source || !root) return;
  var rules = JSON.parse(source.textContent);
  var S = rules.strings;
  var el = T.el;
  var words = { months: rules.months, first_day: rules.first_day, pattern: rules.date_pattern };
  var form = document.getElementById("pay-form");
  var output = document.getElementById("pay-output");
  var error = document.getElementById("pay-error");

  root.hidden = false;

  function value(id) {
    return document.getElementById("pay-" + id).value.trim();
  }

  function euros(cents) {
    var parts = P.splitAmount(cents, rules.group);
    return T.fillText(S.pay_amount, { euros: parts.euros, cents: parts.cents });
  }

  function dateText(date) {
    return D.formatDate(date, words);
  }

  function today() {
    var now = new Date();
    return { y: now.getFullYear(), m: now.getMonth() + 1, d: now.getDate() };
  }

  function fail(key, field, values) {
    error.textContent = T.fillText(S[key], values || {});
    error.hidden = false;
    Array.prototype.forEach.call(form.querySelectorAll("[aria-invalid]"), function (node) {
      node.removeAttribute("aria-invalid");
    });
    var box = document.getElementById("pay-" + field);
    if (box) { box.setAttribute("aria-invalid", "true"); box.focus(); }
  }

  /** What the reader typed, as the arithmetic's input; null (and the error said) if wrong. */
  function read() {
    var debt = P.parseAmount(value("debt"));
    if (!debt) { fail("pay_error_debt", "debt"); return null; }
    var rent = value("rent") ? P.parseAmount(value("rent")) : 0;
    if (rent === null) { fail("pay_error_rent", "rent"); return null; }
    var benefit = value("benefit") ? P.parseAmount(value("benefit")) : 0;
    if (benefit === null || benefit > rent) { fail("pay_error_benefit", "benefit"); return null; }
    var input = { debt: debt, rent: rent, benefit: benefit };
    if (value("instalment")) {
      input.instalment = P.parseAmount(value("instalment"));
      if (!input.instalment) { fail("pay_error_instalment", "instalment"); return null; }
    } else if (value("months")) {
      input.months = /^\d{1,3}$/.test(value("months")) ? Number(value("months")) : 0;
      if (!input.months) { fail("pay_error_months", "months"); return null; }
    } else {
      fail("pay_error_choice", "instalment");
      return null;
    }
    input.first = D.parseParts(value("day"), value("month"), value("year"));
    if (!input.first) { fail("calc_error_date", "day"); return null; }
    return input;
  }

  function render(input, result) {
    var nodes = [];
    nodes.push(el("p", { class: "calc-summary" }, [el("strong", {
      text: T.fillText(S.pay_monthly, { amount: euros(result.monthly) }) })]));
    nodes.push(el("p", { text: T.fillText(S.pay_summary, {
      rent: euros(result.to_pay), instalment: euros(result.instalment),
      months: String(result.months) }) }));
    nodes.push(el("p", { text: T.fillText(S.pay_end, { date: dateText(result.last.date),
                                                      last: euros(result.last.amount) }) }));
    nodes.push(el("p", { text: T.fillText(S.pay_total, { total: euros(result.total) }) }));
    if (D.compare(input.first, today()) < 0) nodes.push(el("p", { class: "calc-hint", text: S.pay_past }));
    if (rules.limit) {
      var over = result.months > rules.limit.months;
      nodes.push(el("p", { class: over ? "pay-warning" : "calc-hint" }, [
        T.fillText(over ? S.pay_over_limit : S.pay_within_limit, {
          months: String(result.months), limit: String(rules.limit.months),
          reference: rules.limit.reference }) + " ",
        el("a", { href: rules.limit.url, text: rules.limit.reference })]));
    }
    nodes.push(el("h3", { class: "calc-section", text: S.pay_schedule_title }));
    var rows = result.schedule.map(function (item, index) {
      return el("tr", {}, [el("td", { text: String(index + 1) }),
                           el("td", {}, [el("time", { datetime: D.toISO(item.date),
                                                      text: dateText(item.date) })]),
                           el("td", { class: "pay-amount-cell", text: euros(item.amount) })]);
    });
    nodes.push(el("div", { class: "table-scroll", tabindex: "0", role: "region",
                           "aria-label": S.pay_schedule_title }, [
      el("table", { class: "pay-schedule" }, [
        el("thead", {}, [el("tr", {}, [el("th", { scope: "col", text: S.pay_col_number }),
                                       el("th", { scope: "col", text: S.pay_col_date }),
                                       el("th", { scope: "col", text: S.pay_col_amount })])]),
        el("tbody", {}, rows)])]));
    var print = el("button", { type: "button", class: "md-button", text: S.pay_print });
    print.addEventListener("click", function () { window.print(); });
    nodes.push(el("p", { class: "calc-actions" }, [print]));
    output.textContent = "";
    nodes.forEach(function (node) { output.appendChild(node); });
    document.getElementById("pay-results-title").focus();
  }

  // ------------------------------------------------------------------------------ the letter

  var L = rules.letter;
  var letterSection = document.querySelector("[data-letter]");
  var writer = letterSection && window.LetterWriter
    ? window.LetterWriter.writers[letterSection.id] : null;

  /** An amount as the letter writes it (in the letter's language, French). */
  function letterEuros(cents) {
    var parts = P.splitAmount(cents, L.group);
    return parts.euros + "," + parts.cents + "\u00a0€";
  }

  /** The plan's figures, as the letter writes them. */
  function showLetter(input, result) {
    if (!L || !writer) return;
    var words = { months: L.months, first_day: L.first_day, pattern: L.date_pattern };
    writer.setValues({
      debt: letterEuros(result.total),
      instalment: letterEuros(result.instalment),
      months: String(result.months),
      "first-date": D.formatDate(input.first, words),
      "last-date": D.formatDate(result.last.date, words),
      "last-amount": letterEuros(result.last.amount)
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();  // first: the form never leaves the page
    error.hidden = true;
    var input = read();
    if (!input) return;
    var result = P.plan(input);
    if (result.error) {
      var field = { too_long: "instalment" }[result.error] || result.error;
      fail("pay_error_" + result.error, field, { months: String(result.months || "") });
      return;
    }
    render(input, result);
    showLetter(input, result);
  });
})();
