"""Aggregating spec items into a conformance summary and a JSON record.

Runs on the pytest controller (with xdist, item reports arrive there with
their ``user_properties``), so it sees every item exactly once.

Record schema (``.cache/last-run.json``, read by :mod:`reports`)::

    {"schema": 1, "engine", "engine_version", "suite_commit", "project_commit",
     "date", "totals": {passed, failed, skipped, xfailed, xpassed, error},
     "by_kind": {kind: counts}, "by_feature": {feature: counts},
     "by_file": {file: counts},
     "message_match": {"total": {"checked", "matched"}, "by_kind": {...},
                       "by_file": {file: {"checked", "matched"}},
                       "by_feature": {feature: {"checked", "matched"}}},
     "failures": [{"id", "file", "line", "kind", "outcome", "message"}],
     "xfailed": [id, ...]}

``message_match`` counts the correctly-categorised negative assertions
(``assert_trap``, ``assert_invalid``, ...) whose message the harness compared
with the reference text; ``by_feature`` is derived from ``by_file`` exactly
as the outcome counts are (:func:`message_by_feature`).

``xpassed`` counts strict expected failures that passed (they fail the run);
``error`` counts setup/teardown errors.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
from collections import defaultdict
from pathlib import Path
from typing import Any

from .outcomes import OUTCOMES, empty, pass_rate, percent, ran

__all__ = [
    "OUTCOMES",
    "RunStats",
    "build_record",
    "classify",
    "format_summary",
    "message_by_feature",
]


def _counts() -> dict[str, int]:
    return empty()


def _checked() -> dict[str, int]:
    return {"checked": 0, "matched": 0}


def classify(report: Any) -> str | None:
    """The outcome one report contributes, or None (e.g. a passing setup)."""
    xfail = hasattr(report, "wasxfail")
    if report.when == "call":
        if report.passed:
            return "xpassed" if xfail else "passed"
        if report.failed:
            text = str(getattr(report, "longrepr", "") or "")
            return "xpassed" if "XPASS(strict)" in text else "failed"
        return "xfailed" if xfail else "skipped"
    if report.failed:
        return "error"
    if report.skipped:
        return "xfailed" if xfail else "skipped"
    return None


class RunStats:
    def __init__(self) -> None:
        self.by_file: dict[str, dict[str, int]] = defaultdict(_counts)
        self.by_kind: dict[str, dict[str, int]] = defaultdict(_counts)
        self.totals = _counts()
        self.messages: dict[str, dict[str, int]] = defaultdict(_checked)
        self.messages_by_file: dict[str, dict[str, int]] = defaultdict(_checked)
        self.failures: list[dict[str, Any]] = []
        self.xfailed: list[str] = []
        self.engine_version = ""

    def total(self) -> int:
        return sum(self.totals.values())

    def add_report(self, report: Any, props: dict[str, Any]) -> None:
        outcome = classify(report)
        if outcome is None:
            return
        info = props["wast"]
        self.add(info["file"], info["kind"], outcome)
        if props.get("engine_version"):
            self.engine_version = props["engine_version"]
        msg = props.get("message")
        if msg is not None:
            for m in (self.messages[info["kind"]], self.messages_by_file[info["file"]]):
                m["checked"] += 1
                m["matched"] += bool(msg["matched"])
        if outcome == "xfailed":
            self.xfailed.append(report.nodeid)
        if outcome in ("failed", "xpassed", "error"):
            self.failures.append(
                {
                    "id": report.nodeid,
                    "file": info["file"],
                    "line": info["line"],
                    "kind": info["kind"],
                    "outcome": outcome,
                    "message": str(getattr(report, "longreprtext", "") or "")[:2000],
                }
            )

    def add(self, file: str, kind: str, outcome: str) -> None:
        self.by_file[file][outcome] += 1
        self.by_kind[kind][outcome] += 1
        self.totals[outcome] += 1


def by_feature(by_file: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    """Counts per feature area; each script counts once, under the feature it
    *tests* (:func:`harness.features.tested_feature`, read off its path), so
    ``i32.wast`` counts under MVP although it also uses sign-extension, and a
    GC script that uses multi-value does not weigh on the multi-value figure."""
    from .features import tested_feature

    out: dict[str, dict[str, int]] = defaultdict(_counts)
    for file, counts in by_file.items():
        tag = tested_feature(file)
        for k, v in counts.items():
            out[tag][k] += v
    return dict(sorted(out.items()))


def message_by_feature(by_file: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    """Message agreement per feature area, grouped like :func:`by_feature`
    (each script under the feature it tests), so the two tables line up."""
    from .features import tested_feature

    out: dict[str, dict[str, int]] = defaultdict(_checked)
    for file, counts in by_file.items():
        m = out[tested_feature(file)]
        m["checked"] += counts.get("checked", 0)
        m["matched"] += counts.get("matched", 0)
    return dict(sorted(out.items()))


def build_record(stats: RunStats, config: Any) -> dict[str, Any]:
    from .suite import git_head, suite_commit, suite_dir

    root = Path(config.rootpath)
    checked = sum(m["checked"] for m in stats.messages.values())
    matched = sum(m["matched"] for m in stats.messages.values())
    return {
        "schema": 1,
        "engine": config.getoption("engine"),
        "engine_version": stats.engine_version,
        "suite_commit": suite_commit(suite_dir(config.getoption("testsuite"))),
        "project_commit": git_head(root),
        "date": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "totals": dict(stats.totals),
        "by_kind": dict(sorted(stats.by_kind.items())),
        "by_feature": by_feature(stats.by_file),
        "by_file": dict(sorted(stats.by_file.items())),
        "message_match": {
            "total": {"checked": checked, "matched": matched},
            "by_kind": dict(sorted(stats.messages.items())),
            "by_file": dict(sorted(stats.messages_by_file.items())),
            "by_feature": message_by_feature(stats.messages_by_file),
        },
        "failures": stats.failures,
        "xfailed": sorted(stats.xfailed),
    }


def _row(name: str, c: dict[str, int]) -> str:
    pct = f"{pass_rate(c):6.2f}%" if ran(c) else "      -"
    frac = f"{c['passed']}/{ran(c)}"
    return (
        f"{name:<28} {c['passed']:>7} {c['failed']:>7} {c['skipped']:>7} "
        f"{c['xfailed']:>7} {c['xpassed'] + c['error']:>7} {frac:>13} {pct}"
    )


def format_summary(record: dict[str, Any]) -> list[str]:
    """The terminal summary; pass rate = passed / items run (:mod:`harness.outcomes`)."""
    head = (
        f"{'':<28} {'passed':>7} {'failed':>7} {'skipped':>7} {'xfailed':>7} "
        f"{'xpass/e':>7} {'passed/run':>13}   pass%"
    )
    lines = [
        f"engine {record['engine']} {record['engine_version']}, suite "
        f"{record['suite_commit'][:12]}, project {record['project_commit'][:12]}",
        "by command kind:",
        head,
    ]
    lines += [_row(k, c) for k, c in record["by_kind"].items()]
    lines += [_row("TOTAL", record["totals"]), "by feature:", head]
    lines += [_row(k, c) for k, c in record["by_feature"].items()]
    mm = record["message_match"]
    t = mm["total"]
    if t["checked"]:
        lines.append(
            f"error messages matching the reference text: {t['matched']}/{t['checked']}"
            f" ({percent(t['matched'], t['checked'])}) of correctly-categorised "
            "negative assertions (not counted as failures)"
        )
        per = mm.get("by_feature") or {}
        if per:
            lines.append(
                "  by feature: "
                + ", ".join(
                    f"{f} {c['matched']}/{c['checked']}" for f, c in per.items() if c["checked"]
                )
            )
    return lines


def write_record(record: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(record, indent=1, sort_keys=False) + "\n")
    os.replace(tmp, path)
