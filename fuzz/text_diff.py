"""Differential check of the text front end against ``wasm-tools parse``.

``python -m fuzz.text_diff --cases N --seed S [--json OUT]`` builds random
text from the suite's modules -- each module as the native converter encodes
it, printed by :mod:`interp.text.writer`, then mutated at the token level
(a token dropped, duplicated, swapped with its neighbour, or replaced by
another token of the same text) -- and compares both parsers:

* accept/reject must agree;
* where both accept, the binaries must be equal without custom sections.

Disagreements are printed and counted by kind; ``--json`` writes the figures
(cases, agreements, divergences with their texts).  Each divergence needs a
look: wasm-tools is a different implementation of the same grammar, not the
reference, so either side may be wrong.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from harness.suite import convert_native, list_scripts, suite_dir, without_custom_sections
from interp.text import TextError, parse_module
from interp.text.writer import module_to_wat

_TOKEN = re.compile(r'\(|\)|"(?:[^"\\]|\\.)*"|[^\s()"]+')


def sources(limit_per_script: int = 3) -> list[str]:
    root = suite_dir(None)
    out = []
    for script in list_scripts(root):
        conv = convert_native(root / script)
        n = 0
        for cmd in conv.commands:
            if cmd.get("module_type") == "binary" and cmd["type"] == "module":
                try:
                    out.append(module_to_wat(conv.module_bytes(cmd["filename"])))
                except TextError:
                    continue
                n += 1
                if n >= limit_per_script:
                    break
    return out


def mutate(text: str, rng: random.Random) -> str:
    toks = _TOKEN.findall(text)
    if len(toks) < 4:
        return text
    k = rng.randrange(2, len(toks) - 1)
    op = rng.randrange(4)
    if op == 0:
        del toks[k]
    elif op == 1:
        toks.insert(k, toks[k])
    elif op == 2:
        toks[k], toks[k + 1] = toks[k + 1], toks[k]
    else:
        toks[k] = rng.choice(toks)
    return " ".join(toks)


def wasm_tools_parse(text: str, tmp: Path) -> bytes | None:
    src = tmp / "in.wat"
    src.write_text(text)
    proc = subprocess.run(
        ["wasm-tools", "parse", str(src), "-o", str(tmp / "out.wasm")],
        capture_output=True,
        timeout=60,
        check=False,
    )
    return (tmp / "out.wasm").read_bytes() if proc.returncode == 0 else None


def run(cases: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    pool = sources()
    counts = {
        "cases": 0,
        "both accept, equal": 0,
        "both reject": 0,
        "both accept, binaries differ": 0,
        "only nanowasm accepts": 0,
        "only wasm-tools accepts": 0,
    }
    divergences: list[dict[str, str]] = []
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        for _ in range(cases):
            text = mutate(rng.choice(pool), rng)
            why = ""
            try:
                ours: bytes | None = parse_module(text)
            except TextError as e:
                ours, why = None, e.message
            theirs = wasm_tools_parse(text, tmp)
            counts["cases"] += 1
            if ours is None and theirs is None:
                kind = "both reject"
            elif ours is not None and theirs is not None:
                same = without_custom_sections(ours) == without_custom_sections(theirs)
                kind = "both accept, equal" if same else "both accept, binaries differ"
            else:
                kind = "only nanowasm accepts" if ours is not None else "only wasm-tools accepts"
            counts[kind] += 1
            if kind not in ("both reject", "both accept, equal"):
                divergences.append({"kind": kind, "text": text[:2000], "nanowasm": why})
    return {"seed": seed, "counts": counts, "divergences": divergences}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", default=None)
    args = ap.parse_args(argv)
    res = run(args.cases, args.seed)
    print(json.dumps(res["counts"], indent=1))
    for d in res["divergences"][:20]:
        print(f"--- {d['kind']} ({d['nanowasm']})\n{d['text'][:400]}")
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
