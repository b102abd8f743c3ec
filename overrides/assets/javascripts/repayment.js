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
  var letterSection = document.getElementById("pay-letter");
  var letterText = document.getElementById("pay-letter-text");
  var letterStatus = document.getElementById("pay-letter-status");
  var planValues = null;
  var letterWords = L ? { months: L.months, first_day: L.first_day, pattern: L.date_pattern } : null;

  /** An amount as the letter writes it (in the letter's language, French). */
  function letterEuros(cents) {
    var parts = P.splitAmount(cents, L.group);
    return parts.euros + "," + parts.cents + "\u00a0€";
  }

  function typed(id) {
    var box = document.getElementById("letter-" + id);
    return box ? box.value.trim() : "";
  }

  /** The letter's values: what the reader typed (dotted lines while empty), the plan's
      figures, in French. */
  function letterValues() {
    var values = {};
    L.typed.forEach(function (id) { values[id] = typed(id) || S.pay_letter_blank; });
    Object.keys(planValues).forEach(function (id) { values[id] = planValues[id]; });
    return values;
  }

  function writeLetter() {
    if (!L || !planValues) return;
    var values = letterValues();
    letterText.textContent = "";
    var block = function (text, cls) {
      letterText.appendChild(el("p", { class: cls }, String(text).split("\n").reduce(function (all, line, i) {
        if (i) all.push(el("br"));
        all.push(line);
        return all;
      }, [])));
    };
    // The letter's heading: who writes, to whom, where and when, then the subject.
    block(T.fillText(L.header.sender, values), "pay-letter__from");
    block(T.fillText(L.header.recipient, values), "pay-letter__to");
    block(T.fillText(L.header.date, values), "pay-letter__date");
    block(T.fillText(S.pay_letter_subject, { subject: L.subject }), "pay-letter__subject");
    L.paragraphs.forEach(function (paragraph) {
      block(T.fillText(paragraph.text, values), "pay-letter__p");
      if (paragraph.explanation && rules.lang !== L.lang) {
        var why = el("p", { class: "pay-letter__why", lang: rules.lang,
                            text: T.fillText(S.pay_letter_why, { explanation: paragraph.explanation }) +
                              (paragraph.reference ? " (" + paragraph.reference + ")" : "") });
        letterText.appendChild(why);
      }
    });
  }

  function letterAsText() {
    return Array.prototype.filter.call(letterText.children, function (node) {
      return !node.classList.contains("pay-letter__why");
    }).map(function (node) { return node.innerText; }).join("\n\n");
  }

  if (L) {
    document.getElementById("pay-letter-form").addEventListener("input", writeLetter);
    document.getElementById("pay-letter-form").addEventListener("submit", function (event) {
      event.preventDefault();
    });
    document.getElementById("pay-letter-print").addEventListener("click", function () {
      document.body.classList.add("pay-printing-letter");
      window.print();
      document.body.classList.remove("pay-printing-letter");
    });
    document.getElementById("pay-letter-copy").addEventListener("click", function () {
      if (!navigator.clipboard) return;
      navigator.clipboard.writeText(letterAsText()).then(function () {
        letterStatus.textContent = S.pay_letter_copied;
      });
    });
  }

  function showLetter(input, result) {
    if (!L) return;
    var now = today();
    planValues = {
      today: D.formatDate(now, letterWords),
      debt: letterEuros(result.total),
      instalment: letterEuros(result.instalment),
      months: String(result.months),
      "first-date": D.formatDate(input.first, letterWords),
      "last-date": D.formatDate(result.last.date, letterWords),
      "last-amount": letterEuros(result.last.amount)
    };
    letterSection.hidden = false;
    writeLetter();
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
