"""Parse speed of the text front end (``interp.text``) against wasm-tools.

``python -m bench.text_parse [--repeat N] [--json OUT]`` measures, on the same
files:

* modules: every bench kernel's ``.wat`` (``wasm-tools print`` output) with
  :func:`interp.text.parse_module` vs ``wasm-tools parse``;
* scripts: every ``.wast`` of the spec suite with
  :func:`interp.text.script.parse_script` vs ``wasm-tools json-from-wast``.

Speeds are MB of text per second of CPU time (best of ``--repeat``): the
process's own time for nanowasm, the child's for wasm-tools (which includes
its process start and, for scripts, writing the modules to disk; the start-up
cost, measured on an empty module, is also subtracted for a net figure).  Results
agree: the module binaries are checked equal to wasm-tools' (without custom
sections) before anything is timed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from harness.suite import without_custom_sections
from interp.text import parse_module
from interp.text.script import parse_script

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT.parent / "shared" / "bench"
SUITE = ROOT.parent / "shared" / "wasm-testsuite"


def _child_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def time_native(files: list[Path], fn: Any, repeat: int) -> float:
    data = [f.read_bytes() for f in files]
    best = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        for d in data:
            fn(d)
        best = min(best, time.process_time() - t)
    return best


def time_wasm_tools(files: list[Path], args: list[str], repeat: int) -> float:
    best = float("inf")
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(repeat):
            before = _child_cpu()
            for f in files:
                cmd = ["wasm-tools", *args, str(f)]
                if args[0] == "parse":
                    cmd += ["-o", os.path.join(tmp, "out.wasm")]
                else:
                    cmd += ["-o", os.path.join(tmp, "out.json"), "--wasm-dir", tmp]
                subprocess.run(cmd, capture_output=True, check=False)
            best = min(best, _child_cpu() - before)
    return best


def measure(repeat: int) -> dict[str, Any]:
    wats = sorted(BENCH.glob("*/*.wat"))
    for w in wats:  # same results before timing
        ours = parse_module(w.read_bytes())
        theirs = subprocess.run(
            ["wasm-tools", "parse", str(w)], capture_output=True, check=True
        ).stdout
        if without_custom_sections(ours) != without_custom_sections(theirs):
            raise SystemExit(f"{w}: binary differs from wasm-tools parse")
    scripts = sorted(SUITE.rglob("*.wast"))
    out: dict[str, Any] = {"python": sys.version.split()[0], "repeat": repeat}
    with tempfile.TemporaryDirectory() as tmp:  # wasm-tools' cost per process
        empty_wat, empty_wast = Path(tmp, "empty.wat"), Path(tmp, "empty.wast")
        empty_wat.write_text("(module)")
        empty_wast.write_text("(module)")
        startup = {
            "parse": time_wasm_tools([empty_wat] * 10, ["parse"], repeat) / 10,
            "json-from-wast": time_wasm_tools([empty_wast] * 10, ["json-from-wast"], repeat) / 10,
        }
    for label, files, native_fn, tool_args in (
        ("modules", wats, parse_module, ["parse"]),
        ("scripts", scripts, parse_script, ["json-from-wast"]),
    ):
        size = sum(f.stat().st_size for f in files) / 1e6
        native = time_native(files, native_fn, repeat)
        tool = time_wasm_tools(files, tool_args, repeat)
        net = tool - len(files) * startup[tool_args[0]]
        out[label] = {
            "files": len(files),
            "MB": round(size, 3),
            "nanowasm_s": round(native, 3),
            "wasm_tools_s": round(tool, 3),
            "wasm_tools_startup_s": round(startup[tool_args[0]], 4),
            "nanowasm_MB_per_s": round(size / native, 2),
            "wasm_tools_MB_per_s": round(size / tool, 2),
            # start-up dominates (small files): no meaningful net figure
            "wasm_tools_net_MB_per_s": round(size / net, 2) if net > tool / 10 else None,
        }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", default=None, help="also write the figures here")
    args = ap.parse_args(argv)
    res = measure(args.repeat)
    for label in ("modules", "scripts"):
        r = res[label]
        print(
            f"{label}: {r['files']} files, {r['MB']} MB: nanowasm {r['nanowasm_MB_per_s']} MB/s "
            f"({r['nanowasm_s']} s), wasm-tools {r['wasm_tools_MB_per_s']} MB/s "
            f"({r['wasm_tools_s']} s; {r['wasm_tools_net_MB_per_s']} MB/s without its "
            f"{r['wasm_tools_startup_s']} s start-up per file)"
        )
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
