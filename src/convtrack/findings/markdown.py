"""reports/FINDINGS.md: the Findings object as Markdown. Numbers come from the object only; this module words them.

The text carries no wall-clock time, so regenerating it from unchanged records gives the same file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import groupby
from typing import Any

from convtrack.findings import Findings, invalid
from convtrack.findings.compat import Installability, Refused
from convtrack.findings.headlines import distinct_text
from convtrack.findings.replay import Theme, span
from convtrack.findings.shares import by_symptom
from convtrack.outcomes import Symptom

FAILURES = [s.value for s in Symptom if s is not Symptom.PASS]


def pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f} %"


def cell_text(value: Any) -> str:
    """A value fit for a Markdown table cell: one line, pipes escaped."""
    return " ".join(str(value).split()).replace("|", "\\|")


def table(head: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(cell_text(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def cut(text: str, limit: int = 260) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def mapping() -> str:
    return table(["symptom", "our outcomes"], [(s, ", ".join(f"`{o}`" for o in outcomes))
                                               for s, outcomes in by_symptom().items()])


def _mode(mode: str) -> str:
    return "" if mode == "-" else mode


def shares_section(f: Findings) -> str:
    rows = [(s.converter, _mode(s.mode), s.kind, s.unit, s.n, *(pct(s.shares.get(k)) for k in [*FAILURES, "pass"]),
             pct(s.silent_of_failures), pct(s.silent_of_ran), s.harness) for s in f.shares]
    head = ["converter", "mode", "cases", "unit", "N", *FAILURES, "pass", "wrong / failures", "wrong / ran",
            "harness, left out"]
    return "\n\n".join([
        "## 1. Outcome shares in the failure analysis' shape",
        "Our outcomes map to the paper's symptoms in one table (`convtrack.outcomes.PAPER_SYMPTOM`). Harness "
        "outcomes (`not_applicable`, `env_error`, `build_error`, `harness_error`) are nobody's converter result: "
        "they are left out of every share and counted in the last column.",
        mapping(),
        "**Units.** A *task* is one (cell, case, opset, mode), counted by its newest record. "
        f"A *case*: {f.case_rule} \"wrong / ran\" is wrong model / (pass + wrong model): among results that "
        "converted, ran and were compared, the share that answered wrongly (the paper's per-model figure).",
        table(head, rows),
        paper_section(f)])


def _two(pair: tuple[float | None, float | None]) -> str:
    return f"{pct(pair[0])} / {pct(pair[1])}"


def paper_section(f: Findings) -> str:
    p = f.paper
    rows = [(b.converter, _mode(b.mode), f"{pct(b.paper_crash)} of {b.paper_issues}", _two(b.crash_of_failures),
             f"{pct(b.paper_wrong)} of {b.paper_issues}", _two(b.wrong_of_failures), pct(b.paper_wrong_of_converted),
             _two(b.wrong_of_ran), _two(b.wrong_of_ran_models)) for b in f.beside_paper]
    head = ["converter", "mode", "paper: crash, of issues", "ours: crash, of failures (tasks / cases)",
            "paper: wrong model, of issues", "ours: wrong model, of failures (tasks / cases)",
            "paper: wrong, of converted models", "ours: wrong / ran (tasks / cases)",
            "ours, real architectures only: wrong / ran (tasks / cases)"]
    every = next(i for i in p.issue_symptoms if i.converter == "all")
    return "\n\n".join([
        "### Beside the paper's figures",
        f"Paper: {p.citation}. Its issue study labels {every.issues} issues "
        + ", ".join(f"{k} {v} ({pct(every.shares[k])})" for k, v in every.counts.items())
        + " (counted from its labelled issues, `src/convtrack/data/paper_200_issues.csv`); its per-model figure is "
        f"{p.wrong_of_converted_source}. {CAVEAT}",
        table(head, rows)])


CAVEAT = ("The paper's issue study has no invalid / load / run symptom of its own, its Build Failure is our "
          "`env_error` (left out here), and issues are reported bugs, not a sample of conversions: set side by "
          "side for shape, not as a measurement of the same thing. Our issue reproducers were chosen because they "
          "fail, so the real architectures (`models/`) are the fairer analogue of the per-model figure.")


def release_section(f: Findings) -> str:
    rows = [(s.converter, _mode(s.mode), s.release, _counts(s.others), s.results,
             s.silent, pct(s.silent_of_results), pct(s.silent_of_ran), pct(s.silent_of_failures))
            for s in f.silent_by_release]
    return "\n\n".join([
        "## 2. Silent share per release",
        "Wrong model (`mismatch`, `wrong_shape`) among the converter results of each cell and mode, newest record "
        "per task.",
        table(["converter", "mode", "release", "held", "results", "wrong model", "of results", "of ran",
               "of failures"], rows)])


def _counts(by: Mapping[str, object]) -> str:
    """"k v, k v": a mapping as the tables and sentences show it."""
    return ", ".join(f"{k} {v}" for k, v in by.items())


def _set_apart(f: Findings) -> str:
    """The outcome changes left out of the counts, and why: the column "set apart" of the table below."""
    n = f.pair_totals.get("set_apart", 0)
    lead = (f"{n} outcome changes are set apart and not counted (`convtrack changes --json`, `not_comparable`), "
            f"per package that moved with them: {_counts(f.changes_set_apart)}." if n else
            "No outcome change was set apart.")
    return (f"{lead} A change is set apart when a package outside the axes moved with the release: one the mode's "
            "export runs through (the dynamo exporter's onnxscript, pinned per torch era), one the case itself "
            "imports (transformers under a Hugging Face model), the code path such a package takes from that release "
            "on when the failure is on it (timm and transformers call `scaled_dot_product_attention` once torch has "
            "it: the converter was handed another model), or the harness version that judged a pass and a "
            "mismatch (`harness_version`: two tolerance policies), or the interpreter (`python`: a matrix rule runs "
            "older releases on older Pythons, so torch 1.10.2 -> 1.11.0 and 1.13.1 -> 2.0.1 moved it; the "
            "`python_bridge` cells hold it); it is then not the release's alone. A change is "
            "also set apart when its two sides are models of different opsets because the exporter wrote another "
            "opset than the task asked for (`produced opset`: torch 2.5-2.9's dynamo exporter writes 18 when its "
            "conversion to 13, 17 or 20 fails or is not offered): it is not a change at that opset. A fix is set "
            "apart when its pass was judged on references that hardly depend on the inputs (`reference`: the first "
            "input's outputs pass for every input, metrics `inputs_ignored`): the converted model need only return "
            "a constant, so the fix shows that the export runs, not that it is right. A change is set apart when "
            "a failure on one side was not reproduced by its repeat on a fresh worker (`repeat on a fresh worker`: "
            "torch 2.1-2.4's dynamo exporter, whose tasks run alone and are repeated when they fail): the step may "
            "be the process's.")


def uncompared(f: Findings) -> str:
    """The release steps no two cells compare (gaps.find): said, so that no row of the table reads as "no change"."""
    if not f.uncompared:
        return "Every step between adjacent versions of an axis is compared by at least one pair of cells."
    return (f"{len(f.uncompared)} step(s) between adjacent versions are compared by no two cells: another axis "
            "moved with each, so nothing is known of them (a cell that holds that axis equal bridges a step, where one "
            "resolves: `convtrack matrix list` gives the reason a combination is excluded): "
            + "; ".join(g.describe() for g in f.uncompared) + ".")


def pairs_section(f: Findings) -> str:
    t = f.pair_totals
    head = ["converter", "axis", "before → after", "held", "regressions (became silent)", "fixes", "causes",
            "changed", "unconfirmed", "set apart"]
    if f.blame_seen:
        head.append("blame (regressions + fixes)")
    rows = []
    for p in f.pairs:
        row = [p.converter, p.axis, f"{p.before} → {p.after}", _counts(p.held),
               f"{p.regressions} ({p.became_silent})", p.fixes, p.causes, p.changed, p.unconfirmed,
               f"{p.set_apart} ({_counts(p.set_apart_by)})" if p.set_apart else 0]
        if f.blame_seen:
            row.append(_counts(p.blame))
        rows.append(row)
    blame = ("Blame is the verdict the record of the failing side carries (the newer record of a regression, the "
             "older of a fix), read as every page shows it: an unknown one reads runtime where the same task changes "
             "with onnxruntime alone, in the converter track or on the same model replayed: "
             + _counts(f.blame_totals) + "."
             if f.blame_seen else "No record carries a blame verdict yet; a blame column appears when records do.")
    return "\n\n".join([
        "## 3. Regressions and fixes per release pair",
        f"From the one classifier (`transitions.classify`), as `convtrack changes` lists them: {t['regressions']} "
        f"regressions ({t['became_silent']} loud failures that became silent), {t['fixes']} fixes, and "
        f"{t['changed']} changed failures (a failure that became another one: neither); "
        f"{distinct_text(t['distinct_regression'], t['distinct_fix'])}. "
        f"The regressions and fixes come from at most {t['causes']} distinct causes (one normalised failing "
        "signature per release pair, kind and mode: one upstream change that breaks fifty cases is one cause; "
        "`convtrack changes --by-cause`). "
        f"{t['unconfirmed']} of the regressions and fixes were seen once and not yet repeated "
        f"(`convtrack changes --confirm`), {t['flaky']} flaky. {_set_apart(f)} {blame}",
        table(head, rows) if rows else "No transition between adjacent releases.",
        uncompared(f)])


def open_section(f: Findings) -> str:
    rows = []
    for i, o in enumerate(f.open_failures, 1):
        since = f"≤ {o.since}" if o.open_before else o.since
        span = f"{o.days} days ({o.since_date[:10]} → {o.newest_date[:10]})" if o.days is not None \
            and o.since_date and o.newest_date else "–"
        rows.append((i, o.case, f"{o.converter} {_mode(o.mode)}".strip(), " ".join(map(str, o.opsets)), o.outcome,
                     f"{o.axis} {since} → {o.newest}", o.releases, span,
                     _counts(o.held)))
    dates = ("Spans are between the releases' upload dates on the package index."
             if f.source.dates != "none" else "Release dates were not looked up (`--offline`): spans unknown.")
    return "\n\n".join([
        "## 4. The ten longest-lived open failures",
        "Open: failing in the newest release measured on that axis. Since: the oldest release of the unbroken run "
        "of failures before it (harness-only releases skipped); \"≤\" when nothing older was measured, so it may be "
        "older still. One line per case and mode (its longest), ranked by releases measured, then span, then the "
        f"number of opsets. {f.open_total} case-and-mode pairs have an open failure; {f.open_tied} of them are as "
        f"long-lived as the last one shown, so the order among those is by id. {dates}",
        table(["#", "case", "converter", "opsets", "now", "failing since → newest", "releases", "span", "held"],
              rows) if rows else "No open failure."])


def compat_section(f: Findings) -> str:
    rows = [(c.converter, f"{c.framework} {c.framework_version}",
             c.converter_version if c.converter_version != c.framework_version else "–", c.onnxruntime, c.onnx,
             c.python, " ".join(_mode(m) or "–" for m in c.modes), c.tasks, c.results, pct(c.pass_rate),
             c.installs if c.installs != "no" else "**no**", _counts(c.harness) or "–")
            for c in f.compatibility]
    broken = [c for c in f.compatibility if c.installs != "yes"]
    not_installed = ("\n".join(f"- `{c.cell}` ({WHY[c.installs]}): " + "; ".join(cut(r.reason, 300) for r in c.reasons)
                               for c in broken) if broken else NOT_RECORDED)
    apart = [(r.outcome, cut(r.reason, 300), r.tasks, len(r.cells)) for r in f.set_apart]
    return "\n\n".join([
        "## 5. Which combinations install and pass",
        "One row per combination (cell) of a full run. Pass rate over converter results; tasks the harness set apart "
        "are counted by outcome, with their reasons below. Installs: yes, no (environment errors only), or excluded "
        "(every task not applicable under the matrix rules: nothing was built).",
        table(["converter", "framework", "converter release", "onnxruntime", "onnx", "python", "modes", "tasks",
               "results", "pass rate", "installs", "set apart"], rows),
        "### Framework releases that do not install here", installability_text(f),
        "### Cells that do not install or were excluded", not_installed,
        "### Why tasks were set apart",
        table(["outcome", "reason", "tasks", "cells"], apart) if apart else "No task was set apart.",
        "### The opset a converter wrote when asked for another", OPSETS_HOW, opsets_table(f)])


OPSETS_HOW = ("Each record names the opset its model declares (`produced_opset`). Where a converter wrote another "
              "than the task asked for, a pass there is a pass at the written opset, and a change between two "
              "releases that wrote different opsets is set apart (\"produced opset\" in §3). Converted models of the "
              "newest records, per framework release, mode and opset asked for; every other combination wrote the "
              "opset asked for.")


def written_text(written: Mapping[int, int]) -> str:
    return ", ".join(f"{opset}: {models}" for opset, models in written.items())


def opsets_table(f: Findings) -> str:
    if not f.opsets_written:
        return "Every converted model declares the opset its task asked for."
    return table(["converter", "framework", "mode", "asked", "models", "other opset", "written (opset: models)"],
                 [(w.converter, f"{w.framework} {w.release}", _mode(w.mode) or "–", w.asked, w.models, w.other,
                   written_text(w.written)) for w in f.opsets_written])


WHY = {"excluded": "excluded by the matrix", "no": "does not install"}
NOT_RECORDED = ("Every cell with records installed. A combination a matrix rule excludes outright builds nothing; it "
                "has records (`not_applicable`, with the rule's reason) only where a run selected it: "
                "`convtrack matrix list` gives each one's reason.")
INSTALLABILITY_HOW = ("Releases no row above can have: uv resolved the newest patch of every minor on the package "
                      "index alone, on each interpreter of this machine (`convtrack matrix installable`, "
                      "`reports/installability/`). One line per interpreter, releases grouped by the kind of uv's "
                      "reason; uv's own words per release are in the data file and on the site's \"Not "
                      "installable\" page (`installability.html`).")
NO_INSTALLABILITY = ("No installability data: `convtrack matrix installable` writes "
                     "`reports/installability/<converter>.json`.")


def refused_text(framework: str, groups: Iterable[Refused]) -> str:
    """One interpreter's refusals: "torch 1.8.1, 1.9.1 (no cp310 wheel); torch 1.10.2 (no wheel for this platform)"."""
    return "; ".join(f"{framework} {', '.join(g.releases)} ({g.reason})" for g in groups)


def probed(i: Installability) -> str:
    """What was probed, when and with which uv: "22 releases (1.8.1 to 2.15.0) on Python 3.10, 3.11, probed
    2026-11-30 with uv 0.13.9"."""
    what = f"{len(i.releases)} releases ({i.releases[0]} to {i.releases[-1]})" if i.releases else "no release"
    when = f", probed {i.created[:10]}" if i.created else ""
    uv = f" with {i.uv.split(' (')[0]}" if i.uv else ""
    return f"{what} on Python {', '.join(i.pythons)}{when}{uv}"


def installability_lines(i: Installability) -> list[str]:
    """One converter's file: a line saying what was probed, then one per interpreter with a release refused."""
    lines = [f"**{i.framework}** ({i.converter}; {probed(i)}; the matrix runs on {i.matrix_python}; "
             f"[uv's reasons]({i.source}))"]
    for python, groups in groupby(i.refused, key=lambda g: g.python):
        mine = " (the matrix's)" if python == i.matrix_python else ""
        lines.append(f"- not installable on Python {python}{mine}: {refused_text(i.framework, groups)}")
    every = [p for p in i.pythons if p not in {g.python for g in i.refused}]
    if every:
        lines.append(f"- every release probed installs on Python {', '.join(every)}")
    return lines


def installability_text(f: Findings) -> str:
    parts = [INSTALLABILITY_HOW, *("\n".join(installability_lines(i)) for i in f.not_installable)]
    if not f.not_installable:
        parts.append(NO_INSTALLABILITY)
    parts += [f"Unreadable installability file: {cell_text(p)}" for p in f.installability_problems]
    return "\n\n".join(parts)


def issues_section(f: Findings) -> str:
    if f.issues is None:
        return "## 6. Where our observations differ from the issues\n\nThe suite was not given: not judged."
    r = f.issues
    counts = _counts(r.verdicts)
    rows = [(f"[{d.case}]({d.issue})" if d.issue else d.case, d.kind, cut(d.verdict)) for d in r.differences]
    return "\n\n".join([
        "## 6. Where our observations differ from the issues",
        f"Each issue reproducer's claim (its stated symptom, exporter mode, error text and fixed release) judged on "
        f"its records by `convtrack suite observe`: {r.cases} reproducers, {counts}. {r.controls} of the \"no\" are "
        "controls (stated fixed before the oldest release we ran, and passing): they agree with their issue. Listed: "
        "the stated symptom never shows (not reproduced), the bug shows as another outcome than the stated one, its "
        "stated error text at another stage included (another symptom), "
        "or the symptom persists on releases the issue states are fixed (stated fix contradicted).",
        table(["reproducer", "difference", "our verdict"], rows) if rows else "No reproducer differs."])


REPLAY_HOW = ("The replay track (`convtrack replay`, records under `reports/replay/`) replays each kept ONNX model, "
              "its bytes held fixed, on every onnxruntime release of `matrix/replay.toml`: a change of outcome "
              "between adjacent releases is the runtime's alone, classified by the one classifier. None of it is "
              "counted in the sections above.")
NO_REPLAY = "No replay records: `convtrack run --keep-models`, then `convtrack replay`, make them."


def predates_text(n: int) -> str:
    """The changes the track sets apart because one release predates the model's format."""
    return (f"{n} changes are set apart, neither regression nor fix: one of the two releases cannot read the model's "
            "IR version or opset at all (`Unsupported model IR version`: onnx 1.17 writes IR 10, which onnxruntime "
            "reads from 1.18; `ValidateOpsetForDomain`: an opset-23 model on a release that predates opset 23), a "
            "format it predates, not a runtime bug.") if n else ""


def theme_name(t: Theme) -> str:
    """A theme in words: its outcome and signature (cut)."""
    return f"`{t.outcome}`" + (f": {cut(t.signature, 200)}" if t.signature else "")


def _changes(t: Theme) -> str:
    parts = [f"{n} {what}" for n, what in ((t.regressions, "regressions"), (t.fixes, "fixes"),
                                          (t.changed, "changed")) if n]
    return ", ".join(parts)


def _cases(t: Theme) -> str:
    more = t.case_count - len(t.cases)
    return ", ".join(t.cases) + (f" and {more} more" if more > 0 else "")


def replay_section(f: Findings) -> str:
    r = f.replay
    title = "## 7. The onnxruntime replay track: runtime-only changes"
    if r is None:
        return "\n\n".join([title, REPLAY_HOW, NO_REPLAY])
    t = r.totals
    pair_rows = [(f"{p.before} → {p.after}", p.models, f"{p.regressions} ({p.became_silent})", p.fixes, p.changed)
                 for p in r.pairs]
    theme_rows = [(i, theme_name(th), _changes(th), th.models, span(th.releases, r.releases) or "–", _cases(th))
                  for i, th in enumerate(r.themes, 1)]
    promise_rows = [(p.release, p.ran, p.fail_later, pct(p.fail_later / p.ran) if p.ran else "–",
                     ", ".join(f"{v} {n}" for v, n in p.first_failing.items()) or "–") for p in r.promise]
    return "\n\n".join([
        title, REPLAY_HOW,
        f"{r.records} replay records of {r.models} kept models from {len(r.source_cells)} source cells "
        f"({', '.join(f'`{c}`' for c in r.source_cells)}), on {len(r.releases)} onnxruntime releases "
        f"({r.releases[0]} to {r.releases[-1]}): {t['regressions']} regressions ({t['became_silent']} loud failures "
        f"that became silent), {t['fixes']} fixes and {t['changed']} changed failures; {t['unconfirmed']} of the "
        f"regressions and fixes seen once and not yet repeated, {t['flaky']} flaky; "
        f"{distinct_text(t['distinct_regression'], t['distinct_fix'])}. "
        + predates_text(r.predates),
        "### Per onnxruntime release pair",
        "Adjacent releases a model has a converter result on (harness outcomes skipped), over every source cell; "
        "models: those with a result on both.",
        table(["onnxruntime before → after", "models", "regressions (became silent)", "fixes", "changed"], pair_rows),
        "### The biggest themes",
        f"The transitions grouped by the failure they go into (a regression), out of (a fix) or both (a changed "
        f"failure), signatures compared as the classifier compares them; releases: where those models show that "
        f"failure. The {len(r.themes)} largest of {r.theme_count}.",
        table(["#", "failure", "transitions", "models", "failing on", "cases"], theme_rows),
        "### Does a newer release run every model an older one ran?",
        f"Runs: loads and returns outputs (`pass`, `mismatch`, `wrong_shape`), right or wrong. "
        f"{r.runs_everywhere} of {r.models} kept models ({pct(r.runs_everywhere_share)}) run on every release they "
        f"were replayed on; {r.never_runs} run on none; {r.broken_promise} ran on one release and fail to load or "
        f"run on a later one (the promise held for {pct(r.promise_kept)} of the models that ran anywhere). Per "
        "release: of the models that ran on it, how many fail on a later release, by the first release they fail "
        "on.",
        table(["onnxruntime", "models that ran", "fail on a later release", "share", "first failing on"],
              promise_rows),
        "### The models called invalid, run anyway", invalid.HOW,
        table(invalid.HEAD, [invalid.row(i) for i in r.invalid]) if r.invalid else invalid.NONE])


def render(f: Findings) -> str:
    s = f.source
    probes = (f" {len(s.probe_cells)} partial runs (bisect probes, `--select` runs: {s.probe_tasks} tasks) are left "
              "out, as on every page." if s.probe_cells else "")
    stale = f" {s.stale} tasks' newest record is of an older case source." if s.stale else ""
    read = f"{s.records} records, newest {s.newest}; " if s.records is not None else f"Newest record {s.newest}; "
    gone = (f" {len(s.withdrawn)} runs of a cell are withdrawn (the harness got them wrong; `reports/withdrawn.json`) "
            "and left out: " + "; ".join(s.withdrawn) if s.withdrawn else "")
    head = ("# Findings\n\nGenerated by `convtrack findings` from the committed records; do not edit by hand. "
            f"{read}{s.tasks} tasks counted by their newest record.{probes}{stale}{gone} "
            "The same figures are on the site's findings page.")
    brief = "\n".join(f"- {line}" for line in f.headlines)
    parts = [head, brief, shares_section(f), release_section(f), pairs_section(f), open_section(f), compat_section(f),
             issues_section(f), replay_section(f)]
    return "\n\n".join(parts) + "\n"
