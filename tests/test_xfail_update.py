"""harness.xfail.update: complete records rewrite the list, partial ones only their scripts."""

from __future__ import annotations

from harness.xfail import update


def _record(xfailed: list[str], files: list[str], complete: bool) -> dict:
    return {
        "engine": "someengine",
        "xfailed": [f"spec/{k}" for k in xfailed],
        "failures": [],
        "by_file": {f: {} for f in files},
        "complete": complete,
    }


EXISTING = {"a.wast::line_1_x": "r1", "a.wast::line_2_y": "r2", "b.wast::line_3_z": "r3"}


def test_complete_record_drops_every_entry_that_passed() -> None:
    got = update(_record(["a.wast::line_1_x"], ["a.wast", "b.wast"], complete=True), EXISTING)
    assert got == {"a.wast::line_1_x": "r1"}


def test_partial_record_keeps_entries_of_scripts_it_did_not_run() -> None:
    got = update(_record(["a.wast::line_1_x"], ["a.wast"], complete=False), EXISTING)
    assert got == {"a.wast::line_1_x": "r1", "b.wast::line_3_z": "r3"}
