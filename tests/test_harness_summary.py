"""The conformance summary and the JSON record, from synthetic item reports."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

from harness.summary import (
    RunStats,
    build_record,
    by_feature,
    classify,
    format_summary,
    message_by_feature,
    write_record,
)


def report(nodeid: str, when: str, outcome: str, *, xfail: bool = False, text: str = "") -> object:
    r = SimpleNamespace(
        nodeid=nodeid,
        when=when,
        outcome=outcome,
        passed=outcome == "passed",
        failed=outcome == "failed",
        skipped=outcome == "skipped",
        longrepr=text,
        longreprtext=text,
    )
    if xfail:
        r.wasxfail = "reason"
    return r


def props(file: str, line: int, kind: str, **extra: object) -> dict:
    return {"wast": {"file": file, "line": line, "kind": kind}, **extra}


def test_classify() -> None:
    assert classify(report("a", "setup", "passed")) is None
    assert classify(report("a", "call", "passed")) == "passed"
    assert classify(report("a", "call", "failed")) == "failed"
    assert classify(report("a", "call", "skipped")) == "skipped"
    assert classify(report("a", "call", "skipped", xfail=True)) == "xfailed"
    assert classify(report("a", "call", "failed", text="[XPASS(strict)] r")) == "xpassed"
    assert classify(report("a", "setup", "failed")) == "error"
    assert classify(report("a", "teardown", "failed")) == "error"


def make_stats() -> RunStats:
    s = RunStats()
    s.add_report(report("spec/i32.wast::l1", "call", "passed"), props("i32.wast", 1, "module"))
    s.add_report(
        report("spec/i32.wast::l2", "call", "failed", text="spec/i32.wast:2: boom"),
        props("i32.wast", 2, "assert_return"),
    )
    s.add_report(
        report("spec/simd_lane.wast::l3", "call", "passed"),
        props(
            "simd_lane.wast",
            3,
            "assert_trap",
            engine_version="1.2",
            message={"matched": True, "expected": "x", "actual": "x y"},
        ),
    )
    s.add_report(
        report("spec/simd_lane.wast::l4", "call", "passed"),
        props(
            "simd_lane.wast",
            4,
            "assert_trap",
            message={"matched": False, "expected": "x", "actual": "z"},
        ),
    )
    s.add_report(
        report("spec/simd_lane.wast::l5", "call", "skipped", xfail=True),
        props("simd_lane.wast", 5, "assert_return"),
    )
    return s


def test_counts_per_file_kind_and_messages() -> None:
    s = make_stats()
    assert s.totals["passed"] == 3 and s.totals["failed"] == 1 and s.totals["xfailed"] == 1
    assert s.by_file["i32.wast"]["failed"] == 1
    assert s.by_kind["assert_trap"]["passed"] == 2
    assert s.messages["assert_trap"] == {"checked": 2, "matched": 1}
    assert s.failures[0]["id"] == "spec/i32.wast::l2" and s.failures[0]["line"] == 2
    assert s.xfailed == ["spec/simd_lane.wast::l5"]
    assert s.engine_version == "1.2"


def test_by_feature_counts_each_script_under_the_feature_it_tests() -> None:
    s = make_stats()
    out = by_feature(s.by_file)
    assert "sign-ext" not in out  # i32.wast tests i32 (MVP), whatever it also uses
    assert out["MVP"]["passed"] == 1 and out["MVP"]["failed"] == 1
    assert out["SIMD"]["passed"] == 2 and out["SIMD"]["xfailed"] == 1


def test_record_and_summary(tmp_path: Path) -> None:
    s = make_stats()
    config = SimpleNamespace(
        rootpath=Path(__file__).resolve().parent.parent,
        getoption=lambda name: {"engine": "fake", "testsuite": str(tmp_path)}[name],
    )
    rec = build_record(s, config)
    assert rec["engine"] == "fake" and rec["totals"]["passed"] == 3
    assert rec["message_match"]["total"] == {"checked": 2, "matched": 1}
    assert set(rec) >= {
        "engine_version",
        "suite_commit",
        "project_commit",
        "date",
        "by_kind",
        "by_feature",
        "by_file",
        "failures",
    }
    text = "\n".join(format_summary(rec))
    assert "assert_trap" in text and "TOTAL" in text and "1/2" in text
    path = tmp_path / "r" / "rec.json"
    write_record(rec, path)
    assert json.loads(path.read_text())["totals"] == rec["totals"]


def test_what_was_tested_names_every_group_of_the_run() -> None:
    from harness.outcomes import empty
    from harness.plugin import _other_group, what_was_tested

    assert (
        _other_group("tests/test_harness_wasmtime_sample.py::test_x[i64.wast]") == "wasmtime sample"
    )
    assert _other_group("tests/test_api.py::test_add") == "unit tests"
    other = {
        "unit tests": {**empty(), "passed": 1200, "skipped": 3},
        "wasmtime sample": {**empty(), "passed": 23},
    }
    spec = {
        "engine": "nanowasm",
        "complete": True,
        "totals": {**empty(), "passed": 60791, "xfailed": 4941, "skipped": 1295},
    }
    lines = what_was_tested(other, spec)
    assert lines == [
        "wasmtime sample (23 items): 23 passed",
        "unit tests (1,203 items): 1,200 passed, 3 skipped",
        "spec suite on nanowasm (67,027 items): 60,791 passed, 4,941 expected failures, "
        "1,295 skipped",
    ]


def test_message_agreement_is_counted_per_script_and_feature() -> None:
    s = make_stats()
    s.add_report(
        report("spec/i32.wast::l9", "call", "passed"),
        props(
            "i32.wast", 9, "assert_trap", message={"matched": True, "expected": "a", "actual": "a"}
        ),
    )
    assert s.messages_by_file == {
        "simd_lane.wast": {"checked": 2, "matched": 1},
        "i32.wast": {"checked": 1, "matched": 1},
    }
    # grouped like the outcome counts: each script under the feature it tests
    assert message_by_feature(s.messages_by_file) == {
        "MVP": {"checked": 1, "matched": 1},
        "SIMD": {"checked": 2, "matched": 1},
    }
    config = SimpleNamespace(
        rootpath=Path(__file__).resolve().parent.parent,
        getoption=lambda name: {"engine": "fake", "testsuite": "."}[name],
    )
    mm = build_record(s, config)["message_match"]
    assert mm["total"] == {"checked": 3, "matched": 2}
    assert mm["by_feature"]["SIMD"] == {"checked": 2, "matched": 1}
    assert sum(c["checked"] for c in mm["by_file"].values()) == mm["total"]["checked"]
    lines = format_summary(build_record(s, config))
    assert "  by feature: MVP 1/1, SIMD 1/2" in lines
