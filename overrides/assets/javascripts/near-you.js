/* « Près de chez vous » — the page "near_you" (generator/site/addresses.py). A commune name or a postcode
   in a combobox (WAI-ARIA 1.2 pattern: the field keeps the focus, arrows move through the
   suggestions, Enter chooses, Escape closes). The answer is a copy of the block the page
   already shows for the commune's profile (#reponse-N, written by the generator from the
   data); the communes file (DATA_FILES in addresses.py), loaded from this site only, maps each commune to it.

   Privacy: nothing the reader types leaves the page. No request but the commune list, no
   cookie, no storage, no change to the address bar; the form is never submitted. */
(function () {
  "use strict";

  var root = document.getElementById("near-you");
  var strings = document.getElementById("near-strings");
  if (!root || !strings || !window.fetch || !String.prototype.normalize) return;
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

  /* "Saint-Étienne", "st etienne", "ST-ETIENNE" → "saint etienne". */
  function fold(text) {
    var words = text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/œ/g, "oe").replace(/æ/g, "ae")
      .replace(/[^a-z0-9]+/g, " ").trim().split(" ");
    return words.map(function (word) {
      return word === "st" ? "saint" : word === "ste" ? "sainte" : word;
    }).join(" ");
  }

  function load() {
    fetch(root.getAttribute("data-source"), { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (json) {
        data = json;
        data.communes.forEach(function (row) { row.key = fold(row[0]); });
        if (input.value) suggest();
      })
      .catch(function () {
        failed = true;
        status.textContent = say("near_load_failed");
      });
  }

  function matches(query) {
    var digits = query.replace(/\s+/g, "");
    if (/^\d{2,5}$/.test(digits)) {
      return data.communes.filter(function (row) {
        return row[2].some(function (code) { return code.indexOf(digits) === 0; });
      }).sort(byName);
    }
    var q = fold(query);
    if (q.length < 2) return [];
    var squeezed = q.replace(/ /g, "");
    var typed = q.split(" ");
    var ranked = [];
    data.communes.forEach(function (row) {
      var key = row.key;
      var rank = key === q ? 0
        : key.indexOf(q) === 0 ? 1
        : (" " + key).indexOf(" " + q) >= 0 ? 2
        : key.replace(/ /g, "").indexOf(squeezed) >= 0 ? 3
        : wordsStart(key.split(" "), typed) ? 4 : -1;
      if (rank >= 0) ranked.push([rank, row]);
    });
    ranked.sort(function (a, b) { return a[0] - b[0] || byName(a[1], b[1]); });
    return ranked.map(function (item) { return item[1]; });
  }

  /* Each typed word begins a word of the name, in order: "st et" finds
     Saint-Étienne. */
  function wordsStart(words, typed) {
    var at = 0;
    return typed.every(function (part) {
      while (at < words.length && words[at].indexOf(part) !== 0) at++;
      return at++ < words.length;
    });
  }

  function byName(a, b) {
    return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
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
    var postcode = isPostcode(query);
    open(rows, postcode);
    if (!query) status.textContent = "";
    else if (tooShort(query)) status.textContent = say("near_empty");
    else if (!rows.length) status.textContent = say("near_none", { query: query });
    else if (rows.length === 1) status.textContent = say("near_count_one");
    else if (postcode || rows.length <= MAX) status.textContent =
      say("near_count_many", { count: rows.length });
    else status.textContent = say("near_count_more", { count: MAX, total: rows.length });
  }

  function isPostcode(query) {
    return /^\d{2,5}$/.test(query.replace(/\s+/g, ""));
  }

  function tooShort(query) {
    return /^\d$/.test(query.trim()) || (!/\d/.test(query) && fold(query).length < 2);
  }

  /* Enter or « Voir »: the highlighted suggestion; otherwise the one commune that matches,
     or the commune whose name is typed in full; otherwise say why not. */
  function submit() {
    if (!data) { suggest(); return; }
    if (active >= 0 && options[active]) { choose(options[active]); return; }
    var query = input.value.trim();
    if (!query || tooShort(query)) {
      status.textContent = say("near_empty");
      return;
    }
    var rows = matches(query);
    var exact = rows.filter(function (row) { return row.key === fold(query); });
    if (rows.length === 1 || exact.length === 1) { choose(exact[0] || rows[0]); return; }
    if (!rows.length) { close(); status.textContent = say("near_none", { query: query }); return; }
    open(rows, isPostcode(query));
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
