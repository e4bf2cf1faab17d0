/* paperlog static site search: no server, works from file://.
 *
 * search-index.js sets window.PAPERLOG_SEARCH = {papers: [{u, t, y, s, a, x}]} where x is
 * the searchable text (lower-cased here, once, on first use). A query is cut like paperlog's index does it
 * (paperlog/text.py): Latin words must occur at the start of a word (so "transform"
 * finds "Transformers"); a run of CJK characters is cut into overlapping bigrams, each of
 * which must occur ("注意力" -> "注意", "意力"), and a single CJK character must occur.
 * Every term must match; title matches rank first.
 */
(function () {
  "use strict";
  var CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff";
  var TOKEN = new RegExp("[" + CJK + "]+|[^\\s\\p{P}\\p{S}]+", "gu");
  var IS_CJK = new RegExp("^[" + CJK + "]");

  function escapeRegExp(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  /* The query as a list of {pattern, highlight} terms. */
  function parse(query) {
    var terms = [];
    var tokens = query.toLowerCase().match(TOKEN) || [];
    tokens.forEach(function (token) {
      if (IS_CJK.test(token)) {
        if (token.length === 1) {
          terms.push({ re: new RegExp(escapeRegExp(token)), word: token });
        } else {
          for (var i = 0; i + 1 < token.length; i++) {
            var bigram = token.slice(i, i + 2);
            terms.push({ re: new RegExp(escapeRegExp(bigram)), word: bigram });
          }
        }
      } else {
        terms.push({ re: new RegExp("(?:^|[^\\p{L}\\p{N}])" + escapeRegExp(token), "u"), word: token });
      }
    });
    return terms;
  }

  function search(papers, query) {
    var terms = parse(query);
    if (!terms.length) { return []; }
    if (!papers.lowered) {
      for (var k = 0; k < papers.length; k++) { papers[k].lx = papers[k].x.toLowerCase(); }
      papers.lowered = true;
    }
    var hits = [];
    for (var i = 0; i < papers.length; i++) {
      var doc = papers[i];
      var ok = true;
      var score = 0;
      var title = doc.t.toLowerCase();
      for (var j = 0; j < terms.length; j++) {
        if (!terms[j].re.test(doc.lx)) { ok = false; break; }
        score += terms[j].re.test(title) ? 10 : 1;
      }
      if (ok) { hits.push({ doc: doc, score: score }); }
    }
    hits.sort(function (a, b) { return b.score - a.score || (b.doc.y || 0) - (a.doc.y || 0); });
    return { hits: hits, terms: terms };
  }

  function snippet(text, lowered, terms) {
    var first = -1;
    terms.forEach(function (t) {
      var at = lowered.indexOf(t.word);
      if (at >= 0 && (first < 0 || at < first)) { first = at; }
    });
    if (first < 0) { return ""; }
    /* Whole words only (Chinese has no spaces: look for one only a few characters on),
     * and no " · " block separator at either end. */
    var start = Math.max(0, first - 50);
    var space = start > 0 ? text.indexOf(" ", start) : -1;
    if (space >= 0 && space < first && space - start < 16) { start = space + 1; }
    var end = Math.min(text.length, start + 180);
    space = end < text.length ? text.lastIndexOf(" ", end) : -1;
    if (space > first && end - space < 16) { end = space; }
    var piece = text.slice(start, end).replace(/^[\s·]+|[\s·]+$/g, "");
    piece = (start > 0 ? "… " : "") + piece + (end < text.length ? " …" : "");
    var html = escapeHtml(piece);
    var words = terms.map(function (t) { return escapeRegExp(escapeHtml(t.word)); });
    return html.replace(new RegExp("(" + words.join("|") + ")", "gi"), "<mark>$1</mark>");
  }

  function show() {
    var data = window.PAPERLOG_SEARCH;
    var input = document.getElementById("q");
    var status = document.getElementById("search-status");
    var list = document.getElementById("search-results");
    if (!data || !input) { return; }
    var query = input.value.trim();
    list.innerHTML = "";
    if (!query) { status.textContent = data.papers.length + " papers. Type to search."; return; }
    var result = search(data.papers, query);
    var hits = result.hits || [];
    status.textContent = hits.length + (hits.length === 1 ? " paper" : " papers") + " found";
    hits.slice(0, 200).forEach(function (hit) {
      var li = document.createElement("li");
      li.className = "hit";
      li.innerHTML = '<a class="title" href="' + escapeHtml(encodeURI(hit.doc.u)) + '">' +
        escapeHtml(hit.doc.t) + "</a>" + (hit.doc.y ? ' <span class="year">(' + hit.doc.y + ")</span>" : "") +
        (hit.doc.a ? ' <span class="authors">' + escapeHtml(hit.doc.a) + "</span>" : "") +
        '<span class="snippet">' + snippet(hit.doc.x, hit.doc.lx, result.terms) + "</span>";
      list.appendChild(li);
    });
  }

  window.paperlogSearch = function (query) {
    var data = window.PAPERLOG_SEARCH;
    return data ? (search(data.papers, query).hits || []).map(function (h) { return h.doc; }) : [];
  };

  document.addEventListener("DOMContentLoaded", function () {
    var input = document.getElementById("q");
    if (!input) { return; }
    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    input.addEventListener("input", show);
    show();
  });
})();
