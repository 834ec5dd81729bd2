"""Custom page sizes (proposal overview: ``wasm-proposals/custom-page-sizes.md``).

The suite's ``proposals/custom-page-sizes`` scripts run in the spec run; these
tests pin what the scripts do not: the feature switch in decoding, text and
validation, the store's memory cap in the memory's own pages, lazy memories,
import matching of explicit and implicit 64 KiB pages, and that the generated
code of ``memory.size`` is the memory's own shift (64 KiB memories unchanged).
"""

from __future__ import annotations

import mmap
import re

import pytest

import interp
from interp.compile import function_source
from interp.errors import InvalidError, LinkError, MalformedError
from interp.features import FeatureDisabled, FeatureMalformed, Features
from interp.match import match_externtype
from interp.runtime import MemInst
from interp.text import parse_module
from interp.types import Limits, MemType

CPS = Features().enable("custom_page_sizes")


def wasm(text: str) -> bytes:
    return parse_module(text)


def instance(text: str, store: interp.Store | None = None) -> interp.Instance:
    module = interp.decode_module(wasm(text), CPS)
    interp.validate_module(module, CPS)
    return interp.instantiate(store or interp.Store(features=CPS), module)


MEM_1_BYTE = "\x00asm\x01\x00\x00\x00\x05\x04\x01\x08\x00\x00"  # flags 8, min 0, page 2**0


def test_binary_flag_bit_3_is_a_page_size_exponent() -> None:
    data = MEM_1_BYTE.encode("latin-1")
    assert interp.decode_module(data).mems == [MemType(Limits(0), page_log2=0)]
    assert interp.decode_module(data, CPS).mems[0].page_size == 1
    big = data[:-1] + bytes([65])  # 2**65 cannot be a page size: malformed
    with pytest.raises(MalformedError, match=r"^invalid custom page size"):
        interp.decode_module(big, CPS)


def test_disabled_the_flag_is_malformed_and_names_the_feature() -> None:
    """Without the proposal (the 3.0 default), bit 3 is a malformed limits flag
    (3.0's binary.wast expects exactly that), and the error names the proposal."""
    data = MEM_1_BYTE.encode("latin-1")
    with pytest.raises(FeatureMalformed, match=r"^malformed limits flags") as info:
        interp.decode_module(data, Features())
    assert isinstance(info.value, MalformedError) and isinstance(info.value, FeatureDisabled)
    assert info.value.feature == "custom_page_sizes"
    # decoded without a feature check, validation with the default set refuses it
    module = interp.decode_module(data)
    with pytest.raises(FeatureDisabled, match="custom page size"):
        interp.validate_module(module, Features())


def test_explicit_64k_pages_use_the_proposal_but_match_the_default() -> None:
    """Writing ``(pagesize 65536)`` sets the flag (wasmparser then needs the
    feature too); the page size is the default one, so imports match."""
    explicit = interp.decode_module(wasm("(module (memory 1 (pagesize 65536)))"))
    assert explicit.mems[0].page_log2 == 16
    with pytest.raises(FeatureDisabled):
        interp.validate_module(explicit, Features())
    plain = MemType(Limits(1))
    assert match_externtype(explicit.mems[0], plain) and match_externtype(plain, explicit.mems[0])
    small = MemType(Limits(1), page_log2=0)
    assert not match_externtype(small, plain) and not match_externtype(plain, small)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("(memory 0 (pagesize 2))", "invalid custom page size"),
        ("(memory 0 (pagesize 0x20000))", "invalid custom page size"),
        (
            "(memory 0x1_0000_0000 (pagesize 1))",
            "memory size must be at most 2^32 - 1 bytes for i32",
        ),
        ("(memory 65537 (pagesize 65536))", "memory size must be at most 65536 pages (4GiB)"),
        ("(memory i64 0 0x1_0000_0000_0001)", "memory size must be at most 2^48 pages"),
        ("(memory 2 1 (pagesize 1))", "size minimum must not be greater than maximum"),
    ],
)
def test_validation_wording(text: str, message: str) -> None:
    module = interp.decode_module(wasm(text), CPS)
    with pytest.raises(InvalidError, match=r"^" + re.escape(message)):
        interp.validate_module(module, CPS)


def test_largest_limits_validate() -> None:
    for text in (
        "(memory 0xFFFF_FFFF (pagesize 1))",
        "(memory i64 0xFFFF_FFFF_FFFF_FFFF (pagesize 1))",
        "(memory i64 0x1_0000_0000_0000)",
    ):
        interp.validate_module(interp.decode_module(wasm(text), CPS), CPS)


def test_text_page_size_must_be_a_power_of_two() -> None:
    with pytest.raises(MalformedError, match="invalid custom page size"):
        parse_module("(memory 0 (pagesize 3))")


SIZE_GROW = """(module (memory $m 0 (pagesize 1)) (memory $k 1)
  (func (export "size") (result i32) (memory.size $m))
  (func (export "size64k") (result i32) (memory.size $k))
  (func (export "grow") (param i32) (result i32) (memory.grow $m (local.get 0)))
  (func (export "load") (param i32) (result i32) (i32.load8_u $m (local.get 0))))"""


def test_size_and_grow_count_bytes() -> None:
    inst = instance(SIZE_GROW)
    call = inst.invoke
    assert call("size") == [0]
    assert call("grow", 3) == [0]
    assert call("size") == [3] and len(inst.mems[0].data) == 3
    assert call("load", 2) == [0]
    with pytest.raises(interp.Trap, match="out of bounds memory access"):
        call("load", 3)
    assert call("size64k") == [1]


@pytest.mark.parametrize("flat", [False, True], ids=["structured", "flat"])
def test_memory_size_code_is_the_memorys_own_shift(flat: bool) -> None:
    inst = instance(SIZE_GROW)
    size, size64k = (function_source(inst, i, flat=flat) for i in (0, 1))
    assert "len(M0)" in size and ">>" not in size
    assert "(len(M1) >> 16)" in size64k  # a 64 KiB memory: the code of before


def test_store_cap_is_converted_to_the_memorys_pages() -> None:
    """``max_memory_pages`` counts 64 KiB pages; a 1-byte-page memory may grow
    to as many bytes, not as many of its own pages."""
    inst = instance(SIZE_GROW, interp.Store(features=CPS, max_memory_pages=1))
    assert inst.invoke("grow", 65536) == [0]
    assert inst.invoke("grow", 1) == [-1]
    assert inst.mems[0].size == 65536


def test_declared_maximum_and_lazy_memory() -> None:
    mem = MemInst(MemType(Limits(3, 5), page_log2=0))
    assert mem.size == 3 and mem.max_pages == 5
    assert mem.grow(2) == 3 and mem.grow(1) == 0xFFFFFFFF and mem.size == 5
    assert isinstance(mem.data, mmap.mmap)  # an anonymous mapping: zero pages on first touch
    big = MemInst(MemType(Limits(1 << 20), page_log2=0))  # 1 MiB declared, untouched
    assert isinstance(big.data, mmap.mmap) and len(big.data) == 1 << 20
    assert big.current_type() == MemType(Limits(1 << 20), page_log2=0)


def test_import_needs_the_same_page_size() -> None:
    store = interp.Store(features=CPS)
    exporter = instance('(module (memory (export "m") 0 (pagesize 1)))', store)
    importer = interp.decode_module(wasm('(module (import "e" "m" (memory 0)))'), CPS)
    with pytest.raises(LinkError, match="incompatible import type"):
        interp.instantiate(store, importer, {"e": exporter.exports})


# -- the switches the threads scripts need: memory64, multi_memory, reference_types off --

NO_M64 = Features.all().disable("memory64", "multi_memory", "reference_types")


def test_without_memory64_limits_are_u32() -> None:
    with pytest.raises(MalformedError, match="i32 constant out of range"):
        parse_module("(memory 0x1_0000_0000)", NO_M64)
    parse_module("(memory 0xFFFF_FFFF)", NO_M64)
    data = wasm("(module (memory 0x1_0000_0000))")
    with pytest.raises(FeatureMalformed, match=r"^integer too large") as info:
        interp.decode_module(data, NO_M64)
    assert info.value.feature == "memory64"
    with pytest.raises(FeatureMalformed, match=r"^malformed limits flags"):
        interp.decode_module(wasm("(module (memory i64 1))"), NO_M64)
    with pytest.raises(FeatureMalformed, match=r"^malformed limits flags"):
        interp.decode_module(wasm("(module (table i64 1 funcref))"), NO_M64)


@pytest.mark.parametrize(
    ("text", "message", "feature"),
    [
        ("(module (memory 0) (memory 0))", "multiple memories", "multi_memory"),
        ("(module (table 1 funcref) (table 1 funcref))", "multiple tables", "reference_types"),
    ],
)
def test_second_memory_or_table_without_its_proposal(text: str, message: str, feature: str) -> None:
    with pytest.raises(FeatureDisabled, match=f"^{message}") as info:
        interp.decode_module(wasm(text), NO_M64)
    assert info.value.feature == feature
