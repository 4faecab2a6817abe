"""Where observations differ from the issues: a fix contradicted, a symptom not reproduced, another symptom (also
the stated error at another stage); a control (stated fixed before the oldest release run, passing) and a reproduced
issue agree and are not listed."""

from __future__ import annotations

from pathlib import Path

from conftest import write_case
from convtrack import suite
from convtrack.findings import issues, rows
from findings_records import load, torch, write

STATED = {
    "contradicted": '{"symptom": "wrong-output", "fixed": "2.0", "exporters": ["legacy"]}',
    "control": '{"symptom": "export-crash", "fixed": "1.13"}',
    "missing": '{"symptom": "wrong-output", "exporters": ["legacy"]}',
    "other": '{"symptom": "export-crash", "exporters": ["legacy"]}',
    "agrees": '{"symptom": "export-crash", "exporters": ["legacy"]}',
    "shifted": '{"symptom": "export-crash", "exporters": ["legacy"]}, "expect_signature": "boom"',
}
OUTCOMES = {"contradicted": "mismatch", "control": "pass", "missing": "pass", "other": "mismatch",
            "agrees": "convert_error", "shifted": "invalid_model"}


def _suite(root: Path) -> list[suite.Case]:
    for name, stated in STATED.items():
        write_case(root / "suites", f"issues/{name}.py",
                   f'CASE = {{"converter": "torch.onnx", "issue": "https://github.com/pytorch/pytorch/issues/1", '
                   f'"stated": {stated}}}\n\n\ndef build():\n    pass\n')
    return suite.discover(root / "suites")


def test_differences_from_the_issues(tmp_path: Path) -> None:
    cases = _suite(tmp_path)
    records = [torch(v, c.id, OUTCOMES[c.id.removeprefix("issues/")], case_hash=c.hash,
                     signature="E: boom" if v else None)
               for c in cases for v in ("2.6.0", "2.9.1")]
    latest, _ = load(write(tmp_path, records))
    report = issues.report(cases, rows.newest(latest).everything)
    kinds = {d.case.removeprefix("issues/"): d.kind for d in report.differences}
    assert kinds == {"contradicted": issues.FIX_CONTRADICTED, "missing": issues.NOT_REPRODUCED,
                     "other": issues.OTHER_SYMPTOM, "shifted": issues.OTHER_SYMPTOM}
    assert report.cases == 6 and report.controls == 1
    assert report.verdicts == {"no": 2, "partly": 1, "yes": 3}
    shifted = next(d for d in report.differences if d.case == "issues/shifted")
    assert shifted.verdict.startswith("yes: the stated error shows at another stage: invalid_model")
    assert all(d.verdict.split(":")[0] in ("yes", "no", "partly") for d in report.differences)


def test_records_of_an_older_case_source_are_not_judged(tmp_path: Path) -> None:
    cases = _suite(tmp_path)
    latest, _ = load(write(tmp_path, [torch("2.6.0", c.id, "pass", case_hash="old") for c in cases]))
    assert issues.report(cases, rows.newest(latest).everything).cases == 0


def test_verdict_word() -> None:
    assert issues.verdict_word("partly: the issue states 'x'") == "partly"
    assert issues.verdict_word("n/a: structural") == "n/a"
