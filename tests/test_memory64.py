"""memory64 / table64: 64-bit addressing at the bounds, as hypothesis properties.

Each property compares the engine with a model that is plain arithmetic on
Python integers: an access of ``w`` bytes at effective address ``a + offset``
is in bounds iff ``a + offset + w <= size`` (spec 4.4.7, no wrap-around for
i64 addresses), so addresses near 0, near the memory's end and near 2^64
(where ``a + offset`` exceeds 2^64 and a Python ``OverflowError`` lurks) are
drawn on purpose.  Every property runs in both compile modes.
"""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("hypothesis")

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import interp
from interp import compile as compile_mod
from interp.errors import Trap, TrapCode
from interp.text import parse_module

PAGE = 65536
M64 = 2**64 - 1
# the static offsets compiled in (memarg offsets of a 64-bit memory reach 2^64-1)
OFFSETS = (0, 1, 7, PAGE - 1, 2**32, 2**63, M64)
# load name -> width in bytes
LOADS = {"i64.load8_u": 1, "i64.load16_u": 2, "i64.load32_u": 4, "i64.load": 8}
TAIL = bytes(range(0xF0, 0xF8))  # the last 8 bytes of the page, so in-bounds reads see data

# the fixture hands out a maker of fresh instances, so sharing it across examples is safe
SHARED_FIXTURE = [HealthCheck.function_scoped_fixture]

addresses = st.one_of(
    st.integers(0, M64),
    st.integers(0, 16),
    st.integers(PAGE - 16, PAGE + 16),
    st.integers(M64 - 16, M64),
    st.integers(2**32 - 16, 2**32 + 16),
)
lengths = st.one_of(st.integers(0, 32), st.integers(0, M64), st.integers(M64 - 16, M64))


def _module() -> interp.Module:
    loads = " ".join(
        f'(func (export "{name}@{off}") (param i64) (result i64)'
        f" (block $b (br_if $b (i32.const 0))) ({name} offset={off} (local.get 0)))"
        for name in LOADS
        for off in OFFSETS
    )
    tail = "".join(f"\\{b:02x}" for b in TAIL)
    text = (
        f"(module (memory i64 1 2) (table $t i64 3 funcref) (elem (table $t) (i64.const 1) func 0)"
        f' (data (i64.const {PAGE - 8}) "{tail}") {loads}'
        ' (func (export "fill") (param i64 i64)'
        " (block $b (br_if $b (i32.const 0)))"
        " (memory.fill (local.get 0) (i32.const 0xAB) (local.get 1)))"
        ' (func (export "copy") (param i64 i64 i64)'
        " (block $b (br_if $b (i32.const 0)))"
        " (memory.copy (local.get 0) (local.get 1) (local.get 2)))"
        ' (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0)))'
        ' (func (export "size") (result i64) (memory.size))'
        ' (func (export "table.get") (param i64) (result funcref)'
        " (block $b (br_if $b (i32.const 0))) (table.get $t (local.get 0)))"
        ' (func (export "table.grow") (param i64) (result i64)'
        " (table.grow $t (ref.null func) (local.get 0)))"
        ' (func (export "call") (param i64) (call_indirect $t (local.get 0)))'
        ")"
    )
    module = interp.decode_module(parse_module(text))
    interp.validate_module(module)
    return module


MODULE = _module()


@pytest.fixture(params=[False, True], ids=["structured", "flat"])
def new(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A maker of fresh instances (one per example: grow and fill change state);
    ``flat`` forces flat mode (every function has a branch target)."""
    if request.param:
        monkeypatch.setattr(compile_mod, "MAX_PY_LOOPS", -1)
    return lambda: interp.instantiate(interp.Store(), MODULE)


def _model_memory() -> bytearray:
    mem = bytearray(PAGE)
    mem[PAGE - 8 :] = TAIL
    return mem


def _u64(results: list[Any]) -> list[int]:
    """Results as u64 bit patterns (the API hands out i64 results signed)."""
    return [r & M64 for r in results]


def _traps(inst: Any, code: TrapCode, name: str, *args: int) -> bool:
    try:
        inst.invoke(name, *args)
    except Trap as exc:
        assert exc.code is code, (name, args, exc)
        return True
    return False


def test_addresses_are_i64() -> None:
    """The address operand of a 64-bit memory is i64: an i32 one is invalid."""
    bad = "(module (memory i64 1) (func (drop (i32.load (i32.const 0)))))"
    with pytest.raises(interp.InvalidError, match="type mismatch"):
        interp.validate_module(interp.decode_module(parse_module(bad)))


@settings(max_examples=150, deadline=None, suppress_health_check=SHARED_FIXTURE)
@given(addr=addresses, off=st.sampled_from(OFFSETS), name=st.sampled_from(sorted(LOADS)))
def test_load_traps_exactly_at_the_bound(new: Any, addr: int, off: int, name: str) -> None:
    inst = new()
    width = LOADS[name]
    ea = addr + off  # no wrap-around: 64-bit effective addresses are 65-bit sums
    fn = f"{name}@{off}"
    if ea + width > PAGE:
        assert _traps(inst, TrapCode.MEMORY_OUT_OF_BOUNDS, fn, addr)
    else:
        expect = int.from_bytes(_model_memory()[ea : ea + width], "little")
        assert _u64(inst.invoke(fn, addr)) == [expect]


@settings(max_examples=150, deadline=None, suppress_health_check=SHARED_FIXTURE)
@given(d=addresses, n=lengths)
def test_fill_traps_exactly_at_the_bound(new: Any, d: int, n: int) -> None:
    inst = new()
    if d + n > PAGE:
        assert _traps(inst, TrapCode.MEMORY_OUT_OF_BOUNDS, "fill", d, n)
    else:
        inst.invoke("fill", d, n)
        assert bytes(inst.mems[0].data[d : d + n]) == b"\xab" * n


@settings(max_examples=150, deadline=None, suppress_health_check=SHARED_FIXTURE)
@given(d=addresses, s=addresses, n=lengths)
def test_copy_traps_exactly_at_the_bound(new: Any, d: int, s: int, n: int) -> None:
    inst = new()
    if d + n > PAGE or s + n > PAGE:
        assert _traps(inst, TrapCode.MEMORY_OUT_OF_BOUNDS, "copy", d, s, n)
    else:
        inst.invoke("copy", d, s, n)


@settings(max_examples=60, deadline=None, suppress_health_check=SHARED_FIXTURE)
@given(delta=lengths)
def test_grow_fails_with_minus_one_as_i64(new: Any, delta: int) -> None:
    """The memory's maximum is 2 pages: growth beyond fails with -1 (as u64)."""
    inst = new()
    expect = 1 if delta <= 1 else M64
    assert _u64(inst.invoke("grow", delta)) == [expect]
    assert _u64(inst.invoke("size")) == [1 + delta if delta <= 1 else 1]


@settings(max_examples=150, deadline=None, suppress_health_check=SHARED_FIXTURE)
@given(i=addresses)
def test_table_index_traps_exactly_at_the_bound(new: Any, i: int) -> None:
    inst = new()
    if i >= 3:
        assert _traps(inst, TrapCode.TABLE_OUT_OF_BOUNDS, "table.get", i)
        assert _traps(inst, TrapCode.UNDEFINED_ELEMENT, "call", i)
    else:
        assert (inst.invoke("table.get", i)[0] is None) == (i != 1)
        if i != 1:
            assert _traps(inst, TrapCode.UNINITIALIZED_ELEMENT, "call", i)


@settings(max_examples=60, deadline=None, suppress_health_check=SHARED_FIXTURE)
@given(delta=st.one_of(st.integers(0, 16), st.integers(2**32, M64)))
def test_table_grow_fails_with_minus_one_as_i64(new: Any, delta: int) -> None:
    """The table has no maximum; growth beyond the implementation limit fails with -1 (as u64)."""
    inst = new()
    result = _u64(inst.invoke("table.grow", delta))
    assert result == ([3] if delta <= 16 else [M64])
