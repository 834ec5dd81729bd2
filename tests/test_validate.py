"""Tests of the validator (:mod:`interp.validate`).

Two parts:

* the official suite: every top-level script of the 2.0 feature set is
  converted with ``wasm-tools json-from-wast``; every ``assert_invalid``
  binary module must raise :class:`InvalidError` whose message starts with
  the expected text, and every plain ``module`` must validate;
* hand-built modules for rules the suite exercises weakly (deep nesting,
  out-of-range indices never raising anything but InvalidError, natural
  alignment derivation for SIMD names).
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from interp.errors import InvalidError, MalformedError
from interp.opcodes import OP, OPCODES
from interp.types import (
    F64,
    FUNCREF,
    I32,
    Export,
    Func,
    FuncType,
    Global,
    GlobalType,
    Limits,
    MemType,
    Module,
    TableType,
)
from interp.validate import natural_alignment_log2, validate_module

try:
    from interp.binary import decode_module
except ImportError:  # pragma: no cover - the decoder lands separately
    decode_module = None  # type: ignore[assignment]

REPO = Path(__file__).resolve().parent.parent
SUITE = Path(os.environ.get("NANOWASM_TESTSUITE", REPO.parent / "shared" / "wasm-testsuite"))
WASM_TOOLS = shutil.which("wasm-tools")

# Top-level scripts outside the 2.0 feature set, by proposal.
_POST_2_0 = {
    "GC": "array array_copy array_fill array_init_data array_init_elem array_new_data "
    "array_new_elem binary-gc br_on_cast br_on_cast_fail i31 ref_cast ref_eq ref_test struct "
    "type-canon type-equivalence type-rec type-subtyping extern table-sub",
    "function references": "br_on_non_null br_on_null call_ref ref_as_non_null local_init ref",
    "tail calls": "return_call return_call_indirect return_call_ref",
    "exceptions": "tag throw throw_ref try_table instance",
    "memory64 / table64": "address64 align64 binary_leb128_64 bulk64 call_indirect64 "
    "endianness64 float_memory64 load64 memory64 memory64-imports memory_copy64 memory_fill64 "
    "memory_grow64 memory_init64 memory_redundancy64 memory_trap64 table64 table_copy64 "
    "table_copy_mixed table_fill64 table_get64 table_grow64 table_init64 table_set64 "
    "table_size64",
    "relaxed SIMD": "i16x8_relaxed_q15mulr_s i32x4_relaxed_trunc i8x16_relaxed_swizzle "
    "relaxed_dot_product relaxed_laneselect relaxed_madd_nmadd relaxed_min_max",
    "annotations": "annotations",
}
SKIP: dict[str, str] = {
    name: reason for reason, names in _POST_2_0.items() for name in names.split()
}

# 2.0 scripts of the 3.0 suite that also hold a few modules using later
# proposals; only there may a module fail to decode (post-2.0 encodings such
# as ``(ref null $t)`` types, table initializers or tag sections).  Everywhere
# else that is a failure.
MIXED: dict[str, str] = {
    "br_if": "typed references",
    "br_table": "typed references",
    "elem": "typed references",
    "exports": "tag section",
    "func": "typed references",
    "global": "typed references",
    "imports": "tag section",
    "linking": "typed references",
    "local_tee": "typed references",
    "ref_is_null": "typed references",
    "ref_null": "typed references",
    "select": "typed references",
    "table": "typed references, table initializers",
    "table_init": "typed references",
    "unreached-invalid": "typed references",
    "unreached-valid": "typed references",
}


def _scripts() -> list[str]:
    if not SUITE.is_dir():
        return []
    names = sorted(p.stem for p in SUITE.glob("*.wast"))
    simd = [n for n in names if n.startswith("simd_")]
    return [n for n in names if n not in SKIP and n not in simd]


@pytest.fixture(scope="module")
def wast_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One directory for converted scripts, so each script converts once."""
    return tmp_path_factory.mktemp("validate_wast")


def _convert(name: str, out: Path) -> dict:
    if WASM_TOOLS is None:
        pytest.skip("wasm-tools not installed")
    target = out / f"{name}.json"
    if target.exists():
        return json.loads(target.read_text())
    subprocess.run(
        [
            WASM_TOOLS,
            "json-from-wast",
            str(SUITE / f"{name}.wast"),
            "-o",
            str(target),
            "--wasm-dir",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    return json.loads(target.read_text())


def _check_script(name: str, out: Path) -> Counter:
    """Validate every binary module of one script; return outcome counts."""
    script = _convert(name, out)
    counts: Counter = Counter()
    failures: list[str] = []
    for cmd in script["commands"]:
        if cmd.get("module_type", "binary") != "binary" or "filename" not in cmd:
            continue
        if cmd["type"] == "module":
            expect = None
        elif cmd["type"] == "assert_invalid":
            expect = cmd["text"]
        else:
            continue
        where = f"{name}.wast:{cmd['line']}"
        try:
            module = decode_module((out / cmd["filename"]).read_bytes())
        except MalformedError as exc:
            if name in MIXED:
                counts["out of scope (post-2.0 encoding)"] += 1
            else:
                failures.append(f"{where}: does not decode: {exc}")
            continue
        try:
            validate_module(module)
        except InvalidError as exc:
            msg = exc.message
            if expect is not None and msg.startswith(expect):
                counts["invalid rejected, message matches"] += 1
            elif expect is not None:
                failures.append(f"{where}: expected {expect!r}, got {msg!r}")
            else:
                failures.append(f"{where}: valid module rejected: {msg}")
        else:
            if expect is None:
                counts["valid accepted"] += 1
            else:
                failures.append(f"{where}: invalid module accepted (expected {expect!r})")
    assert not failures, "\n".join(failures)
    return counts


@pytest.mark.skipif(decode_module is None, reason="decoder (interp.binary) not available")
@pytest.mark.parametrize("name", _scripts())
def test_suite_script(name: str, wast_dir: Path) -> None:
    counts = _check_script(name, wast_dir)
    if not counts:
        pytest.skip("script has no binary module to validate (only malformed/text cases)")


def test_skip_list_names_exist() -> None:
    """The skip list must not silently drift from the suite's file names."""
    if not SUITE.is_dir():
        pytest.skip("test suite not found")
    present = {p.stem for p in SUITE.glob("*.wast")}
    assert set(SKIP) <= present
    assert set(MIXED) <= present


# -- hand-built modules --------------------------------------------------------------


def _i(name: str, *imms: object) -> tuple:
    return (OP[name], *imms)


def _module(body: list, results: tuple = (), params: tuple = (), **fields: object) -> Module:
    """One function of type ``params -> results`` with ``body``, plus ``fields``."""
    module = Module(types=[FuncType(params, results)], funcs=[Func(0, [], body)])
    for key, value in fields.items():
        setattr(module, key, value)
    return module


def _invalid(module: Module, prefix: str) -> None:
    with pytest.raises(InvalidError) as info:
        validate_module(module)
    assert info.value.message.startswith(prefix), info.value.message


@pytest.mark.parametrize(
    ("name", "log2"),
    [
        ("i32.load", 2),
        ("i64.load", 3),
        ("f64.store", 3),
        ("i32.load8_u", 0),
        ("i64.load32_s", 2),
        ("i64.store16", 1),
        ("v128.load", 4),
        ("v128.load8x8_s", 3),
        ("v128.load16_splat", 1),
        ("v128.load32_zero", 2),
        ("v128.store64_lane", 3),
    ],
)
def test_natural_alignment(name: str, log2: int) -> None:
    assert natural_alignment_log2(name) == log2


def test_natural_alignment_known_for_every_memarg_instruction() -> None:
    for info in OPCODES.values():
        if info.imm == "memarg":
            assert 0 <= natural_alignment_log2(info.name) <= 4


def test_alignment_larger_than_natural() -> None:
    mems = [MemType(Limits(1))]
    load = [_i("i32.const", 0), _i("i32.load16_u", 1, 0, 0), _i("drop")]
    validate_module(_module(load, mems=mems))
    load[1] = _i("i32.load16_u", 2, 0, 0)
    _invalid(_module(load, mems=mems), "alignment must not be larger than natural")


def test_deep_nesting_uses_no_recursion() -> None:
    depth = 20_000
    body = [_i("block", None)] * depth + [_i("i32.const", 7)]
    body += [_i("br", depth - 1)] + [_i("end")] * depth
    validate_module(_module(body))
    # the same with a value left over at the innermost end is a type mismatch
    _invalid(_module(body[: depth + 1] + [_i("end")] * depth), "type mismatch")


def test_unreachable_code_is_stack_polymorphic() -> None:
    validate_module(_module([_i("unreachable"), _i("i32.add")], results=("i32",)))
    # polymorphic, yet still typed: i64 operand for i32.add
    _invalid(
        _module([_i("unreachable"), _i("i64.const", 0), _i("i32.add")], results=("i32",)),
        "type mismatch",
    )


def test_select_rules() -> None:
    refs = [_i("ref.null", FUNCREF), _i("ref.null", FUNCREF), _i("i32.const", 1)]
    _invalid(_module([*refs, _i("select"), _i("drop")]), "type mismatch")
    validate_module(_module([*refs, _i("select_t", (FUNCREF,)), _i("drop")]))
    _invalid(_module([*refs, _i("select_t", (FUNCREF, FUNCREF))]), "invalid result arity")
    # after unreachable, untyped select with an unknown operand yields the other type
    validate_module(
        _module([_i("unreachable"), _i("i32.const", 0), _i("select")], results=("i32",))
    )


def test_if_without_else_must_not_change_types() -> None:
    body = [_i("i32.const", 1), _i("if", "i32"), _i("i32.const", 2), _i("end")]
    _invalid(_module(body, results=("i32",)), "type mismatch")


def test_constant_expressions() -> None:
    g_const = Global(GlobalType("i32", False), [_i("i32.const", 1)])
    g_get0 = Global(GlobalType("i32", False), [_i("global.get", 0)])
    validate_module(_module([], globals=[g_const, g_get0]))
    # only preceding globals are visible
    _invalid(_module([], globals=[g_get0, g_const]), "unknown global 0")
    g_mut = Global(GlobalType("i32", True), [_i("i32.const", 1)])
    _invalid(_module([], globals=[g_mut, g_get0]), "constant expression required")
    extended = [_i("i32.const", 1), _i("i32.const", 2), _i("i32.mul")]
    validate_module(_module([], globals=[Global(GlobalType("i32", False), extended)]))
    ctz = [_i("i32.const", 1), _i("i32.ctz")]
    _invalid(
        _module([], globals=[Global(GlobalType("i32", False), ctz)]),
        "constant expression required",
    )
    _invalid(
        _module([], globals=[Global(GlobalType("i64", False), [_i("i32.const", 1)])]),
        "type mismatch",
    )


def test_ref_func_must_be_declared() -> None:
    body = [_i("ref.func", 0), _i("drop")]
    _invalid(_module(body), "undeclared function reference")
    validate_module(_module(body, exports=[Export("f", "func", 0)]))


def test_module_level_rules() -> None:
    validate_module(_module([], mems=[MemType(Limits(1)), MemType(Limits(1))]))  # multi-memory
    _invalid(_module([], mems=[MemType(Limits(65537))]), "memory size must be at most 65536")
    _invalid(_module([], mems=[MemType(Limits(2, 1))]), "size minimum must not be greater")
    _invalid(_module([], tables=[TableType(Limits(3, 2), "funcref")]), "size minimum")
    _invalid(_module([], start=0, types=[FuncType(("i32",), ())]), "start function")
    _invalid(_module([], start=5), "unknown function 5")
    _invalid(Module(funcs=[Func(3, [], [])]), "unknown type 3")
    # memory.init and data.drop need the data count (spec 5.5.16)
    drop = [_i("data.drop", 0)]
    _invalid(_module(drop), "unknown data segment 0")
    validate_module(_module(drop, data_count=1))


def test_error_message_names_the_instruction() -> None:
    with pytest.raises(InvalidError) as info:
        validate_module(_module([_i("nop"), _i("local.get", 3)]))
    assert info.value.message.startswith("unknown local 3")
    assert "local.get" in info.value.message and "function 0" in info.value.message


# -- robustness: mutated immediates never crash the validator --------------------------

_MUTANTS = [0, 1, 2, 3, 7, 255, 65536, 2**32 - 1, 2**32, 2**64 - 1]


def _mutate(instr: tuple, rng: random.Random) -> tuple:
    out = list(instr)
    for k in range(1, len(out)):
        value = out[k]
        if isinstance(value, int) and not isinstance(value, bool):
            out[k] = rng.choice(_MUTANTS)
        elif isinstance(value, tuple) and value and isinstance(value[0], int):
            out[k] = tuple(rng.choice(_MUTANTS) for _ in value)
        elif isinstance(value, tuple) and OPCODES[out[0]].imm == "select_t":
            out[k] = rng.choice([(), (I32, I32), (FUNCREF,), (F64,)])
    return tuple(out)


@pytest.mark.skipif(
    decode_module is None or WASM_TOOLS is None, reason="needs decoder + wasm-tools"
)
def test_mutated_suite_modules_raise_only_invalid_error(wast_dir: Path) -> None:
    modules = []
    for name in ("br_table", "call_indirect", "memory_init", "table_init", "ref_func", "local_tee"):
        script = _convert(name, wast_dir)
        for cmd in script["commands"]:
            if cmd["type"] == "module" and "filename" in cmd:
                with contextlib.suppress(MalformedError):
                    modules.append(decode_module((wast_dir / cmd["filename"]).read_bytes()))
    rng = random.Random(20240601)
    outcomes: Counter = Counter()
    for _ in range(3000):
        module = rng.choice(modules)
        funcs = [f for f in module.funcs if f.body]
        if not funcs:
            continue
        func = rng.choice(funcs)
        pc = rng.randrange(len(func.body))
        original = func.body[pc]
        func.body[pc] = _mutate(original, rng)
        try:
            validate_module(module)
            outcomes["valid"] += 1
        except InvalidError:
            outcomes["invalid"] += 1
        finally:
            func.body[pc] = original
    assert outcomes["invalid"] > 0
