// convtrack site: client-side filters, square details next to the square, keyboard use, text search.
// No framework, no network beyond the site's own files: works from disk. Every text taken from the page or the
// data files is set with textContent, so converter messages stay text.
(function () {
  "use strict";
  // The outcome table (pipeline order, short labels, harness flag) comes from the page: one source, outcomes.py.
  var TABLE = JSON.parse((document.getElementById("outcome-data") || { textContent: "[]" }).textContent);
  var ORDER = [], SHORT = {}, HARNESS = {}, BY_LETTER = {};
  TABLE.forEach(function (o, i) {
    ORDER.push(o.value); SHORT[o.value] = o.short; if (o.harness) { HARNESS[o.value] = 1; }
    BY_LETTER[String.fromCharCode(97 + i)] = o.value;
  });

  function cases() {
    var el = document.getElementById("case-data");
    return el ? JSON.parse(el.textContent) : [];
  }

  function rateColour(passed, applicable) {
    if (applicable <= 0) { return "#bdbdbd"; }
    return "hsl(" + Math.round(120 * passed / applicable) + ", 65%, 28%)";  // colours.RATE_S, RATE_L
  }

  function pairs(td) {  // "12m,14-15a" -> [[12, "pass"], [14, "not_applicable"], [15, "not_applicable"]]
    var out = [];
    (td.dataset.results || "").split(",").filter(Boolean).forEach(function (p) {
      var outcome = BY_LETTER[p.slice(-1)], span = p.slice(0, -1).split("-");
      for (var i = +span[0]; i <= +span[span.length - 1]; i++) { out.push([i, outcome]); }
    });
    return out;
  }

  function state(form) {
    var s = {};
    form.querySelectorAll("select[data-filter]").forEach(function (sel) { s[sel.dataset.filter] = sel.value; });
    return s;
  }

  function caseMatches(c, s) {
    if (s.converter && c.converter !== s.converter) { return false; }
    if (s.kind && c.kind !== s.kind) { return false; }
    if (s.tag && c.tags.indexOf(s.tag) < 0) { return false; }
    return true;
  }

  function setHidden(el, hidden) { el.classList.toggle("filtered", hidden); }

  function recompute(td, allowed) {
    var by = {}, total = 0;
    pairs(td).forEach(function (p) {
      if (!allowed[p[0]]) { return; }
      by[p[1]] = (by[p[1]] || 0) + 1; total += 1;
    });
    var applicable = 0, passed = by.pass || 0, parts = [], title = [];
    ORDER.forEach(function (o) {
      if (!by[o]) { return; }
      if (!HARNESS[o]) { applicable += by[o]; }
      parts.push(SHORT[o] + " " + by[o]); title.push(o + " " + by[o]);
    });
    var first = ORDER.filter(function (o) { return HARNESS[o] && by[o]; })[0];
    var label = applicable ? passed + "/" + applicable : (first ? SHORT[first] : "");
    td.querySelector(".rate").textContent = total ? label : "";
    td.querySelector(".counts").textContent = parts.join(" · ");
    td.style.background = total ? rateColour(passed, applicable) : "#fafafa";
    td.style.color = total && applicable ? "#fff" : "#000";
    td.title = (td.title.split(":")[0]) + ": " + (title.join(", ") || "no case matches the filters");
  }

  // One Tab stop per detail table (arrow keys move inside it, a click moves it): a tabindex on every square
  // would slow the page and make Tab useless. It must be a visible square: a mode filter (a matrix square's link
  // preselects one) may hide the first column, and a hidden square is no Tab stop at all.
  function tabStops() {
    document.querySelectorAll("table[data-labels]").forEach(function (t) {
      var stop = t.querySelector("td[data-d][tabindex='0']");
      if (stop && !stop.classList.contains("filtered") && !stop.parentNode.classList.contains("filtered")) { return; }
      var next = t.querySelector("tr:not(.filtered) > td[data-d]:not(.filtered)");
      if (stop) { stop.tabIndex = -1; }
      if (next) { next.tabIndex = 0; }
    });
  }

  function apply(form) {
    var s = state(form), list = cases(), allowed = {}, shown = 0;
    list.forEach(function (c, i) { allowed[i] = caseMatches(c, s); if (allowed[i]) { shown += 1; } });
    document.querySelectorAll("section.converter").forEach(function (sec) {
      setHidden(sec, !!s.converter && sec.dataset.converter !== s.converter);
    });
    document.querySelectorAll("[data-mode]").forEach(function (el) {
      if (el.tagName === "TR") { return; }
      setHidden(el, !!s.mode && el.dataset.mode !== s.mode);
    });
    // the detail page's squares carry no mode: their column's mode is in the table's data-col-modes
    document.querySelectorAll("table[data-col-modes]").forEach(function (table) {
      if (!s.mode && !table.dataset.modeFiltered) { return; }  // nothing to show again: skip 10,000 cells
      table.dataset.modeFiltered = s.mode ? "1" : "";
      var modes = JSON.parse(table.dataset.colModes);
      table.querySelectorAll("tbody tr").forEach(function (tr) {
        for (var i = 1; i < tr.cells.length; i++) { setHidden(tr.cells[i], !!s.mode && modes[i - 1] !== s.mode); }
      });
    });
    document.querySelectorAll("td.sq[data-results]").forEach(function (td) { recompute(td, allowed); });
    document.querySelectorAll("tr[data-kind], li[data-kind]").forEach(function (row) {
      var tags = (row.dataset.tags || "").split(" ");
      var hide = (s.kind && row.dataset.kind !== s.kind) || (s.tag && tags.indexOf(s.tag) < 0) ||
        (s.converter && row.dataset.converter && row.dataset.converter !== s.converter);
      setHidden(row, !!hide);
    });
    tabStops();
    var status = document.getElementById("filter-status");
    if (status) { status.textContent = list.length ? shown + " of " + list.length + " cases" : ""; }
    var hash = Object.keys(s).filter(function (k) { return s[k]; }).map(function (k) {
      return encodeURIComponent(k) + "=" + encodeURIComponent(s[k]);
    }).join("&");
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", hash ? "#" + hash : window.location.pathname + window.location.search);
    }
  }

  // The detail goes in a row right under the clicked square's row, so it appears where the reader looks.
  function placeNear(td, panel) {
    var tr = td.parentNode, row = document.getElementById("detail-row");
    if (!row) {
      row = document.createElement("tr"); row.id = "detail-row"; row.className = "detail-row";
      row.appendChild(document.createElement("td"));
    }
    row.cells[0].colSpan = tr.cells.length;
    row.cells[0].appendChild(panel);
    tr.parentNode.insertBefore(row, tr.nextSibling);
    panel.hidden = false;
    if (panel.scrollIntoView) { panel.scrollIntoView({ block: "nearest" }); }
  }

  // The cases behind one square (those the filters let through), each linking to its case page.
  function showSquare(td, form) {
    var panel = document.getElementById("square-detail"), list = cases(), s = form ? state(form) : {};
    if (!panel) { return; }
    panel.textContent = "";
    var head = document.createElement("p");
    head.textContent = td.title;
    panel.appendChild(head);
    var page = td.parentNode.dataset.detail;  // the cell's own page: every case's result with its error text
    if (page) {
      var more = document.createElement("p"), link = document.createElement("a");
      link.href = page + (td.dataset.mode && td.dataset.mode !== "-" ? "#mode=" + encodeURIComponent(td.dataset.mode) : "");
      link.textContent = "each case's error or error metrics in this cell";
      more.appendChild(link); panel.appendChild(more);
    }
    var ul = document.createElement("ul");
    pairs(td).forEach(function (p) {
      var c = list[p[0]];
      if (!c || !caseMatches(c, s)) { return; }
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = c.page; a.textContent = c.id; li.appendChild(a);
      li.appendChild(document.createTextNode(" " + p[1]));
      li.className = "r-" + p[1];
      ul.appendChild(li);
    });
    panel.appendChild(ul);
    placeNear(td, panel);
  }

  // A cell's detail page: its texts are in data/details/<converter>-<cell>.js, loaded on the first click.
  function withDetails(table, done) {
    var all = window.CONVTRACK_DETAILS || {}, key = table.dataset.key;
    if (all[key]) { done(all[key]); return; }
    var script = document.createElement("script");
    script.src = table.dataset.details;
    script.onload = function () { done((window.CONVTRACK_DETAILS || {})[key] || []); };
    document.head.appendChild(script);
  }

  function showResult(td) {
    var table = td.closest("table"), tr = td.parentNode, labels = JSON.parse(table.dataset.labels);
    var panel = document.getElementById("detail");
    if (!panel) {
      panel = document.createElement("div"); panel.id = "detail"; panel.className = "detail";
      panel.setAttribute("aria-live", "polite");
    }
    withDetails(table, function (texts) {
      panel.textContent = tr.cells[0].textContent + " @ " + labels[td.cellIndex - 1] + ": " + (texts[+td.dataset.d] || "");
      placeNear(td, panel);
    });
  }

  function activate(target, form) {
    var sq = target.closest ? target.closest("td.sq[data-results]") : null;
    if (sq) { showSquare(sq, form); return true; }
    var td = target.closest ? target.closest("td[data-d]") : null;
    if (td) {
      if (td.tabIndex < 0) { td.tabIndex = -1; td.focus({ preventScroll: true }); }
      showResult(td); return true;
    }
    return false;
  }

  // Keyboard: squares are focusable; Enter or Space opens the detail; arrow keys move within the table.
  function keys(ev, form) {
    var td = ev.target;
    if (!td || td.tagName !== "TD") { return; }
    if (ev.key === "Enter" || ev.key === " ") {
      if (activate(td, form)) { ev.preventDefault(); }
      return;
    }
    var moves = { ArrowRight: [0, 1], ArrowLeft: [0, -1], ArrowDown: [1, 0], ArrowUp: [-1, 0] }, m = moves[ev.key];
    if (!m || !td.closest("table[data-labels]")) { return; }
    var tr = td.parentNode, rows = tr.parentNode.rows, r = rows[tr.sectionRowIndex + m[0]];
    // filtered rows and columns are skipped: a hidden square cannot take the focus
    while (r && (r.id === "detail-row" || r.classList.contains("filtered"))) { r = rows[r.sectionRowIndex + m[0]]; }
    var i = td.cellIndex + m[1];
    while (r && m[1] && r.cells[i] && r.cells[i].classList.contains("filtered")) { i += m[1]; }
    var next = r && r.cells[i];
    if (next && next.tagName === "TD") { next.tabIndex = 0; td.tabIndex = -1; next.focus(); ev.preventDefault(); }
  }

  // Row filters: <form class="row-filters" data-rows="SEL" data-groups="SEL"> with a search box (every word typed
  // must occur in the row's text) and selects on row attributes (<select data-attr="converter">).
  function rowFilters() {
    document.querySelectorAll("form.row-filters").forEach(function (form) {
      var rows = document.querySelectorAll(form.dataset.rows), groups = document.querySelectorAll(form.dataset.groups);
      var input = form.querySelector("input[type=search]"), status = form.querySelector(".filter-status");
      function run() {
        var words = input.value.toLowerCase().split(/\s+/).filter(Boolean), shown = 0, sel = {};
        form.querySelectorAll("select[data-attr]").forEach(function (s) { sel[s.dataset.attr] = s.value; });
        rows.forEach(function (el) {
          var text = el.textContent.toLowerCase(), ok = words.every(function (w) { return text.indexOf(w) >= 0; });
          Object.keys(sel).forEach(function (k) {  // a row attribute may hold several space-separated values
            if (sel[k] && (" " + (el.dataset[k] || "") + " ").indexOf(" " + sel[k] + " ") < 0) { ok = false; }
          });
          el.classList.toggle("unmatched", !ok); if (ok) { shown += 1; }
        });
        groups.forEach(function (g) {
          var any = g.querySelector(form.dataset.rows + ":not(.unmatched)");
          g.classList.toggle("unmatched", !any);
          if (words.length && any && g.tagName === "DETAILS") { g.open = true; }
        });
        if (status) { status.textContent = shown + " of " + rows.length + " rows"; }
      }
      var sort = form.querySelector("select[data-sort]"), order = Array.prototype.slice.call(groups);
      if (sort) {  // reorder the groups; the original order (newest first) is "date"
        sort.addEventListener("change", function () {
          var key = sort.value, list = order.slice();
          if (key === "regressions" || key === "fixes") {
            list.sort(function (a, b) { return (+b.dataset[key]) - (+a.dataset[key]); });
          } else if (key === "converter") {
            list.sort(function (a, b) { return a.dataset.converter < b.dataset.converter ? -1 : a.dataset.converter > b.dataset.converter ? 1 : 0; });
          }
          list.forEach(function (g) { g.parentNode.appendChild(g); });
        });
      }
      form.addEventListener("input", run);
      form.addEventListener("change", run);
      form.addEventListener("submit", function (ev) { ev.preventDefault(); });
      run();
    });
  }

  function init() {
    var form = document.getElementById("filters");
    if (form) {
      (window.location.hash || "").slice(1).split("&").forEach(function (kv) {
        var p = kv.split("="), sel = p.length === 2 && form.querySelector("select[data-filter='" + decodeURIComponent(p[0]).replace(/[^a-z]/g, "") + "']");
        if (sel) { sel.value = decodeURIComponent(p[1]); }
      });
      form.addEventListener("change", function () { apply(form); });
      apply(form);
    }
    tabStops();
    document.addEventListener("click", function (ev) { activate(ev.target, form); });
    document.addEventListener("keydown", function (ev) { keys(ev, form); });
    rowFilters();
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
}());
