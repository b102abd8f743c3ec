/* Written for Material for MkDocs 9.8.2 (lunr search). Appended by the build
   (generator/site/engines/mkdocs/hooks.py) to lunr's French language file: words are
   indexed without their accents, after the French stop-word filter (the last step Material
   keeps in its pipeline). requests.js folds the reader's query the same way, so "echeance"
   and "échéance" find the same pages. The text shown in results keeps its accents. */
;(function () {
  if (typeof lunr === "undefined" || !lunr.fr || lunr.fr.__foldsAccents) return;
  var filter = lunr.fr.stopWordFilter;
  lunr.fr.stopWordFilter = function (token) {
    var kept = filter(token);
    if (!kept) return kept;
    return kept.update(function (text) {
      return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    });
  };
  lunr.fr.__foldsAccents = true;
  lunr.Pipeline.registerFunction(lunr.fr.stopWordFilter, "stopWordFilter-fr");
})();
