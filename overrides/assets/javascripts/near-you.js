/* « Près de chez vous » — the page "near_you" (generator/site/addresses.py). A commune name or a postcode
   in a combobox (WAI-ARIA 1.2 pattern: the field keeps the focus, arrows move through the
   suggestions, Enter chooses, Escape closes). The answer is a copy of the block the page
   already shows for the commune's profile (#reponse-N, written by the generator from the
   data); the communes file (DATA_FILES in addresses.py), loaded from this site only, maps each commune to it.

   Privacy: nothing the reader types leaves the page. No request but the commune list, no
   cookie, no storage, no change to the address bar; the form is never submitted. */
(function () {
  "use strict";

  var M = window.CommuneMatch;
  var root = document.getElementById("near-you");
  var strings = document.getElementById("near-strings");
  if (!M || !root || !strings || !window.fetch || !String.prototype.normalize) return;
  var S = JSON.parse(strings.textContent);
  var form = document.getElementById("near-form");
  var input = document.getElementById("near-input");
  var list = document.getElementById("near-options");
  var status = document.getElementById("near-status");
  var result = document.getElementById("near-result");
  var MAX = 10;
  var data = null;
  var failed = false;
  var options = [];
  var active = -1;
  var shown = null;

  root.hidden = false;

  function say(key, values) {
    return S[key].replace(/\{(\w+)\}/g, function (_, name) {
      return values && values[name] !== undefined ? String(values[name]) : "";
    });
  }

  function load() {
    fetch(root.getAttribute("data-source"), { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (json) {
        data = json;
        M.prepare(data.communes);
        if (input.value) suggest();
      })
      .catch(function () {
        failed = true;
        status.textContent = say("near_load_failed");
      });
  }

  function matches(query) {
    return M.matches(data.communes, query);
  }

  function label(row) {
    return row[0] + " (" + row[2].join(", ") + ")";
  }

  function close() {
    list.hidden = true;
    list.textContent = "";
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    options = [];
    active = -1;
  }

  /* A postcode lists all its communes (29 at most); a name, the best MAX. */
  function open(rows, all) {
    list.textContent = "";
    options = all ? rows : rows.slice(0, MAX);
    options.forEach(function (row, index) {
      var item = document.createElement("li");
      item.id = "near-option-" + index;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      item.className = "near-option";
      item.textContent = label(row);
      item.addEventListener("mousedown", function (event) { event.preventDefault(); });
      item.addEventListener("click", function () { choose(row); });
      list.appendChild(item);
    });
    list.hidden = options.length === 0;
    input.setAttribute("aria-expanded", options.length ? "true" : "false");
    active = -1;
    input.removeAttribute("aria-activedescendant");
  }

  function highlight(index) {
    var items = list.children;
    if (!items.length) return;
    active = (index + items.length) % items.length;
    for (var i = 0; i < items.length; i++) {
      items[i].setAttribute("aria-selected", i === active ? "true" : "false");
    }
    input.setAttribute("aria-activedescendant", items[active].id);
    items[active].scrollIntoView({ block: "nearest" });
  }

  /* Suggestions while typing; the count is announced, not the list. */
  function suggest() {
    if (!data) {
      if (!failed) status.textContent = say("near_loading");
      return;
    }
    var query = input.value.trim();
    // A new search hides the last answer, so that it is never read as this one's.
    if (shown !== null && query !== shown) { result.hidden = true; shown = null; }
    var rows = query ? matches(query) : [];
    var postcode = M.isPostcode(query);
    open(rows, postcode);
    if (!query) status.textContent = "";
    else if (M.tooShort(query)) status.textContent = say("near_empty");
    else if (!rows.length) status.textContent = say("near_none", { query: query });
    else if (rows.length === 1) status.textContent = say("near_count_one");
    else if (postcode || rows.length <= MAX) status.textContent =
      say("near_count_many", { count: rows.length });
    else status.textContent = say("near_count_more", { count: MAX, total: rows.length });
  }

  /* Enter or « Voir »: the highlighted suggestion; otherwise the one commune that matches,
     or the commune whose name is typed in full; otherwise say why not. */
  function submit() {
    if (!data) { suggest(); return; }
    if (active >= 0 && options[active]) { choose(options[active]); return; }
    var query = input.value.trim();
    if (!query || M.tooShort(query)) {
      status.textContent = say("near_empty");
      return;
    }
    var rows = matches(query);
    var exact = rows.filter(function (row) { return row.key === M.fold(query); });
    if (rows.length === 1 || exact.length === 1) { choose(exact[0] || rows[0]); return; }
    if (!rows.length) { close(); status.textContent = say("near_none", { query: query }); return; }
    open(rows, M.isPostcode(query));
    highlight(0);
    var digits = query.replace(/\s+/g, "");
    status.textContent = /^\d{5}$/.test(digits)
      ? say("near_postcode_many", { postcode: digits, count: rows.length })
      : say("near_choose");
  }

  function choose(row) {
    close();
    input.value = row[0];
    var profile = document.getElementById(row[5]);
    if (!profile) return;
    document.getElementById("near-result-title").textContent = row[0];
    document.getElementById("near-facts").textContent = say("near_result_facts", {
      postcodes: row[2].join(", "),
      arrondissement: data.arrondissements[row[3]],
      epci: row[4] ? data.epci[row[4]] : say("near_no_epci")
    });
    document.getElementById("near-metropole").textContent = !data.metropole ? "" :
      say(row[4] === data.metropole ? "near_in_metropole" : "near_not_metropole",
          { name: data.epci[data.metropole] });
    // « Mon plan » for this commune: its answers in the plan's address.
    var plan = document.getElementById("near-plan");
    plan.href = plan.getAttribute("href").split("#")[0] + "#commune=" + row[1];
    plan.textContent = say("near_plan_link", { name: row[0] });
    var body = document.getElementById("near-result-body");
    body.textContent = "";
    var copy = profile.querySelector(".near-profile__body").cloneNode(true);
    // One level up: the commune's name is this answer's h2, its questions are h3.
    Array.prototype.forEach.call(copy.querySelectorAll("h4"), function (heading) {
      var h3 = document.createElement("h3");
      while (heading.firstChild) h3.appendChild(heading.firstChild);
      heading.parentNode.replaceChild(h3, heading);
    });
    Array.prototype.forEach.call(copy.querySelectorAll("[id]"), function (node) {
      node.removeAttribute("id");
    });
    body.appendChild(copy);
    result.hidden = false;
    shown = row[0];
    status.textContent = say("near_shown", { name: row[0] });
    document.getElementById("near-result-title").focus();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    submit();
  });
  input.addEventListener("input", suggest);
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "Down") {
      event.preventDefault();
      if (list.hidden) suggest();
      highlight(active + 1);
    } else if (event.key === "ArrowUp" || event.key === "Up") {
      event.preventDefault();
      if (list.hidden) suggest();
      highlight(active - 1);
    } else if (event.key === "Escape" || event.key === "Esc") {
      if (!list.hidden) { event.preventDefault(); close(); }
      else if (input.value) { event.preventDefault(); input.value = ""; status.textContent = ""; }
    }
  });
  // Leaving the field closes the list, unless the reader is back in it by then.
  input.addEventListener("blur", function () {
    setTimeout(function () { if (document.activeElement !== input) close(); }, 150);
  });
  load();
})();
