"""Command line of the conformance reports (``python -m reports <command>``).

Commands::

    record   [--engine E] [-- pytest args]   run the suite, append to reports/history.jsonl, redraw
    ingest   RECORD.json [--junit X.xml]     append an existing harness record, redraw
    backfill (--commits A B ... | --every N) run the suite at past commits (temporary worktrees)
    diff     OLD.json NEW.json               list assertions that flipped
    compare  [--engines ...] [--records R.json ...]   per-engine runs -> reports/compare.json
    render                                   redraw plots and reports/index.html from the files
    readme   [--readme README.md]            rewrite the generated block of the README
    publish-fuzz FIGURES.json ...            copy campaign figures from .cache/work/fuzz/ into reports/fuzz/

``record``/``compare`` run ``pytest spec -n auto`` with ``--record`` and
``--junitxml`` (per-item outcomes for ``diff``); the full record of each run
(with items) is kept in ``.cache/reports/`` and only its compact form goes
into the committed history.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from harness.outcomes import percent, rate_text
from harness.progress import Progress

from . import page, records
from .palette import engine_label

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "reports"
HISTORY = OUT / "history.jsonl"
COMPARE = OUT / "compare.json"
RUNS = ROOT / ".cache" / "reports"
README_START = "<!-- conformance:start -->"
README_END = "<!-- conformance:end -->"
#: the engines of ``compare``: the same names as ``pytest spec --engine``,
#: ``python -m bench --engines`` and ``python -m fuzz.diff --engine``
ENGINES = {name: name for name in ("nanowasm", "wasmtime", "pywasm", "wasm3")}


# -- running the suite -----------------------------------------------------------------


def _git(*args: str, cwd: Path = ROOT) -> str:
    out = subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, text=True)
    return out.stdout.strip()


def run_suite(
    engine: str, extra: list[str], cwd: Path = ROOT, env: dict[str, str] | None = None
) -> dict[str, Any]:
    """Run the spec suite on ``engine`` and return the full record (with items)."""
    RUNS.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="run-", dir=RUNS))
    rec_path, xml_path = tmp / "record.json", tmp / "items.xml"
    # "spec" would select the whole suite even when scripts are named
    where = [] if any(a.startswith("spec/") for a in extra) else ["spec"]
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        *where,
        "-n",
        "auto",
        "--max-worker-restart",
        "1000",
        "--engine",
        ENGINES.get(engine, engine),
        "--record",
        str(rec_path),
        "--junitxml",
        str(xml_path),
        "-o",
        "junit_family=xunit1",
        "-p",
        "no:cacheprovider",
        "-q",
        "--no-header",
        *extra,
    ]
    print("$", " ".join(cmd), flush=True)
    start = time.monotonic()
    proc = subprocess.run(cmd, cwd=cwd, env=env)
    duration = time.monotonic() - start
    if not rec_path.is_file():
        raise SystemExit(f"the run wrote no record (pytest exit status {proc.returncode})")
    record = finish_record(
        records.load_record(rec_path), xml_path if xml_path.is_file() else None, cwd
    )
    record["duration_s"] = round(duration, 1)
    shutil.rmtree(tmp, ignore_errors=True)
    return record


def finish_record(record: dict[str, Any], junit: Path | None, root: Path = ROOT) -> dict[str, Any]:
    """Short engine name, commit date, per-item outcomes and crashed items."""
    record["engine_path"] = record["engine"]
    record["engine"] = engine_label(record["engine"])
    commit = record.get("project_commit", "")
    if commit and commit != "unknown":
        record.setdefault("commit_date", _git("show", "-s", "--format=%cI", commit, cwd=root))
    if junit is not None:
        records.attach_items(record, records.read_junit(junit))
    return records.regroup(record)


def save_full(record: dict[str, Any]) -> Path:
    """Keep the full record (items included) for ``diff``."""
    RUNS.mkdir(parents=True, exist_ok=True)
    stamp = record["date"].replace(":", "").replace("-", "")[:15]
    path = RUNS / f"{record['engine']}-{record['project_commit'][:10]}-{stamp}.json"
    path.write_text(json.dumps(record, separators=(",", ":")) + "\n")
    return path


# -- regenerating the outputs ------------------------------------------------------------


def load_compare() -> dict[str, Any]:
    """``reports/compare.json``, feature figures regrouped like the history's."""
    if not COMPARE.is_file():
        return {}
    data = json.loads(COMPARE.read_text())
    for rec in (data.get("engines") or {}).values():
        records.regroup(rec)
    return dict(data)


def render_all(engine: str = "nanowasm") -> None:
    from . import plots

    entries = records.load_history(HISTORY)
    compare = load_compare()
    written = plots.plot_history(entries, OUT, engine=engine)
    written += plots.plot_history_features(entries, OUT, engine=engine)
    csv_path = OUT / "history.csv"
    csv_path.write_text(records.history_csv(entries))
    written.append(csv_path)
    newest = records.latest(entries, engine)
    if newest is not None:
        written += plots.plot_matrix(newest, OUT)
    if compare.get("engines"):
        written += plots.plot_compare(compare["engines"], OUT)
    written.append(page.write(entries, compare, OUT, ROOT, engine))
    for p in written:
        print(f"wrote {p.relative_to(ROOT)}")


def headline_block(
    entries: list[dict[str, Any]], compare: dict[str, Any], engine: str = "nanowasm"
) -> str:
    """The generated README block: headline figures and plot links."""
    newest = records.latest(entries, engine)
    lines = [README_START, "<!-- generated by `python -m reports readme`; do not edit -->", ""]
    if newest is None:
        lines.append("_No conformance run recorded yet._")
    else:
        lines += [
            f"Spec suite (WebAssembly/testsuite `{newest['suite_commit'][:10]}`), "
            f"project commit `{newest['project_commit'][:10]}`, {newest['date'][:10]}:",
            "",
            "| engine | passed | failed | expected failures | skipped | items | passed / run |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        engines = compare.get("engines") or {engine: newest}
        if engine not in engines:
            engines = {engine: newest, **engines}
        for name, rec in engines.items():
            r = newest if name == engine else rec
            c = r["totals"]
            label = f"**{name}**" if name == engine else name
            lines.append(
                f"| {label} {r.get('engine_version', '')} | {c.get('passed', 0):,} | "
                f"{c.get('failed', 0):,} | {c.get('xfailed', 0):,} | "
                f"{c.get('skipped', 0):,} | "
                f"{records.total(c):,} | {rate_text(c)} |"
            )
        lines.append("")
        lines += _whole_suite_line(newest, engine)
        lines.append(
            "Pass rate = passed / items run (all items but the skipped ones), the "
            "figure the terminal summary prints. Expected failures ran and count "
            "against it; they are listed per engine in `spec/xfail/` with the "
            "missing feature as reason. Skipped items are text-format modules (for "
            "engines that do not parse text) and values an adapter cannot express. "
            "Per feature area, each script counts once, under the feature it tests."
        )
        lines += _message_lines(newest)
        lines.append("")
        lines.append("![pass rate over project history](reports/history.png) ")
        lines.append("![pass rate per feature area over history](reports/history-features.png)")
        lines.append("![per-feature matrix](reports/matrix.png)")
        if compare.get("engines"):
            lines.append("![engine comparison](reports/compare.png)")
        lines.append("")
        lines.append(
            "Details: [`reports/index.html`](reports/index.html) (open from disk); "
            "every run and feature area as CSV: "
            "[`reports/history.csv`](reports/history.csv)."
        )
    lines += ["", README_END]
    return "\n".join(lines)


def _whole_suite_line(record: dict[str, Any], engine: str) -> list[str]:
    """The headline when a whole-suite run has nothing but passes: said only
    from the record, so the README cannot claim it for a run that did not."""
    c = record["totals"]
    if (
        record.get("complete") is False
        or c.get("failed", 0)
        or c.get("xfailed", 0)
        or c.get("skipped", 0)
    ):
        return []
    if not c.get("passed") or c.get("passed") != records.total(c):
        return []
    return [
        f"**{engine} runs 100% of the suite**: all {c['passed']:,} items of every script, "
        "`proposals/` and `legacy/` included, passed; no expected failure, nothing skipped.",
        "",
    ]


def _message_lines(record: dict[str, Any]) -> list[str]:
    """README lines on error-message agreement (total, then per feature area)."""
    t = (record.get("message_match") or {}).get("total") or {}
    if not t.get("checked"):
        return []
    lines = [
        "",
        f"Error messages matching the reference interpreter's text: "
        f"{t['matched']:,} of {t['checked']:,} correctly-categorised negative assertions "
        f"({percent(t['matched'], t['checked'])}; a mismatch is not a failure).",
    ]
    rows = page.message_rows(record)
    if rows:
        lines += ["", "| feature | checked | matched | agreement |", "|---|---:|---:|---:|"]
        lines += [f"| {f} | {c:,} | {m:,} | {pct} |" for f, c, m, pct in rows]
    return lines


def rewrite_readme(path: Path, engine: str = "nanowasm") -> bool:
    if not path.is_file():
        print(f"notice: {path} does not exist; nothing rewritten")
        return False
    text = path.read_text()
    start, end = text.find(README_START), text.find(README_END)
    if start < 0 or end < start:
        print(
            f"notice: {path} has no {README_START} ... {README_END} block; add the two "
            "markers where the figures should go"
        )
        return False
    block = headline_block(records.load_history(HISTORY), load_compare(), engine)
    new = text[:start] + block + text[end + len(README_END) :]
    if new != text:
        path.write_text(new)
        print(f"rewrote the conformance block of {path}")
    else:
        print(f"{path} already up to date")
    return True


# -- commands ----------------------------------------------------------------------------


def cmd_record(args: argparse.Namespace, extra: list[str]) -> int:
    record = run_suite(args.engine, extra)
    print(f"full record: {save_full(record)}")
    if not args.no_history:
        records.append_history(record, HISTORY)
        print(f"appended to {HISTORY.relative_to(ROOT)}")
    render_all()
    return 0


def cmd_ingest(args: argparse.Namespace, extra: list[str]) -> int:
    record = finish_record(
        records.load_record(Path(args.record)), Path(args.junit) if args.junit else None
    )
    print(f"full record: {save_full(record)}")
    records.append_history(record, HISTORY)
    render_all()
    return 0


def _commits(args: argparse.Namespace) -> list[str]:
    if args.commits:
        return [_git("rev-parse", c) for c in args.commits]
    every = _git("rev-list", "--reverse", "--first-parent", "HEAD").split()
    chosen = every[:: args.every]
    if every and every[-1] not in chosen:
        chosen.append(every[-1])
    return chosen


def cmd_backfill(args: argparse.Namespace, extra: list[str]) -> int:
    from harness.suite import CACHE_DIR, suite_dir

    suite = suite_dir(None)
    history = Path(args.history)
    done = {(e["engine"], e["project_commit"]) for e in records.load_history(history)}
    base = Path(tempfile.mkdtemp(prefix="nanowasm-backfill-"))
    commits = _commits(args)
    # one line per finished commit (each suite run prints pytest's own progress)
    bar = Progress("backfill", len(commits), unit="commits", interval=0, live=False)
    bar.__enter__()
    for commit in commits:
        bar.advance(1, now=commit[:10])  # commits reached so far, the current one
        short = commit[:10]
        if (args.engine, commit) in done and not args.again:
            print(f"skip {short}: already in the history")
            continue
        has_harness = (
            subprocess.run(
                ["git", "-C", str(ROOT), "cat-file", "-e", f"{commit}:harness/plugin.py"],
                capture_output=True,
            ).returncode
            == 0
        )
        if not has_harness and not args.overlay_harness:
            print(
                f"skip {short}: no harness at this commit (use --overlay-harness to run "
                "it with today's harness)"
            )
            continue
        tree = base / short
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), commit],
            check=True,
            capture_output=True,
        )
        try:
            if not has_harness:
                for rel in ("harness", "spec"):
                    shutil.rmtree(tree / rel, ignore_errors=True)
                    shutil.copytree(
                        ROOT / rel, tree / rel, ignore=shutil.ignore_patterns("__pycache__")
                    )
            (tree / ".cache").mkdir(exist_ok=True)
            os.symlink(CACHE_DIR, tree / ".cache" / "wast")  # conversions are shared
            env = {**os.environ, "NANOWASM_TESTSUITE": str(suite)}
            record = run_suite(args.engine, extra, cwd=tree, env=env)
            record["project_commit"] = commit
            record["commit_date"] = _git("show", "-s", "--format=%cI", commit)
            record["backfill"] = "own harness" if has_harness else "today's harness (overlay)"
            records.append_history(record, history)
            print(f"{short}: {records.pass_rate(record['totals']):.1f}% appended to {history}")
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                capture_output=True,
            )
    bar.__exit__(None, None, None)
    shutil.rmtree(base, ignore_errors=True)
    if history == HISTORY:
        render_all()
    return 0


def cmd_diff(args: argparse.Namespace, extra: list[str]) -> int:
    old, new = records.load_record(Path(args.old)), records.load_record(Path(args.new))
    result = records.diff(old, new)
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        print("\n".join(records.format_diff(result, args.limit)))
    return 1 if result["flips"]["broken"] and args.fail_on_broken else 0


def cmd_compare(args: argparse.Namespace, extra: list[str]) -> int:
    runs: dict[str, dict[str, Any]] = {}
    if args.records:
        for path in args.records:
            p = Path(path)
            xml = p.with_suffix(".xml")
            rec = finish_record(records.load_record(p), xml if xml.is_file() else None)
            runs[rec["engine"]] = rec
    else:
        with Progress("compare", len(args.engines), unit="engines", interval=0, live=False) as bar:
            for engine in args.engines:
                rec = run_suite(engine, extra)
                print(f"full record: {save_full(rec)}")
                runs[rec["engine"]] = rec
                bar.advance(last=engine)
    data = {
        "date": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "engines": {name: records.compact(r, per_file=0) for name, r in runs.items()},
    }
    COMPARE.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")
    print(f"wrote {COMPARE.relative_to(ROOT)}")
    render_all()
    return 0


def cmd_render(args: argparse.Namespace, extra: list[str]) -> int:
    render_all(args.engine)
    return 0


def cmd_readme(args: argparse.Namespace, extra: list[str]) -> int:
    rewrite_readme(Path(args.readme), args.engine)
    return 0


def cmd_publish_fuzz(args: argparse.Namespace, extra: list[str]) -> int:
    """The explicit step from a campaign's work directory into ``reports/fuzz/``."""
    from fuzz.diff import REPORTS_DIR, write_figures

    for path in args.figures:
        rec = json.loads(Path(path).read_text())
        if rec.get("kind") == "diff":
            name = f"diff-{rec['config']}"
        elif rec.get("kind") == "atheris":
            name = f"atheris-{rec['target']}"
        else:
            raise SystemExit(f"{path}: not campaign figures (kind {rec.get('kind')!r})")
        print(f"published {write_figures(rec, name, REPORTS_DIR)}")
    render_all()
    return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m reports",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("record", help="run the suite and append to the history")
    s.add_argument("--engine", default="nanowasm")
    s.add_argument("--no-history", action="store_true", help="only keep the full record")
    s.set_defaults(fn=cmd_record)
    s = sub.add_parser("ingest", help="append an existing harness record")
    s.add_argument("record")
    s.add_argument("--junit", help="pytest --junitxml file of the same run (per-item outcomes)")
    s.set_defaults(fn=cmd_ingest)
    s = sub.add_parser("backfill", help="history for past commits (temporary worktrees)")
    g = s.add_mutually_exclusive_group(required=True)
    g.add_argument("--commits", nargs="+")
    g.add_argument("--every", type=int, help="every N-th commit of the first-parent history")
    s.add_argument("--engine", default="nanowasm")
    s.add_argument(
        "--overlay-harness",
        action="store_true",
        help="run commits that predate the harness with today's harness/ and spec/",
    )
    s.add_argument("--again", action="store_true", help="re-run commits already in the history")
    s.add_argument("--history", default=str(HISTORY), help="history file to append to")
    s.set_defaults(fn=cmd_backfill)
    s = sub.add_parser("diff", help="assertions that flipped between two records")
    s.add_argument("old")
    s.add_argument("new")
    s.add_argument("--json", action="store_true")
    s.add_argument("--limit", type=int, default=200, help="rows shown per group")
    s.add_argument("--fail-on-broken", action="store_true", help="exit 1 if anything broke")
    s.set_defaults(fn=cmd_diff)
    s = sub.add_parser("compare", help="run every engine, write reports/compare.json")
    s.add_argument("--engines", nargs="+", default=list(ENGINES))
    s.add_argument("--records", nargs="+", help="use existing records (R.json, items in R.xml)")
    s.set_defaults(fn=cmd_compare)
    s = sub.add_parser("render", help="redraw plots and the page")
    s.add_argument("--engine", default="nanowasm")
    s.set_defaults(fn=cmd_render)
    s = sub.add_parser("readme", help="rewrite the generated block of README.md")
    s.add_argument("--readme", default=str(ROOT / "README.md"))
    s.add_argument("--engine", default="nanowasm")
    s.set_defaults(fn=cmd_readme)
    s = sub.add_parser("publish-fuzz", help="copy campaign figures into reports/fuzz/")
    s.add_argument("figures", nargs="+", help="figures files of python -m fuzz / fuzz.diff")
    s.set_defaults(fn=cmd_publish_fuzz)
    args, extra = p.parse_known_args(argv)
    if extra and extra[0] == "--":
        extra = extra[1:]
    try:
        return int(args.fn(args, extra))
    except records.RecordError as e:  # e.g. a partial run offered to the history
        print(f"python -m reports {args.command}: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
