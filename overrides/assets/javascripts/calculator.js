/* Deadline calculator — the page "calculator" (generator/site/addresses.py). The date logic is in
   calculator-rules.js; the delays, references and words come from the page's JSON
   (#deadline-rules), written by the generator from data/steps.yaml.

   Privacy: nothing the reader types leaves the page. No request, no cookie, no
   localStorage or sessionStorage, no change to the address bar; the form is never
   submitted (its submit event is cancelled first thing). */
(function () {
  "use strict";

  var R = window.DeadlineRules;
  var T = window.PageText;
  var source = document.getElementById("deadline-rules");
  var root = document.getElementById("calculator");
  if (!R || !T || !source || !root) return;
  var el = T.el, fill = T.fill, fillText = T.fillText;
  var rules = JSON.parse(source.textContent);
  var S = rules.strings;
  var words = { months: rules.months, first_day: S.first_day, pattern: S.date_pattern };
  var form = document.getElementById("calc-form");
  var output = document.getElementById("calc-output");
  var dayBox = document.getElementById("calc-day");
  var monthBox = document.getElementById("calc-month");
  var yearBox = document.getElementById("calc-year");
  var eventError = document.getElementById("calc-event-error");
  var dateError = document.getElementById("calc-date-error");
  var downloadUrl = null;

  root.hidden = false;

  function byId(list, id) {
    return list.filter(function (item) { return item.id === id; })[0];
  }

  function words_(iso) {
    return R.formatDate(R.parseISO(iso), words);
  }

  function time(iso) {
    return el("time", { datetime: iso, text: words_(iso) });
  }

  function selectedEvent() {
    var checked = form.querySelector('input[name="calc-event"]:checked');
    return checked ? byId(rules.events, checked.value) : null;
  }

  function leaseFieldset(event) {
    return event ? document.getElementById("calc-lease-" + event.id) : null;
  }

  function selectedLease(event) {
    var fieldset = leaseFieldset(event);
    var checked = fieldset && fieldset.querySelector("input:checked");
    if (!checked || checked.value === "unknown") return null;
    var parts = checked.value.split(":");
    var lease = {};
    lease[parts[0]] = parts[1];
    return lease;
  }

  /** The question about the date and the lease follow the letter chosen. */
  function showQuestions() {
    var event = selectedEvent();
    var kind = event ? event.date : "received";
    document.getElementById("calc-date-legend").textContent = S["date_legend_" + kind];
    document.getElementById("calc-date-hint").textContent = S["date_hint_" + kind];
    Array.prototype.forEach.call(form.querySelectorAll(".calc-lease"), function (fieldset) {
      fieldset.hidden = fieldset !== leaseFieldset(event);
    });
  }

  function setError(box, message, fields) {
    box.textContent = message || "";
    box.hidden = !message;
    fields.forEach(function (field) {
      if (message) field.setAttribute("aria-invalid", "true");
      else field.removeAttribute("aria-invalid");
    });
  }

  function stepLink(step, url) {
    return el("a", { href: url, text: fillText(S.see_step, { number: String(step.number),
                                                             title: step.title }) });
  }

  function helpLink() {
    return el("a", { href: "tel:" + rules.help.tel, text: rules.help.number });
  }

  function scopeText(appliesIf) {
    if (appliesIf.lease_signed_before) {
      return fillText(S.applies_lease_before, { date: words_(appliesIf.lease_signed_before) });
    }
    return fillText(S.applies_lease_from, { date: words_(appliesIf.lease_signed_from) });
  }

  function delayText(deadline, startIso) {
    var template = deadline.delay.direction === "before" ? S.before : S.after;
    return fillText(template, {
      delay: R.formatDelay(deadline.delay, S["unit_" + deadline.delay.unit]),
      date: words_(startIso) });
  }

  /** Today in the reader's own time zone, as the calculator counts: whole days. */
  function todayIso() {
    var now = new Date();
    return R.toISO({ y: now.getFullYear(), m: now.getMonth() + 1, d: now.getDate() });
  }

  function dateLine(iso, past, estimate) {
    var tag = past ? S.past : (estimate ? S.estimate : "");
    var nodes = tag ? [el("span", { class: "calc-item__tag" + (past ? " calc-item__tag--past" : ""),
                                    text: tag }), " "] : [];
    nodes.push(time(iso));
    return el("p", { class: "calc-item__date" }, nodes);
  }

  function renderItem(item, result) {
    var deadline = item.deadline;
    var label = el("p", { class: "calc-item__label" }, [el("strong", { text: deadline.label })]);
    if (item.scope) {
      label.appendChild(document.createTextNode(" "));
      label.appendChild(el("span", { class: "deadline-scope", text: scopeText(item.scope) }));
    }
    return el("li", { class: "calc-item" + (item.past ? " calc-item--past" : "") }, [
      dateLine(item.date, item.past, true),
      label,
      el("p", { class: "calc-item__calc", text: delayText(deadline, result.date) }),
      el("p", { class: "calc-item__text", text: deadline.explanation }),
      el("p", { class: "calc-item__ref" }, [
        S.reference_colon + " " + deadline.reference + " — ",
        stepLink(item.step, item.step.deadlines_url)])
    ]);
  }

  /** The date the reader typed, as an item: the hearing itself, or the date given. */
  function renderGiven(result) {
    var event = result.event;
    return el("li", { class: "calc-item" + (result.past ? " calc-item--past" : "") }, [
      dateLine(result.date, result.past, false),
      el("p", { class: "calc-item__label" }, [
        el("strong", { text: event.given_label || event.label })]),
      el("p", { class: "calc-item__calc", text: event.given_text || S.date_given }),
      el("p", { class: "calc-item__ref" }, [stepLink(byId(rules.steps, event.step), event.url)])
    ]);
  }

  function renderTruce(truce) {
    var info = rules.truce;
    var sentence = truce.inside
      ? fill(S.truce_in, { start: time(truce.start), end: time(truce.end),
                           resume: time(truce.resume) })
      : fill(S.truce_next, { start: time(truce.start), end: time(truce.end) });
    return el("div", { class: "calc-truce" + (truce.inside ? " calc-truce--inside" : "") }, [
      el("p", {}, [el("strong", { text: info.label })]),
      el("p", {}, sentence),
      el("p", { text: info.explanation }),
      el("p", { class: "calc-item__ref" }, [
        S.reference_colon + " " + info.reference + " — ",
        stepLink(byId(rules.steps, info.step), info.url)])
    ]);
  }

  function calendar(result) {
    var stampIso = result.date;
    var check = fillText(S.ics_check, { name: rules.help.name, number: rules.help.number });
    var key = stampIso.replace(/-/g, "");
    var events = result.mine.filter(function (item) { return !item.past; }).map(function (item) {
      var deadline = item.deadline;
      return {
        uid: item.id + "-" + key + "@" + rules.uid_domain,
        date: item.date,
        summary: deadline.label,
        description: [delayText(deadline, result.date), deadline.explanation,
                      S.reference_colon + " " + deadline.reference, check].join("\n"),
        url: item.step.deadlines_page_url
      };
    });
    if (givenShown(result) && !result.past) {
      events.unshift({ uid: result.event.id + "-" + key + "@" + rules.uid_domain,
                       date: result.date,
                       summary: result.event.given_label || result.event.label,
                       description: [result.event.given_text || S.date_given, check].join("\n"),
                       url: result.event.page_url });
    }
    if (result.truce && !R.isPast(R.parseISO(result.truce.end), result.today)) {
      events.push({ uid: rules.truce.id + "-" + result.truce.start.replace(/-/g, "") + "@" +
                      rules.uid_domain,
                    date: result.truce.start, end: result.truce.end,
                    summary: rules.truce.label,
                    description: [rules.truce.explanation,
                                  S.reference_colon + " " + rules.truce.reference].join("\n"),
                    url: rules.truce.page_url });
    }
    if (!events.length) return null;
    return R.buildICS(events, { stamp: stampIso, prodId: "-//" + rules.uid_domain +
                                "//calculateur//" + rules.lang.toUpperCase() });
  }

  /** The typed date is an item of its own for a hearing, or when nothing else follows. */
  function givenShown(result) {
    return !!result.event.given_label || !result.items.length;
  }

  function section(title, nodes) {
    return [el("h3", { class: "calc-section", text: title })].concat(nodes);
  }

  function render(result) {
    if (downloadUrl) URL.revokeObjectURL(downloadUrl);
    downloadUrl = null;
    var ics = calendar(result);
    if (ics) {
      downloadUrl = URL.createObjectURL(new Blob([ics], { type: "text/calendar;charset=utf-8" }));
    }
    var mine = result.mine.map(function (item) { return renderItem(item, result); });
    if (givenShown(result)) mine.unshift(renderGiven(result));
    var print = el("button", { type: "button", class: "md-button", text: S.print });
    print.addEventListener("click", function () { window.print(); });
    var nodes = [el("p", { class: "calc-summary" }, fill(S.summary, {
      document: result.event.label, date: time(result.date) }))];
    // « Mon plan » with this paper and this date: what protects the reader, whom to call.
    nodes.push(el("p", { class: "calc-plan" }, [el("a", {
      href: rules.plan_url + "#who=tenant&what=" + encodeURIComponent(result.event.id) +
        "&date=" + result.date, text: S.plan })]));
    // The sheets and letters of this stage (« Préparer l'audience » for a summons).
    (result.event.written || []).forEach(function (item) {
      nodes.push(el("p", { class: "calc-written" }, [el("a", { href: item.url,
                                                               text: item.title })]));
    });
    if (mine.length) {
      nodes = nodes.concat(section(S.mine_title, [el("ol", { class: "calc-list" }, mine)]));
    }
    if (result.event.actions && result.event.actions.length) {
      nodes = nodes.concat(section(S.actions_title, [el("ul", { class: "calc-actions-list" },
        result.event.actions.map(function (text) { return el("li", { text: text }); }))]));
    }
    if (result.event.protects && result.event.protects.length) {
      nodes = nodes.concat(section(S.protects_title, [el("ul", { class: "calc-protects-list" },
        result.event.protects.map(function (text) { return el("li", { text: text }); }))]));
    }
    if (result.truce) nodes.push(renderTruce(result.truce));
    if (result.others.length) {
      nodes = nodes.concat(section(S.others_title, [
        el("p", { class: "calc-hint", text: S.others_intro }),
        el("ol", { class: "calc-list calc-list--others" }, result.others.map(function (item) {
          return renderItem(item, result);
        }))]));
    }
    nodes.push(el("p", { class: "calc-check" }, fill(S.check, { name: rules.help.name,
                                                                 number: helpLink(),
                                                                 cost: rules.help.cost })));
    var actions = el("p", { class: "calc-actions" });
    if (downloadUrl) {
      actions.appendChild(el("a", { class: "md-button md-button--primary", href: downloadUrl,
                                    download: S.ics_file, text: S.ics }));
      actions.appendChild(document.createTextNode(" "));
    }
    actions.appendChild(print);
    nodes.push(actions);
    output.textContent = "";
    nodes.forEach(function (node) { output.appendChild(node); });
  }

  form.addEventListener("change", function (e) {
    if (e.target && e.target.name === "calc-event") {
      setError(eventError, "", []);
      showQuestions();
    }
  });

  form.addEventListener("submit", function (e) {
    e.preventDefault();  // first: the form never leaves the page
    var event = selectedEvent();
    var date = R.parseParts(dayBox.value, monthBox.value, yearBox.value);
    var radios = Array.prototype.slice.call(form.querySelectorAll('input[name="calc-event"]'));
    setError(eventError, event ? "" : S.error_event, radios);
    setError(dateError, date ? "" : S.error_date, [dayBox, monthBox, yearBox]);
    if (!event) { radios[0].focus(); return; }
    if (!date) { dayBox.focus(); return; }
    var today = todayIso();
    var result = R.compute(rules, { event: event.id, date: R.toISO(date),
                                    lease: selectedLease(event), today: today });
    result.today = today;
    render(result);
  });

  showQuestions();
})();
