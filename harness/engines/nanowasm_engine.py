"""Adapter for nanowasm (package :mod:`interp`), through its embedding API.

Imported lazily: while the engine is incomplete, a failing import fails the
items (with the import error) instead of the run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import interp
from interp import errors, gc, runtime
from interp.match import top_heaptype
from interp.numerics import f32_from_bits, f32_to_bits, f64_from_bits, f64_to_bits

from ..values import Value
from .base import Engine, EngineError, Unsupported, check_exit, dist_version

_TOP_NAMES = {"func": "funcref", "extern": "externref", "any": "anyref", "exn": "exnref"}
_MASK = {"i32": 0xFFFFFFFF, "i64": 2**64 - 1, "v128": 2**128 - 1}
#: most specific first: Exhaustion derives from Trap
_ERRORS = (
    (errors.MalformedError, "malformed"),
    (errors.InvalidError, "invalid"),
    (errors.LinkError, "unlinkable"),
    (errors.Exhaustion, "exhaustion"),
    (errors.Trap, "trap"),
)


def _engine_error(e: errors.WasmError) -> EngineError:
    for cls, category in _ERRORS:
        if isinstance(e, cls):
            return EngineError(category, e.message)
    return EngineError(getattr(e, "category", "error"), e.message)


def to_api(v: Value) -> Any:
    """Harness value -> nanowasm API value."""
    t, p = v
    if t in ("i32", "i64", "v128"):
        return p
    if t == "f32":
        return f32_from_bits(p)
    if t == "f64":
        return f64_from_bits(p)
    if p is None:
        return None
    if t == "externref":
        return runtime.ExternRef(p)
    if t == "anyref":  # (ref.host N): a host reference in the any hierarchy
        return runtime.HostAnyRef(p)
    raise Unsupported(f"nanowasm adapter cannot pass a non-null {t}")


def from_api(t: str, v: Any) -> Value:
    """nanowasm API value of type ``t`` -> harness value."""
    if isinstance(t, interp.types.RefType):
        # a null is the null of its hierarchy (harness.values.HIERARCHY)
        t = _TOP_NAMES[top_heaptype(t.heap)]
    t = str(t)  # a nanowasm value type prints as its text-format name
    if t in _MASK:
        return (t, int(v) & _MASK[t])
    if t == "f32":
        return (t, f32_to_bits(v))
    if t == "f64":
        return (t, f64_to_bits(v))
    if v is None:
        return (t, None)
    if isinstance(v, runtime.ExternRef):
        return ("externref", v.value)
    if isinstance(v, runtime.FuncInst):
        return ("funcref", ("func", id(v)))
    if isinstance(v, runtime.I31Ref):
        return ("i31ref", v.value)
    if isinstance(v, runtime.HostAnyRef):
        return ("anyref", v.value)
    if isinstance(v, gc.StructRef):
        return ("structref", ("struct", id(v)))
    if isinstance(v, gc.ArrayRef):
        return ("arrayref", ("array", id(v)))
    if isinstance(v, runtime.ExternAnyRef):
        return ("externref", ("internal", from_api("anyref", v.ref)))
    return (t, ("opaque", repr(v)))


class NanowasmEngine(Engine):
    name = "nanowasm"
    parses_text = True  # interp.text
    #: the proposals enabled for decoding, validation and the store: all of
    #: them, as the wasmtime adapter (the suite's proposal scripts need theirs),
    #: minus those the script's folder disables (:meth:`use_features`)
    features: interp.Features = interp.Features.all()
    #: ``--missing-feature``: check each accepted module against wasm-tools with it off
    missing_feature: str | None = None

    def __init__(self) -> None:
        self.store: Any = None
        self.namespace: dict[str, Any] = {}
        self._bench_store: dict[str, Any] = {}  # Store(**...) of benchmark runs

    @property
    def version(self) -> str:
        try:
            return dist_version("nanowasm")
        except Exception:
            return "dev"

    def use_features(self, disabled: frozenset[str]) -> None:
        self.features = interp.Features.all().disable(*sorted(disabled))

    def reset(self) -> None:
        self.store = runtime.Store(features=self.features)
        self.namespace = {"spectest": interp.host.spectest(self.store)}

    def compile(self, wasm: bytes) -> Any:
        try:
            module = interp.decode_module(wasm, self.features)
            interp.validate_module(module, self.features)
            # the custom sections the engine knows, as the reference's script
            # runner checks them (validate_with_custom): assert_invalid_custom
            interp.validate_custom_sections(module)
        except errors.WasmError as e:
            raise _engine_error(e) from None
        if self.missing_feature is not None:
            from ..missing import MissingFeatureMismatch, check_module

            try:
                check_module(wasm, self.missing_feature)
            except MissingFeatureMismatch as e:
                raise EngineError("missing-feature", str(e)) from None
        return module

    def compile_text(self, text: str) -> Any:
        return self.compile_text_bytes(text.encode("utf-8"))

    def compile_text_bytes(self, text: bytes) -> Any:
        """Parse a text module with the engine's own front end, then compile it."""
        from interp.text import parse_module

        try:
            wasm = parse_module(text, self.features)
        except errors.WasmError as e:
            raise _engine_error(e) from None
        return self.compile(wasm)

    def instantiate(self, module: Any) -> Any:
        try:
            return runtime.instantiate(self.store, module, self.namespace)
        except errors.WasmError as e:
            raise _engine_error(e) from None

    def register(self, name: str, instance: Any) -> None:
        self.namespace[name] = instance.exports

    def _export(self, instance: Any, field: str) -> Any:
        if field not in instance.exports:
            raise EngineError("unlinkable", f"unknown export {field!r}")
        return instance.exports[field]

    def invoke(self, instance: Any, field: str, args: Sequence[Value]) -> list[Value]:
        func = self._export(instance, field)
        api_args = [to_api(a) for a in args]
        try:
            out = self.store.call(func, *api_args)
        except errors.WasmError as e:
            raise _engine_error(e) from None
        return [from_api(t, v) for t, v in zip(func.type.results, out, strict=True)]

    def get_global(self, instance: Any, field: str) -> Value:
        g = self._export(instance, field)
        return from_api(g.type.valtype, g.value)

    def read_memory(self, instance: Any, field: str, offset: int, length: int) -> bytes:
        return bytes(self._export(instance, field).data[offset : offset + length])

    def host_func(
        self, params: Sequence[str], results: Sequence[str], fn: Callable[..., list[Value]]
    ) -> Any:
        vt = interp.types.valtype
        ft = interp.types.FuncType(tuple(map(vt, params)), tuple(map(vt, results)))

        def call(*args: Any) -> Any:
            out = fn(*[from_api(t, a) for t, a in zip(params, args, strict=True)])
            return tuple(to_api(v) for v in out)

        return runtime.HostFunc(ft, call)

    # -- timing (python -m bench) ---------------------------------------------------

    def bench_version(self) -> str:
        return f"{self.version} @ {_git_head()}"

    def set_fuel(self, fuel: int | None) -> str | None:
        if fuel is None:
            return None
        import inspect

        if "fuel" not in inspect.signature(runtime.Store).parameters:
            return "interp.Store has no fuel= parameter; --fuel ignored"
        self._bench_store["fuel"] = fuel
        return None

    def _bench_instance(self, data: bytes, imports: dict[str, Any]) -> Any:
        module = interp.decode_module(data)
        interp.validate_module(module)
        return runtime.instantiate(runtime.Store(**self._bench_store), module, imports)

    def load_core(self, data: bytes, export: str, args: list[Any]) -> Callable[[], Any]:
        inst = self._bench_instance(data, {})
        return lambda: inst.invoke(export, *args)

    def load_wasi(self, data: bytes, argv: list[str]) -> Callable[[], bytes]:
        import io

        from interp.wasi import Wasi

        stdout = io.BytesIO()
        wasi = Wasi(args=list(argv), stdout=stdout)
        inst = self._bench_instance(data, wasi.imports())

        def run() -> bytes:
            try:
                check_exit(wasi.run_start(inst))
            finally:
                wasi.close()
            return stdout.getvalue()

        return run


def _git_head() -> str:
    """Short commit of the checkout the engine is imported from ("?" if none)."""
    import subprocess
    from pathlib import Path

    try:
        out = subprocess.run(
            [
                "git",
                "-C",
                str(Path(interp.__file__).resolve().parent),
                "rev-parse",
                "--short",
                "HEAD",
            ],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
        return out.stdout.strip() or "?"
    except (OSError, subprocess.SubprocessError):
        return "?"
