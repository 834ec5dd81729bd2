"""Turn the worker records into Markdown tables, summary ratios and the JSON record.

Ratios are CPU-time ratios ``other_cpu / engine_cpu`` ("x times faster than
other"; > 1 means faster).  A geometric mean is taken over the *core*
kernels where both engines produced a correct result: the WASI programs are
left out of the means because not every engine can run them (wasm3 cannot
here), and a mean over different kernel sets would not compare.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable

OK = "ok"
BASELINE = "pywasm"
SUBJECT = "nanowasm"


def is_kernel(record: dict) -> bool:
    """A shared kernel (../shared/bench), not one of the programs built here."""
    return record.get("group", "kernel") == "kernel"


def _index(records: Iterable[dict]) -> dict[tuple[str, str], dict]:
    return {(r["kernel"], r["engine"]): r for r in records}


def mips(record: dict) -> float | None:
    """Million wasm instructions per CPU second (for the Python equivalents: of the
    wasm program's instruction count, i.e. an equivalent throughput)."""
    if record.get("status") != OK or not record.get("run_cpu"):
        return None
    return record["wasm_instrs"] / record["run_cpu"] / 1e6


def steady_mips(record: dict) -> float | None:
    """Million wasm instructions per CPU second of the second call on the same
    instance (every function compiled by then), or None if not measured."""
    if record.get("status") != OK or not record.get("steady_cpu"):
        return None
    return record["wasm_instrs"] / record["steady_cpu"] / 1e6


def ratio(records: dict, kernel: str, engine: str, other: str) -> float | None:
    """``other``'s CPU time / ``engine``'s on one kernel, or None if either is not a valid result."""
    a, b = records.get((kernel, engine)), records.get((kernel, other))
    if not a or not b or a["status"] != OK or b["status"] != OK:
        return None
    if not a.get("run_cpu") or not b.get("run_cpu"):
        return None
    return b["run_cpu"] / a["run_cpu"]


def geomean_ratio(records: list[dict], engine: str, other: str) -> tuple[float | None, int]:
    """Geometric mean over core kernels of :func:`ratio`; also how many kernels it covers."""
    idx = _index(records)
    kernels = sorted({r["kernel"] for r in records if r["kind"] == "core" and is_kernel(r)})
    values = [v for k in kernels if (v := ratio(idx, k, engine, other)) is not None]
    if not values:
        return None, 0
    return math.exp(sum(math.log(v) for v in values) / len(values)), len(values)


def geomean_mips(records: list[dict], engine: str) -> float | None:
    values = [
        m
        for r in records
        if r["engine"] == engine and r["kind"] == "core" and is_kernel(r) and (m := mips(r))
    ]
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else None


def summarize(records: list[dict], engines: list[str]) -> dict:
    summary: dict = {
        "over": "shared core kernels with a correct result on both engines",
        "engines": {},
    }
    for e in engines:
        vs_base, n_base = geomean_ratio(records, e, BASELINE)
        summary["engines"][e] = {
            "geomean_mips": geomean_mips(records, e),
            "speedup_vs_pywasm": vs_base,
            "kernels": n_base,
        }
    summary["nanowasm_vs"] = {}
    for other in engines:
        if SUBJECT not in engines or other == SUBJECT:
            continue
        value, n = geomean_ratio(records, SUBJECT, other)
        summary["nanowasm_vs"][other] = {"speedup": value, "kernels": n}
    # nanowasm on the programs: the first call (compilation included) and,
    # for the core programs, the second call on the same instance
    summary["programs"] = {
        r["kernel"]: {"first_call_mips": mips(r), "steady_mips": steady_mips(r)}
        for r in records
        if r["engine"] == SUBJECT and not is_kernel(r)
    }
    return summary


# -- Markdown ------------------------------------------------------------------


def _fmt_time(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.0f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"


def _fmt_x(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.3g}x" if value < 100 else f"{value:.0f}x"


def _fmt_mips(value: float | None) -> str:
    return "-" if value is None else f"{value:.3g}"


def _status_cell(record: dict | None) -> str | None:
    """A short cell text for a record without a valid time, else None."""
    if record is None:
        return "not run"
    status = record["status"]
    if status == OK:
        return None
    if status == "wrong":
        return "**WRONG RESULT**"
    if status == "unavailable":
        return "n/a"
    return status


def cpu_table(records: list[dict], engines: list[str], labels: dict[str, str]) -> str:
    """Kernels x engines, best run CPU time (the compact view, also used in the README)."""
    idx = _index(records)
    kernels = list(dict.fromkeys(r["kernel"] for r in records if is_kernel(r)))
    head = "| kernel | " + " | ".join(labels[e] for e in engines) + " |"
    lines = [head, "|" + " --- |" * (len(engines) + 1)]
    for k in kernels:
        cells = []
        for e in engines:
            r = idx.get((k, e))
            cells.append(_status_cell(r) or _fmt_time(r["run_cpu"] if r else None))
        lines.append(f"| {k} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def detail_table(records: list[dict], engines: list[str], labels: dict[str, str]) -> str:
    idx = _index(records)
    kernels = list(dict.fromkeys(r["kernel"] for r in records))
    lines = [
        "| kernel | engine | load CPU | run CPU | run wall | Minstr/s | vs pywasm | repeats | note |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for k in kernels:
        for e in engines:
            r = idx.get((k, e))
            if r is None:
                continue
            bad = _status_cell(r)
            if bad:
                note = "" if r["status"] == "unavailable" else r["note"]  # said once under Notes
                lines.append(f"| {k} | {labels[e]} | {bad} | | | | | | {note} |")
                continue
            lines.append(
                f"| {k} | {labels[e]} | {_fmt_time(r['load_cpu'])} | {_fmt_time(r['run_cpu'])} "
                f"| {_fmt_time(r['run_wall'])} | {_fmt_mips(mips(r))} "
                f"| {_fmt_x(ratio(idx, k, e, BASELINE))} | {r['repeats']} | {r['note']} |"
            )
    return "\n".join(lines)


def summary_table(summary: dict, engines: list[str], labels: dict[str, str]) -> str:
    lines = [
        "| engine | Minstr/s (geomean) | speedup vs pywasm (geomean) | nanowasm speedup vs it |",
        "| --- | --- | --- | --- |",
    ]
    for e in engines:
        s = summary["engines"][e]
        nv = summary["nanowasm_vs"].get(e)
        nv_cell = "(itself)" if e == SUBJECT else _fmt_x(nv["speedup"] if nv else None)
        lines.append(
            f"| {labels[e]} | {_fmt_mips(s['geomean_mips'])} | {_fmt_x(s['speedup_vs_pywasm'])} "
            f"| {nv_cell} |"
        )
    return "\n".join(lines)


def programs_table(record: dict, labels: dict[str, str]) -> str:
    """The interpreter-shaped programs: nanowasm's Minstr/s next to its kernel rate, then CPU times."""
    results = record["results"]
    engines = record["engine_order"]
    idx = _index(results)
    names = list(dict.fromkeys(r["kernel"] for r in results if not is_kernel(r)))
    if not names:
        return ""
    base = record["summary"]["engines"].get(SUBJECT, {}).get("geomean_mips")
    shapes = record.get("programs") or {}
    head = "| program | shape | nanowasm Minstr/s | vs kernel rate | steady Minstr/s | "
    head += "nanowasm vs pywasm | " + " | ".join(labels[e] for e in engines) + " |"
    lines = [head, "|" + " --- |" * (len(engines) + 6)]
    for name in names:
        sh = shapes.get(name, {})
        bits = []
        if sh.get("max_br_table"):
            bits.append(f"br_table {sh['max_br_table']:,}")
        bits.append(f"{sh.get('functions', 0):,} func")
        if sh.get("flat_functions"):
            bits.append(f"{sh['flat_functions']} flat")
        if sh and not sh.get("ok"):
            bits.append("**WRONG SHAPE**")
        r = idx.get((name, SUBJECT))
        m = mips(r) if r else None
        rel = f"{m / base:.2g}x" if m and base else "-"
        sm = steady_mips(r) if r else None
        steady = f"{_fmt_mips(sm)} ({sm / base:.2g}x)" if sm and base else _fmt_mips(sm)
        vs = _fmt_x(ratio(idx, name, SUBJECT, BASELINE))
        cells = [
            _status_cell(idx.get((name, e))) or _fmt_time(idx[(name, e)]["run_cpu"])
            for e in engines
        ]
        lines.append(
            f"| {name} | {', '.join(bits)} | {_fmt_mips(m)} | {rel} | {steady} | {vs} | "
            + " | ".join(cells)
            + " |"
        )
    return "\n".join(lines)


def fuel_table(record: dict) -> str:
    """nanowasm's run CPU with fuel accounting on, against without, per kernel.

    "ratio" is best over best; the last column is the spread: the median,
    lowest and highest ratio of one run with fuel to the run without it next
    to it (records written before the runs were
    interleaved have none).
    """
    fo = record.get("fuel_overhead")
    if not fo or not fo.get("rows"):
        return ""
    lines = [
        "| kernel | without fuel | with fuel | ratio | pairs: ratio per pair |",
        "| --- | --- | --- | --- | --- |",
    ]
    for r in fo["rows"]:
        shown = _fmt_ratio(r["ratio"]) if r["status"] == "ok" else f"{r['status']}: {r['note']}"
        pr = r.get("pair_ratios") or []
        spread = (
            f"{len(pr)}: median {statistics.median(pr):.2f}x, {min(pr):.2f}-{max(pr):.2f}x"
            if pr
            else "-"
        )
        lines.append(
            f"| {r['kernel']} | {_fmt_time(r['no_fuel'])} | {_fmt_time(r['fuel'])} | {shown} "
            f"| {spread} |"
        )
    method = fo.get("method", "same repeats")
    return "\n".join(
        [
            f"Fuel overhead (nanowasm with `fuel={fo['fuel']:.0e}`, run CPU, {method}): "
            f"geometric mean {_fmt_ratio(fo.get('geomean_core_kernels'))} on the core kernels, "
            f"{_fmt_ratio(fo.get('geomean_programs'))} on the programs, "
            f"at most {_fmt_ratio(fo.get('max'))}:",
            "",
            *lines,
        ]
    )


def _fmt_ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}x"


def _fmt_rate(value: float | None) -> str:
    return "-" if value is None else f"{value:.3g}"


def startup_tables(record: dict) -> str:
    """Time to main, compile cost, decode + validate speed and suite time, as Markdown."""
    st = record.get("startup")
    parts: list[str] = []
    if st:
        lines = [
            "| program | module | functions (flat) | to main: cold | warm | speedup "
            "| of which Python start | whole run: cold | warm | speedup "
            "| compile all functions | per function | per KB of code |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for name, cc in st["compile"].items():
            tm = st["to_main"].get(name)
            if tm is None:  # a core module: no main
                start = "| - | - | - | - | - | - | - "
            elif tm.get("status") != "ok":
                start = f"| {tm.get('status')}: {tm.get('note', '')} | | | | | | "
            else:
                warm = tm.get("warm") or {}
                speedup = tm.get("warm_speedup") or {}
                start = (
                    f"| {_fmt_time(tm['to_main'])} | {_fmt_time(warm.get('to_main'))} "
                    f"| {_fmt_ratio(speedup.get('to_main'))} "
                    f"| {_fmt_time(tm['python_start'])} "
                    f"| {_fmt_time(tm['total'])} | {_fmt_time(warm.get('total'))} "
                    f"| {_fmt_ratio(speedup.get('total'))} "
                )
            lines.append(
                f"| {name} | {cc['module_bytes'] / 1024:.0f} KB (code {cc['code_bytes'] / 1024:.0f} KB) "
                f"| {cc['functions']:,} ({cc['flat_functions']}) {start}"
                f"| {_fmt_time(cc['compile'])} | {_fmt_time(cc['compile_per_function'])} "
                f"| {_fmt_time(cc['compile_per_kb'])} |"
            )
        parts += [
            "Startup (`nanowasm run`, wall time from spawn, best of repeats; cold = "
            "`--no-cache`, warm = the compiled-code cache primed by an earlier run, which "
            "also skips validation and decoding function bodies; Python's `.pyc` warm in "
            "both) and compile cost (CPU, every defined function compiled once):",
            "",
            "\n".join(lines),
        ]
        from .startup import decomposition

        steps = decomposition(st["to_main"], st.get("floor"))
        if steps:
            parts += [
                "",
                "Where the CPU time to `main` goes (the process's CPU time per step, "
                "`bench.startup.decomposition`):",
                "",
                steps,
            ]
        d = st.get("decode")
        if d:
            parts += [
                "",
                f"Decode + validate: {_fmt_rate(d['code_mb_per_s'])} MB/s of code section "
                f"({_fmt_rate(d['module_mb_per_s'])} MB/s of module bytes) over "
                f"{len(d['modules'])} modules, {d['code_bytes'] / 1024:.0f} KB of code, "
                f"{_fmt_time(d['seconds'])} CPU.",
            ]
            rest = d.get("without_repeating")
            if rest:
                parts[-1] += (
                    f" Without {', '.join(f'`{n}`' for n in rest['left_out']) or 'none'} "
                    "(generated from templates: most of its bodies are accepted by shape, "
                    "`interp.prevalidate.Shape`; compiled programs do not repeat so): "
                    f"{_fmt_rate(rest['code_mb_per_s'])} MB/s over {rest['modules']} modules, "
                    f"{rest['code_bytes'] / 1024:.0f} KB of code, {_fmt_time(rest['seconds'])} CPU."
                )
            if d["modules"] and "code_mb_per_s" in d["modules"][0]:
                rows = [
                    "| module | code | decode | validate | MB/s of code |",
                    "| --- | --- | --- | --- | --- |",
                ]
                rows += [
                    f"| {r['kernel']} | {r['code_bytes'] / 1024:.1f} KB | {_fmt_time(r['decode'])} "
                    f"| {_fmt_time(r['validate'])} | {_fmt_rate(r['code_mb_per_s'])} |"
                    for r in d["modules"]
                ]
                parts += ["", "\n".join(rows)]
    suite = record.get("suite")
    if suite:
        parts += [
            "",
            f"Suite: `{suite['command']}` took {suite['wall']:.1f} s wall, "
            f"{suite.get('cpu', 0):.0f} s CPU over all processes "
            f"({suite['items']:,} items: {suite['summary_line']}; status {suite['status']}; "
            f"1-min load average {suite.get('loadavg_1min_before', 0):.1f} before, "
            f"{suite.get('loadavg_1min_after', 0):.1f} after, on {suite.get('cpu_count')} CPUs"
            + ("; `.pyc` written and reused" if suite.get("pyc_cache") else "")
            + ").",
        ]
    return "\n".join(parts)


def markdown(record: dict, labels: dict[str, str], detail: bool = True) -> str:
    engines = record["engine_order"]
    results = record["results"]
    meta = (
        f"size `{record['size']}`, best of {record['repeat']} (CPU time, `time.process_time`), "
        f"Python {record['python']['version'].split()[0]}, {record['platform']['machine']}, "
        f"commit {record['git_commit'][:10]}, {record['date'][:10]}"
    )
    parts = [
        f"Benchmarks: {meta}.",
        "",
        "Run CPU time per kernel:",
        "",
        cpu_table(results, engines, labels),
    ]
    parts += ["", "Geometric means over the core kernels (CPU time ratios; >1x = faster):", ""]
    parts.append(summary_table(record["summary"], engines, labels))
    programs = programs_table(record, labels)
    if programs:
        parts += [
            "",
            "Interpreter-shaped programs (`bench/programs`, built from C here; run CPU time, "
            "which includes compiling each function on its first call, as for the kernels: "
            '`many` is mostly compilation; "steady" = a second call on the same instance, '
            "all compiled (core programs), with its ratio to the kernel rate; "
            "Minstr/s counted by nanowasm's fuel; "
            '"vs kernel rate" = nanowasm\'s Minstr/s over its geometric mean on the core '
            "kernels above; analysis in `bench/README.md`):",
            "",
            programs,
        ]
    fuel = fuel_table(record)
    if fuel:
        parts += ["", fuel]
    extra = startup_tables(record)
    if extra:
        parts += ["", extra]
    if detail:
        parts += ["", "Details:", "", detail_table(results, engines, labels)]
    notes = [f"- {e}: {n}" for e, n in record.get("engine_notes", {}).items() if n]
    if notes:
        parts += ["", "Notes:", "", *notes]
    return "\n".join(parts) + "\n"
