/* "Print this page" buttons: shown only when JavaScript runs (they are hidden otherwise, the
   browser's own print command still works with the print stylesheet). */
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});

/* Fold-outs (<details>) print open, whichever way the page is printed. */
window.addEventListener("beforeprint", function () {
  document.querySelectorAll("details").forEach(function (details) { details.open = true; });
});
