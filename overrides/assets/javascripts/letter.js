/* Model letters (data/letters.yaml): writing one into the page as the reader fills it in.
   Used by « Proposer un plan d'apurement » (repayment.js, with the plan's figures) and by
   each letter's page (its own fields only). Loaded after page-text.js, as window.LetterWriter.

   The letter is in French, whatever the page's language (it goes to French bodies); on a page
   in another language each paragraph is followed by its explanation, which is not printed.
   Nothing is sent: « Copier » puts the text on the reader's clipboard, « Imprimer » prints the
   letter alone (the stylesheet's .printing-letter rules). */
(function () {
  "use strict";

  var T = window.PageText;
  if (!T) return;
  var el = T.el;

  function today(letter) {
    var now = new Date();
    var words = { months: letter.months, first_day: letter.first_day, pattern: letter.date_pattern };
    return window.DeadlineRules.formatDate(
      { y: now.getFullYear(), m: now.getMonth() + 1, d: now.getDate() }, words);
  }

  /** Attach the letter `letter` (its JSON) to the section `root`: its inputs
      (#letter-<field id>) fill `.letter-text`; `values` (the figures a tool fills) may be
      given later with setValues. */
  function attach(root, letter, strings, pageLang) {
    var text = root.querySelector(".letter-text");
    var status = root.querySelector(".letter-status");
    var given = null;

    function typed(id) {
      var box = root.querySelector("#letter-" + id);
      return box ? box.value.trim() : "";
    }

    function values() {
      var out = {};
      letter.typed.forEach(function (id) { out[id] = typed(id) || strings.letter_blank; });
      Object.keys(letter.filled).forEach(function (id) { out[id] = letter.filled[id]; });
      letter.today.forEach(function (id) { out[id] = today(letter); });
      Object.keys(given || {}).forEach(function (id) { out[id] = given[id]; });
      return out;
    }

    function block(line, cls) {
      text.appendChild(el("p", { class: cls }, String(line).split("\n").reduce(
        function (all, part, i) {
          if (i) all.push(el("br"));
          all.push(part);
          return all;
        }, [])));
    }

    function write() {
      if (letter.needs_values && !given) return;
      var v = values();
      text.textContent = "";
      // The heading: who writes, to whom, where and when, then the subject.
      block(T.fillText(letter.header.sender, v), "letter__from");
      block(T.fillText(letter.header.recipient, v), "letter__to");
      block(T.fillText(letter.header.date, v), "letter__date");
      block(T.fillText(strings.letter_subject, { subject: T.fillText(letter.subject, v) }),
            "letter__subject");
      letter.paragraphs.forEach(function (paragraph) {
        block(T.fillText(paragraph.text, v), "letter__p");
        if (paragraph.explanation && pageLang !== letter.lang) {
          text.appendChild(el("p", {
            class: "letter__why", lang: pageLang,
            text: T.fillText(strings.letter_why, { explanation: paragraph.explanation }) +
              (paragraph.reference ? " (" + paragraph.reference + ")" : "") }));
        }
      });
    }

    function asText() {
      return Array.prototype.filter.call(text.children, function (node) {
        return !node.classList.contains("letter__why");
      }).map(function (node) { return node.innerText; }).join("\n\n");
    }

    var form = root.querySelector("form");
    form.addEventListener("input", write);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    root.querySelector(".letter-print").addEventListener("click", function () {
      document.body.classList.add("printing-letter");
      window.print();
      document.body.classList.remove("printing-letter");
    });
    root.querySelector(".letter-copy").addEventListener("click", function () {
      if (!navigator.clipboard) return;
      navigator.clipboard.writeText(asText()).then(function () {
        status.textContent = strings.letter_copied;
      });
    });
    write();
    return {
      setValues: function (next) {
        given = next;
        root.hidden = false;
        write();
      }
    };
  }

  /* Every letter of the page, by its section's id: repayment.js gives its letter the plan. */
  var writers = {};
  Array.prototype.forEach.call(document.querySelectorAll("[data-letter]"), function (section) {
    var letter = JSON.parse(section.querySelector(".letter-rules").textContent);
    writers[section.id] = attach(section, letter, letter.strings, document.documentElement.lang);
  });

  window.LetterWriter = { attach: attach, writers: writers };
})();
