"""The three plots (matplotlib, Agg), each written as SVG and PNG.

* :func:`plot_history` -- pass rate of the whole suite over project history;
* :func:`plot_history_features` -- the same per feature area, one panel each;
* :func:`plot_matrix` -- the current per-feature matrix (passed/failed/skipped ...);
* :func:`plot_compare` -- pass rate per feature for several engines.

Pass rates are *passed / items run* (:func:`harness.outcomes.pass_rate`, the
one definition the terminal summary and the page use too).
Colours come from :mod:`reports.palette`.  Figure heights grow with the
number of features, so labels never overlap.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from harness.outcomes import rate_text

from . import palette
from .records import OUTCOMES, fraction, order_key, pass_rate, ran, total

# fixed element ids: redrawing unchanged data gives byte-identical SVGs (no diff churn)
matplotlib.rcParams["svg.hashsalt"] = "nanowasm-reports"

#: stacking order of the matrix (good to bad, then not run)
MATRIX_ORDER = ("passed", "xfailed", "failed", "xpassed", "error", "skipped")


def _save(fig: Any, out_dir: Path, stem: str) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for ext in ("svg", "png"):
        p = out_dir / f"{stem}.{ext}"
        # fixed metadata: regenerating an unchanged plot gives the same SVG
        meta = {"Date": None} if ext == "svg" else {}
        fig.savefig(p, dpi=110, bbox_inches="tight", metadata=meta)
        paths.append(p)
    plt.close(fig)
    return paths


def _run_label(entry: dict[str, Any]) -> str:
    date = (entry.get("commit_date") or entry["date"])[:10]
    return f"{entry['project_commit'][:7]}\n{date[5:]}"


def plot_history(
    entries: list[dict[str, Any]], out_dir: Path, engine: str = "nanowasm", stem: str = "history"
) -> list[Path]:
    """Pass rate of ``engine`` per recorded run (whole suite); the per-feature
    lines are drawn apart by :func:`plot_history_features`, where each has
    its own panel and title instead of a 20-entry legend."""
    runs = sorted((e for e in entries if e["engine"] == engine), key=order_key)
    fig, ax = plt.subplots(figsize=(max(8.0, 1.0 + 0.55 * len(runs)), 4.5))
    if not runs:
        ax.text(
            0.5,
            0.5,
            f"no recorded runs of {engine} yet",
            ha="center",
            va="center",
            transform=ax.transAxes,
        )
        ax.set_axis_off()
        return _save(fig, out_dir, stem)
    xs = list(range(len(runs)))
    ys = [pass_rate(e["totals"]) for e in runs]
    ax.plot(
        xs,
        ys,
        color=palette.TOTAL_COLOUR,
        linewidth=2.5,
        marker="o",
        markersize=5,
        label="whole suite",
    )
    for x, e in zip(xs, runs, strict=True):
        ax.annotate(
            fraction(e["totals"]),
            (x, pass_rate(e["totals"])),
            fontsize=7,
            textcoords="offset points",
            xytext=(0, 7),
            ha="center",
        )
    ax.set_ylim(-2, 105)
    ax.set_xlim(-0.5, len(runs) - 0.5)
    ax.set_ylabel("items passed / items run (%)")
    ax.set_xlabel("project commit (ordered by commit date)")
    ax.set_title(f"Spec-suite pass rate of {engine} over project history")
    _commit_ticks(ax, runs)
    ax.grid(axis="y", alpha=0.3)
    return _save(fig, out_dir, stem)


def _commit_ticks(ax: Any, runs: list[dict[str, Any]], fontsize: int = 8) -> None:
    xs = list(range(len(runs)))
    step = max(1, len(runs) // 25)
    ax.set_xticks(xs[::step])
    ax.set_xticklabels([_run_label(e) for e in runs][::step], fontsize=fontsize)


def plot_history_features(
    entries: list[dict[str, Any]],
    out_dir: Path,
    engine: str = "nanowasm",
    stem: str = "history-features",
) -> list[Path]:
    """One small panel per feature area: its pass rate over the history, the
    whole suite as a grey reference line, the newest figures in the title."""
    runs = sorted((e for e in entries if e["engine"] == engine), key=order_key)
    feats = palette.sort_features(sorted({f for e in runs for f in e["by_feature"]}))
    cols = 4
    nrows = max(1, -(-len(feats) // cols))
    fig, axes = plt.subplots(
        nrows, cols, figsize=(3.2 * cols, 2.3 * nrows), squeeze=False, sharey=True
    )
    xs = list(range(len(runs)))
    for i, ax in enumerate(axes.flat):
        if i >= len(feats):
            ax.set_axis_off()
            continue
        feat = feats[i]
        ys = [
            pass_rate(e["by_feature"][feat]) if ran(e["by_feature"].get(feat, {})) else float("nan")
            for e in runs
        ]
        ax.plot(xs, [pass_rate(e["totals"]) for e in runs], color="#bbbbbb", linewidth=1.0)
        ax.plot(xs, ys, color=palette.feature_colour(feat), linewidth=2.0, marker="o", markersize=3)
        last = runs[-1]["by_feature"].get(feat)
        figure = fraction(last) if last else "-"
        ax.set_title(f"{feat}: {figure}", fontsize=9)
        ax.set_ylim(-5, 105)
        ax.set_xlim(-0.5, max(0.5, len(runs) - 0.5))
        ax.grid(axis="y", alpha=0.3)
        ax.tick_params(labelsize=7)
        _commit_ticks(ax, runs, fontsize=6)
    if not runs:
        fig.text(0.5, 0.5, f"no recorded runs of {engine} yet", ha="center")
    fig.suptitle(
        f"{engine}: pass rate (passed / items run, %) per feature area over project "
        "history; grey = whole suite; title = newest passed / run",
        fontsize=10,
    )
    fig.tight_layout()
    return _save(fig, out_dir, stem)


def _wrap(name: str, width: int = 18) -> str:
    return "\n".join(textwrap.wrap(name, width, break_on_hyphens=True)) or name


def matrix_label(c: dict[str, int]) -> str:
    """The figures beside a matrix bar: ``115/115  (100.0%), 11 skipped``."""
    skipped = f", {c['skipped']} skipped" if c.get("skipped") else ""
    return f"{fraction(c)}  ({rate_text(c)}){skipped}"


def plot_matrix(record: dict[str, Any], out_dir: Path, stem: str = "matrix") -> list[Path]:
    """Per feature: share of items per outcome (stacked bars), counts alongside."""
    feats = palette.sort_features(list(record["by_feature"]))
    rows = [("TOTAL", record["totals"])] + [(f, record["by_feature"][f]) for f in feats]
    rows = rows[::-1]  # TOTAL on top
    fig, ax = plt.subplots(figsize=(11.0, 1.2 + 0.38 * len(rows)))
    ys = list(range(len(rows)))
    left = [0.0] * len(rows)
    present = [o for o in MATRIX_ORDER if any(c.get(o, 0) for _, c in rows)]
    for outcome in present:
        widths = [100.0 * c.get(outcome, 0) / total(c) if total(c) else 0.0 for _, c in rows]
        ax.barh(
            ys,
            widths,
            left=left,
            color=palette.OUTCOME_COLOURS[outcome],
            label=outcome,
            edgecolor="white",
            linewidth=0.5,
            height=0.75,
        )
        left = [a + b for a, b in zip(left, widths, strict=True)]
    for y, (_, c) in zip(ys, rows, strict=True):
        ax.text(101.0, y, matrix_label(c), va="center", fontsize=8)
    ax.set_yticks(ys)
    ax.set_yticklabels([_wrap(n) for n, _ in rows], fontsize=9)
    for lab in ax.get_yticklabels():
        if lab.get_text() == "TOTAL":
            lab.set_fontweight("bold")
    ax.set_xlim(0, 100)
    ax.set_xlabel("share of the feature's items (%)   [right: passed / items run]")
    ax.set_ylabel("feature area")
    ax.set_title(
        f"{record['engine']} {record.get('engine_version', '')}: outcome per feature "
        f"(project {record['project_commit'][:7]}, suite {record['suite_commit'][:7]})",
        fontsize=10,
        pad=22,
    )
    ax.legend(
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        ncol=len(present),
        frameon=False,
        fontsize=9,
        borderaxespad=0.2,
    )
    ax.spines[["top", "right"]].set_visible(False)
    return _save(fig, out_dir, stem)


def plot_compare(
    records: dict[str, dict[str, Any]], out_dir: Path, stem: str = "compare"
) -> list[Path]:
    """Grouped horizontal bars: pass rate per feature, one bar per engine."""
    engines = list(records)
    feats = palette.sort_features(sorted({f for r in records.values() for f in r["by_feature"]}))
    rows = ["TOTAL", *feats][::-1]
    n = len(engines)
    bar = 0.8 / max(1, n)
    fig, ax = plt.subplots(figsize=(11.0, 1.5 + 0.22 * n * len(rows)))
    for i, eng in enumerate(engines):
        rec = records[eng]
        vals = [
            pass_rate(
                rec["totals"]
                if row == "TOTAL"
                else rec["by_feature"].get(row, dict.fromkeys(OUTCOMES, 0))
            )
            for row in rows
        ]
        offs = [y + (n - 1 - i - (n - 1) / 2) * bar for y in range(len(rows))]
        ax.barh(
            offs,
            vals,
            height=bar * 0.92,
            color=palette.engine_colour(eng),
            label=f"{eng} {rec.get('engine_version', '')}".strip(),
        )
        for y, v in zip(offs, vals, strict=True):
            ax.text(v + 0.5, y, f"{v:.0f}", va="center", fontsize=6.5, color="#333333")
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([_wrap(r) for r in rows], fontsize=9)
    for lab in ax.get_yticklabels():
        if lab.get_text() == "TOTAL":
            lab.set_fontweight("bold")
    for y in range(len(rows) - 1):
        ax.axhline(y + 0.5, color="#dddddd", linewidth=0.6)
    ax.set_ylim(-0.5, len(rows) - 0.5)
    ax.set_xlim(0, 105)
    ax.set_xlabel("items passed / items run of the feature (%) -- same suite, same harness rules")
    ax.set_ylabel("feature area")
    ax.set_title("Engine comparison on the WebAssembly spec suite", fontsize=11)
    ax.legend(
        loc="lower left", bbox_to_anchor=(0.0, 1.04), ncol=min(4, n), frameon=False, fontsize=9
    )
    ax.spines[["top", "right"]].set_visible(False)
    return _save(fig, out_dir, stem)
