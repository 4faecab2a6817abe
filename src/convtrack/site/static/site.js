// convtrack site: client-side filters and detail pinning. No framework, no network: works from disk.
// Every text taken from the page is set with textContent, so converter messages stay text.
(function () {
  "use strict";
  var HARNESS = { not_applicable: 1, env_error: 1, build_error: 1 };
  var SHORT = { not_applicable: "n/a", env_error: "ENV", build_error: "BLD", convert_error: "CONV", timeout: "TIME",
    crash: "CRASH", invalid_model: "INVAL", load_error: "LOAD", run_error: "RUN", wrong_shape: "SHAPE",
    mismatch: "MISM", pass: "ok" };
  var ORDER = Object.keys(SHORT);

  function cases() {
    var el = document.getElementById("case-data");
    return el ? JSON.parse(el.textContent) : [];
  }

  function rateColour(passed, applicable) {
    if (applicable <= 0) { return "#bdbdbd"; }
    return "hsl(" + Math.round(120 * passed / applicable) + ", 65%, 42%)";
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
    (td.dataset.results || "").split(",").forEach(function (pair) {
      if (!pair) { return; }
      var i = pair.indexOf(":"), idx = +pair.slice(0, i), outcome = pair.slice(i + 1);
      if (!allowed[idx]) { return; }
      by[outcome] = (by[outcome] || 0) + 1; total += 1;
    });
    var applicable = 0, passed = by.pass || 0, parts = [], title = [];
    ORDER.forEach(function (o) {
      if (!by[o]) { return; }
      if (!HARNESS[o]) { applicable += by[o]; }
      parts.push(SHORT[o] + " " + by[o]); title.push(o + " " + by[o]);
    });
    var label = applicable ? passed + "/" + applicable : (by.env_error ? "ENV" : by.build_error ? "BLD" : by.not_applicable ? "n/a" : "");
    td.querySelector(".rate").textContent = total ? label : "";
    td.querySelector(".counts").textContent = parts.join(" · ");
    td.style.background = total ? rateColour(passed, applicable) : "#fafafa";
    td.title = (td.title.split(":")[0]) + ": " + (title.join(", ") || "no case matches the filters");
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
    document.querySelectorAll("td.sq[data-results]").forEach(function (td) { recompute(td, allowed); });
    document.querySelectorAll("tr[data-kind], li[data-kind]").forEach(function (row) {
      var tags = (row.dataset.tags || "").split(" ");
      var hide = (s.kind && row.dataset.kind !== s.kind) || (s.tag && tags.indexOf(s.tag) < 0) ||
        (s.converter && row.dataset.converter && row.dataset.converter !== s.converter);
      setHidden(row, !!hide);
    });
    var status = document.getElementById("filter-status");
    if (status) { status.textContent = list.length ? shown + " of " + list.length + " cases" : ""; }
    var hash = Object.keys(s).filter(function (k) { return s[k]; }).map(function (k) {
      return encodeURIComponent(k) + "=" + encodeURIComponent(s[k]);
    }).join("&");
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", hash ? "#" + hash : window.location.pathname + window.location.search);
    }
  }

  // The cases behind one square (those the filters let through), each linking to its case page.
  function showSquare(td, form) {
    var panel = document.getElementById("square-detail"), list = cases(), s = form ? state(form) : {};
    if (!panel) { return; }
    panel.textContent = "";
    var head = document.createElement("p");
    head.textContent = td.title;
    panel.appendChild(head);
    var ul = document.createElement("ul");
    (td.dataset.results || "").split(",").forEach(function (pair) {
      var i = pair.indexOf(":"), c = list[+pair.slice(0, i)], outcome = pair.slice(i + 1);
      if (!c || !caseMatches(c, s)) { return; }
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = c.page; a.textContent = c.id; li.appendChild(a);
      li.appendChild(document.createTextNode(" " + outcome));
      li.className = "o-" + outcome;
      ul.appendChild(li);
    });
    panel.appendChild(ul);
    panel.hidden = false;
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
    document.addEventListener("click", function (ev) {
      var td = ev.target.closest ? ev.target.closest("td.r") : null;
      var out = document.getElementById("detail");
      if (td && out && td.dataset.detail) { out.textContent = td.dataset.detail; }
      var sq = ev.target.closest ? ev.target.closest("td.sq[data-results]") : null;
      if (sq) { showSquare(sq, form); }
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
}());
