/* paperlog: typeset the math in rendered notes with the vendored KaTeX.
 *
 * paperlog.markdown writes `$...$` as <span class="math inline">TeX</span> and `$$...$$`
 * as <div class="math display">TeX</div> (or a span with class "display" inside a
 * paragraph). Load katex.min.js first, then this file. A formula KaTeX cannot parse is
 * left as its TeX source, marked with class "math-error" and the message as a tooltip.
 */
(function () {
  "use strict";
  function renderMath(root) {
    if (typeof katex === "undefined") { return; }
    var nodes = (root || document).querySelectorAll(".math:not(.math-done)");
    for (var i = 0; i < nodes.length; i++) {
      var el = nodes[i];
      var tex = el.textContent;
      try {
        katex.render(tex, el, {
          displayMode: el.classList.contains("display"),
          throwOnError: true,
          trust: false,
          strict: "ignore",
          output: "htmlAndMathml"
        });
      } catch (error) {
        el.textContent = tex;
        el.classList.add("math-error");
        el.title = String(error && error.message || error);
      }
      el.classList.add("math-done");
    }
  }
  window.paperlogRenderMath = renderMath;
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { renderMath(document); });
  } else {
    renderMath(document);
  }
})();
