"""Conformance reports: record format, history, diff, plots and page on synthetic records."""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from reports import page, records
from reports.__main__ import headline_block, rewrite_readme

pytest.importorskip("matplotlib")
from reports import plots


def counts(passed: int = 0, failed: int = 0, skipped: int = 0) -> dict[str, int]:
    c = dict.fromkeys(records.OUTCOMES, 0)
    c.update(passed=passed, failed=failed, skipped=skipped)
    return c


def make_record(
    passed: int = 8,
    failed: int = 2,
    commit: str = "a" * 40,
    engine: str = "nanowasm",
    date: str = "2025-01-01T00:00:00+00:00",
) -> dict:
    failures = [
        {
            "id": f"spec/i32.wast::line_{10 + i}_assert_return_add",
            "file": "i32.wast",
            "line": 10 + i,
            "kind": "assert_return",
            "outcome": "failed",
            "message": "[gw0] linux -- Python\nspec/i32.wast:10: wrong result",
        }
        for i in range(failed)
    ]
    return {
        "schema": 1,
        "engine": engine,
        "engine_version": "1.0",
        "suite_commit": "b" * 40,
        "project_commit": commit,
        "date": date,
        "totals": counts(passed, failed, 1),
        "by_kind": {"assert_return": counts(passed, failed, 1)},
        "by_feature": {"MVP": counts(passed, failed, 1), "SIMD": counts(passed // 2, 0, 1)},
        "by_file": {"i32.wast": counts(passed, failed, 1)},
        "message_match": {"total": {"checked": 0, "matched": 0}, "by_kind": {}},
        "failures": failures,
    }


# -- record format ---------------------------------------------------------------------


def test_validate_accepts_a_harness_record():
    assert records.validate(make_record())["engine"] == "nanowasm"


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda r: r.pop("by_feature"), "lacks 'by_feature'"),
        (lambda r: r.update(totals=[]), "should be a dict"),
        (lambda r: r["by_file"]["i32.wast"].update(passed=-1), "should be a count"),
        (lambda r: r["failures"].append({"file": "x.wast"}), "file, line and kind"),
    ],
)
def test_validate_rejects_broken_records(mutate, message):
    rec = make_record()
    mutate(rec)
    with pytest.raises(records.RecordError, match=message):
        records.validate(rec)


def test_pass_rate_is_passed_over_items_run():
    # skipped items did not run; expected failures did and count against the engine
    assert records.pass_rate(counts(passed=3, failed=0, skipped=1)) == 100.0
    c = counts(passed=3, failed=1, skipped=5)
    c["xfailed"] = 4
    assert records.ran(c) == 8 and records.pass_rate(c) == 37.5
    assert records.pass_rate(counts()) == 0.0


def test_compact_cuts_failures_per_file_and_keeps_counts():
    rec = make_record(passed=1, failed=30)
    c = records.compact(rec, per_file=4)
    assert len(c["failures"]) == 4
    assert c["failures_total"] == 30
    assert c["totals"] == rec["totals"]
    assert not c["failures"][0]["message"].startswith("[gw0]")


# -- history -----------------------------------------------------------------------------


def test_history_append_adds_one_line_per_run(tmp_path: Path):
    hist = tmp_path / "history.jsonl"
    records.append_history(make_record(commit="1" * 40, date="2025-01-02T00:00:00+00:00"), hist)
    records.append_history(make_record(commit="2" * 40, date="2025-01-01T00:00:00+00:00"), hist)
    lines = hist.read_text().splitlines()
    assert len(lines) == 2
    entries = records.load_history(hist)
    assert [e["project_commit"][0] for e in entries] == ["2", "1"]  # oldest first
    newest = records.latest(entries, "nanowasm")
    assert newest is not None and newest["project_commit"][0] == "1"
    assert "items" not in json.loads(lines[0])


def test_newest_means_newest_commit_not_last_line(tmp_path: Path):
    """A backfilled run of an old commit is appended after the newest run: it
    must not become "newest" (commit dates with different UTC offsets)."""
    hist = tmp_path / "history.jsonl"
    new = make_record(commit="n" * 40, date="2025-01-05T10:00:00+00:00")
    new["commit_date"] = "2025-01-05T11:30:00+02:00"  # 09:30 UTC
    old = make_record(passed=1, commit="o" * 40, date="2025-01-05T12:00:00+00:00")
    old["commit_date"] = "2025-01-05T09:00:00+00:00"
    for rec in (new, old):
        records.append_history(rec, hist)
    entries = records.load_history(hist)
    assert [e["project_commit"][0] for e in entries] == ["o", "n"]
    newest = records.latest(list(reversed(entries)), "nanowasm")
    assert newest is not None and newest["project_commit"][0] == "n"
    text = page.render(entries, {}, tmp_path, tmp_path)
    assert "<code>nnnnnnnnnn</code>, suite commit" in text


def test_history_refuses_a_partial_run(tmp_path: Path):
    hist = tmp_path / "history.jsonl"
    rec = make_record()
    rec.update(complete=False, partial_because=["a selection of scripts or items"])
    with pytest.raises(records.RecordError, match="partial run"):
        records.append_history(rec, hist)
    assert not hist.exists()


def test_history_append_refuses_an_invalid_record(tmp_path: Path):
    hist = tmp_path / "history.jsonl"
    bad = make_record()
    del bad["totals"]
    with pytest.raises(records.RecordError):
        records.append_history(bad, hist)
    assert not hist.exists()


def test_load_history_names_the_bad_line(tmp_path: Path):
    hist = tmp_path / "history.jsonl"
    hist.write_text(json.dumps(make_record()) + "\n{}\n")
    with pytest.raises(records.RecordError, match=":2:"):
        records.load_history(hist)


# -- per-item outcomes and diff ---------------------------------------------------------------


def write_junit(path: Path, outcomes: dict[str, str]) -> Path:
    suite = ET.Element("testsuite")
    for key, outcome in outcomes.items():
        file, name = key.split("::")
        case = ET.SubElement(suite, "testcase", file=f"spec/{file}", name=name)
        if outcome == "failed":
            ET.SubElement(case, "failure", message="wrong result")
        elif outcome == "crashed":
            ET.SubElement(case, "error", message="worker 'gw1' crashed while running it")
        elif outcome == "skipped":
            ET.SubElement(case, "skipped", type="pytest.skip", message="v128")
        elif outcome == "xfailed":
            ET.SubElement(case, "skipped", type="pytest.xfail", message="known")
    root = ET.Element("testsuites")
    root.append(suite)
    ET.ElementTree(root).write(path)
    return path


def test_read_junit_outcomes(tmp_path: Path):
    items = records.read_junit(
        write_junit(
            tmp_path / "j.xml",
            {
                "i32.wast::line_1_module": "passed",
                "i32.wast::line_2_assert_return_add": "failed",
                "simd.wast::line_3_assert_return_x": "skipped",
                "a.wast::line_4_action": "xfailed",
            },
        )
    )
    assert {k: v["outcome"] for k, v in items.items()} == {
        "i32.wast::line_1_module": "passed",
        "i32.wast::line_2_assert_return_add": "failed",
        "simd.wast::line_3_assert_return_x": "skipped",
        "a.wast::line_4_action": "xfailed",
    }


def test_crashed_items_are_counted_as_failures(tmp_path: Path):
    rec = make_record(passed=8, failed=0)
    items = records.read_junit(
        write_junit(
            tmp_path / "j.xml",
            {"i32.wast::line_5_assert_trap_div": "crashed", "i32.wast::line_1_module": "passed"},
        )
    )
    records.attach_items(rec, items)
    assert rec["crashed"] == 1
    assert rec["totals"]["failed"] == 1
    assert rec["by_kind"]["assert_trap"]["failed"] == 1
    assert rec["by_feature"]["MVP"]["failed"] == 1
    assert rec["failures"][-1]["line"] == 5
    records.validate(rec)


def test_parse_item_name():
    assert records.parse_item_name("line_37_assert_return_add") == (37, "assert_return")
    assert records.parse_item_name("line_9_module_instance") == (9, "module_instance")
    assert records.parse_item_name("line_4_assert_malformed_custom") == (
        4,
        "assert_malformed_custom",
    )


def test_diff_lists_flipped_items_exactly():
    old, new = make_record(), make_record()
    old["items"] = {
        "a.wast::line_1_module": "passed",
        "a.wast::line_2_assert_return_f": "failed",
        "a.wast::line_3_action": "skipped",
        "b.wast::line_1_module": "passed",
    }
    new["items"] = {
        "a.wast::line_1_module": "failed",
        "a.wast::line_2_assert_return_f": "passed",
        "a.wast::line_3_action": "failed",
        "c.wast::line_1_module": "passed",
    }
    new["totals"]["passed"] += 3
    d = records.diff(old, new)
    assert d["exact"]
    flips = {g: [r["item"] for r in rows] for g, rows in d["flips"].items()}
    assert flips == {
        "broken": ["a.wast::line_1_module"],
        "fixed": ["a.wast::line_2_assert_return_f"],
        "changed": ["a.wast::line_3_action"],
        "added": ["c.wast::line_1_module"],
        "removed": ["b.wast::line_1_module"],
    }
    assert d["delta"]["passed"] == 3
    text = "\n".join(records.format_diff(d))
    assert "broken (1):" in text and "a.wast::line_1_module: passed -> failed" in text


def test_diff_without_items_uses_the_failure_lists():
    old = make_record(failed=3)
    new = copy.deepcopy(old)
    new["failures"] = new["failures"][1:]  # line 10 fixed
    d = records.diff(old, new)
    assert not d["exact"]
    assert [r["item"] for r in d["flips"]["fixed"]] == ["i32.wast::line_10_assert_return_add"]
    assert d["flips"]["broken"] == []


def test_diff_of_identical_records_is_empty():
    rec = make_record()
    assert not any(records.diff(rec, copy.deepcopy(rec))["flips"].values())


# -- plots and page -----------------------------------------------------------------------------


def history_entries() -> list[dict]:
    return [
        records.compact(
            make_record(
                passed=p, failed=10 - p, commit=f"{i}" * 40, date=f"2025-01-0{i + 1}T00:00:00+00:00"
            )
        )
        for i, p in enumerate((2, 5, 9))
    ]


def test_plot_functions_write_svg_and_png(tmp_path: Path):
    entries = history_entries()
    paths = plots.plot_history(entries, tmp_path)
    paths += plots.plot_matrix(entries[-1], tmp_path)
    paths += plots.plot_compare(
        {"nanowasm": entries[-1], "wasm3": make_record(passed=3, engine="wasm3")}, tmp_path
    )
    assert sorted(p.name for p in paths) == sorted(
        f"{s}.{e}" for s in ("history", "matrix", "compare") for e in ("svg", "png")
    )
    for p in paths:
        assert p.stat().st_size > 1000
        if p.suffix == ".png":
            assert p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        else:
            assert "<svg" in p.read_text()[:2000]


def test_plot_history_without_runs_still_draws(tmp_path: Path):
    paths = plots.plot_history([], tmp_path) + plots.plot_history_features([], tmp_path)
    assert all(p.stat().st_size > 0 for p in paths)


def test_per_feature_history_panels_and_csv(tmp_path: Path):
    import csv
    import io

    entries = history_entries()
    paths = plots.plot_history_features(entries, tmp_path)
    assert sorted(p.name for p in paths) == ["history-features.png", "history-features.svg"]
    rows = list(csv.DictReader(io.StringIO(records.history_csv(entries[::-1]))))
    assert len(rows) == 3 * 3  # TOTAL + MVP + SIMD per run
    assert [r["project_commit"][0] for r in rows[::3]] == ["0", "1", "2"]  # history order
    total_row = rows[6]
    assert total_row["feature"] == "TOTAL" and total_row["passed"] == "9"
    assert total_row["run"] == "10" and total_row["skipped"] == "1"
    assert total_row["pass_rate"] == "90.00"


def test_page_shows_tables_failure_links_and_fuzz_figures(tmp_path: Path):
    entries = history_entries()
    (tmp_path / "fuzz").mkdir()
    (tmp_path / "fuzz" / "latest.json").write_text(
        json.dumps(
            {
                "diff-wasm2": {
                    "kind": "diff",
                    "started": "2025-01-01T00:00:00",
                    "duration_s": 60.0,
                    "modules": 1234,
                    "modules_valid": 1000,
                    "calls": 5000,
                    "unexplained_total": 0,
                    "divergences": {"result": 2},
                    "explained": {"trap-order": 3},
                    "explained_rules": {"trap-order": "threads proposal step 8"},
                    "peak_rss_mb": 151.5,
                }
            }
        )
    )
    compare = {"engines": {"nanowasm": entries[-1], "pywasm": make_record(engine="pywasm")}}
    out = page.write(entries, compare, tmp_path, tmp_path)
    text = out.read_text()
    assert text.startswith("<!doctype html>")
    assert 'src="history.svg"' not in text  # plots not generated in this test...
    plots.plot_history(entries, tmp_path)
    text = page.render(entries, compare, tmp_path, tmp_path)
    assert 'src="history.svg"' in text  # ...then linked relatively
    assert ("https://github.com/WebAssembly/testsuite/blob/" + "b" * 40 + "/i32.wast#L10") in text
    assert "1,234" in text and "result: 2" in text
    assert "explained trap-order (3): threads proposal step 8" in text
    assert "peak RSS MB <b>151.5</b>" in text
    assert "pywasm" in text and "http://" not in text
    assert "<script" not in text


def test_readme_block_is_generated_between_markers(tmp_path: Path, monkeypatch):
    import reports.__main__ as cli

    hist = tmp_path / "history.jsonl"
    for e in history_entries():
        records.append_history(e, hist)
    monkeypatch.setattr(cli, "HISTORY", hist)
    monkeypatch.setattr(cli, "COMPARE", tmp_path / "none.json")
    readme = tmp_path / "README.md"
    readme.write_text("# x\n<!-- conformance:start -->\nold\n<!-- conformance:end -->\ntail\n")
    assert rewrite_readme(readme)
    text = readme.read_text()
    assert "old" not in text and text.endswith("tail\n")
    assert "| **nanowasm** 1.0 | 9 | 1 | 0 | 1 | 11 | 90.0% |" in text
    assert "reports/history.png" in text
    plain = tmp_path / "PLAIN.md"
    plain.write_text("no markers\n")
    assert not rewrite_readme(plain)
    assert plain.read_text() == "no markers\n"
    assert headline_block([], {}).count("conformance:") == 2


def test_every_view_shows_the_same_feature_figures(tmp_path: Path):
    """Terminal summary, matrix, page and README: one record, one pass rate."""
    from harness.summary import format_summary

    rec = make_record(passed=0, failed=0)
    rec["by_file"] = {
        "return_call.wast": counts(passed=47),
        "return_call_indirect.wast": counts(passed=68, skipped=11),
        "return_call_ref.wast": dict(counts(), xfailed=51),
        "i32.wast": counts(passed=458, skipped=2),
    }
    rec["totals"] = {k: sum(c[k] for c in rec["by_file"].values()) for k in records.OUTCOMES}
    rec = records.regroup(rec)
    assert set(rec["by_feature"]) == {"MVP", "tail-call", "function-references"}
    assert records.fraction(rec["by_feature"]["tail-call"]) == "115/115"
    summary = "\n".join(format_summary({**rec, "message_match": {"total": {"checked": 0}}}))
    tail = next(line for line in summary.splitlines() if line.startswith("tail-call"))
    assert "115/115" in tail and "100.00%" in tail
    html = page.render([records.compact(rec)], {}, tmp_path, tmp_path)
    assert "115/115 (100.0%)" in html
    assert plots.matrix_label(rec["by_feature"]["tail-call"]) == "115/115  (100.0%), 11 skipped"


def test_scripts_are_labelled_by_what_they_test():
    from harness.features import tested_feature

    assert tested_feature("i32.wast") == "MVP"  # not sign-ext, although it uses extend8_s
    assert tested_feature("f64.wast") == "MVP" and tested_feature("i64.wast") == "MVP"
    assert tested_feature("return_call.wast") == "tail-call"
    assert tested_feature("return_call_ref.wast") == "function-references"
    assert tested_feature("simd_load8_lane.wast") == "SIMD"
    assert tested_feature("memory_copy64.wast") == "memory64"
    assert tested_feature("address0.wast") == "multi-memory"
    assert tested_feature("i31.wast") == "GC"
    assert tested_feature("proposals/threads/atomic.wast") == "threads"


def test_message_agreement_per_feature_on_page_and_readme(tmp_path: Path):
    """Per-feature message agreement comes from the per-script counts (regrouped with
    today's labels); a record without them shows the total only."""
    rec = make_record()
    rec["message_match"] = {
        "total": {"checked": 12, "matched": 11},
        "by_kind": {"assert_trap": {"checked": 12, "matched": 11}},
        "by_file": {
            "i32.wast": {"checked": 4, "matched": 4},
            "return_call.wast": {"checked": 8, "matched": 7},
        },
    }
    rec = records.regroup(rec)
    assert rec["message_match"]["by_feature"] == {
        "MVP": {"checked": 4, "matched": 4},
        "tail-call": {"checked": 8, "matched": 7},
    }
    assert page.message_rows(rec) == [("MVP", 4, 4, "100.0%"), ("tail-call", 8, 7, "87.5%")]
    entry = records.compact(rec)
    html = page.render([entry], {}, tmp_path, tmp_path)
    assert "Error messages matching the reference, per feature" in html
    assert "<td>tail-call</td><td>8</td><td>7</td><td>87.5%</td>" in html
    block = headline_block([entry], {})
    assert "11 of 12 correctly-categorised negative assertions (91.6%" in block  # rounded down
    assert "| tail-call | 8 | 7 | 87.5% |" in block
    old = records.regroup(
        {**make_record(), "message_match": {"total": {"checked": 3, "matched": 3}, "by_kind": {}}}
    )
    assert page.message_rows(old) == []
    assert "3 of 3" in headline_block([records.compact(old)], {})
    assert "| feature | checked |" not in headline_block([records.compact(old)], {})


def test_headline_says_100_percent_only_for_a_clean_whole_suite_run() -> None:
    """The "runs 100% of the suite" line comes from the record, never from prose:
    any failure, expected failure or skip, or a partial record, keeps it out."""
    clean = make_record(passed=10, failed=0)
    clean["totals"] = {**clean["totals"], "skipped": 0, "xfailed": 0}
    assert "runs 100% of the suite**: all 10 items" in headline_block([records.compact(clean)], {})
    for change in ({"failed": 1}, {"xfailed": 1}, {"skipped": 1}):
        rec = {**clean, "totals": {**clean["totals"], **change}}
        assert "100% of the suite" not in headline_block([records.compact(rec)], {})
    assert "100% of the suite" not in headline_block([], {})


def test_percentages_never_round_up_to_all() -> None:
    """10,757 of 10,761 is 99.9%, not 100.0%: figures are rounded down."""
    from harness.outcomes import percent

    assert percent(10_757, 10_761) == "99.9%"
    assert percent(2_109, 2_110) == "99.9%"
    assert percent(5, 5) == "100.0%"
    assert percent(11, 12) == "91.6%"
    assert percent(0, 3) == "0.0%"
    assert percent(1, 0) == "-"
