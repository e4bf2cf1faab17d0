/* paperlog web app: keyboard shortcuts, math after swaps, queue drag and drop, editor keys.
 * No inline script anywhere (the Content-Security-Policy forbids it): everything is here.
 */
(function () {
  "use strict";

  function csrfToken() {
    var holder = document.body && document.body.getAttribute("hx-headers");
    try { return JSON.parse(holder || "{}")["X-CSRF-Token"] || ""; } catch (e) { return ""; }
  }

  function typing(event) {
    var t = event.target;
    return t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
  }

  function results() { return Array.prototype.slice.call(document.querySelectorAll(".results > li.result")); }

  function select(index) {
    var items = results();
    if (!items.length) { return; }
    index = Math.max(0, Math.min(items.length - 1, index));
    items.forEach(function (item, i) { item.classList.toggle("selected", i === index); });
    items[index].scrollIntoView({ block: "nearest" });
  }

  function selectedIndex() {
    return results().findIndex(function (item) { return item.classList.contains("selected"); });
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey && event.key === "s") {
      var form = document.getElementById("edit-form");
      if (form) { event.preventDefault(); form.requestSubmit(); }
      return;
    }
    if (event.key === "Escape") {
      var active = document.activeElement;
      if (active && active.id === "q") { active.blur(); return; }
      var edit = document.getElementById("edit-form");
      if (edit && !typing(event)) { window.location.href = edit.dataset.back; }
      return;
    }
    if (event.key === "/" && event.target.id === "q" && event.target.value === "") {
      event.preventDefault(); /* the box is already focused: "/" only says "search" */
      return;
    }
    if (typing(event) || event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (event.key === "/") {
      var q = document.getElementById("q");
      if (q) { event.preventDefault(); q.focus(); q.select(); }
      else { window.location.href = "/"; }
    } else if (event.key === "j") {
      select(selectedIndex() + 1);
    } else if (event.key === "k") {
      select(Math.max(0, selectedIndex() - 1));
    } else if (event.key === "Enter") {
      var item = results()[selectedIndex()];
      if (item) { window.location.href = item.dataset.href; }
    } else if (event.key === "e") {
      var link = document.getElementById("edit-link");
      if (link) { window.location.href = link.getAttribute("href"); }
    }
  });

  /* From the search box, Down moves into the results. */
  document.addEventListener("keydown", function (event) {
    if (event.target && event.target.id === "q" && event.key === "ArrowDown") {
      event.preventDefault(); event.target.blur(); select(0);
    } else if (event.target && event.target.id === "q" && event.key === "Enter") {
      event.preventDefault(); /* search runs as you type; Enter opens the first result */
      var first = results()[Math.max(0, selectedIndex())];
      if (first) { window.location.href = first.dataset.href; }
    }
  });

  /* Keep the address bar tidy: searches leave out the filters that are not set. */
  document.addEventListener("htmx:configRequest", function (event) {
    var detail = event.detail;
    if (detail.verb !== "get" || !detail.formData) { return; }
    var empty = [];
    detail.formData.forEach(function (value, name) { if (value === "") { empty.push(name); } });
    empty.forEach(function (name) { detail.formData.delete(name); });
  });

  /* Typeset math in whatever htmx just put on the page (the live preview). */
  document.addEventListener("htmx:afterSwap", function (event) {
    if (window.paperlogRenderMath) { window.paperlogRenderMath(event.detail.target); }
  });

  /* Unsaved edits: ask before leaving the editor (saving, or a conflict page, keeps them).
   * An editor that came back from a refused save holds text that is not on disk yet. */
  var dirty = !!document.querySelector("#edit-form[data-unsaved]");
  document.addEventListener("input", function (event) {
    if (event.target.closest && event.target.closest("#edit-form")) { dirty = true; }
  });
  document.addEventListener("submit", function () { dirty = false; });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) { event.preventDefault(); event.returnValue = ""; }
  });

  /* The file editor: "go to line N" selects that line of the text, as an error names it. */
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".goto-line");
    var box = document.getElementById("source-input");
    if (!button || !box) { return; }
    var lines = box.value.split("\n");
    var line = Math.max(1, Math.min(Number(button.dataset.line) || 1, lines.length));
    var start = 0;
    for (var i = 0; i < line - 1; i++) { start += lines[i].length + 1; }
    box.focus();
    box.setSelectionRange(start, start + lines[line - 1].length);
    var height = parseFloat(window.getComputedStyle(box).lineHeight) || 20;
    box.scrollTop = Math.max(0, (line - 3) * height);
  });

  /* Drag and drop in the to-read queue; the arrow buttons do the same without a mouse. */
  var dragged = null;
  document.addEventListener("dragstart", function (event) {
    var item = event.target.closest && event.target.closest("#queue li[draggable]");
    if (!item) { return; }
    dragged = item;
    item.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", item.dataset.key);
  });
  document.addEventListener("dragover", function (event) {
    var item = event.target.closest && event.target.closest("#queue li[draggable]");
    if (dragged && item) { event.preventDefault(); item.classList.add("drop-target"); }
  });
  document.addEventListener("dragleave", function (event) {
    var item = event.target.closest && event.target.closest("#queue li[draggable]");
    if (item) { item.classList.remove("drop-target"); }
  });
  document.addEventListener("drop", function (event) {
    var item = event.target.closest && event.target.closest("#queue li[draggable]");
    if (!dragged || !item) { return; }
    event.preventDefault();
    var key = dragged.dataset.key, to = item.dataset.place;
    dragged.classList.remove("dragging"); dragged = null;
    if (!window.htmx) { return; }
    window.htmx.ajax("POST", "/queue/move", {
      target: "#queue-list", values: { key: key, to: to }, headers: { "X-CSRF-Token": csrfToken() }
    });
  });
  document.addEventListener("dragend", function () {
    if (dragged) { dragged.classList.remove("dragging"); dragged = null; }
    document.querySelectorAll(".drop-target").forEach(function (el) { el.classList.remove("drop-target"); });
  });
})();
