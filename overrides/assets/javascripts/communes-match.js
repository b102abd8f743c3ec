/* Finding a commune by what a reader types: its name, however written ("st etienne",
   "ST-ETIENNE", "Saint-Étienne"), or its postcode. No page, no network, no storage: used by
   « Près de chez vous » (near-you.js) and « Mon plan » (plan.js), and by the Node tests.

   A row of the communes file (DATA_FILES in generator/site/addresses.py) is
   [name, INSEE code, postcodes, arrondissement, EPCI, profile]; `prepare` adds its folded
   name as `row.key`. The folding rule is the generator's (generator/lang.py, `fold`). */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.CommuneMatch = api;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  /* "Saint-Étienne", "st etienne", "ST-ETIENNE" → "saint etienne". */
  function fold(text) {
    var words = String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/œ/g, "oe").replace(/æ/g, "ae")
      .replace(/[^a-z0-9]+/g, " ").trim().split(" ");
    return words.map(function (word) {
      return word === "st" ? "saint" : word === "ste" ? "sainte" : word;
    }).join(" ");
  }

  function prepare(rows) {
    rows.forEach(function (row) { row.key = fold(row[0]); });
    return rows;
  }

  function isPostcode(query) {
    return /^\d{2,5}$/.test(String(query).replace(/\s+/g, ""));
  }

  /* Too little to search: one digit, or fewer than two letters. */
  function tooShort(query) {
    return /^\d$/.test(String(query).trim()) || (!/\d/.test(query) && fold(query).length < 2);
  }

  function byName(a, b) {
    return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  }

  /* Each typed word begins a word of the name, in order: "st et" finds Saint-Étienne. */
  function wordsStart(words, typed) {
    var at = 0;
    return typed.every(function (part) {
      while (at < words.length && words[at].indexOf(part) !== 0) at++;
      return at++ < words.length;
    });
  }

  /* The rows that match, best first: a postcode's communes by name; for a name, the exact
     name, then names that start with it, a word that starts with it, the name without
     spaces, each typed word starting a word. */
  function matches(rows, query) {
    var digits = String(query).replace(/\s+/g, "");
    if (/^\d{2,5}$/.test(digits)) {
      return rows.filter(function (row) {
        return row[2].some(function (code) { return code.indexOf(digits) === 0; });
      }).sort(byName);
    }
    var q = fold(query);
    if (q.length < 2) return [];
    var squeezed = q.replace(/ /g, "");
    var typed = q.split(" ");
    var ranked = [];
    rows.forEach(function (row) {
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

  return { fold: fold, prepare: prepare, matches: matches, isPostcode: isPostcode,
           tooShort: tooShort };
});
