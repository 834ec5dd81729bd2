"""Run records: validation, compaction, the history file, per-item outcomes, diffs.

A *record* is the JSON the harness writes for one run (schema in
:mod:`harness.summary`).  The history (``reports/history.jsonl``, committed)
holds one *compact* record per line: the counts are kept whole, the failure
list is cut to what the page shows (:data:`FAILURES_PER_FILE` per script).

Per-item outcomes (needed to list assertions that flipped between two runs)
are not part of the harness record; :func:`read_junit` reads them from the
``--junitxml`` file pytest writes next to it (``junit_family=xunit1``, which
carries each item's file), and :func:`attach_items` stores them in a *full*
record under ``items`` (kept out of the history, written to ``.cache/reports``).
"""

from __future__ import annotations

import datetime as _dt
import json
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path
from typing import Any

from harness.outcomes import OUTCOMES, fraction, pass_rate, ran, total

__all__ = [
    "OUTCOMES",
    "RecordError",
    "compact",
    "diff",
    "fraction",
    "latest",
    "load_history",
    "order_key",
    "pass_rate",
    "ran",
    "total",
    "validate",
]
REQUIRED = {
    "engine": str,
    "engine_version": str,
    "suite_commit": str,
    "project_commit": str,
    "date": str,
    "totals": dict,
    "by_kind": dict,
    "by_feature": dict,
    "by_file": dict,
    "failures": list,
}
#: failures kept per script in the history (the page shows the newest ones)
FAILURES_PER_FILE = 10
#: characters of a failure message kept in the history
MESSAGE_CHARS = 600


class RecordError(ValueError):
    """A record does not follow the schema."""


def validate(record: Any) -> dict[str, Any]:
    """Check the fields the reports rely on; return the record."""
    if not isinstance(record, dict):
        raise RecordError("a record is a JSON object")
    for key, typ in REQUIRED.items():
        if key not in record:
            raise RecordError(f"record lacks {key!r}")
        if not isinstance(record[key], typ):
            raise RecordError(f"record field {key!r} should be a {typ.__name__}")
    for group in ("totals",):
        _check_counts(group, record[group])
    for group in ("by_kind", "by_feature", "by_file"):
        for name, counts in record[group].items():
            _check_counts(f"{group}[{name}]", counts)
    for f in record["failures"]:
        if not isinstance(f, dict) or not {"file", "line", "kind"} <= f.keys():
            raise RecordError("each failure needs file, line and kind")
    return record


def _check_counts(where: str, counts: Any) -> None:
    if not isinstance(counts, dict):
        raise RecordError(f"{where} should map outcomes to counts")
    for k in OUTCOMES:
        v = counts.get(k, 0)
        if not isinstance(v, int) or v < 0:
            raise RecordError(f"{where}.{k} should be a count")


def regroup(record: dict[str, Any]) -> dict[str, Any]:
    """Recompute ``by_feature`` from ``by_file`` with today's labels.

    The feature figures of every view come from the per-script counts, which
    every record keeps whole, through one function
    (:func:`harness.summary.by_feature`): an old history entry recorded under
    older labels is shown under the same labels as the newest run.
    """
    from harness.summary import by_feature, message_by_feature

    record["by_feature"] = by_feature(record["by_file"])
    mm = record.get("message_match")
    if isinstance(mm, dict) and isinstance(mm.get("by_file"), dict):
        # records before the per-script message counts have no per-feature figure
        mm["by_feature"] = message_by_feature(mm["by_file"])
    return record


def load_record(path: Path) -> dict[str, Any]:
    return regroup(validate(json.loads(Path(path).read_text())))


def compact(record: dict[str, Any], per_file: int = FAILURES_PER_FILE) -> dict[str, Any]:
    """The history form: counts whole, failures cut per script, no items."""
    out = {k: v for k, v in record.items() if k not in ("failures", "items")}
    kept: dict[str, int] = defaultdict(int)
    failures = []
    for f in sorted(record["failures"], key=lambda f: (f["file"], f["line"])):
        if kept[f["file"]] >= per_file:
            continue
        kept[f["file"]] += 1
        failures.append(
            {
                "id": f.get("id", ""),
                "file": f["file"],
                "line": f["line"],
                "kind": f["kind"],
                "outcome": f.get("outcome", "failed"),
                "message": _clean_message(f.get("message", ""))[:MESSAGE_CHARS],
            }
        )
    out["failures"] = failures
    out["failures_total"] = len(record["failures"])
    return out


def _clean_message(text: str) -> str:
    """Drop xdist's ``[gw0] linux -- Python ...`` first line."""
    lines = text.splitlines()
    if lines and lines[0].startswith("[gw"):
        lines = lines[1:]
    return "\n".join(lines).strip()


# -- history -------------------------------------------------------------------------


def append_history(record: dict[str, Any], path: Path) -> dict[str, Any]:
    """Append the compact form of ``record`` as one line; return that form.

    A partial run (``"complete": false``, set by the harness for a selection,
    ``-k``, an early stop ...) is refused: the history holds whole-suite runs.
    """
    validate(record)
    if record.get("complete") is False:
        why = "; ".join(record.get("partial_because") or ["partial run"])
        raise RecordError(f"a partial run ({why}) is not a history entry; run the whole suite")
    entry = compact(record)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as f:
        f.write(json.dumps(entry, sort_keys=True, separators=(",", ":")) + "\n")
    return entry


def load_history(path: Path) -> list[dict[str, Any]]:
    """Every entry of the history, oldest first (by date, then file order)."""
    if not Path(path).is_file():
        return []
    entries = []
    for n, line in enumerate(Path(path).read_text().splitlines(), 1):
        if line.strip():
            try:
                entries.append(regroup(validate(json.loads(line))))
            except (ValueError, RecordError) as e:
                raise RecordError(f"{path}:{n}: {e}") from None
    return sorted(entries, key=order_key)


def _when(stamp: str) -> _dt.datetime:
    when = _dt.datetime.fromisoformat(stamp)
    return when if when.tzinfo else when.replace(tzinfo=_dt.UTC)


def order_key(entry: dict[str, Any]) -> tuple[_dt.datetime, _dt.datetime]:
    """History order: by the date of the project commit, then by run date.

    A backfilled run of an old commit is *recorded* after newer runs; ordering
    by the commit keeps it where it belongs, so "newest" means "of the newest
    commit" wherever the history is read -- never "last line of the file".
    Dates are compared as instants (commit dates carry UTC offsets).
    """
    run = _when(entry["date"])
    commit = entry.get("commit_date")
    return (_when(commit) if commit else run, run)


def latest(entries: list[dict[str, Any]], engine: str) -> dict[str, Any] | None:
    """The newest entry of ``engine``: of the newest commit (see :func:`order_key`)."""
    mine = [e for e in entries if e["engine"] == engine]
    return max(mine, key=order_key) if mine else None


CSV_COLUMNS = (
    "engine",
    "engine_version",
    "project_commit",
    "commit_date",
    "run_date",
    "feature",
    "passed",
    "run",
    "skipped",
    "failed",
    "xfailed",
    "items",
    "pass_rate",
)


def history_csv(entries: list[dict[str, Any]]) -> str:
    """The history as CSV, one row per run and feature area (``TOTAL`` first),
    in history order; ``pass_rate`` is :func:`harness.outcomes.pass_rate`."""
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for e in sorted(entries, key=order_key):
        for feat, c in [("TOTAL", e["totals"]), *sorted(e["by_feature"].items())]:
            w.writerow(
                [
                    e["engine"],
                    e.get("engine_version", ""),
                    e["project_commit"],
                    e.get("commit_date", ""),
                    e["date"],
                    feat,
                    c.get("passed", 0),
                    ran(c),
                    c.get("skipped", 0),
                    c.get("failed", 0),
                    c.get("xfailed", 0),
                    total(c),
                    f"{pass_rate(c):.2f}",
                ]
            )
    return buf.getvalue()


# -- per-item outcomes (JUnit XML) -------------------------------------------------


def read_junit(path: Path) -> dict[str, dict[str, Any]]:
    """``{"<script>::<item>": {"outcome", "message"}}`` from pytest's JUnit XML."""
    items: dict[str, dict[str, Any]] = {}
    for case in ET.parse(path).getroot().iter("testcase"):
        file = case.get("file") or ""
        name = case.get("name") or ""
        if file.startswith("spec/"):
            file = file[len("spec/") :]
        key = f"{file}::{name}" if file else f"{case.get('classname')}::{name}"
        outcome, message = "passed", ""
        for child in case:
            tag = child.tag
            if tag in ("failure", "error"):
                outcome = "failed" if tag == "failure" else "error"
                message = child.get("message") or (child.text or "")
            elif tag == "skipped":
                xfail = (child.get("type") or "") == "pytest.xfail"
                outcome = "xfailed" if xfail else "skipped"
                message = child.get("message") or ""
        items[key] = {"outcome": outcome, "message": message[:300]}
    return items


def parse_item_name(name: str) -> tuple[int, str]:
    """``line_37_assert_return_add`` -> (37, "assert_return")."""
    m = re.match(r"^line_(\d+)_(.*)$", name)
    if not m:
        return 0, "unknown"
    line, rest = int(m[1]), m[2]
    for kind in sorted(_KINDS, key=len, reverse=True):
        if rest == kind or rest.startswith(kind + "_"):
            return line, kind
    return line, rest.split("_")[0]


_KINDS = (
    "module",
    "module_definition",
    "module_instance",
    "register",
    "action",
    "assert_return",
    "assert_trap",
    "assert_exhaustion",
    "assert_malformed",
    "assert_invalid",
    "assert_unlinkable",
    "assert_uninstantiable",
    "assert_exception",
    "assert_malformed_custom",
    "assert_invalid_custom",
)


def attach_items(record: dict[str, Any], items: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Store per-item outcomes in ``record`` and count items the harness missed.

    When an engine kills its xdist worker (a segfault, an abort), xdist
    reports the item it was running as an error *without* the harness's
    properties, so the harness record does not count it.  Those items are
    added here as failures (``crashed`` says how many): a crash fails the
    item, it does not vanish from the denominator.
    """
    items = _resolve_classnames(items, record["by_file"])
    record["items"] = {k: v["outcome"] for k, v in items.items()}
    counted = {
        f"{f['file']}::{f['id'].split('::', 1)[-1]}" for f in record["failures"] if f.get("id")
    }
    crashed = 0
    for key, v in sorted(items.items()):
        if v["outcome"] != "error" or "crashed" not in v["message"] or key in counted:
            continue
        file, _, name = key.partition("::")
        line, kind = parse_item_name(name)
        crashed += 1
        for group, sub in (("totals", None), ("by_file", file), ("by_kind", kind)):
            counts = (
                record[group]
                if sub is None
                else record[group].setdefault(sub, dict.fromkeys(OUTCOMES, 0))
            )
            counts["failed"] = counts.get("failed", 0) + 1
        record["failures"].append(
            {
                "id": f"spec/{key}",
                "file": file,
                "line": line,
                "kind": kind,
                "outcome": "failed",
                "message": "engine crashed the test process: " + v["message"],
            }
        )
    record["crashed"] = crashed
    return regroup(record)


def _resolve_classnames(
    items: dict[str, dict[str, Any]], files: dict[str, Any]
) -> dict[str, dict[str, Any]]:
    """JUnit files written without ``junit_family=xunit1`` name an item by its
    classname (``spec.proposals.threads.atomic.wast``): map it back to the script."""
    dotted = {f"spec.{rel.replace('/', '.')}": rel for rel in files}
    out = {}
    for key, v in items.items():
        file, _, name = key.partition("::")
        out[f"{dotted.get(file, file)}::{name}"] = v
    return out


# -- comparing two runs -------------------------------------------------------------


def diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Items whose outcome changed from ``old`` to ``new``.

    Exact when both records carry ``items``; otherwise derived from the
    failure lists (then only failing <-> not failing is known, and the lists
    of history entries are truncated: ``exact`` is False).
    """
    if "items" in old and "items" in new:
        a, b = old["items"], new["items"]
        exact = True
    else:
        a = {_failure_key(f): f.get("outcome", "failed") for f in old["failures"]}
        b = {_failure_key(f): f.get("outcome", "failed") for f in new["failures"]}
        exact = False
    flips: dict[str, list[dict[str, str]]] = {
        "fixed": [],
        "broken": [],
        "changed": [],
        "added": [],
        "removed": [],
    }
    good = {"passed", "xfailed"}
    for key in sorted(set(a) | set(b), key=_sort_key):
        before, after = a.get(key), b.get(key)
        if before == after:
            continue
        row = {"item": key, "before": before or "-", "after": after or "-"}
        if not exact:
            before, after = before or "passed", after or "passed"
            row = {"item": key, "before": before, "after": after}
        if before is None:
            flips["added"].append(row)
        elif after is None:
            flips["removed"].append(row)
        elif after in good and before not in good:
            flips["fixed"].append(row)
        elif before in good and after not in good:
            flips["broken"].append(row)
        else:
            flips["changed"].append(row)
    delta = {k: new["totals"].get(k, 0) - old["totals"].get(k, 0) for k in OUTCOMES}
    return {"exact": exact, "flips": flips, "delta": delta}


def _failure_key(f: dict[str, Any]) -> str:
    ident = f.get("id") or ""
    name = ident.split("::", 1)[1] if "::" in ident else f"line_{f['line']}_{f['kind']}"
    return f"{f['file']}::{name}"


def _sort_key(key: str) -> tuple[str, int, str]:
    file, _, name = key.partition("::")
    line, _ = parse_item_name(name)
    return (file, line, name)


def format_diff(result: dict[str, Any], limit: int = 200) -> list[str]:
    lines = []
    d = result["delta"]
    lines.append("totals change: " + ", ".join(f"{k} {v:+d}" for k, v in d.items() if v))
    if not result["exact"]:
        lines.append(
            "note: per-item outcomes missing in a record; flips derived from the "
            "failure lists (may be truncated)"
        )
    for group in ("broken", "fixed", "changed", "added", "removed"):
        rows = result["flips"][group]
        if not rows:
            continue
        lines.append(f"{group} ({len(rows)}):")
        for r in rows[:limit]:
            lines.append(f"  {r['item']}: {r['before']} -> {r['after']}")
        if len(rows) > limit:
            lines.append(f"  ... {len(rows) - limit} more")
    if not any(result["flips"].values()):
        lines.append("no item changed outcome")
    return lines
