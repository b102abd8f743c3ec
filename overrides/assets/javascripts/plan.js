/* « Mon plan » — the page "plan" (generator/site/addresses.py). Five questions, one per
   screen (who, what happened, the date, the landlord, the commune), then the reader's plan.

   Everything the plan says comes from the page: #plan-rules (generator/site/plan.py: each
   stage's reading for the tenant and the landlord, the papers, the public holidays),
   #deadline-rules (the calculator's rules, computed by calculator-rules.js), and the blocks
   of « Près de chez vous » carried hidden in .plan-places, copied under the action they answer.
   The communes file is loaded from this site when the page opens.

   Privacy: the answers live only in the page's address (after #), so that a reader can
   bookmark the plan and a social worker send it; nothing is sent (the file of communes is
   loaded before any answer, and the same for everyone), no cookie, no storage. */
(function () {
  "use strict";

  var R = window.DeadlineRules;
  var M = window.CommuneMatch;
  var T = window.PageText;
  var root = document.getElementById("plan");
  var planSource = document.getElementById("plan-rules");
  var calcSource = document.getElementById("deadline-rules");
  if (!R || !M || !T || !root || !planSource || !calcSource || !window.fetch ||
      !window.history || !history.pushState || !String.prototype.normalize) return;

  var P = JSON.parse(planSource.textContent);
  var C = JSON.parse(calcSource.textContent);
  var S = P.strings;
  var CS = C.strings;
  var words = { months: C.months, first_day: CS.first_day, pattern: CS.date_pattern };
  var form = document.getElementById("plan-form");
  var output = document.getElementById("plan-output");
  var result = document.getElementById("plan-result");
  var nextButton = document.getElementById("plan-next");
  var skipButton = document.getElementById("plan-skip");
  var backButton = document.getElementById("plan-back");
  var communeBox = document.getElementById("plan-commune");
  var communeStatus = document.getElementById("plan-commune-status");
  var communeMatches = document.getElementById("plan-commune-matches");
  var QUESTIONS = ["who", "what", "date", "landlord", "commune"];
  var WHO = { tenant: 1, landlord: 1, partner: 1 };
  var LANDLORD = { social: 1, private: 1, company: 1 };
  var SKIPPED = "-";
  var communes = null;
  var communesFailed = false;
  var shownMatches = [];
  var acted = false;

  root.hidden = false;

  // ------------------------------------------------------------------ small helpers

  var el = T.el;
  var fill = T.fill;

  function say(key, values) {
    return T.fillText(S[key], values);
  }

  function byId(list, id) {
    return list.filter(function (item) { return item.id === id; })[0] || null;
  }

  function dateWords(iso) {
    return R.formatDate(R.parseISO(iso), words);
  }

  function time(iso) {
    return el("time", { datetime: iso, text: dateWords(iso) });
  }

  function todayIso() {
    var now = new Date();
    return R.toISO({ y: now.getFullYear(), m: now.getMonth() + 1, d: now.getDate() });
  }

  function helpLink() {
    return el("a", { href: "tel:" + P.help.tel, text: P.help.number });
  }

  // ------------------------------------------------------------ the answers, in the address

  function parse(hash) {
    var state = {};
    String(hash || "").replace(/^#/, "").split("&").forEach(function (pair) {
      var at = pair.indexOf("=");
      if (at < 0) return;
      var key = decodeURIComponent(pair.slice(0, at));
      var value = decodeURIComponent(pair.slice(at + 1));
      if (QUESTIONS.indexOf(key) >= 0 || key === "at") state[key] = value;
    });
    if (state.who !== undefined && state.who !== SKIPPED && !WHO[state.who]) delete state.who;
    if (state.what !== undefined && state.what !== SKIPPED && !stepOf(state.what)) {
      delete state.what;
    }
    if (state.date !== undefined && state.date !== SKIPPED && !R.parseISO(state.date)) {
      delete state.date;
    }
    if (state.landlord !== undefined && state.landlord !== SKIPPED &&
        !LANDLORD[state.landlord]) delete state.landlord;
    if (state.commune !== undefined && state.commune !== SKIPPED &&
        !/^[0-9AB]{5}$/.test(state.commune)) delete state.commune;
    if (state.at !== undefined && QUESTIONS.indexOf(state.at) < 0) delete state.at;
    return state;
  }

  function serialize(state) {
    return QUESTIONS.concat(["at"]).filter(function (key) {
      return state[key] !== undefined;
    }).map(function (key) {
      return key + "=" + encodeURIComponent(state[key]);
    }).join("&");
  }

  function go(state) {
    history.pushState(null, "", "#" + serialize(state));
    acted = true;
    show(state);
  }

  // ----------------------------------------------------------------- what the answers mean

  function option(what) {
    return byId(P.options, what);
  }

  /* The stage of an answer to "what happened": a paper's stage, or a stage named by a
     stage page's link. */
  function stepOf(what) {
    var found = option(what);
    return byId(P.steps, found ? found.step : what);
  }

  /* The calculator's event that dates this answer: the paper's own, otherwise its stage's. */
  function eventOf(what) {
    if (!what || what === SKIPPED) return null;
    var found = option(what);
    var step = stepOf(what);
    var id = (found && found.event) || (step && !(found && found.start) ? step.event : null);
    return id ? byId(C.events, id) : null;
  }

  function applicable(state) {
    // The date is a question until the answer to "what happened" has no date to give.
    return QUESTIONS.filter(function (name) {
      return name !== "date" || state.what === undefined || !!eventOf(state.what);
    });
  }

  function reader(state) {
    return state.who === "landlord" ? "landlord" : "tenant";
  }

  function commune(state) {
    if (!communes || !state.commune || state.commune === SKIPPED) return null;
    return communes.communes.filter(function (row) { return row[1] === state.commune; })[0] ||
      null;
  }

  // ------------------------------------------------------------------------ the questions

  function current(state) {
    var list = applicable(state);
    if (state.at && list.indexOf(state.at) >= 0) return state.at;
    return list.filter(function (name) { return state[name] === undefined; })[0] || null;
  }

  function setError(name, message) {
    var box = document.getElementById("plan-error-" + name);
    box.textContent = message || "";
    box.hidden = !message;
  }

  function check(name, value) {
    var input = form.querySelector('input[name="plan-' + name + '"][value="' + value + '"]');
    if (input) input.checked = true;
  }

  function checked(name) {
    var input = form.querySelector('input[name="plan-' + name + '"]:checked');
    return input ? input.value : null;
  }

  function showQuestion(state, name) {
    var list = applicable(state);
    Array.prototype.forEach.call(form.querySelectorAll(".plan-q"), function (section) {
      section.hidden = section.getAttribute("data-question") !== name;
    });
    document.getElementById("plan-count-" + name).textContent =
      say("plan_count", { number: list.indexOf(name) + 1, total: list.length });
    setError(name, "");
    var landlord = state.who === "landlord";
    if (name === "who" && state.who) check("who", state.who);
    if (name === "what") {
      document.getElementById("plan-title-what").textContent =
        S[landlord ? "plan_what_legend_landlord" : "plan_what_legend_tenant"];
      document.getElementById("plan-hint-what").textContent =
        S[landlord ? "plan_what_hint_landlord" : "plan_what_hint_tenant"];
      var start = P.options.filter(function (item) { return item.start; })[0];
      document.querySelector('label[for="plan-what-' + start.id + '"]').textContent =
        S[landlord ? "plan_what_start_landlord" : "plan_what_start_tenant"];
      if (state.what) check("what", state.what);
    }
    if (name === "date") {
      var event = eventOf(state.what);
      var kind = event.date === "received" && landlord ? "received_landlord" : event.date;
      document.getElementById("plan-title-date").textContent = S["plan_date_legend_" + kind];
      document.getElementById("plan-hint-date").textContent =
        event.label + " — " + S["calc_date_hint_" + event.date];
      var parsed = state.date && state.date !== SKIPPED ? R.parseISO(state.date) : null;
      document.getElementById("plan-day").value = parsed ? String(parsed.d) : "";
      document.getElementById("plan-month").value = parsed ? String(parsed.m) : "";
      document.getElementById("plan-year").value = parsed ? String(parsed.y) : "";
    }
    if (name === "landlord") {
      document.getElementById("plan-title-landlord").textContent =
        S[landlord ? "plan_landlord_legend_landlord" : "plan_landlord_legend_tenant"];
      Array.prototype.forEach.call(
        document.querySelectorAll("#plan-q-landlord [data-for]"), function (group) {
          group.hidden = group.getAttribute("data-for") !== (landlord ? "landlord" : "tenant");
        });
      if (state.landlord) check(landlord ? "owner" : "landlord", state.landlord);
    }
    if (name === "commune") {
      var row = commune(state);
      communeBox.value = row ? row[0] : "";
      suggest();
    }
    backButton.hidden = list.indexOf(name) === 0;
    form.hidden = false;
    result.hidden = true;
    root.classList.remove("plan--done");
    if (acted) document.getElementById("plan-title-" + name).focus();
  }

  /* The answer on screen, or null (with the error shown) when there is none. */
  function answer(name, state) {
    if (name === "date") {
      var date = R.parseParts(document.getElementById("plan-day").value,
                              document.getElementById("plan-month").value,
                              document.getElementById("plan-year").value);
      if (!date) { setError(name, S.calc_error_date); return null; }
      return R.toISO(date);
    }
    if (name === "commune") {
      var picked = checked("commune");
      if (picked) return picked;
      if (shownMatches.length === 1) return shownMatches[0][1];
      setError(name, communesFailed ? S.near_load_failed : S.plan_commune_choose);
      return null;
    }
    var value = checked(name === "landlord" && state.who === "landlord" ? "owner" : name);
    if (!value) { setError(name, S.plan_error_choose); return null; }
    return value;
  }

  function advance(state, name, value) {
    var next = {};
    QUESTIONS.forEach(function (key) { if (state[key] !== undefined) next[key] = state[key]; });
    next[name] = value;
    if (name === "what" && value !== state.what) delete next.date;
    // Reviewing the answers (« Modifier mes réponses »): the next question, then the plan.
    if (state.at) {
      var list = applicable(next);
      var after = list[list.indexOf(name) + 1];
      if (after) next.at = after;
    }
    go(next);
  }

  function back(state) {
    var list = applicable(state);
    var here = current(state) || list[list.length - 1];
    var before = list[list.indexOf(here) - 1];
    if (!before) return;
    var next = {};
    QUESTIONS.forEach(function (key) { if (state[key] !== undefined) next[key] = state[key]; });
    next.at = before;
    go(next);
  }

  // ------------------------------------------------------------ the commune, as it is typed

  function suggest() {
    communeMatches.textContent = "";
    shownMatches = [];
    var query = communeBox.value.trim();
    if (!communes) {
      communeStatus.textContent = communesFailed ? S.near_load_failed : (query ? S.near_loading : "");
      return;
    }
    if (!query) { communeStatus.textContent = ""; return; }
    if (M.tooShort(query)) { communeStatus.textContent = S.near_empty; return; }
    var rows = M.matches(communes.communes, query);
    var exact = rows.filter(function (row) { return row.key === M.fold(query); });
    if (exact.length === 1) rows = exact;
    shownMatches = M.isPostcode(query) ? rows : rows.slice(0, 8);
    if (!rows.length) {
      communeStatus.textContent = say("plan_commune_none", { query: query });
      return;
    }
    communeStatus.textContent = shownMatches.length === 1
      ? say("plan_commune_pick_one", { name: shownMatches[0][0] })
      : say("plan_commune_pick", { count: shownMatches.length });
    shownMatches.forEach(function (row) {
      var id = "plan-commune-" + row[1];
      var input = el("input", { type: "radio", name: "plan-commune", id: id, value: row[1] });
      if (shownMatches.length === 1) input.checked = true;
      communeMatches.appendChild(el("div", { class: "calc-choice plan-choice" }, [
        input, el("label", { for: id, text: row[0] + " (" + row[2].join(", ") + ")" })]));
    });
  }

  function loadCommunes(then) {
    fetch(P.communes, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (json) {
        communes = json;
        M.prepare(communes.communes);
        then();
      })
      .catch(function () {
        communesFailed = true;
        then();
      });
  }

  // ----------------------------------------------------------------------------- the plan

  function section(title, nodes) {
    return [el("h3", { class: "plan-section", text: title })].concat(nodes);
  }

  /* The blocks of « Près de chez vous » for this commune and topic, without their heading
     and sources (the commune lookup page has them). */
  function nearYou(row, topic) {
    var block = document.querySelector('.plan-places [data-profile="' + row[5] +
                                       '"] .near-topic--' + topic);
    if (!block) return null;
    var copy = block.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll("h4, .near-source"), function (node) {
      node.parentNode.removeChild(node);
    });
    copy.className = "plan-whom";
    copy.insertBefore(el("p", { class: "plan-whom__label",
                                text: say("plan_whom", { commune: row[0] }) }), copy.firstChild);
    return copy;
  }

  function actionList(tag, actions, row) {
    return el(tag, { class: "plan-actions" }, actions.map(function (action) {
      return el("li", {}, [el("p", { text: action.text }),
                           action.contact && row ? nearYou(row, action.contact) : null]);
    }));
  }

  function dayTags(iso, eviction) {
    var date = R.parseISO(iso);
    var weekday = new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay();
    var tags = [];
    if (weekday === 6) tags.push(S.plan_tag_saturday);
    if (weekday === 0) tags.push(S.plan_tag_sunday);
    if (P.holidays[iso]) tags.push(say("plan_tag_holiday", { name: P.holidays[iso] }));
    var day = tags.length > 0;
    if (eviction !== false && R.truceAround(date, C.truce).inside) tags.push(S.plan_tag_truce);
    return { tags: tags, day: day };
  }

  function dateItem(iso, past, label, reference) {
    var flags = dayTags(iso);
    var tags = (past ? [S.plan_tag_past] : []).concat(flags.tags);
    var line = [el("strong", {}, [time(iso)])];
    if (tags.length) line.push(" ", el("span", { class: "plan-tag", text: "(" + tags.join(", ") + ")" }));
    return { day: flags.day, node: el("li", { class: "plan-date" + (past ? " plan-date--past" : "") }, [
      el("p", {}, line),
      el("p", { text: label }),
      reference ? el("p", { class: "plan-ref", text: say("plan_reference", { reference: reference }) }) : null]) };
  }

  function datesSection(state, step) {
    var event = eventOf(state.what);
    if (!event) return section(S.plan_dates_title, [el("p", { text: S.plan_dates_none })]);
    var index = {};
    C.steps.forEach(function (s) { s.deadlines.forEach(function (d) { index[d.id] = d; }); });
    if (!state.date || state.date === SKIPPED) {
      var known = event.deadlines.map(function (id) { return index[id]; })
        .filter(function (d) { return d && d.delay; });
      return section(S.plan_dates_title, [
        el("p", { text: known.length ? S.plan_dates_unknown : S.plan_dates_none }),
        known.length ? el("ul", {}, known.map(function (d) {
          return el("li", { text: R.formatDelay(d.delay, CS["unit_" + d.delay.unit]) + " — " +
                              d.label + " (" + d.reference + ")" });
        })) : null]);
    }
    var today = todayIso();
    var computed = R.compute(C, { event: event.id, date: state.date, lease: null, today: today });
    var items = reader(state) === "landlord" ? computed.items : computed.mine;
    var rows = [];
    if (event.given_label || !items.length) {
      rows.push(dateItem(computed.date, computed.past,
                         say("plan_given", { document: event.given_label || event.label }), null));
    }
    items.forEach(function (item) {
      var d = item.deadline;
      var scope = item.scope ? " — " + (item.scope.lease_signed_before
        ? CS.applies_lease_before.replace("{date}", dateWords(item.scope.lease_signed_before))
        : CS.applies_lease_from.replace("{date}", dateWords(item.scope.lease_signed_from))) : "";
      rows.push(dateItem(item.date, item.past, d.label + scope, d.reference));
    });
    var nodes = [el("ul", { class: "plan-dates" }, rows.map(function (row) { return row.node; }))];
    if (computed.truce) {
      var truce = computed.truce;
      nodes.push(el("p", { class: "plan-truce" }, truce.inside
        ? fill(S.plan_truce_in, { start: time(truce.start), end: time(truce.end),
                                  resume: time(truce.resume) })
        : fill(S.plan_truce_next, { start: time(truce.start), end: time(truce.end) })));
    }
    if (rows.some(function (row) { return row.day; })) {
      nodes.push(el("p", { class: "plan-note", text: say("plan_day_note", { name: P.help.name,
                                                                          number: P.help.number }) }));
    }
    return section(S.plan_dates_title, nodes);
  }

  function unknowns(state) {
    var list = [];
    if (state.who === SKIPPED) list.push(S.plan_unknown_who);
    if (state.what === SKIPPED) list.push(S.plan_unknown_what);
    if (eventOf(state.what) && state.date === SKIPPED) list.push(S.plan_unknown_date);
    if (state.landlord === SKIPPED) list.push(S.plan_unknown_landlord);
    if (state.commune === SKIPPED || (state.commune && !commune(state))) {
      list.push(S.plan_unknown_commune);
    }
    return list;
  }

  function renderPlan(state) {
    var step = state.what && state.what !== SKIPPED ? stepOf(state.what) : null;
    var who = reader(state);
    var row = commune(state);
    var nodes = [];
    if (state.who === "partner") nodes.push(el("p", { class: "plan-note", text: S.plan_for_partner }));
    if (row) {
      nodes.push(el("p", { class: "plan-note", text: say("plan_commune_line", {
        name: row[0], postcodes: row[2].join(", ") }) }));
    }
    if (!step) {
      nodes = nodes.concat(section(S.plan_stand_title, [
        el("p", {}, fill(S.plan_stand_unknown, { name: P.help.name, number: helpLink(),
                                                 cost: P.help.cost })),
        el("p", {}, [el("a", { href: P.letters_url, text: P.letters_title })]),
        el("p", { text: S.plan_all_stages }),
        el("ul", {}, P.steps.map(function (s) {
          return el("li", {}, [el("a", { href: s.readers[who].url,
                                         text: s.number + ". " + s.title })]);
        }))]));
    } else {
      var reading = step.readers[who];
      nodes = nodes.concat(section(S.plan_stand_title, [
        el("p", { class: "plan-stand" }, [el("strong", { text: say("plan_stand", {
          number: step.number, total: P.steps.length, title: step.title }) }), " " + reading.stand])]));
      nodes = nodes.concat(datesSection(state, step));
      if (reading.protects.length) {
        nodes = nodes.concat(section(S.plan_protects_title, [el("ul", { class: "plan-protects" },
          reading.protects.map(function (fact) {
            return el("li", {}, [fact.text + " ", el("span", { class: "plan-ref",
                                                               text: "(" + fact.reference + ")" })]);
          }))]));
      }
      // The things to do of the stage page's « À faire maintenant » (P.shown_actions at
      // most), then what holds only for this reader's kind of landlord (P.case_actions).
      var actions = reading.actions.slice(0, P.shown_actions);
      var doNow = [actionList("ol", actions, row)];
      if (!row && actions.some(function (a) { return a.contact; })) {
        doNow.push(el("p", { class: "plan-note" }, [el("a", { href: P.near_url,
                                                             text: S.plan_whom_no_commune })]));
      }
      // The sheets and letters of this stage, for this reader.
      if (reading.written.length) {
        var links = [S.plan_written + " "];
        reading.written.forEach(function (item, index) {
          if (index) links.push(" · ");
          links.push(el("a", { href: item.url, text: item.title }));
        });
        doNow.push(el("p", { class: "plan-written" }, links));
      }
      nodes = nodes.concat(section(S.plan_do_title, doNow));
      var kind = state.landlord === "social" ? "social"
        : (state.landlord === "private" || state.landlord === "company") ? "private" : null;
      if (kind && reading[kind].length) {
        var title = S["plan_case_" + (who === "landlord" ? "landlord_" : "") + kind];
        var caseNodes = [actionList("ul", reading[kind].slice(0, P.case_actions), row)];
        if (who === "landlord" && state.landlord === "company") {
          caseNodes.push(el("p", { class: "plan-note", text: S.plan_landlord_company_note }));
        }
        nodes = nodes.concat(section(title, caseNodes));
      }
      var next = [el("p", { text: step.next })];
      if (step.watch.length) next.push(el("p", { text: say("plan_watch", { documents: step.watch.join(S.plan_watch_separator) }) }));
      next.push(el("p", { class: "plan-more" }, [el("a", { href: reading.url, text: say("plan_full_page", { title: step.title }) })]));
      if (state.who === "partner") {
        next.push(el("p", { class: "plan-more" }, [el("a", { href: step.partner_url, text: S.plan_partner_page })]));
      }
      nodes = nodes.concat(section(S.plan_next_title, next));
    }
    var missing = unknowns(state);
    if (missing.length) {
      nodes = nodes.concat(section(S.plan_unknown_title, [el("ul", {}, missing.map(function (text) {
        return el("li", { text: text });
      }))]));
    }
    nodes.push(el("p", { class: "plan-help" }, fill(S.plan_help, {
      name: P.help.name, number: helpLink(), cost: P.help.cost })));
    nodes.push(el("p", { class: "plan-address", text: S.plan_address }));
    var print = el("button", { type: "button", class: "md-button md-button--primary", text: S.plan_print });
    print.addEventListener("click", function () { window.print(); });
    var change = el("button", { type: "button", class: "md-button", text: S.plan_change });
    change.addEventListener("click", function () {
      var next = {};
      QUESTIONS.forEach(function (key) { if (state[key] !== undefined) next[key] = state[key]; });
      next.at = QUESTIONS[0];
      go(next);
    });
    nodes.push(el("p", { class: "plan-buttons" }, [print, " ", change]));
    output.textContent = "";
    nodes.forEach(function (node) { output.appendChild(node); });
    form.hidden = true;
    result.hidden = false;
    root.classList.add("plan--done");
    if (acted) document.getElementById("plan-result-title").focus();
  }

  // ------------------------------------------------------------------------------- wiring

  var state = {};

  function show(next) {
    state = next;
    var name = current(state);
    if (name) showQuestion(state, name);
    else renderPlan(state);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();  // first: the form never leaves the page
    var name = current(state);
    if (!name) return;
    var value = answer(name, state);
    if (value !== null) advance(state, name, value);
  });
  skipButton.addEventListener("click", function () {
    var name = current(state);
    if (name) advance(state, name, SKIPPED);
  });
  backButton.addEventListener("click", function () { back(state); });
  communeBox.addEventListener("input", suggest);
  window.addEventListener("popstate", function () { show(parse(location.hash)); });

  var first = parse(location.hash);
  if (first.commune && first.commune !== SKIPPED) {
    // A plan sent as a link names its commune: show it once the communes are known.
    loadCommunes(function () { show(parse(location.hash)); });
  } else {
    loadCommunes(function () { if (current(state) === "commune") suggest(); });
  }
  show(first);
})();
