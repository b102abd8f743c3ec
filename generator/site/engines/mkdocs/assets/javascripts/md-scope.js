/* Material for MkDocs 9.8.2's page helpers (partials/javascripts/base.html, MIT licence),
   copied into the site by the build (generator/site/engines/mkdocs/hooks.py) and loaded
   from a file so that the Content-Security-Policy needs no inline script. */
__md_scope = new URL(document.currentScript.getAttribute("data-md-scope"), location);
__md_hash = e => [...e].reduce((e, _) => (e << 5) - e + _.charCodeAt(0), 0);
__md_get = (e, _ = localStorage, t = __md_scope) => JSON.parse(_.getItem(t.pathname + "." + e));
__md_set = (e, _, t = localStorage, a = __md_scope) => {
  try { t.setItem(a.pathname + "." + e, JSON.stringify(_)); } catch (e) {}
};
