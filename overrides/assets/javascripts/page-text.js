/* Writing text into a page without ever reading it as HTML: the small helpers the tools'
   scripts share (the calculator, « Mon plan »). Loaded before them, as window.PageText. */
(function () {
  "use strict";

  /** An element with attributes ("text": its text) and children (strings become text). */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  /** An interface string with {slots} filled by text or by elements (never as HTML). */
  function fill(template, values) {
    var parts = [];
    template.split(/(\{[a-z0-9_-]+\})/).forEach(function (piece) {
      var match = /^\{([a-z0-9_-]+)\}$/.exec(piece);
      var value = match && Object.prototype.hasOwnProperty.call(values, match[1])
        ? values[match[1]] : piece;
      if (value === "") return;
      parts.push(typeof value === "string" ? document.createTextNode(value) : value);
    });
    return parts;
  }

  /** An interface string with {slots} filled by plain text; unknown slots left as they are. */
  function fillText(template, values) {
    return template.replace(/\{([a-z0-9_-]+)\}/g, function (all, name) {
      return values && Object.prototype.hasOwnProperty.call(values, name)
        ? String(values[name]) : all;
    });
  }

  window.PageText = { el: el, fill: fill, fillText: fillText };
})();
