"""The decoder's and validator's fast paths agree with their general paths.

``interp.binary.decode_expr`` reads the commonest instructions inline and
``interp.validate`` types ``local.*``/``i32.const`` (and one-instruction
constant expressions) without the general rule.  Each fast path must be
invisible: the same instructions, offsets and end position, or the same
error message, as with the fast path switched off.  These tests run both on
the same inputs -- hand-picked LEB128 edge cases and a deterministic random
sample biased towards the inlined opcodes -- and compare.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any, cast

import pytest

from interp import binary, validate
from interp.errors import InvalidError, MalformedError
from interp.opcodes import OP
from interp.types import FUNCREF, I32, I64, FuncType, Module, RefType, ValType

# -- decoding -------------------------------------------------------------------------


def _generic_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every one-byte opcode take the generic path of decode_expr."""
    binary._fast_kinds()  # the current version key
    state = binary._fast_state
    assert state is not None
    monkeypatch.setattr(binary, "_fast_state", (state[0], [binary._K_GENERIC] * 256, state[2]))


def _decode(data: bytes) -> tuple[Any, ...]:
    body: list[tuple] = []
    offsets: list[int] = []
    used: set[int] = set()
    try:
        pos = binary.decode_expr(data, 0, body, offsets, used)
    except MalformedError as err:
        return ("malformed", err.message)
    return ("ok", pos, body, offsets, sorted(used))


def _both(monkeypatch: pytest.MonkeyPatch, samples: list[bytes]) -> None:
    fast = [_decode(s) for s in samples]
    with monkeypatch.context() as m:
        _generic_only(m)
        slow = [_decode(s) for s in samples]
    for data, f, s in zip(samples, fast, slow, strict=True):
        assert f == s, data.hex()


LEBS = [
    b"\x00",
    b"\x3f",
    b"\x40",
    b"\x7f",
    b"\x80\x01",
    b"\xff\x7f",
    b"\x80\x80\x01",
    b"\xff\xff\x7f",
    b"\x80\x80\x80\x01",
    b"\xff\xff\xff\x7f",
    b"\x80\x80\x80\x80\x01",
    b"\xff\xff\xff\xff\x07",
    b"\xff\xff\xff\xff\x0f",  # too large for s32 (and u32 0xffffffff)
    b"\xff\xff\xff\xff\x7f",
    b"\x80\x80\x80\x80\x80\x00",  # too long
    b"\x80",  # cut off
    b"\x80\x80",
    b"\x80\x80\x80\x80",
]

FAST_OPS = [
    OP["local.get"],
    OP["local.set"],
    OP["local.tee"],
    OP["global.get"],
    OP["br"],
    OP["call"],
    OP["i32.const"],
    OP["i32.load"],
    OP["i64.store"],
    OP["i32.add"],
    OP["drop"],
    OP["block"],
    OP["loop"],
    OP["if"],
]


def test_decode_edge_encodings(monkeypatch: pytest.MonkeyPatch) -> None:
    samples = []
    for op in FAST_OPS:
        for leb in LEBS:
            for tail in (b"\x0b", b"", b"\x0b\x0b"):
                samples.append(bytes([op]) + leb + tail)
                samples.append(bytes([op]) + leb + leb + tail)  # memargs: flags, offset
    for bt in (b"\x40", b"\x7f", b"\x7b", b"\x70", b"\x63\x70", b"\x00", b"\x05", b"\x3f"):
        for op in (OP["block"], OP["loop"], OP["if"]):
            samples.append(bytes([op]) + bt + b"\x0b\x0b")
            samples.append(bytes([op]) + bt + b"\x05\x0b\x0b")
            samples.append(bytes([op]) + bt)
    samples.append(bytes([OP["i32.load"], 0x40, 0x01, 0x00, 0x0B]))  # memory index
    samples.append(bytes([OP["i32.load"], 0x80, 0x01, 0x00, 0x0B]))  # bad flags
    _both(monkeypatch, samples)


def test_decode_random_sequences(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(15)
    alphabet = [*FAST_OPS, 0x0B, 0x05, 0x00, 0x01, 0xFC, 0x1A, 0x6A, 0xFF]
    samples = []
    for _ in range(3000):
        out = bytearray()
        for _ in range(rng.randrange(1, 12)):
            out.append(rng.choice(alphabet))
            if rng.random() < 0.7:
                out += rng.choice(LEBS)
            if rng.random() < 0.2:
                out.append(rng.randrange(256))
        if rng.random() < 0.8:
            out.append(0x0B)
        samples.append(bytes(out))
    _both(monkeypatch, samples)


# -- validation -------------------------------------------------------------------------


def _no_fast_validation(m: pytest.MonkeyPatch) -> None:
    for name in ("_OP_LOCAL_GET", "_OP_LOCAL_SET", "_OP_LOCAL_TEE", "_OP_I32_CONST"):
        m.setattr(validate, name, -1)
    m.setattr(validate, "_single_const_ok", lambda *_args: False)
    m.setattr(validate, "_function_indices_ok", lambda *_args: False)


def _fast_equals_slow(
    monkeypatch: pytest.MonkeyPatch, run_all: Callable[[], list[str]]
) -> list[str]:
    """The outcomes of ``run_all`` with the validator's fast paths on equal
    those with them off; returns them (for the caller's coverage check)."""
    fast = run_all()
    with monkeypatch.context() as m:
        _no_fast_validation(m)
        slow = run_all()
    assert fast == slow
    return fast


def _context(nfuncs: int = 3) -> validate.Context:
    ft = FuncType((I32,), (I32,))
    ctx = validate.Context([ft], [ft] * nfuncs, [], [], [], [], 0, frozenset({0, 1}))
    ctx.func_typeidxs = [0] * nfuncs
    ctx.deftypes = validate.validate_types(cast(Module, _OneTypeModule()))
    return ctx


class _OneTypeModule:
    """Just enough of a Module for validate_types: one function type."""

    types = [FuncType((I32,), (I32,))]

    def rec_groups(self) -> list[Any]:
        from interp.types import RecType, SubType

        return [RecType((SubType(True, (), self.types[0]),))]


def _outcome(fn: Callable[[], None]) -> str:
    try:
        fn()
    except InvalidError as err:
        return err.message
    return "valid"


LOCAL_TYPES: list[ValType] = [I32, I64, FUNCREF, RefType(True, 0)]


def _random_body(rng: random.Random, nlocals: int) -> list[tuple]:
    body: list[tuple] = []
    for _ in range(rng.randrange(0, 10)):
        r = rng.random()
        x = rng.randrange(nlocals + 2)  # sometimes out of range
        if r < 0.3:
            body.append((OP["local.get"], x))
        elif r < 0.45:
            body.append((OP["local.set"], x))
        elif r < 0.6:
            body.append((OP["local.tee"], x))
        elif r < 0.75:
            body.append((OP["i32.const"], rng.randrange(2**32)))
        elif r < 0.85:
            body.append((OP["i32.add"],))
        elif r < 0.9:
            body.append((OP["drop"],))
        elif r < 0.95:
            body.append((OP["block"], rng.choice([None, I32])))
        else:
            body.append((OP["end"],))
    return body


def test_validate_random_bodies(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(1515)
    cases = []
    for _ in range(4000):
        params = tuple(rng.choice(LOCAL_TYPES) for _ in range(rng.randrange(3)))
        locals_ = [rng.choice(LOCAL_TYPES) for _ in range(rng.randrange(3))]
        if rng.random() < 0.1:
            locals_.append(RefType(False, 0))  # non-defaultable: local initialization tracking
        results = tuple(rng.choice([I32, I64]) for _ in range(rng.randrange(2)))
        cases.append(
            (FuncType(params, results), locals_, _random_body(rng, len(params) + len(locals_)))
        )

    def run_all() -> list[str]:
        return [
            _outcome(lambda c=c: validate.validate_func_body(_context(), c[0], c[1], c[2]))  # type: ignore[misc]
            for c in cases
        ]

    fast = _fast_equals_slow(monkeypatch, run_all)
    assert "valid" in fast and any(o != "valid" for o in fast)  # both outcomes are exercised


def test_validate_single_const_exprs(monkeypatch: pytest.MonkeyPatch) -> None:
    exprs = [[(OP["i32.const"], 7)], *[[(OP["ref.func"], x)] for x in range(4)]]
    types = [I32, I64, FUNCREF, RefType(False, 0), RefType(True, 0)]

    def run_all() -> list[str]:
        ctx = _context()
        return [
            _outcome(lambda e=e, t=t: validate.validate_const_expr(ctx, e, t, 0))  # type: ignore[misc]
            for e in exprs
            for t in types
        ]

    fast = _fast_equals_slow(monkeypatch, run_all)
    assert "valid" in fast and any(o != "valid" for o in fast)


def test_validate_function_index_elements(monkeypatch: pytest.MonkeyPatch) -> None:
    """Element segments of function indices (the MVP form): in range or not,
    active or passive or declarative, imported functions included."""
    from interp.binary import decode_module
    from interp.text import parse_module

    sources = []
    for xs in ("0", "0 1", "1 0 1", "2", "0 5", "$i"):
        for mode in ("(i32.const 0)", "", "declare"):
            sources.append(
                f"""(module (import "m" "f" (func $i)) (func) (func (param i32))
                (table 4 funcref) (elem {mode} func {xs}))"""
            )

    def run_all() -> list[str]:
        out = []
        for src in sources:
            try:
                module = decode_module(parse_module(src.encode()))
            except MalformedError as err:
                out.append(f"malformed: {err.message}")
                continue
            out.append(_outcome(lambda m=module: validate.validate_module(m)))  # type: ignore[misc]
        return out

    fast = _fast_equals_slow(monkeypatch, run_all)
    assert "valid" in fast and any(o.startswith("unknown function") for o in fast)
