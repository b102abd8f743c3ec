/* The live preview's reload (make serve only; never in the built site). MkDocs 1.6's own
   poller (mkdocs/livereload), loaded from a file because the pages' Content-Security-Policy
   forbids inline scripts: it asks the server for the site's version and reloads the page,
   once, when a rebuild has finished. */
(function () {
  "use strict";
  var script = document.currentScript;
  var epoch = script.getAttribute("data-epoch");
  var requestId = script.getAttribute("data-request");
  var request, timeout;

  function poll() {
    request = new XMLHttpRequest();
    request.onloadend = function () {
      if (parseFloat(this.responseText) > epoch) {
        location.reload();
      } else {
        timeout = setTimeout(poll, this.status === 200 ? 0 : 3000);
      }
    };
    request.open("GET", "/livereload/" + epoch + "/" + requestId);
    request.send();
  }

  function stop() {
    if (request) request.abort();
    if (timeout) clearTimeout(timeout);
    request = timeout = undefined;
  }

  window.addEventListener("load", function () {
    if (document.visibilityState === "visible") poll();
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") poll(); else stop();
  });
  window.addEventListener("beforeunload", stop);
})();
