"""The benchmark kernels (``../shared/bench/*/kernel.json``) and the result check.

A kernel is either ``core`` (an exported function called with arguments,
returning one value) or ``wasi`` (a WASI command run with ``argv``, its stdout
compared).  Results must match exactly: f64 results bit for bit, because a
"close enough" float would hide a wrong rounding in an engine.
"""

from __future__ import annotations

import json
import math
import os
import struct
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SIZES = ("small", "default", "large")


def default_kernels_dir() -> Path:
    """``$NANOWASM_BENCH`` or ``<repo>/../shared/bench`` (never copied into the repo)."""
    env = os.environ.get("NANOWASM_BENCH")
    return Path(env) if env else REPO_ROOT.parent / "shared" / "bench"


@dataclass(frozen=True)
class Size:
    """One problem size of a kernel: its inputs, expected output and work."""

    args: list = field(default_factory=list)  # core: call arguments
    argv: list[str] = field(default_factory=list)  # wasi: argv[1:]
    expected: object = None  # core: the value; wasi: the stdout text
    wasm_instrs: int = 0  # wasm instructions this size executes


@dataclass(frozen=True)
class Kernel:
    name: str
    kind: str  # "core" or "wasi"
    folder: Path
    wasm: Path
    python: Path
    export: str
    params: list[str]
    result: str | None
    sizes: dict[str, Size]
    group: str = "kernel"  # "kernel" (../shared/bench) or "program" (bench/programs, built here)

    @property
    def is_wasi(self) -> bool:
        return self.kind == "wasi"

    def wasi_argv(self, size: str) -> list[str]:
        """The full argv of a WASI run: program name first, as a shell would pass it."""
        return [self.name, *self.sizes[size].argv]


def load_kernel(folder: Path) -> Kernel:
    meta = json.loads((folder / "kernel.json").read_text())
    sizes = {}
    for name, s in meta["sizes"].items():
        expected = s.get("expected_stdout", s.get("expected"))
        sizes[name] = Size(
            args=list(s.get("args", [])),
            argv=[str(a) for a in s.get("argv", [])],
            expected=expected,
            wasm_instrs=int(s.get("wasm_instrs", 0)),
        )
    return Kernel(
        name=meta["name"],
        kind=meta.get("kind", "core"),
        folder=folder,
        wasm=folder / meta["wasm"],
        python=folder / meta["python"],
        export=meta.get("export", "_start"),
        params=list(meta.get("params", [])),
        result=meta.get("result"),
        sizes=sizes,
        group=meta.get("group", "kernel"),
    )


def load_kernels(kernels_dir: Path, names: list[str] | None = None) -> list[Kernel]:
    """All kernels under ``kernels_dir`` (sorted: core first, then WASI), or the named ones."""
    folders = sorted(p.parent for p in kernels_dir.glob("*/kernel.json"))
    kernels = [load_kernel(f) for f in folders]
    if names:
        known = {k.name for k in kernels}
        unknown = [n for n in names if n not in known]
        if unknown:
            raise SystemExit(f"unknown kernel(s): {', '.join(unknown)}; known: {sorted(known)}")
        kernels = [k for k in kernels if k.name in names]
    return sorted(kernels, key=lambda k: (k.is_wasi, k.name))


# -- result normalisation and the exact check ---------------------------------


def keep_best(best: dict[str, float], sample: dict[str, float]) -> None:
    """Fold one repeat's timings into ``best``: the minimum per figure, since
    noise on a shared machine only ever adds time."""
    for key, value in sample.items():
        best[key] = min(best.get(key, value), value)


def _signed(bits: int, width: int) -> int:
    bits &= (1 << width) - 1
    return bits - (1 << width) if bits >> (width - 1) else bits


def normalize_result(value: object, result_type: str | None) -> object:
    """Bring an engine's raw result to the form ``kernel.json`` uses.

    Engines differ: some return a list of results, some a bare value; i32 may
    come back as an unsigned bit pattern (nanowasm) or signed (wasm3).
    kernel.json writes integers signed.
    """
    if isinstance(value, (list, tuple)):
        if len(value) != 1:
            return value
        value = value[0]
    if result_type == "i32" and isinstance(value, int):
        return _signed(value, 32)
    if result_type == "i64" and isinstance(value, int):
        return _signed(value, 64)
    if result_type in ("f32", "f64") and isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8", errors="replace")
    return value


def results_equal(got: object, expected: object, result_type: str | None) -> bool:
    """Exact comparison; floats by their f64 bit pattern (so -0.0 != 0.0, NaN payloads count)."""
    if result_type in ("f32", "f64"):
        if not isinstance(got, float) or not isinstance(expected, (int, float)):
            return False
        return struct.pack("<d", got) == struct.pack("<d", float(expected))
    if isinstance(got, float) and math.isnan(got):
        return False
    return type(got) is type(expected) and got == expected
