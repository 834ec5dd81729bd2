"""``reports/index.html``: one static page, no server, no network.

CSS is inline; plots are linked by relative path (``history.svg`` ... next to
the page); links to the suite point at the upstream WebAssembly/testsuite
repository at the pinned commit (they are the only external references and
are not needed to read the page).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

from fuzz.known import SPEC_EXPLAINED
from harness.outcomes import percent, rate_text

from . import palette
from .records import OUTCOMES, latest, order_key, pass_rate, ran, total

SUITE_URL = "https://github.com/WebAssembly/testsuite/blob/{commit}/{file}#L{line}"
FAILURES_SHOWN = 5
RATE_NOTE = (
    "Pass rate = passed / items run (every item but the skipped ones; expected "
    "failures ran and count against it), the same figure the terminal summary "
    "prints. Each script counts once, under the feature area it tests."
)

CSS = """
body { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; margin: 2em auto;
       max-width: 1250px; color: #222; line-height: 1.4; padding: 0 1em; }
h1 { margin-bottom: 0.2em; } h2 { border-bottom: 2px solid #eee; padding-bottom: 0.2em;
     margin-top: 2em; }
.meta { color: #555; font-size: 0.9em; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.88em; }
th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: right; }
th { background: #f5f5f5; } td:first-child, th:first-child { text-align: left; }
tr.total td { font-weight: bold; background: #fafafa; }
img.plot { max-width: 100%; border: 1px solid #eee; margin: 0.5em 0; }
.bar { display: inline-block; height: 10px; vertical-align: middle; }
details { margin: 0.3em 0; } summary { cursor: pointer; }
pre { background: #f7f7f7; padding: 0.5em; font-size: 0.8em; white-space: pre-wrap;
      margin: 0.2em 0 0.6em 0; }
.kpi { display: inline-block; margin: 0.3em 1.5em 0.3em 0; }
.kpi b { font-size: 1.6em; display: block; }
.note { color: #666; font-size: 0.85em; }
td.l { text-align: left; }
"""


def _e(x: Any) -> str:
    return html.escape(str(x))


def _pct(c: dict[str, int]) -> str:
    return rate_text(c)


def _counts_row(name: str, c: dict[str, int], cls: str = "") -> str:
    cells = "".join(f"<td>{c.get(o, 0)}</td>" for o in OUTCOMES)
    width = int(pass_rate(c) * 1.2)
    bar = (
        f'<span class="bar" style="width:{width}px;'
        f'background:{palette.OUTCOME_COLOURS["passed"]}"></span>'
    )
    return (
        f'<tr class="{cls}"><td>{_e(name)}</td>{cells}<td>{total(c)}</td>'
        f"<td>{c.get('passed', 0)}/{ran(c)} ({_pct(c)}) {bar}</td></tr>"
    )


def _counts_head(first: str) -> str:
    cols = "".join(f'<th style="color:{palette.OUTCOME_COLOURS[o]}">{o}</th>' for o in OUTCOMES)
    return f"<tr><th>{_e(first)}</th>{cols}<th>items</th><th>passed / run</th></tr>"


def suite_link(commit: str, file: str, line: int) -> str:
    return SUITE_URL.format(commit=commit, file=file, line=line)


def _pinned_commit(record: dict[str, Any], root: Path) -> str:
    c = record.get("suite_commit", "")
    if re.fullmatch(r"[0-9a-f]{40}", c):
        return c
    f = root / "spec" / "SUITE_COMMIT"
    return f.read_text().strip() if f.is_file() else "main"


def _img(name: str, out_dir: Path, alt: str) -> str:
    for ext in ("svg", "png"):
        if (out_dir / f"{name}.{ext}").is_file():
            return f'<img class="plot" src="{name}.{ext}" alt="{_e(alt)}">'
    return f'<p class="note">({_e(alt)}: not generated yet)</p>'


def _failures_section(record: dict[str, Any], root: Path) -> str:
    commit = _pinned_commit(record, root)
    by_file: dict[str, list[dict[str, Any]]] = {}
    for f in record["failures"]:
        by_file.setdefault(f["file"], []).append(f)
    if not by_file:
        return "<p>No failures in the newest run.</p>"
    counts = record["by_file"]
    out = [
        f'<p class="note">{record.get("failures_total", len(record["failures"]))} failing '
        f"items in {len(by_file)} scripts; the first {FAILURES_SHOWN} per script are shown "
        "(links open the wast line upstream at the pinned suite commit).</p>"
    ]
    order = sorted(by_file, key=lambda f: (-counts.get(f, {}).get("failed", 0), f))
    for file in order:
        fails = sorted(by_file[file], key=lambda f: f["line"])
        c = counts.get(file, {})
        bad = c.get("failed", 0) + c.get("error", 0) + c.get("xpassed", 0)
        out.append(
            f"<details><summary><b>{_e(file)}</b> &mdash; {bad} failing of "
            f"{total(c)} items</summary><ul>"
        )
        for f in fails[:FAILURES_SHOWN]:
            url = suite_link(commit, f["file"], f["line"])
            msg = f.get("message", "")
            out.append(
                f'<li><a href="{_e(url)}">{_e(f["file"])}:{f["line"]}</a> '
                f"<code>{_e(f['kind'])}</code><pre>{_e(msg)}</pre></li>"
            )
        out.append("</ul></details>")
    return "\n".join(out)


def _history_table(entries: list[dict[str, Any]], engine: str) -> str:
    runs = sorted((e for e in entries if e["engine"] == engine), key=order_key)[-30:]
    if not runs:
        return "<p>No history yet.</p>"
    rows = [
        "<table><tr><th>project commit</th><th>date</th><th>engine version</th>"
        "<th>passed</th><th>failed</th><th>expected failures</th><th>skipped</th>"
        "<th>items</th><th>passed / run</th></tr>"
    ]
    for e in reversed(runs):
        t = e["totals"]
        date = (e.get("commit_date") or e["date"])[:16].replace("T", " ")
        rows.append(
            f"<tr><td><code>{_e(e['project_commit'][:10])}</code></td><td>{_e(date)}"
            f"</td><td>{_e(e.get('engine_version', ''))}</td><td>{t.get('passed', 0)}"
            f"</td><td>{t.get('failed', 0)}</td><td>{t.get('xfailed', 0)}</td>"
            f"<td>{t.get('skipped', 0)}</td>"
            f"<td>{total(t)}</td><td>{t.get('passed', 0)}/{ran(t)} ({_pct(t)})</td></tr>"
        )
    rows.append("</table>")
    return "\n".join(rows)


def _compare_table(compare: dict[str, Any]) -> str:
    records = compare.get("engines", {})
    if not records:
        return "<p>No engine comparison yet (<code>python -m reports compare</code>).</p>"
    engines = list(records)
    feats = palette.sort_features(sorted({f for r in records.values() for f in r["by_feature"]}))
    head = "".join(
        f'<th style="color:{palette.engine_colour(e)}">{_e(e)}<br>'
        f'<span class="note">{_e(records[e].get("engine_version", ""))}</span></th>'
        for e in engines
    )
    rows = [f"<table><tr><th>feature</th>{head}</tr>"]
    for name in ["TOTAL", *feats]:
        cells = []
        for e in engines:
            r = records[e]
            c = r["totals"] if name == "TOTAL" else r["by_feature"].get(name)
            cells.append(
                f"<td>{c.get('passed', 0)}/{ran(c)} ({_pct(c)})</td>" if c else "<td>-</td>"
            )
        cls = ' class="total"' if name == "TOTAL" else ""
        rows.append(f"<tr{cls}><td>{_e(name)}</td>{''.join(cells)}</tr>")
    rows.append("</table>")
    notes = []
    for e in engines:
        r = records[e]
        extra = f", {r['crashed']} items crashed the worker" if r.get("crashed") else ""
        dur = f", {r['duration_s'] / 60:.1f} min" if r.get("duration_s") else ""
        skipped = r["totals"].get("skipped", 0)
        notes.append(
            f"{_e(e)}: project {_e(r['project_commit'][:7])}, run {_e(r['date'])}"
            f"{dur}, {skipped:,} items skipped{extra}"
        )
    rows.append('<p class="note">' + "<br>".join(notes) + "</p>")
    return "\n".join(rows)


def _fuzz_section(fuzz_dir: Path) -> str:
    latest = fuzz_dir / "latest.json"
    if not latest.is_file():
        return "<p>No fuzzing campaign recorded yet (<code>reports/fuzz/latest.json</code>).</p>"
    try:
        data = json.loads(latest.read_text())
    except ValueError:
        return "<p>reports/fuzz/latest.json is not valid JSON.</p>"
    rows = []
    for name, rec in sorted(data.items()):
        if not isinstance(rec, dict):
            continue
        if rec.get("kind") == "diff":
            figures = [
                ("modules", rec.get("modules")),
                ("valid", rec.get("modules_valid")),
                ("instantiated", rec.get("modules_instantiated")),
                ("calls", rec.get("calls")),
                ("conclusive calls", rec.get("calls_conclusive")),
                ("unexplained divergences", rec.get("unexplained_total")),
                ("explained", sum((rec.get("explained") or {}).values())),
                ("peak RSS MB", rec.get("peak_rss_mb")),
            ]
        else:
            figures = [
                ("executions", rec.get("executions")),
                ("exec/s", rec.get("execs_per_s")),
                ("coverage", rec.get("coverage")),
                ("features", rec.get("features")),
                ("corpus", rec.get("corpus_units")),
                ("crashes", rec.get("crashes")),
            ]
        dur = rec.get("duration_s")
        cells = "; ".join(f"{k} <b>{_e(_num(v))}</b>" for k, v in figures if v is not None)
        div = rec.get("divergences") or {}
        kinds = ", ".join(f"{_e(k)}: {v}" for k, v in sorted(div.items()) if v)
        # the rule recorded with the campaign, else today's (older campaigns lack it)
        rules = {**SPEC_EXPLAINED, **(rec.get("explained_rules") or {})}
        why = "".join(
            f"<br>explained {_e(k)} ({v}){': ' + _e(rules[k]) if k in rules else ''}"
            for k, v in sorted((rec.get("explained") or {}).items())
            if v and rec.get("kind") == "diff"
        )
        rows.append(
            f"<tr><td>{_e(name)}</td><td>{_e(str(rec.get('started', ''))[:16])}</td>"
            f'<td>{_e(_num(dur))} s</td><td class="l">{cells}'
            f"{'<br>divergences: ' + kinds if kinds else ''}{why}</td></tr>"
        )
    if not rows:
        return "<p>reports/fuzz/latest.json holds no campaign.</p>"
    return (
        "<table><tr><th>campaign</th><th>started (UTC)</th><th>duration</th>"
        "<th>figures</th></tr>" + "\n".join(rows) + "</table>"
    )


def _messages_section(record: dict[str, Any]) -> str:
    """Error-message agreement with the reference interpreter, per feature area."""
    mm = record.get("message_match") or {}
    t = mm.get("total") or {}
    head = "<h3>Error messages matching the reference, per feature</h3>"
    if not t.get("checked"):
        return head + "<p>No negative assertion's message was compared in this run.</p>"
    rows = message_rows(record)
    note = (
        f'<p class="note">{t["matched"]:,} of {t["checked"]:,} correctly-categorised '
        "negative assertions (assert_trap, assert_invalid, assert_malformed, ...) carry "
        "the reference interpreter's text (a mismatch is not a failure). Each script counts "
        "under the feature it tests, as in the matrix above.</p>"
    )
    if not rows:
        return head + note + "<p>This run recorded no per-script message counts.</p>"
    body = "".join(
        f"<tr><td>{_e(f)}</td><td>{c:,}</td><td>{m:,}</td><td>{_e(pct)}</td></tr>"
        for f, c, m, pct in rows
    )
    return (
        head
        + note
        + "<table><tr><th>feature</th><th>checked</th><th>matched</th><th>agreement</th></tr>"
        + body
        + "</table>"
    )


def message_rows(record: dict[str, Any]) -> list[tuple[str, int, int, str]]:
    """(feature, checked, matched, agreement) for every feature with a compared
    message, in the matrix's feature order; empty for records without them."""
    by_feature = (record.get("message_match") or {}).get("by_feature") or {}
    out = []
    for f in palette.sort_features(list(by_feature)):
        c = by_feature[f]
        if c.get("checked"):
            out.append((f, c["checked"], c["matched"], percent(c["matched"], c["checked"])))
    return out


def _num(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:,.1f}"
    if isinstance(v, int):
        return f"{v:,}"
    return str(v)


def render(
    entries: list[dict[str, Any]],
    compare: dict[str, Any],
    out_dir: Path,
    root: Path,
    engine: str = "nanowasm",
) -> str:
    """The page as a string (written by :func:`write`)."""
    newest = latest(entries, engine)
    parts = [
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>nanowasm conformance</title><style>{CSS}</style></head><body>",
        "<h1>nanowasm &mdash; spec-suite conformance</h1>",
    ]
    if newest is None:
        parts.append("<p>No recorded run yet: <code>python -m reports record</code>.</p>")
    else:
        t = newest["totals"]
        parts.append(
            f'<p class="meta">Newest run: {_e(newest["engine"])} '
            f"{_e(newest.get('engine_version', ''))}, project commit "
            f"<code>{_e(newest['project_commit'][:10])}</code>, suite commit "
            f"<code>{_e(newest['suite_commit'][:10])}</code>, {_e(newest['date'])}.</p>"
            f'<div><span class="kpi"><b>{_pct(t)}</b>of items run passed</span>'
            f'<span class="kpi"><b>{t.get("passed", 0):,}</b>passed</span>'
            f'<span class="kpi"><b>{t.get("failed", 0):,}</b>failed</span>'
            f'<span class="kpi"><b>{t.get("xfailed", 0):,}</b>expected failures</span>'
            f'<span class="kpi"><b>{t.get("skipped", 0):,}</b>skipped</span>'
            f'<span class="kpi"><b>{total(t):,}</b>items</span></div>'
            f'<p class="note">{_e(RATE_NOTE)}</p>'
        )
    parts += [
        "<h2>Pass rate over project history</h2>",
        _img("history", out_dir, "pass rate over project history"),
        _img("history-features", out_dir, "pass rate per feature area over history"),
        '<p class="note">Every run and feature area as CSV: '
        '<a href="history.csv">history.csv</a>.</p>',
        _history_table(entries, engine),
    ]
    parts.append("<h2>Per-feature matrix (newest run)</h2>")
    if newest is not None:
        parts.append(_img("matrix", out_dir, "per-feature matrix"))
        parts.append(
            "<table>"
            + _counts_head("feature")
            + _counts_row("TOTAL", newest["totals"], "total")
            + "".join(
                _counts_row(f, newest["by_feature"][f])
                for f in palette.sort_features(list(newest["by_feature"]))
            )
            + "</table>"
        )
        parts.append(_messages_section(newest))
        parts.append(
            "<h3>By command kind</h3><table>"
            + _counts_head("kind")
            + "".join(_counts_row(k, c) for k, c in sorted(newest["by_kind"].items()))
            + "</table>"
        )
    parts += [
        "<h2>Engine comparison</h2>",
        _img("compare", out_dir, "engine comparison"),
        '<p class="note">Every engine runs the same items through the same harness '
        "(same assertions, value matching and per-item time bound). Cells read passed / "
        "items run; an adapter that cannot express a value or parse a text module "
        "skips the item, and the skipped count is shown per engine below.</p>",
        _compare_table(compare),
    ]
    parts.append("<h2>Newest failures per script</h2>")
    parts.append(_failures_section(newest, root) if newest else "<p>-</p>")
    parts += ["<h2>Fuzzing campaigns</h2>", _fuzz_section(out_dir / "fuzz")]
    parts.append(
        '<p class="note">Generated by <code>python -m reports</code>; do not edit.</p>'
        "</body></html>"
    )
    return "\n".join(parts)


def write(
    entries: list[dict[str, Any]],
    compare: dict[str, Any],
    out_dir: Path,
    root: Path,
    engine: str = "nanowasm",
) -> Path:
    path = out_dir / "index.html"
    path.write_text(render(entries, compare, out_dir, root, engine))
    return path
