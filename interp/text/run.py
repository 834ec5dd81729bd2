"""Running a ``.wast`` script on the engine itself (``nanowasm wast``).

The commands come from :func:`interp.text.script.parse_script` (the command
model the spec harness also uses); this runner needs nothing but the engine,
so the CLI works without the test harness.  Results are compared as the
reference interpreter's script runner does: bit patterns for numbers,
``nan:canonical`` / ``nan:arithmetic`` classes (spec 4.3.3), reference
patterns, ``either`` alternatives.  Error texts are prefixes of the engine's
messages.

A module that is refused is reported once, with its reason and line; the
commands that needed it are then counted as not run, not reported one by one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .. import errors
from ..host import spectest
from ..numerics import f32_from_bits, f32_to_bits, f64_from_bits, f64_to_bits
from ..runtime import ExternRef, FuncInst, Store, instantiate
from . import TextError, parse_module
from .script import Script

_WIDTH = {"i32": 32, "i64": 64, "f32": 32, "f64": 64, "i8": 8, "i16": 16}
_QUIET = {
    "f32": (0x7F800000, 0x00400000, 0x007FFFFF),
    "f64": (0x7FF0000000000000, 0x0008000000000000, 0x000FFFFFFFFFFFFF),
}
_CATEGORY = {
    "assert_malformed": "malformed",
    "assert_invalid": "invalid",
    "assert_unlinkable": "unlinkable",
    "assert_uninstantiable": "trap",
    "assert_trap": "trap",
    "assert_exhaustion": "exhaustion",
    "assert_exception": "exception",
    "assert_malformed_custom": "malformed",
}


class CommandFailed(Exception):
    """The command's expectation does not hold (message says why)."""


class NotRun(Exception):
    """The command needs a module that was refused."""


@dataclass
class Outcome:
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    messages: list[str] = field(default_factory=list)


def _arg(v: dict[str, Any]) -> Any:
    t = v["type"]
    if t in ("i32", "i64"):
        return int(v["value"]) & ((1 << _WIDTH[t]) - 1)
    if t == "f32":
        return f32_from_bits(int(v["value"]))
    if t == "f64":
        return f64_from_bits(int(v["value"]))
    if t == "v128":
        w = _WIDTH[v["lane_type"]]
        out = 0
        for k, lane in enumerate(v["value"]):
            out |= (int(lane) & ((1 << w) - 1)) << (k * w)
        return out
    raw = v.get("value")
    if raw is None or raw == "null":
        return None
    if t == "externref":
        return ExternRef(int(raw))
    raise CommandFailed(f"cannot pass a non-null {t} argument")


def _float_matches(t: str, want: str, bits: int) -> bool:
    exp, quiet, frac = _QUIET[t]
    if want == "nan:canonical":
        return bits & exp == exp and bits & frac == quiet
    if want == "nan:arithmetic":
        return bits & exp == exp and bits & quiet != 0
    return bits == int(want)


def _matches(want: dict[str, Any], t: str, got: Any) -> bool:
    kind = want["type"]
    if kind == "either":
        return any(_matches(alt, t, got) for alt in want["values"])
    if kind in ("i32", "i64"):
        return isinstance(got, int) and got & ((1 << _WIDTH[kind]) - 1) == int(want["value"]) & (
            (1 << _WIDTH[kind]) - 1
        )
    if kind in ("f32", "f64"):
        if not isinstance(got, float):
            return False
        bits = f32_to_bits(got) if kind == "f32" else f64_to_bits(got)
        return _float_matches(kind, want["value"], bits)
    if kind == "v128":
        if not isinstance(got, int):
            return False
        lane = want["lane_type"]
        w = _WIDTH[lane]
        for k, lw in enumerate(want["value"]):
            bits = (got >> (k * w)) & ((1 << w) - 1)
            if lane in _QUIET:
                if not _float_matches(lane, lw, bits):
                    return False
            elif bits != int(lw) & ((1 << w) - 1):
                return False
        return True
    # references
    raw = want.get("value")
    if kind == "refnull" or kind.startswith("null") or raw == "null":
        return got is None
    if got is None:
        return False
    if kind == "externref":
        return isinstance(got, ExternRef) and (raw is None or got.value == int(raw))
    if kind == "funcref":
        return isinstance(got, FuncInst)
    return raw is None  # any non-null reference of a GC kind: not distinguishable here


class ScriptRun:
    """The state of one script: instances, registered names, current module."""

    def __init__(
        self,
        script: Script,
        label: str,
        make_store: Callable[[], Store] = Store,
        features: Any = None,
    ) -> None:
        self.script = script
        self.features = features
        self.label = label
        self.store = make_store()
        self.namespace: dict[str, Any] = {"spectest": spectest(self.store)}
        self.instances: dict[str, Any] = {}
        self.definitions: dict[str, Any] = {}
        self.current: Any = None
        self.current_def: Any = None
        self.refused_at: int | None = None

    def compile(self, cmd: dict[str, Any]) -> Any:
        from .. import decode_module, validate_module

        data = self.script.files[cmd["filename"]]
        if cmd.get("module_type") == "text":
            data = parse_module(data)
        if self.features is None:
            module = decode_module(data)
            validate_module(module)
        else:  # the proposals chosen with --enable / --disable
            module = decode_module(data, self.features)
            validate_module(module, self.features)
        return module

    def instance(self, name: str | None) -> Any:
        if name:
            if name not in self.instances:
                raise NotRun(f"module ${name} is not available")
            return self.instances[name]
        if self.current is None:
            raise NotRun("no current module")
        return self.current

    def act(self, action: dict[str, Any]) -> tuple[list[str], list[Any]]:
        inst = self.instance(action.get("module"))
        export = inst.exports.get(action["field"])
        if export is None:
            raise CommandFailed(f"unknown export {action['field']!r}")
        if action["type"] == "get":
            return [export.type.valtype], [export.value]
        args = [_arg(a) for a in action.get("args", [])]
        out = self.store.call(export, *args)
        return list(export.type.results), list(out)

    def execute(self, cmd: dict[str, Any]) -> None:
        kind = cmd["type"]
        if kind in ("module", "module_definition"):
            if kind == "module":
                self.current = None
            try:
                module = self.compile(cmd)
            except (errors.MalformedError, errors.InvalidError) as e:
                self.refused_at = cmd["line"]
                raise CommandFailed(f"module refused: {e.category}: {e}") from None
            if kind == "module_definition":
                self.current_def = module
                if cmd.get("name"):
                    self.definitions[cmd["name"]] = module
                return
            self._instantiate(module, cmd.get("name"))
            return
        if kind == "module_instance":
            module = self.definitions.get(cmd.get("module", "")) or self.current_def
            if module is None:
                raise NotRun("no module definition")
            self._instantiate(module, cmd.get("instance"))
            return
        if kind == "register":
            self.namespace[cmd["as"]] = self.instance(cmd.get("name")).exports
            return
        if kind == "action":
            self.act(cmd["action"])
            return
        if kind == "assert_return":
            types, got = self.act(cmd["action"])
            want = cmd["expected"]
            if len(got) != len(want) or not all(
                _matches(w, t, g) for w, t, g in zip(want, types, got, strict=True)
            ):
                raise CommandFailed(f"wrong result: expected {want}, got {got}")
            return
        if kind in _CATEGORY:
            self._assert_error(cmd, _CATEGORY[kind])
            return
        raise NotRun(f"command {kind} is not supported")

    def _instantiate(self, module: Any, name: str | None) -> None:
        try:
            inst = instantiate(self.store, module, self.namespace)
        except (errors.LinkError, errors.Trap) as e:
            raise CommandFailed(f"instantiation failed: {e}") from None
        self.current = inst
        self.refused_at = None
        if name:
            self.instances[name] = inst

    def _assert_error(self, cmd: dict[str, Any], want: str) -> None:
        try:
            if "action" in cmd:
                self.act(cmd["action"])
                raise CommandFailed(f"expected {want}, the action returned")
            module = self.compile(cmd)
            if want in ("malformed", "invalid"):
                raise CommandFailed(f"expected {want}, the module was accepted")
            instantiate(self.store, module, self.namespace)
            raise CommandFailed(f"expected {want}, instantiation succeeded")
        except TextError as e:
            got = "malformed"
            message = e.message
        except errors.WasmError as e:
            got = "exception" if type(e).__name__ == "Exception_" else e.category
            message = e.message
        if got != want:
            raise CommandFailed(f"expected {want}, got {got}: {message}")


def run_script(
    script: Script,
    label: str,
    make_store: Callable[[], Store] = Store,
    verbose: bool = False,
    features: Any = None,
) -> Outcome:
    """Run every command; the outcome counts and explains.  ``features``
    (an :class:`interp.Features`, default the engine's) decides which
    proposals' modules are decoded and validated."""
    run = ScriptRun(script, label, make_store, features)
    out = Outcome()
    not_run_after: dict[int, int] = {}
    _run_commands(run, script.commands, out, not_run_after, label, make_store, verbose)
    for line, n in not_run_after.items():
        out.messages.append(
            f"{label}:{line}: {n} later command(s) not run: their module was refused"
        )
    return out


THREAD_JOIN = 60.0
"""Seconds a ``(wait $T)`` waits for its thread before reporting it as hung."""


def _run_thread(
    run: ScriptRun,
    cmd: dict[str, Any],
    label: str,
    make_store: Callable[[], Store],
    verbose: bool,
) -> tuple[threading.Thread, Outcome]:
    """Start a ``(thread ...)`` command: its own store and instances, plus the
    shared ones it names (an instance of a shared memory, typically)."""
    sub = ScriptRun(run.script, label, make_store)
    missing = [n for n in cmd["shared"] if n not in run.instances]
    for name in cmd["shared"]:
        if name in run.instances:
            sub.instances[name] = run.instances[name]
    out = Outcome()
    if missing:
        out.failed += 1
        out.messages.append(f"{label}:{cmd['line']}: thread: module ${missing[0]} is not available")

    def body() -> None:
        try:
            _run_commands(sub, cmd["commands"], out, {}, label, make_store, verbose)
        except BaseException as e:  # reported by the wait, never lost in the thread
            out.failed += 1
            out.messages.append(f"{label}:{cmd['line']}: thread: {type(e).__name__}: {e}")

    t = threading.Thread(target=body, name=f"wast thread ${cmd['name']}", daemon=True)
    t.start()
    return t, out


def _run_commands(
    run: ScriptRun,
    commands: list[dict[str, Any]],
    out: Outcome,
    not_run_after: dict[int, int],
    label: str,
    make_store: Callable[[], Store],
    verbose: bool,
) -> None:
    threads: dict[str | None, tuple[threading.Thread, Outcome]] = {}
    for cmd in commands:
        if cmd["type"] == "thread":
            threads[cmd["name"]] = _run_thread(run, cmd, label, make_store, verbose)
            continue
        if cmd["type"] == "wait":
            started = threads.pop(cmd["thread"], None)
            if started is None:
                out.failed += 1
                out.messages.append(f"{label}:{cmd['line']}: wait: unknown thread ${cmd['thread']}")
                continue
            t, sub = started
            t.join(THREAD_JOIN)
            if t.is_alive():
                out.failed += 1
                out.messages.append(f"{label}:{cmd['line']}: wait: thread still running")
                continue
            out.passed += sub.passed
            out.failed += sub.failed
            out.skipped += sub.skipped
            out.messages.extend(sub.messages)
            continue
        try:
            run.execute(cmd)
            out.passed += 1
        except NotRun as e:
            out.failed += 1
            if run.refused_at is not None:
                not_run_after[run.refused_at] = not_run_after.get(run.refused_at, 0) + 1
            else:
                out.messages.append(f"{label}:{cmd['line']}: {cmd['type']}: {e}")
        except CommandFailed as e:
            out.failed += 1
            msg = str(e)
            out.messages.append(
                f"{label}:{cmd['line']}: {cmd['type']}: {msg if verbose else msg.splitlines()[0]}"
            )
        except errors.WasmError as e:
            out.failed += 1
            out.messages.append(f"{label}:{cmd['line']}: {cmd['type']}: {e.category}: {e}")
