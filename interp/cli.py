"""The ``nanowasm`` command line (also ``python -m interp``).

Commands::

    nanowasm run [limits] [--env K=V] [--dir HOST[::GUEST]] [--host N=F.py] prog.wasm [args...]
    nanowasm invoke [limits] [--host NAME=FILE.py] mod.wasm NAME [values...]
    nanowasm validate mod.wasm
    nanowasm inspect [--wat] mod.wasm
    nanowasm wast script.wast

Modules may be binaries (``.wasm``) or text (``.wat``, read by
:mod:`interp.text`); ``wast`` runs a script with the engine's own script layer.

Limits (``run``, ``invoke``, ``wast``): ``--fuel N``, ``--max-memory N``
(pages, or bytes with a suffix: ``65536B``, ``64KiB``, ``16MiB``, ``1GiB``),
``--max-call-depth N``, ``--timeout SECONDS``; ``--trace`` asks the engine to
print executed instructions.

Features (every command): the WebAssembly 3.0 set by
default; ``--disable gc``, ``--enable threads`` (repeatable; names as in
:data:`interp.features.NAMES`).  A module using a disabled proposal is
refused as invalid, with a message naming the proposal.

Values for ``invoke`` are parsed by the export's parameter types: integers in
decimal or hex, signed or unsigned (``-1``, ``0xffffffff``); floats as
decimals, ``inf``, ``-inf``, ``nan``, ``-nan``, ``nan:0x200000`` (payload),
``-0``, or ``0x...`` for the raw IEEE bits (``0x7fc00000``); ``v128`` as one
integer; references as ``null``.  Results print one per line, exactly::

    i32:-1 (4294967295, 0xffffffff)      signed, unsigned, bits
    f32:1.5 (0x3fc00000)                 shortest text that reads back, bits
    f64:nan:0x8000000000000 (0x7ff8000000000000)

``--host NAME=FILE.py`` links a host module written in Python: FILE defines
``host_module(ctx)`` returning a mapping ``name -> extern`` (e.g. an
:class:`interp.host.HostModule`); ``ctx.memory`` is the instance's exported
memory at call time.

Exit status: ``run`` exits with the program's status (``proc_exit`` code,
0 when ``_start`` returns); otherwise 0 on success, 1 for bad input (missing
file, malformed/invalid module, unknown import or export, bad argument), 2
for usage errors, 134 when execution traps (trap, stack/fuel exhaustion,
timeout: the message says which), as wasmtime does.  Errors are one line on
stderr; set ``NANOWASM_DEBUG=1`` to get Python tracebacks instead.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import struct
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import __version__, errors
from .features import NAMES as FEATURE_NAMES
from .features import SUPPORTED, Features
from .types import FuncType, Module

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_TRAP = 0, 1, 2, 134
PAGE_SIZE = 65536
MAX_BACKTRACE = 25  # frames printed after a trap
WIDTH = {"i32": 32, "i64": 64, "f32": 32, "f64": 64, "v128": 128}


class CliError(Exception):
    """Bad input: printed as one line, exit status 1."""


# -- loading ------------------------------------------------------------------------


def read_wasm(path: str) -> bytes:
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise CliError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise CliError(f"{path}: is a directory") from None
    except OSError as e:
        raise CliError(f"{path}: {e.strerror}") from None
    if not data.startswith(b"\0asm"):
        # the text format (.wat): read by the engine's own front end; a
        # TextError (a MalformedError) says where, as line:column
        from .text import TextError, parse_module

        try:
            return parse_module(data)
        except TextError as e:
            raise errors.MalformedError(f"{path}:{e}") from None
    return data


def load_module(path: str, features: Features | None = None) -> Module:
    """Decode and validate; MalformedError / InvalidError propagate to main()."""
    return load_module_bytes(path, features)[0]


def load_module_bytes(path: str, features: Features | None = None) -> tuple[Module, bytes]:
    """:func:`load_module`, also returning the module's bytes (the code cache's key)."""
    from . import decode_module, validate_module

    data = read_wasm(path)
    module = decode_module(data, features)
    validate_module(module, features)
    return module, data


def load_module_cached(
    args: argparse.Namespace, path: str, features: Features
) -> tuple[Module, Any]:
    """Decode and validate for ``run``/``invoke``, with the persistent code cache.

    The cache (interp.codecache) is on by default, ``--no-cache`` turns it
    off; it is returned (or None) so that the command attaches it to the
    store and saves it when done.  When an earlier run of the same engine
    validated the same bytes under the same features, the module is decoded
    with lazy function bodies and not validated again: a warm start.
    """
    if getattr(args, "no_cache", False):
        return load_module(path, features), None
    from . import decode_module, validate_module
    from .codecache import CodeCache, decode_outlined, default_dir, outline_of
    from .features import module_uses, remember_uses

    data = read_wasm(path)
    cache = CodeCache(None, data, features, default_dir())
    if cache.validated:
        if cache.outline is not None:
            module = decode_outlined(data, cache.outline)
        else:
            module = decode_module(data, lazy_bodies=True)
        remember_uses(module, cache.uses)  # instantiate checks the store's features
    else:
        module = decode_module(data, features)
        validate_module(module, features)
        cache.mark_validated(module_uses(module), outline_of(module, data))
    cache.module = module
    return module, cache


def features_of(args: argparse.Namespace) -> Features:
    """``--enable`` / ``--disable``: the 3.0 set, plus and minus the given proposals."""
    feats = Features()
    try:
        feats = feats.enable(*getattr(args, "enable", ())).disable(*getattr(args, "disable", ()))
    except ValueError as e:
        raise CliError(str(e)) from None
    for name in getattr(args, "enable", ()):
        if name not in SUPPORTED:
            print(
                f"nanowasm: warning: feature {name} is not implemented by this engine; "
                "modules using it are still refused",
                file=sys.stderr,
            )
    return feats


# -- limits -----------------------------------------------------------------------

_SIZE_SUFFIX = {
    "b": 1,
    "k": 1024,
    "kib": 1024,
    "m": 1 << 20,
    "mib": 1 << 20,
    "g": 1 << 30,
    "gib": 1 << 30,
}


def parse_memory_limit(text: str) -> int:
    """``--max-memory``: a page count, or bytes with a suffix (rounded down to pages)."""
    m = re.fullmatch(r"\s*(\d+)\s*([a-zA-Z]*)\s*", text)
    if not m or (m.group(2) and m.group(2).lower() not in _SIZE_SUFFIX):
        raise argparse.ArgumentTypeError(
            f"invalid memory size {text!r} (pages, or e.g. 64KiB, 16MiB)"
        )
    n, suffix = int(m.group(1)), m.group(2).lower()
    return n if not suffix else n * _SIZE_SUFFIX[suffix] // PAGE_SIZE


def _non_negative_int(text: str) -> int:
    try:
        n = int(text, 0)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"must be >= 0: {text!r}")
    return n


def _positive_float(text: str) -> float:
    try:
        x = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not x > 0:
        raise argparse.ArgumentTypeError(f"must be > 0: {text!r}")
    return x


def make_store(args: argparse.Namespace) -> Any:
    """A Store with the limits the engine supports; warn about the others."""
    from .runtime import Store

    # its parameter names from the code object: importing inspect for
    # inspect.signature costs ~10 ms (with ast, dis, tokenize), more than a warm run
    code = Store.__init__.__code__
    supported = code.co_varnames[1 : code.co_argcount + code.co_kwonlyargcount]
    wanted = {
        "fuel": args.fuel,
        "max_memory_pages": args.max_memory,
        "max_call_depth": args.max_call_depth,
        "timeout": args.timeout,
        "trace": Tracer() if args.trace else None,
        "features": features_of(args),
    }
    kwargs = {}
    for name, value in wanted.items():
        if value is None:
            continue
        if name in supported:
            kwargs[name] = value
        else:
            option = "--" + name.replace("_", "-").replace("-pages", "")
            print(
                f"nanowasm: warning: {option} is not supported by this engine build",
                file=sys.stderr,
            )
    return Store(**kwargs)


class Tracer:
    """``--trace``: one stderr line per executed instruction.

    The engine calls ``trace(funcidx, offset, name, operands)``; function
    names come from the instance (name section) once :attr:`instance` is set.
    """

    def __init__(self, out: Any = None) -> None:
        self.out = out or sys.stderr
        self.instance: Any = None

    def __call__(self, funcidx: int, offset: int, name: str, operands: tuple[Any, ...]) -> None:
        func = self.instance.func_name(funcidx) if self.instance is not None else f"func[{funcidx}]"
        values = " ".join(_trace_operand(v) for v in operands)
        self.out.write(f"trace: {func} @0x{offset:x}: {name}{' ' if values else ''}{values}\n")


def _trace_operand(v: Any) -> str:
    if isinstance(v, bool):
        return str(int(v))
    if isinstance(v, float):
        return repr(v)
    return str(v) if isinstance(v, int) else type(v).__name__


def _attach_tracer(store: Any, instance: Any) -> None:
    if isinstance(getattr(store, "trace", None), Tracer):
        store.trace.instance = instance


# -- values -------------------------------------------------------------------------


def _numerics() -> Any:
    from . import numerics

    return numerics


def f32_from_bits(bits: int) -> float:
    return _numerics().f32_from_bits(bits)


def f32_to_bits(x: float) -> int:
    return _numerics().f32_to_bits(x)


def f64_from_bits(bits: int) -> float:
    return struct.unpack("<d", struct.pack("<Q", bits))[0]


def f64_to_bits(x: float) -> int:
    return struct.unpack("<Q", struct.pack("<d", x))[0]


_FLOAT = {
    # type: (exponent mask, fraction mask, quiet bit, from_bits, to_bits)
    "f32": (0x7F800000, 0x007FFFFF, 0x00400000, f32_from_bits, f32_to_bits),
    "f64": (0x7FF0000000000000, 0x000FFFFFFFFFFFFF, 0x0008000000000000, f64_from_bits, f64_to_bits),
}


def parse_float_bits(t: str, text: str) -> int:
    """The IEEE bits a command-line float denotes (see module docstring)."""
    exp, frac, quiet, _, to_bits = _FLOAT[t]
    sign_bit = 1 << (WIDTH[t] - 1)
    s = text.strip().lower()
    sign = 0
    if s[:1] in "+-" and s[1:].startswith(("nan", "inf")):
        sign, s = (sign_bit if s[0] == "-" else 0), s[1:]
    if s == "nan":
        return sign | exp | quiet
    if s.startswith("nan:"):
        payload = int(s[4:], 0)
        if not 0 < payload <= frac:
            raise ValueError("NaN payload out of range")
        return sign | exp | payload
    if s in ("inf", "infinity"):
        return sign | exp
    if s.startswith(("0x", "-0x", "+0x")) and not s.startswith(("-", "+")):
        bits = int(s, 16)
        if bits >> WIDTH[t]:
            raise ValueError("too many bits")
        return bits
    x = float(s)
    if t == "f32":
        x = _numerics().fround(x)
    return to_bits(x)


def parse_value(t: object, text: str) -> Any:
    """A command-line argument as the API value of wasm type ``t``."""
    t = str(t)  # value types print as their text-format name
    if t in ("i32", "i64", "v128"):
        v = int(text, 0)
        w = WIDTH[t]
        if not -(1 << (w - 1)) <= v < (1 << w):
            raise ValueError(f"out of range for {t}")
        return v & ((1 << w) - 1)
    if t in _FLOAT:
        return _FLOAT[t][3](parse_float_bits(t, text))
    if t in ("funcref", "externref"):
        if text != "null":
            raise ValueError("only 'null' can be given for a reference")
        return None
    raise ValueError(f"cannot give a {t} on the command line")


def _shortest_float_text(t: str, x: float) -> str:
    """Shortest decimal that reads back to the same f32 (repr() for f64)."""
    if t == "f64" or math.isinf(x):
        return repr(x)
    for digits in range(1, 18):
        text = f"{x:.{digits}g}"
        if _numerics().fround(float(text)) == x:
            return repr(float(text)) if "e" not in text else text
    return repr(x)


def format_value(t: object, v: Any) -> str:
    """``i32:-1 (4294967295, 0xffffffff)``, ``f32:1.5 (0x3fc00000)``, ``funcref:null``."""
    t = str(t)  # value types print as their text-format name
    if t in ("i32", "i64"):
        w = WIDTH[t]
        bits = v & ((1 << w) - 1)  # results are signed (wasmtime-py's convention)
        signed = bits - (1 << w) if bits >> (w - 1) else bits
        return f"{t}:{signed} ({bits}, 0x{bits:0{w // 4}x})"
    if t in _FLOAT:
        exp, frac, _, _, to_bits = _FLOAT[t]
        bits = to_bits(v)
        hexbits = f"0x{bits:0{WIDTH[t] // 4}x}"
        if bits & exp == exp and bits & frac:
            sign = "-" if bits >> (WIDTH[t] - 1) else ""
            return f"{t}:{sign}nan:0x{bits & frac:x} ({hexbits})"
        return f"{t}:{_shortest_float_text(t, v)} ({hexbits})"
    if t == "v128":
        return f"v128:0x{v:032x}"
    return f"{t}:{'null' if v is None else v!r}"


# -- imports ------------------------------------------------------------------------


class HostContext:
    """What a ``--host`` module sees: the instance, once it exists.

    Host functions are created before instantiation but usually need the
    caller's memory: declare them caller-aware (``@func(..., caller=True)``
    receives the calling instance's ``Caller``), or reach it through
    ``ctx.memory`` at call time.
    """

    def __init__(self) -> None:
        self.instance: Any = None

    @property
    def memory(self) -> Any:
        return self.instance.exports["memory"]


def load_host_modules(specs: list[str], ctx: HostContext) -> dict[str, Any]:
    """``--host NAME=FILE.py``: FILE defines ``host_module(ctx)`` returning name -> extern."""
    import importlib.util

    out: dict[str, Any] = {}
    for spec in specs:
        name, eq, path = spec.partition("=")
        if not eq or not name or not path.endswith(".py"):
            raise CliError(f"--host {spec!r}: expected NAME=FILE.py")
        if not os.path.isfile(path):
            raise CliError(f"--host {spec}: {path}: no such file")
        loader_spec = importlib.util.spec_from_file_location(f"nanowasm_host_{name}", path)
        assert loader_spec is not None and loader_spec.loader is not None
        code = importlib.util.module_from_spec(loader_spec)
        loader_spec.loader.exec_module(code)
        factory = getattr(code, "host_module", None)
        if not callable(factory):
            raise CliError(f"--host {spec}: {path} defines no host_module(ctx) function")
        out[name] = factory(ctx)
    return out


def build_imports(module: Module, wasi: Any, hosts: dict[str, Any] | None = None) -> dict[str, Any]:
    """WASI if the module wants it, ``--host`` modules; anything else is a clear error."""
    from .wasi import MODULE_NAME

    hosts = hosts or {}
    imports: dict[str, Any] = dict(hosts)
    for imp in module.imports:
        if imp.module in hosts:
            if imp.name not in hosts[imp.module]:
                raise CliError(
                    f"unknown import {imp.module}.{imp.name}: not defined by --host {imp.module}"
                )
            continue
        if imp.module == MODULE_NAME and wasi is not None:
            if MODULE_NAME not in imports:
                imports[MODULE_NAME] = wasi.imports()[MODULE_NAME]
            continue
        raise CliError(
            f"unknown import {imp.module}.{imp.name} ({imp.kind}): the command line provides "
            f"{MODULE_NAME} and --host NAME=FILE.py modules"
        )
    return imports


def export_func_type(module: Module, name: str) -> FuncType:
    for exp in module.exports:
        if exp.name == name:
            if exp.kind != "func":
                raise CliError(f"export {name!r} is a {exp.kind}, not a function")
            return module.func_types()[exp.index]
    funcs = [e.name for e in module.exports if e.kind == "func"]
    raise CliError(
        f"no exported function {name!r} (exported functions: {', '.join(funcs) or 'none'})"
    )


# -- commands -------------------------------------------------------------------------


def make_wasi(args: argparse.Namespace, argv: list[str]) -> Any:
    """The WASI host of ``run`` and ``invoke``: ``--dir``, ``--env``, this process's streams."""
    from .wasi import Wasi

    preopens = []
    for spec in args.dir:
        host, _, guest = spec.partition("::")
        if not os.path.isdir(host):
            raise CliError(f"--dir {spec}: {host!r} is not a directory")
        preopens.append((guest or host, host))
    env = []
    for item in args.env:
        key, eq, value = item.partition("=")
        if not eq or not key:
            raise CliError(f"--env {item!r}: expected KEY=VALUE")
        env.append((key, value))
    return Wasi(
        args=argv,
        env=env,
        preopens=preopens,
        stdin=sys.stdin.buffer,
        stdout=sys.stdout.buffer,
        stderr=sys.stderr.buffer,
        flush=True,
    )


def cmd_run(args: argparse.Namespace) -> int:
    """A command runs ``_start``; a reactor (``_initialize``, no ``_start``) is initialized."""
    from .runtime import instantiate
    from .wasi import ProcExit

    module, cache = load_module_cached(args, args.wasm, features_of(args))
    exported = {e.name for e in module.exports if e.kind == "func"}
    if "_start" not in exported and "_initialize" not in exported:
        raise CliError(f"{args.wasm}: no _start export (not a WASI command; try `nanowasm invoke`)")
    wasi = make_wasi(args, [args.wasm, *args.args])  # argv[0] as typed, as wasmtime
    store = make_store(args)
    store.code_cache = cache
    ctx = HostContext()
    imports = build_imports(module, wasi, load_host_modules(args.host, ctx))
    try:
        instance = ctx.instance = instantiate(store, module, imports)
        _attach_tracer(store, instance)
        if "_start" in exported:
            code = wasi.run_start(instance)
        else:
            wasi.initialize(instance)
            code = 0
    except ProcExit as e:  # proc_exit from a start function or _initialize
        code = e.code
    finally:
        wasi.close()
        if cache is not None:
            cache.save()
    if not 0 <= code <= 255:
        print(f"nanowasm: program exited with status {code}, reported as 1", file=sys.stderr)
        return 1
    return code


def cmd_invoke(args: argparse.Namespace) -> int:
    """Call one export with WASI linked; a reactor's ``_initialize`` runs first, once."""
    from .runtime import instantiate
    from .wasi import ProcExit

    module, cache = load_module_cached(args, args.wasm, features_of(args))
    ft = export_func_type(module, args.name)
    if len(args.values) != len(ft.params):
        raise CliError(
            f"{args.name} takes {len(ft.params)} argument(s) {ft}, got {len(args.values)}"
        )
    values = []
    for i, (t, text) in enumerate(zip(ft.params, args.values, strict=True), 1):
        try:
            values.append(parse_value(t, text))
        except ValueError as e:
            raise CliError(f"argument {i}: {text!r} is not a valid {t} ({e})") from None
    wasi = make_wasi(args, [args.wasm])
    store = make_store(args)
    store.code_cache = cache
    ctx = HostContext()
    imports = build_imports(module, wasi, load_host_modules(args.host, ctx))
    try:
        instance = ctx.instance = instantiate(store, module, imports)
        _attach_tracer(store, instance)
        if args.name != "_initialize" and "_start" not in instance.exports:
            wasi.initialize(instance)  # the WASI application ABI: reactors first
        wasi.bind(instance)
        results = instance.invoke(args.name, *values)
    except ProcExit as e:
        print(f"nanowasm: program called proc_exit({e.code})", file=sys.stderr)
        return e.code if 0 <= e.code <= 255 else 1
    finally:
        wasi.close()
        if cache is not None:
            cache.save()
    for t, v in zip(ft.results, results, strict=True):
        print(format_value(t, v))
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    module = load_module(args.wasm, features_of(args))
    print(f"{args.wasm}: valid ({len(module.funcs)} functions, {len(module.exports)} exports)")
    return EXIT_OK


SECTION_NAMES = {
    0: "custom", 1: "type", 2: "import", 3: "function", 4: "table", 5: "memory", 6: "global",
    7: "export", 8: "start", 9: "element", 10: "code", 11: "data", 12: "datacount", 13: "tag",
}  # fmt: skip


def _read_leb_u32(data: bytes, pos: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        if pos >= len(data) or shift > 28:
            raise errors.MalformedError("unexpected end in section header")
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return result, pos


def section_headers(data: bytes) -> list[tuple[int, int, int, str]]:
    """(id, offset of contents, size, custom name) of each section, from the raw bytes."""
    out = []
    pos = 8
    while pos < len(data):
        sid = data[pos]
        size, start = _read_leb_u32(data, pos + 1)
        name = ""
        if sid == 0:
            n, p = _read_leb_u32(data, start)
            name = data[p : p + n].decode("utf-8", "replace")
        out.append((sid, start, size, name))
        pos = start + size
    return out


def _describe(desc: Any, module: Module) -> str:
    if isinstance(desc, int):
        return f"func {module.types[desc]}"
    kind = type(desc).__name__.replace("Type", "").lower()
    if hasattr(desc, "limits"):
        lim = desc.limits
        extra = f" {desc.elemtype}" if hasattr(desc, "elemtype") else ""
        return f"{kind} {lim.min}..{'' if lim.max is None else lim.max}{extra}"
    return f"global {'mut ' if desc.mutable else ''}{desc.valtype}"


def cmd_inspect(args: argparse.Namespace) -> int:
    data = read_wasm(args.wasm)
    if args.wat:  # the module in the text format (interp.text.writer); parses back
        from .text import TextError
        from .text.writer import module_to_wat

        try:
            sys.stdout.write(module_to_wat(data))
        except TextError as e:
            raise errors.MalformedError(f"{args.wasm}: {e}") from None
        return EXIT_OK
    from . import decode_module

    module = decode_module(data, features_of(args))
    out = [f"{args.wasm}: {len(data)} bytes, version {struct.unpack_from('<I', data, 4)[0]}"]
    out.append("sections:")
    for sid, start, size, name in section_headers(data):
        label = SECTION_NAMES.get(sid, f"unknown({sid})") + (f" {name!r}" if name else "")
        out.append(f"  {label:<24} offset 0x{start:06x}  size {size}")
    out.append(f"types ({len(module.types)}):")
    out += [f"  [{i}] {t}" for i, t in enumerate(module.types)]
    out.append(f"imports ({len(module.imports)}):")
    out += [f"  {imp.module}.{imp.name}: {_describe(imp.desc, module)}" for imp in module.imports]
    n_imported = len(module.imported("func"))
    out.append(f"functions: {len(module.funcs)} defined, {n_imported} imported")
    for label, items in (("tables", module.tables), ("memories", module.mems)):
        out.append(f"{label}: " + (", ".join(_describe(x, module) for x in items) or "none"))
    out.append(f"globals: {len(module.globals)} defined")
    out.append(f"exports ({len(module.exports)}):")
    types = module.func_types()
    for exp in module.exports:
        detail = str(types[exp.index]) if exp.kind == "func" else f"index {exp.index}"
        out.append(f"  {exp.name}: {exp.kind} {detail}")
    if module.start is not None:
        out.append(f"start: func {module.start}")
    out.append(f"data segments: {len(module.datas)}, element segments: {len(module.elems)}")
    print("\n".join(out))
    return EXIT_OK


def cmd_wast(args: argparse.Namespace) -> int:
    """Run a script with the engine's own script layer (:mod:`interp.text`).

    Prints one line per failed command (a refused module with its reason and
    line; the commands that needed it are summarised, not listed) and a summary.
    """
    from .text import TextError
    from .text.run import run_script
    from .text.script import parse_script

    script = Path(args.script)
    if not script.is_file():
        raise CliError(f"{script}: no such file")
    try:
        parsed = parse_script(script.read_bytes())
    except TextError as e:
        raise CliError(f"{script}:{e}") from None
    outcome = run_script(
        parsed,
        str(script),
        lambda: make_store(args),
        verbose=args.verbose,
        features=features_of(args),
    )
    for message in outcome.messages:
        print(message)
    total = outcome.passed + outcome.failed + outcome.skipped
    print(
        f"{script}: {outcome.passed}/{total} passed, {outcome.failed} failed, "
        f"{outcome.skipped} skipped"
    )
    return EXIT_OK if outcome.failed == 0 else EXIT_ERROR


# -- argument parsing -------------------------------------------------------------------


COMMANDS = ("run", "invoke", "validate", "inspect", "wast")


def _limit_options(p: argparse.ArgumentParser) -> None:
    group = p.add_argument_group("limits")
    group.add_argument(
        "--fuel",
        type=_non_negative_int,
        metavar="N",
        help="instruction budget: deterministic, out of fuel is a trap",
    )
    group.add_argument(
        "--max-memory", type=parse_memory_limit, metavar="SIZE",
        help="cap on each memory: pages, or bytes with suffix (64KiB, 16MiB, 1GiB)",
    )  # fmt: skip
    group.add_argument(
        "--max-call-depth",
        type=_non_negative_int,
        metavar="N",
        help="deepest wasm call nesting before exhaustion",
    )
    group.add_argument(
        "--timeout",
        type=_positive_float,
        metavar="SECONDS",
        help="stop execution after SECONDS of wall-clock time",
    )
    group.add_argument("--trace", action="store_true", help="print executed instructions")


def _feature_options(p: argparse.ArgumentParser) -> None:
    fgroup = p.add_argument_group("features (default: WebAssembly 3.0)")
    fgroup.add_argument(
        "--enable", action="append", default=[], metavar="FEATURE",
        help=f"enable a proposal (repeatable): {', '.join(FEATURE_NAMES)}",
    )  # fmt: skip
    fgroup.add_argument(
        "--disable", action="append", default=[], metavar="FEATURE",
        help="disable a proposal (and those that build on it); modules using it are refused",
    )  # fmt: skip


def _program_options(p: argparse.ArgumentParser) -> None:
    """``run`` and ``invoke``: limits, features, --host, the WASI options, --no-cache."""
    _limit_options(p)
    _feature_options(p)
    p.add_argument(
        "--host", action="append", default=[], metavar="NAME=FILE.py",
        help="link a Python host module: FILE defines host_module(ctx) -> {name: extern}",
    )  # fmt: skip
    p.add_argument(
        "--env",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="environment variable for the program (none by default)",
    )
    p.add_argument(
        "--dir",
        action="append",
        default=[],
        metavar="HOST[::GUEST]",
        help="preopen host directory HOST as GUEST (no host files by default)",
    )
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="do not use the compiled-code cache ($XDG_CACHE_HOME/nanowasm)",
    )


def build_parser(commands: Sequence[str] = COMMANDS) -> argparse.ArgumentParser:
    """The command line; with ``commands``, only those sub-commands.

    :func:`main` builds only the command it is given (``nanowasm run ...``
    needs no ``wast`` parser): each ``ArgumentParser`` asks ``gettext`` for
    its three built-in strings, a search of the locale directories each time,
    and building all six parsers was ~5 ms of every start (bench/README.md).
    The shared options are added by functions rather than argparse
    ``parents`` (five more parsers) for the same reason; the help text is
    the same.
    """
    parser = argparse.ArgumentParser(
        prog="nanowasm",
        description="A WebAssembly interpreter in pure Python.",
        epilog="exit status: run -> the program's; else 0 ok, 1 bad input, 2 usage, 134 trap "
        "(also out of fuel, stack exhaustion, timeout). NANOWASM_DEBUG=1 shows tracebacks.",
    )
    parser.add_argument("--version", action="version", version=f"nanowasm {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    if "run" in commands:
        p = sub.add_parser("run", help="run a WASI command (_start) or reactor")
        _program_options(p)
        p.add_argument("wasm", help="a WASI command module (or a reactor: _initialize only)")
        p.add_argument("args", nargs=argparse.REMAINDER, help="arguments for the program")
        p.set_defaults(func=cmd_run)

    if "invoke" in commands:
        p = sub.add_parser("invoke", help="call an exported function (WASI linked)")
        _program_options(p)
        p.add_argument("wasm")
        p.add_argument("name")
        p.add_argument(
            "values", nargs=argparse.REMAINDER, help="arguments, parsed by the param types"
        )
        p.set_defaults(func=cmd_invoke)

    if "validate" in commands:
        p = sub.add_parser("validate", help="decode and validate a module")
        _feature_options(p)
        p.add_argument("wasm")
        p.set_defaults(func=cmd_validate)

    if "inspect" in commands:
        p = sub.add_parser("inspect", help="show sections, types, imports and exports")
        _feature_options(p)
        p.add_argument(
            "--wat",
            action="store_true",
            help="print the module in the text format instead (parses back)",
        )
        p.add_argument("wasm")
        p.set_defaults(func=cmd_inspect)

    if "wast" in commands:
        p = sub.add_parser("wast", help="run a spec test script (.wast)")
        _limit_options(p)
        _feature_options(p)
        p.add_argument("script")
        p.add_argument("-v", "--verbose", action="store_true")
        p.set_defaults(func=cmd_wast)
    return parser


def _trap_message(e: errors.Trap) -> str:
    kinds: dict[type[errors.Trap], str] = {  # exact classes: a Trap subclass names its kind
        errors.OutOfFuel: "out of fuel",
        errors.Timeout: "timeout",
        errors.Exhaustion: "exhaustion",
    }
    kind = kinds.get(type(e), "trap")
    lines = [f"nanowasm: {kind}: {e}"]
    try:
        from .compile import wasm_backtrace
    except ImportError:  # an engine build without backtraces
        return lines[0]
    frames = wasm_backtrace(e)
    if frames:
        lines.append("wasm backtrace (innermost first):")
        shown = [f"  {i}: {name} @0x{off:x}" for i, (name, off) in enumerate(reversed(frames))]
        if len(shown) > MAX_BACKTRACE:  # deep recursion: both ends tell the story
            skipped = len(shown) - MAX_BACKTRACE
            shown = [*shown[: MAX_BACKTRACE - 5], f"  ... {skipped} more frames ...", *shown[-5:]]
        lines += shown
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``nanowasm``; returns the exit status (see module docstring)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    # a command name first: only its parser (anything else, e.g. --help or a
    # typo, gets them all, for the list of commands)
    commands = argv[:1] if argv[:1] and argv[0] in COMMANDS else COMMANDS
    args = build_parser(commands).parse_args(argv)
    if os.environ.get("NANOWASM_DEBUG"):
        return int(args.func(args))
    try:
        return int(args.func(args))
    except CliError as e:
        print(f"nanowasm: error: {e}", file=sys.stderr)
    except errors.MalformedError as e:
        print(f"nanowasm: error: malformed module: {e}", file=sys.stderr)
    except errors.InvalidError as e:
        print(f"nanowasm: error: invalid module: {e}", file=sys.stderr)
    except errors.LinkError as e:
        print(f"nanowasm: error: link error: {e}", file=sys.stderr)
    except errors.Trap as e:
        print(_trap_message(e), file=sys.stderr)
        return EXIT_TRAP
    except KeyboardInterrupt:
        print("nanowasm: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_ERROR
    except Exception as e:  # a bug (ours or a --host module's): still one line
        print(
            f"nanowasm: error: unexpected {type(e).__name__}: {e} (NANOWASM_DEBUG=1 shows a traceback)",
            file=sys.stderr,
        )
    return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
