/* Written for Material for MkDocs 9.8.2; copied into the site by the build
   (generator/site/engines/mkdocs/hooks.py). Keeps a first visit light and local:
   - the search index (search/search_index.json, requested by Material at load) is held back
     until the reader starts a search;
   - the sitemap lookups that Material makes for every <link rel="alternate"> are never sent:
     they assume the links point to language home pages, and this site's language selector
     already links each page to its twin (overrides/partials/alternate.html);
   - on French pages, the search query is sent to the search worker without accents, as the
     French index is built (fold-accents.js): "echeance" finds "échéance"; and without elided
     l', d', qu'…, which the index splits off (its separator splits at apostrophes);
   - a search started from a reader's page (data-audience, from the page's front matter:
     a stage page or its index) lists that reader's pages first: their scores are multiplied
     by SAME_READER before the results are shown. */
(function () {
  "use strict";
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var held = [];
  var started = /[?&]q=/.test(location.search);

  function start() {
    if (started) return;
    started = true;
    held.splice(0).forEach(function (release) { release(); });
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.__searchIndex = /search\/search_index\.json$/.test(String(url));
    this.__sitemap = /sitemap\.xml$/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function (body) {
    var request = this;
    if (request.__sitemap) return undefined;
    if (request.__searchIndex && !started) {
      held.push(function () { send.call(request, body); });
      return undefined;
    }
    return send.apply(this, arguments);
  };

  if (document.documentElement.lang === "fr" && typeof Worker !== "undefined") {
    var post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (message) {
      // In Material 9.8.2 a search query sent to the worker has type 2 (SearchMessageType
      // QUERY in Material's sources). Check it again when Material is upgraded.
      if (message && message.type === 2 && typeof message.data === "string") {
        // Without accents, and without the elided article or pronoun that the index keeps
        // apart ("plan d'apurement" → "plan apurement"; l', d', qu', j', n', s', c', m', t').
        var folded = message.data.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
          .replace(/(^|[\s(])(?:qu|[ldjnscmt])['\u2019]/gi, "$1");
        arguments[0] = { type: message.type, data: folded };
      }
      return post.apply(this, arguments);
    };
  }

  var SAME_READER = 2;
  /* Material 9.8.2's worker answers a query with {type: 3, data: {items: [[section…]…]}}:
     one array per page, its best section first, each with its location (relative to the
     language's root, e.g. "<audience>/<stage>/#…") and score. */
  function ownReaderFirst(result) {
    var marker = document.querySelector("[data-audience]");
    if (!marker || !result || !Array.isArray(result.items)) return;
    var own = marker.getAttribute("data-audience") + "/";
    result.items = result.items.map(function (sections, index) {
      var best = Math.max.apply(null, sections.map(function (s) { return s.score || 0; }));
      var mine = sections.length && String(sections[0].location).indexOf(own) === 0;
      return { sections: sections, index: index, score: best * (mine ? SAME_READER : 1) };
    }).sort(function (a, b) {
      return (b.score - a.score) || (a.index - b.index);
    }).map(function (entry) { return entry.sections; });
  }

  if (typeof Worker !== "undefined") {
    var listen = Worker.prototype.addEventListener;
    Worker.prototype.addEventListener = function (type, handler, options) {
      if (type !== "message" || typeof handler !== "function") {
        return listen.apply(this, arguments);
      }
      return listen.call(this, type, function (event) {
        if (event.data && event.data.type === 3) ownReaderFirst(event.data.data);
        return handler.apply(this, arguments);
      }, options);
    };
  }

  function inSearch(target) {
    return target && target.closest &&
      target.closest("form[name=search], .md-search, label[for=__search]");
  }
  document.addEventListener("focusin", function (event) {
    if (inSearch(event.target)) start();
  });
  document.addEventListener("pointerdown", function (event) {
    if (inSearch(event.target)) start();
  });
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search") start();
  });
  // Material's shortcuts open the search, except while the reader types in a field of
  // the page (the commune of « Près de chez vous »).
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
        && !inSearch(target)) return;
    if (event.key === "/" || event.key === "s" || event.key === "f") start();
  });
})();
